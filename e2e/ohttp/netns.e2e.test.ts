// Oblivious HTTP on a real network (issue 15): a pilot's app, the relay and the server each in a
// network namespace of their own, joined by veth pairs, with no route from the app to the server.
// Proves: every socket the server accepts and every log line it writes show only the relay's address;
// the bytes the relay forwards and gets back carry no cell id, coordinate or answer; a replayed
// encapsulated request is refused. Skipped, saying why, only where `ip netns` is not permitted.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { airlockEnv, BIN, ROOT } from '../testing/airlock-process.ts';
import { makeNetwork, netnsUnavailable } from '../testing/netns.ts';

const unavailable = netnsUnavailable();
if (unavailable) process.stderr.write(`e2e/ohttp skipped: ${unavailable}\n`);

const tag = process.pid % 100000;
const NS = { client: `al-cli-${tag}`, relay: `al-rly-${tag}`, server: `al-srv-${tag}` };
const ADDR = {
  client: '198.18.1.2',
  relayFront: '198.18.1.1',
  relayBack: '198.18.2.1',
  server: '198.18.2.2',
};
const SERVER_URL = `http://${ADDR.server}:8080`;
const RELAY_URL = `http://${ADDR.relayFront}:8081/`;
const PILOT = { lon: '6.632187', lat: '46.512345' };

/** A child process inside a namespace, its output kept; resolves once `ready` appears on stdout. */
function start(command: string[], env: Record<string, string>, ready: RegExp) {
  const child = spawn(command[0], command.slice(1), { cwd: ROOT, env: airlockEnv(env) });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const started = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', () => ready.test(out) && resolve());
    child.once('exit', (code) => reject(new Error(`${command.join(' ')} exited ${code}: ${err}`)));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return { child, started, exited, out: () => out, err: () => err };
}

describe('oblivious HTTP through three network namespaces', { skip: unavailable, timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-ohttp-netns-'));
  const tapFile = join(dir, 'tap.json');
  let net: ReturnType<typeof makeNetwork>;
  let server: ReturnType<typeof start>;
  let relay: ReturnType<typeof start>;
  const children: ChildProcess[] = [];
  let result: {
    cell: string;
    check: { status: number; cell: string };
    report: number;
    first: number;
    replay: { status: number; body: { error: { code: string } } };
    direct: string;
  };
  let sockets: string;
  let tap: { peers: string[]; received: string; sent: string };

  before(async () => {
    const t0 = performance.now();
    const lap = (what: string) => process.stderr.write(`${what}: ${Math.round(performance.now() - t0)} ms\n`);
    net = makeNetwork(
      [NS.client, NS.relay, NS.server],
      [
        { a: NS.client, aAddress: ADDR.client, b: NS.relay, bAddress: ADDR.relayFront },
        { a: NS.relay, aAddress: ADDR.relayBack, b: NS.server, bAddress: ADDR.server },
      ],
    );
    server = start(
      net.exec(NS.server, [process.execPath, '--import', 'tsx', 'e2e/testing/ohttp-server-probe.ts']),
      {
        HOST: ADDR.server,
        PORT: '8080',
        AIRLOCK_DATA_DIR: join(dir, 'data'),
        AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false',
        // Trusting forwarding headers too: the gateway's inner requests must still carry none.
        AIRLOCK_TRUST_PROXY: 'true',
        LOG_LEVEL: 'debug',
        TAP_FILE: tapFile,
      },
      /probe listening on/,
    );
    relay = start(
      net.exec(NS.relay, [
        process.execPath,
        BIN,
        'relay',
        '--gateway',
        `${SERVER_URL}/.well-known/ohttp`,
        '--host',
        '0.0.0.0',
        '--port',
        '8081',
        '--log-every',
        '1',
      ]),
      {},
      /relay listening on/,
    );
    children.push(server.child, relay.child);
    await Promise.all([server.started, relay.started]);
    lap('server and relay listening');

    const client = start(
      net.exec(NS.client, [
        process.execPath,
        '--import',
        'tsx',
        'e2e/testing/ohttp-client-probe.ts',
        RELAY_URL,
        SERVER_URL,
        PILOT.lon,
        PILOT.lat,
      ]),
      {},
      /"direct"/,
    );
    children.push(client.child);
    await client.exited;
    lap('client done');
    result = JSON.parse(client.out());
    // The server's sockets as the kernel sees them, while the relay's keep-alive connections are open.
    sockets = net.run(NS.server, ['ss', '-Htn', 'state', 'established', '( sport = :8080 )']).stdout;
    server.child.kill('SIGTERM');
    await server.exited;
    tap = JSON.parse(readFileSync(tapFile, 'utf8'));
    relay.child.kill('SIGTERM');
    await relay.exited;
  });

  after(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    net?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the app cannot reach the server; through the relay its check and report are answered', () => {
    // The relay's namespace does not route IP between its two links: only `airlock relay` connects them.
    assert.equal(net.run(NS.relay, ['cat', '/proc/sys/net/ipv4/ip_forward']).stdout.trim(), '0');
    assert.match(result.direct, /^unreachable/);
    assert.deepEqual(result.check, { status: 200, cell: result.cell });
    assert.equal(result.report, 202);
  });

  test("the server's sockets only ever saw the relay's address", () => {
    assert.ok(tap.peers.length >= 1);
    assert.deepEqual([...new Set(tap.peers)], [ADDR.relayBack]);
    const peers = sockets
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => line.trim().split(/\s+/).at(-1)!.replace(/:\d+$/, ''));
    assert.ok(peers.length >= 1, `ss showed the relay's open connection: ${sockets}`);
    assert.deepEqual([...new Set(peers)], [ADDR.relayBack]);
  });

  test("the server's logs name neither the app's address nor its cell", () => {
    const logs = server.out() + server.err();
    assert.match(logs, /"route":"\/\.well-known\/ohttp"/, 'the gateway requests were logged (by route)');
    assert.match(logs, /"route":"\/v1\/location\/cells\/:cellId"/, 'and the inner check');
    assert.ok(!logs.includes(ADDR.client), 'no client address');
    assert.ok(!logs.includes(result.cell), 'no cell id');
  });

  test('the relay saw no plaintext: no cell id, coordinate, path or answer in what it carried', () => {
    const received = Buffer.from(tap.received, 'base64');
    const sent = Buffer.from(tap.sent, 'base64');
    // The tap is real: it holds the relay's requests and the gateway's answers.
    assert.ok(received.includes('POST /.well-known/ohttp HTTP/1.1'));
    assert.ok(received.includes('content-type: message/ohttp-req'));
    assert.ok(sent.includes('message/ohttp-res'));
    for (const secret of [
      result.cell,
      '/v1/location/cells',
      'telemetry',
      PILOT.lat,
      PILOT.lon.slice(0, 5),
      '"coverage"',
      'dataset_version',
      'app_performance',
    ]) {
      assert.ok(!received.includes(secret), `relay → server carried "${secret}"`);
      assert.ok(!sent.includes(secret), `server → relay carried "${secret}"`);
    }
    // No forwarding field was added on the way.
    assert.ok(!/forwarded|via:|x-real-ip/i.test(received.toString('latin1')));
  });

  test('a replayed encapsulated request is refused', () => {
    assert.equal(result.first, 200);
    assert.equal(result.replay.status, 400);
    assert.equal(result.replay.body.error.code, 'replayed');
  });

  test('the relay logged totals only', () => {
    const lines = relay
      .err()
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    assert.ok(lines.length >= 1, relay.err());
    for (const l of lines) assert.equal(l.msg, 'relay totals');
    assert.ok(!relay.err().includes(ADDR.client));
    assert.ok(lines.at(-1).forwarded >= 4);
  });
});

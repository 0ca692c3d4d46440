// Every operation of /openapi.json, attacked with malformed input over a real socket (cases from
// e2e/testing/attack-mutations.ts, seeded): each answer is a 4xx in the one JSON error shape when the
// input breaks the declared schema, never a 5xx, never an error in another shape, never a hang; the
// server is healthy afterwards and its log holds no address, e-mail, token or coordinate.
// A route added to the API is attacked here without anyone listing it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cellAt } from '@airlock/core';
import { startTestServer, type TestServer } from '../../packages/server/src/testing/test-server.ts';
import { FLIGHT_START, tinyGpx } from '../testing/attack-fixtures.ts';
import { type AttackAnswer, attackClient, parseRawAnswer, rawExchange } from '../testing/attack-http.ts';
import {
  type AttackCase,
  attackCases,
  type Baseline,
  methodCases,
  seeded,
} from '../testing/attack-mutations.ts';
import { errorShapeProblem } from '../testing/error-shape.ts';
import { scanLogLines } from '../testing/log-scan.ts';
import { type Operation, readOperations } from '../testing/openapi-operations.ts';

const SEED = 20260510;
const RANDOM_PER_OPERATION = 60;
const MIN_REQUESTS = 5000;
const CONCURRENCY = 8;
const TIMEOUT_MS = 15_000;
const ADMIN_TOKEN = 'attack-operator-token-7f3a9c2e51';
const PASSWORD = 'a long pass phrase for the fuzz pilot';

/**
 * Failures that come from a defect in another area, each named, matched as narrowly as the defect
 * allows. They are still sent and checked; the `todo` test at the end lists them. Remove an entry
 * once its defect is fixed (the todo test then passes and says so).
 */
const KNOWN_DEFECTS: Array<{
  defect: string;
  matches: (c: AttackCase, a: AttackAnswer | undefined) => boolean;
}> = [];

interface Failure {
  op: string;
  label: string;
  request: string;
  status: number | 'timeout' | 'error';
  why: string;
  body: string;
}

describe('malformed requests over every operation in /openapi.json', () => {
  let t: TestServer;
  let operations: Operation[];
  let client: ReturnType<typeof attackClient>;
  let pilotAuth: Record<string, string>;
  let pilotEmail: string;
  let pilotId = '';
  let logId = '';
  let bystander: Awaited<ReturnType<TestServer['pilot']>>;
  let bystanderLog = '';
  const tokens: string[] = [];
  const failures: Failure[] = [];
  const knownFailures: Failure[] = [];
  let sent = 0;
  const statuses = new Map<number, number>();
  const turnedAway: string[] = [];

  before(async () => {
    t = await startTestServer({
      env: {
        AIRLOCK_ADMIN_TOKEN: ADMIN_TOKEN,
        // One client (this test) makes every request: the per-client limits would answer 429 to
        // nearly all of them, and the attack would test the limiter instead of the routes.
        AIRLOCK_SIGNUP_PER_CLIENT: '1000000',
        AIRLOCK_SIGNIN_PER_CLIENT: '1000000',
        // Likewise the per-address lockout: malformed sign-ins with the fuzz pilot's address and a
        // wrong password would lock it (5 in 15 min) and the pilot could not sign in again.
        AIRLOCK_SIGNIN_MAX_ATTEMPTS: '1000',
        AIRLOCK_ARGON2_PER_CLIENT: '64',
        AIRLOCK_ARGON2_QUEUE: '1000',
      },
    });
    ({ operations } = await readOperations(t.url));
    pilotEmail = 'fuzz-pilot@example.org';
    const p = await t.pilot(pilotEmail, PASSWORD);
    pilotAuth = p.auth;
    pilotId = p.id;
    tokens.push(p.token);
    const imported = await fetch(`${t.url}/v1/flightlogs?filename=tiny.gpx`, {
      method: 'POST',
      headers: pilotAuth,
      body: new Uint8Array(tinyGpx()),
    });
    assert.equal(imported.status, 201, await imported.clone().text());
    logId = ((await imported.json()) as { flightlog: { id: string } }).flightlog.id;
    // A pilot no case addresses: whatever the attack does, her account and log must be unchanged.
    bystander = await t.pilot('bystander@example.org', PASSWORD);
    tokens.push(bystander.token);
    const theirs = await fetch(`${t.url}/v1/flightlogs?filename=b.gpx`, {
      method: 'POST',
      headers: bystander.auth,
      body: new Uint8Array(tinyGpx(41)),
    });
    assert.equal(theirs.status, 201);
    bystanderLog = ((await theirs.json()) as { flightlog: { id: string } }).flightlog.id;
    client = attackClient(t.url, TIMEOUT_MS, CONCURRENCY);
  });
  after(async () => {
    client?.close();
    await t?.close();
  });

  /** Path values each route accepts: a mutation of one input must not be refused for another. */
  const baseline = (op: Operation): Baseline => {
    const values: Record<string, string> = {};
    for (const p of op.params.filter((x) => x.in === 'path')) {
      if (op.path.startsWith('/v1/flightlogs/') && p.name === 'id') values[p.name] = logId;
      else if (p.name === 'id') values[p.name] = 'fuzz-dataset';
      else if (p.name === 'cellId') values[p.name] = cellAt(FLIGHT_START.lon, FLIGHT_START.lat);
      else values[p.name] = { z: '10', x: '533', y: '358' }[p.name] ?? 'x';
    }
    return { pathValues: values, named: { day: new Date().toISOString().slice(0, 10) } };
  };

  const authFor = (op: Operation): Record<string, string> =>
    op.caller === 'operator'
      ? { authorization: `Bearer ${ADMIN_TOKEN}` }
      : op.caller === 'pilot'
        ? pilotAuth
        : {};

  /** What is wrong with an answer to `c`, or undefined. */
  function judge(c: AttackCase, a: AttackAnswer): string | undefined {
    if (a.status >= 500) return 'a 5xx';
    if (a.status >= 400 && c.request.method !== 'HEAD') {
      const problem = errorShapeProblem(a.status, a.headers['content-type'] as string, a.body.toString());
      if (problem) return `not the JSON error shape: ${problem}`;
    }
    if (c.mustRefuse && (a.status < 400 || a.status >= 500))
      return `accepted (${a.status}) an input the schema forbids`;
    return undefined;
  }

  async function run(c: AttackCase): Promise<AttackAnswer | undefined> {
    const request = { ...c.request, headers: { ...authFor(c.op), ...c.request.headers } };
    sent++;
    const record = (status: Failure['status'], why: string, body: string) => {
      const f: Failure = {
        op: c.op.id,
        label: c.label,
        request: `${c.request.method} ${c.request.target.slice(0, 160)}`,
        status,
        why,
        body: body.slice(0, 200),
      };
      (KNOWN_DEFECTS.some((d) => d.matches(c, answer)) ? knownFailures : failures).push(f);
    };
    let answer: AttackAnswer | undefined;
    try {
      const a = (answer = await client.send(request));
      statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      // A session or token the route did not accept means the case tested the gate, not the route.
      if (c.op.caller !== 'public' && a.status === 401 && a.body.includes('"code":"unauthorized"'))
        turnedAway.push(`${c.op.id} | ${c.label}`);
      const why = judge(c, a);
      if (why) record(a.status, why, a.body.toString());
      return a;
    } catch (e) {
      record((e as Error).name === 'RequestTimeout' ? 'timeout' : 'error', String(e), '');
      return undefined;
    }
  }

  async function pool(cases: AttackCase[], width: number): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: width }, async () => {
        while (next < cases.length) await run(cases[next++]);
      }),
    );
  }

  test('each answer is a 4xx in the JSON shape when it must be, never a 5xx or a hang (≥ 5000 requests)', {
    timeout: 300_000,
  }, async (tc) => {
    const rand = seeded(SEED);
    const byPath = new Map<string, Operation[]>();
    for (const op of operations) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
    const all: AttackCase[] = [];
    for (const op of operations) all.push(...attackCases(op, baseline(op), rand, RANDOM_PER_OPERATION));
    for (const ops of byPath.values()) all.push(...methodCases(ops, baseline(ops[0])));

    // An operation that can end the caller's own session (sign-out, account deletion) runs alone,
    // one request at a time, with a fresh sign-in whenever it did: the rest keep a live session.
    const endsSession = (op: Operation) =>
      op.caller === 'pilot' && op.method === 'DELETE' && !op.params.some((p) => p.in === 'path');
    // Deletions run after everything else: a malformed-but-valid deletion of the baseline log or
    // dataset would otherwise turn the remaining cases into plain 404s.
    const started = performance.now();
    await pool(
      all.filter((c) => c.op.method !== 'DELETE'),
      CONCURRENCY,
    );
    await pool(
      all.filter((c) => c.op.method === 'DELETE' && !endsSession(c.op)),
      CONCURRENCY,
    );
    for (const c of all.filter((x) => endsSession(x.op))) {
      await run(c);
      const me = await fetch(`${t.url}/v1/accounts/me`, { headers: pilotAuth });
      if (me.status === 401) {
        const s = await fetch(`${t.url}/v1/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: pilotEmail, password: PASSWORD }),
        });
        assert.equal(s.status, 200, 'the fuzz pilot signs in again');
        const token = ((await s.json()) as { token: string }).token;
        tokens.push(token);
        pilotAuth = { authorization: `Bearer ${token}` };
      }
    }
    const seconds = (performance.now() - started) / 1000;
    tc.diagnostic(
      `${sent} requests over ${operations.length} operations in ${seconds.toFixed(1)} s ` +
        `(${Math.round(sent / seconds)}/s); ${all.filter((c) => c.mustRefuse).length} must be refused; ` +
        `${failures.length} failures, ${knownFailures.length} known defects`,
    );
    const groups = new Map<string, Failure[]>();
    for (const f of failures) {
      const key = `${f.op}: ${f.status} ${f.why}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    for (const [key, fs] of groups)
      tc.diagnostic(
        `${fs.length}× ${key}\n${fs
          .slice(0, 3)
          .map((f) => `    ${f.label} | ${f.request} | ${f.body}`)
          .join('\n')}`,
      );
    tc.diagnostic(
      `statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    assert.ok(sent >= MIN_REQUESTS, `only ${sent} requests`);
    assert.deepEqual(turnedAway.slice(0, 10), [], 'authenticated cases reached the route, not only the gate');
    assert.deepEqual(failures, [], `${failures.length} answers broke the rules`);
  });

  test('malformed HTTP the parser refuses (raw NUL, bad bytes, huge header) also gets the JSON shape', async () => {
    const raw = [
      'GET /v1/health\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /v1/health HTTP/1.1\r\nHost: x\r\nX-A: \u0000\r\n\r\n',
      `GET /v1/health HTTP/1.1\r\nHost: x\r\nX-A: ${'a'.repeat(20_000)}\r\n\r\n`,
      `GET /v1/zones?bbox=${'1'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      'BREW /v1/health HTTP/1.1\r\nHost: x\r\n\r\n',
      'POST /v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ];
    for (const r of raw) {
      const answer = parseRawAnswer(await rawExchange(t.server.port, Buffer.from(r, 'latin1'), 3000));
      assert.ok(
        answer.status >= 400 && answer.status < 500,
        `${JSON.stringify(r.slice(0, 40))}: ${answer.status}`,
      );
      assert.equal(
        errorShapeProblem(answer.status, answer.contentType, answer.body),
        undefined,
        JSON.stringify(r.slice(0, 40)),
      );
    }
  });

  test('afterwards the server is healthy, and a bystander pilot’s account and log are intact', async () => {
    const health = await fetch(`${t.url}/v1/health`);
    assert.equal(health.status, 200);
    const me = await fetch(`${t.url}/v1/accounts/me`, { headers: bystander.auth });
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { pilot: { id: string } }).pilot.id, bystander.id);
    const log = await fetch(`${t.url}/v1/flightlogs/${bystanderLog}/original`, { headers: bystander.auth });
    assert.equal(log.status, 200);
    assert.deepEqual(Buffer.from(await log.arrayBuffer()), tinyGpx(41));
    const datasets = await fetch(`${t.url}/v1/datasets`);
    assert.equal(datasets.status, 200);
  });

  test('the log lines hold no IP address, e-mail, token or coordinate', () => {
    const secrets = [
      ADMIN_TOKEN,
      ...tokens,
      pilotEmail,
      pilotId,
      logId,
      bystanderLog,
      'bystander@example.org',
      String(FLIGHT_START.lat),
      String(FLIGHT_START.lon),
      PASSWORD,
    ];
    const findings = scanLogLines(t.logLines, secrets);
    assert.ok(t.logLines.length > MIN_REQUESTS / 2, 'the requests were logged');
    assert.deepEqual(
      findings.slice(0, 20).map((f) => `${f.kind}: ${f.match} in ${t.logLines[f.line].slice(0, 200)}`),
      [],
    );
  });

  test('known defects of other areas', {
    todo: KNOWN_DEFECTS.map((d) => d.defect).join('; ') || false,
  }, (tc) => {
    for (const f of knownFailures.slice(0, 10)) tc.diagnostic(`${f.op} | ${f.label} | ${f.status} ${f.why}`);
    assert.equal(knownFailures.length, 0, `${knownFailures.length} answers fail by a known defect`);
  });
});

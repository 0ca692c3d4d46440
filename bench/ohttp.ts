/**
 * Location checks per second through Oblivious HTTP (app → `airlock relay` → gateway, encapsulated
 * with core's client) against the same checks sent directly, in the same run, as a ratio. The server
 * and the relay are child processes (`airlock serve`, `airlock relay`); the app is this process, N
 * closed-loop workers asking cells around airports (the busy cells, answered from the URL index).
 * On this 2-core machine the three processes share the cores: the ratio is what the extra hop and the
 * HPKE work cost in throughput, all of it on the same CPUs.
 *
 *   node --import tsx bench/ohttp.ts [--workers 16] [--duration 10] [--cells 200]
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cellAt } from '@airlock/core';
import { GATEWAY_PATH, ObliviousHttpClient } from '@airlock/core/ohttp';
import { processCpuSeconds } from './lib/load.ts';
import { fmt, markdownTable, progress, REPO_DIR, writeResults } from './lib/report.ts';
import { spawnServer } from './lib/server-process.ts';
import { seededRandom } from './lib/stats.ts';
import { airportSites, loadWorldZones } from './lib/world-zones.ts';

const { values: args } = parseArgs({
  options: {
    workers: { type: 'string', default: '16' },
    duration: { type: 'string', default: '10' },
    cells: { type: 'string', default: '200' },
    'data-dir': { type: 'string', default: join(os.tmpdir(), 'airlock-bench-data') },
  },
});
const WORKERS = Number(args.workers);
const DURATION_MS = Number(args.duration) * 1000;

interface Run {
  mode: string;
  requests: number;
  errors: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  serverCpuUs: number;
  relayCpuUs: number;
  clientCpuUs: number;
}

/** N workers asking one path each in turn for DURATION_MS; counts answers, latency and each process's CPU. */
async function run(
  mode: string,
  ask: (path: string) => Promise<number>,
  paths: string[],
  pids: number[],
): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  const cpu0 = pids.map(processCpuSeconds);
  const client0 = process.cpuUsage();
  const end = performance.now() + DURATION_MS;
  let next = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (performance.now() < end) {
        const path = paths[next++ % paths.length];
        const t = performance.now();
        const status = await ask(path).catch(() => 0);
        if (status === 200) latencies.push(performance.now() - t);
        else errors++;
      }
    }),
  );
  const [server, relay] = pids.map((p, i) => processCpuSeconds(p) - cpu0[i]);
  const client = process.cpuUsage(client0);
  latencies.sort((a, b) => a - b);
  const n = latencies.length;
  const perRequest = (s: number) => (n ? (s * 1e6) / n : Number.NaN);
  return {
    mode,
    requests: n,
    errors,
    rps: n / (DURATION_MS / 1000),
    p50Ms: latencies[Math.floor(n * 0.5)] ?? Number.NaN,
    p99Ms: latencies[Math.floor(n * 0.99)] ?? Number.NaN,
    serverCpuUs: perRequest(server),
    relayCpuUs: perRequest(relay),
    clientCpuUs: perRequest((client.user + client.system) / 1e6),
  };
}

function startRelay(gateway: string): Promise<{ url: string; pid: number; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [join(REPO_DIR, 'packages/server/bin/airlock.js'), 'relay', '--gateway', gateway, '--port', '0'],
    { cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /relay listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1], pid: child.pid!, stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`relay exited ${code}: ${out}`)));
  });
}

async function main(): Promise<number> {
  const sites = airportSites(loadWorldZones().zones);
  const random = seededRandom(15);
  const cells = new Set<string>();
  while (cells.size < Number(args.cells)) {
    const s = sites[Math.floor(random() * sites.length)];
    cells.add(cellAt(s.lon, s.lat));
  }
  const paths = [...cells].map((c) => `/v1/location/cells/${c}`);
  const server = await spawnServer(args['data-dir']);
  progress(`server at ${server.url} after ${fmt(server.listeningMs / 1000)} s`);
  const relay = await startRelay(`${server.url}${GATEWAY_PATH}`);
  progress(`relay at ${relay.url}`);
  const pids = [server.child.pid!, relay.pid];
  const client = new ObliviousHttpClient({ relayUrl: relay.url });
  // What an app's direct check sends: the SDK accepts gzip; fetch (undici) reuses connections.
  const direct = async (p: string) => {
    const r = await fetch(`${server.url}${p}`, { headers: { 'accept-encoding': 'gzip' } });
    await r.arrayBuffer();
    return r.status;
  };
  const oblivious = async (p: string) => {
    const r = await client.fetch({ method: 'GET', path: p });
    await r.arrayBuffer();
    return r.status;
  };
  try {
    progress('warm-up: every cell once, both ways, counting the bytes each answer takes on the wire');
    let directBytes = 0;
    let obliviousBytes = 0;
    let requestBytes = 0;
    for (const p of paths) {
      // (fetch inflates what it reads: the bytes sent are the Content-Length.)
      const d = await fetch(`${server.url}${p}`, { headers: { 'accept-encoding': 'gzip' } });
      const directText = await d.text();
      const e = await client.encapsulate({ method: 'GET', path: p });
      const raw = await e.send();
      const o = await e.open(raw);
      if (d.status !== 200 || o.status !== 200 || (await o.text()) !== directText)
        throw new Error(`${p}: direct ${d.status}, oblivious ${o.status}, or different answers`);
      directBytes += Number(d.headers.get('content-length'));
      obliviousBytes += raw.length;
      requestBytes += e.encapsulated.length;
    }
    const runs: Run[] = [];
    // Alternated, twice each, so drift in the machine's load hits both.
    for (const mode of ['direct', 'oblivious', 'direct', 'oblivious']) {
      progress(`${mode}: ${WORKERS} workers for ${DURATION_MS / 1000} s`);
      runs.push(await run(mode, mode === 'direct' ? direct : oblivious, paths, pids));
    }
    const mean = (mode: string, key: keyof Run) => {
      const r = runs.filter((x) => x.mode === mode);
      return r.reduce((s, x) => s + (x[key] as number), 0) / r.length;
    };
    const ratio = mean('oblivious', 'rps') / mean('direct', 'rps');
    const errors = runs.reduce((s, r) => s + r.errors, 0);
    console.log(
      markdownTable(
        [
          'mode',
          'checks/s',
          'p50 ms',
          'p99 ms',
          'server CPU µs/check',
          'relay CPU µs/check',
          'client CPU µs/check',
          'errors',
        ],
        runs.map((r) => [
          r.mode,
          fmt(r.rps, 0),
          fmt(r.p50Ms, 2),
          fmt(r.p99Ms, 2),
          fmt(r.serverCpuUs, 0),
          r.mode === 'direct' ? '—' : fmt(r.relayCpuUs, 0),
          fmt(r.clientCpuUs, 0),
          r.errors,
        ]),
      ),
    );
    console.log(
      `\noblivious / direct = ${fmt(ratio, 3)} (checks per second, mean of two runs each); ` +
        `mean bytes per answer on the wire: direct ${fmt(directBytes / paths.length, 0)} (gzip), ` +
        `oblivious ${fmt(obliviousBytes / paths.length, 0)} (gzip inside, padded); encapsulated request ${fmt(requestBytes / paths.length, 0)}`,
    );
    writeResults('ohttp', {
      options: { workers: WORKERS, durationS: DURATION_MS / 1000, cells: paths.length },
      runs,
      ratio,
      meanBytes: {
        directAnswerGzip: directBytes / paths.length,
        encapsulatedAnswer: obliviousBytes / paths.length,
        encapsulatedRequest: requestBytes / paths.length,
      },
    });
    return errors > 0 ? 1 : 0;
  } finally {
    relay.stop();
    await server.stop();
  }
}

process.exitCode = await main();

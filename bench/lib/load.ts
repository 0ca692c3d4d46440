/**
 * HTTP load for the benches, from two generators behind one interface, and the server's own CPU time
 * per answer:
 *
 * - autocannon (npm, JavaScript, runs in this process). It collects every response body into a JS
 *   string (`body += chunk`), which costs it ~15 µs per KiB of gzip (binary) body: on this machine's
 *   two shared cores it, not the server, sets the pace as soon as answers are a few KiB.
 * - wrk (C, Debian's `wrk` package, installed with apt-get when missing, like PostGIS for the zones
 *   bench). It parses responses without touching their bodies, so the server is what is measured.
 *
 * `serverCpuUs` reads the server child's CPU time (all threads, user + system) from /proc before and
 * after a run: CPU per answer does not depend on which generator drove the load, or on how fast it was.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { fmt, markdownTable, progress } from './report.ts';

export type Generator = 'wrk' | 'autocannon';

export interface LoadRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationS: number;
  /** Cycled in order, one per request. */
  requests: LoadRequest[];
  /** Headers for every request. */
  headers?: Record<string, string>;
  /** The server child's pid, for its CPU time. */
  serverPid?: number;
}

export interface RunSummary {
  name: string;
  generator: Generator;
  requests: number;
  durationS: number;
  rps: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  bytesPerResponse: number;
  errors: number;
  non2xx: number;
  /** Server CPU (all threads, user + system) per answer, µs; NaN without /proc. */
  serverCpuUs: number;
  /** The load generator's own CPU per answer, µs (autocannon: this process; wrk: the child). */
  generatorCpuUs: number;
}

/** CPU seconds (user + system, all threads) a process has used, from /proc; NaN where there is none. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

let wrkChecked = false;

/** Makes sure Debian's wrk is installed (apt-get install -y wrk, apt-get update only if needed). */
export function ensureWrk(): void {
  if (wrkChecked) return;
  const has = () => spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined;
  if (!has()) {
    progress('wrk is not installed: apt-get install -y wrk');
    const install = () =>
      spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'wrk'], { stdio: 'inherit' }).status;
    if (install() !== 0) {
      spawnSync('apt-get', ['update'], { stdio: 'inherit' });
      if (install() !== 0) throw new Error('wrk could not be installed: "apt-get install -y wrk" failed');
    }
    if (!has()) throw new Error('wrk is still not on PATH after apt-get install');
  }
  wrkChecked = true;
}

const luaString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/**
 * A wrk script that cycles through the requests (pre-formatted once) and prints a JSON summary. wrk's
 * `status` errors are the non-2xx/3xx answers.
 */
function wrkScript(requests: LoadRequest[], headers: Record<string, string>, bodyDir: string): string {
  // Formatted in init(): wrk sets the Host header (wrk.headers) only after loading the script.
  const lines = ['local reqs = {}', 'init = function(args)'];
  requests.forEach((r, i) => {
    const h = { ...headers, ...r.headers };
    let body = 'nil';
    if (r.body !== undefined) {
      const file = join(bodyDir, `body-${i}`);
      writeFileSync(file, r.body);
      body = `(function() local f = io.open(${luaString(file)}, "rb"); local b = f:read("*a"); f:close(); return b end)()`;
    }
    const hs = Object.entries(h)
      .map(([k, v]) => `[${luaString(k)}] = ${luaString(v)}`)
      .join(', ');
    lines.push(
      `reqs[${i + 1}] = wrk.format(${luaString(r.method ?? 'GET')}, ${luaString(r.path)}, { ${hs} }, ${body})`,
    );
  });
  lines.push(
    'end',
    'local i = 0',
    'request = function() i = i % #reqs + 1; return reqs[i] end',
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    '  io.write(string.format(\'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50_us":%d,"p99_us":%d}\\n\',',
    '    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,',
    '    latency:percentile(50), latency:percentile(99)))',
    'end',
  );
  return lines.join('\n');
}

function runWrk(name: string, o: LoadOptions): RunSummary {
  ensureWrk();
  const dir = mkdtempSync(join(os.tmpdir(), 'airlock-wrk-'));
  try {
    const script = join(dir, 'load.lua');
    writeFileSync(script, wrkScript(o.requests, o.headers ?? {}, dir));
    const cpu0 = o.serverPid ? processCpuSeconds(o.serverPid) : Number.NaN;
    const args = ['-t1', `-c${o.connections}`, `-d${o.durationS}s`, '--timeout', '10s', '-s', script, o.url];
    // Blocking is fine: the server is another process. wrk's CPU is counted once it is waited for.
    const r = spawnSync('wrk', args, { encoding: 'utf8', timeout: (o.durationS + 60) * 1000 });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`wrk exited ${r.status}: ${r.stderr}`);
    const out = r.stdout;
    const cpu1 = o.serverPid ? processCpuSeconds(o.serverPid) : Number.NaN;
    const m = /WRKJSON (\{.*\})/.exec(out);
    if (!m) throw new Error(`wrk printed no summary:\n${out}`);
    const j = JSON.parse(m[1]) as Record<string, number>;
    const durationS = j.duration_us / 1e6;
    const s: RunSummary = {
      name,
      generator: 'wrk',
      requests: j.requests,
      durationS,
      rps: j.requests / durationS,
      latencyP50Ms: j.p50_us / 1000,
      latencyP99Ms: j.p99_us / 1000,
      bytesPerResponse: j.requests ? j.bytes / j.requests : 0,
      errors: j.connect + j.read + j.write + j.timeout,
      non2xx: j.status,
      serverCpuUs: ((cpu1 - cpu0) * 1e6) / j.requests,
      generatorCpuUs: childCpuUs(j.requests),
    };
    return s;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let childCpuSeen = 0;
/** CPU of waited-for children since the last call, per request (wrk is the only child waited for). */
function childCpuUs(requests: number): number {
  const { user, system } = childrenCpu();
  const total = user + system;
  const d = total - childCpuSeen;
  childCpuSeen = total;
  return requests ? (d * 1e6) / requests : Number.NaN;
}

function childrenCpu(): { user: number; system: number } {
  // /proc/self/stat fields 16 and 17: cutime and cstime (children waited for), in ticks.
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(f[13]) / 100, system: Number(f[14]) / 100 };
  } catch {
    return { user: Number.NaN, system: Number.NaN };
  }
}

async function runAutocannon(name: string, o: LoadOptions): Promise<RunSummary> {
  const cpu0 = o.serverPid ? processCpuSeconds(o.serverPid) : Number.NaN;
  const own0 = process.cpuUsage();
  const r = await autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.durationS,
    headers: o.headers,
    requests: o.requests.map((q) => ({
      method: q.method ?? 'GET',
      path: q.path,
      ...(q.headers ? { headers: { ...o.headers, ...q.headers } } : {}),
      ...(q.body !== undefined ? { body: q.body } : {}),
    })),
  });
  const own = process.cpuUsage(own0);
  const cpu1 = o.serverPid ? processCpuSeconds(o.serverPid) : Number.NaN;
  const requests = r.requests.total;
  return {
    name,
    generator: 'autocannon',
    requests,
    durationS: r.duration,
    rps: requests / r.duration,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    bytesPerResponse: requests ? r.throughput.total / requests : 0,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    serverCpuUs: ((cpu1 - cpu0) * 1e6) / requests,
    generatorCpuUs: (own.user + own.system) / requests,
  };
}

/** One timed run with the chosen generator; prints a progress line. */
export async function runLoad(generator: Generator, name: string, o: LoadOptions): Promise<RunSummary> {
  childCpuUs(0); // start wrk's CPU count from here
  const s = generator === 'wrk' ? runWrk(name, o) : await runAutocannon(name, o);
  progress(
    `  [${generator}] ${name}: ${fmt(s.rps, 0)} req/s, p50 ${fmt(s.latencyP50Ms)} ms, p99 ${fmt(s.latencyP99Ms)} ms, ${fmt(s.bytesPerResponse / 1024, 2)} KiB/response, server ${fmt(s.serverCpuUs)} µs CPU/answer, ${generator} ${fmt(s.generatorCpuUs)} µs/answer, ${s.errors} errors, ${s.non2xx} non-2xx`,
  );
  return s;
}

/** Mean req/s and mean server CPU per answer over runs. */
export function meanOf(runs: RunSummary[]): { rps: number; serverCpuUs: number; generatorCpuUs: number } {
  const avg = (f: (r: RunSummary) => number) => runs.reduce((n, r) => n + f(r), 0) / runs.length;
  return {
    rps: avg((r) => r.rps),
    serverCpuUs: avg((r) => r.serverCpuUs),
    generatorCpuUs: avg((r) => r.generatorCpuUs),
  };
}

/** The per-run table every HTTP bench prints: one row per run, both generators. */
export function runsTable(runs: RunSummary[]): string {
  return markdownTable(
    [
      'generator',
      'run',
      'requests',
      'req/s',
      'p50 ms',
      'p99 ms',
      'KiB/answer',
      'server µs CPU/answer',
      'generator µs CPU/answer',
      'errors + non-2xx',
    ],
    runs.map((r) => [
      r.generator,
      r.name,
      r.requests.toLocaleString('en-US'),
      fmt(r.rps, 0),
      fmt(r.latencyP50Ms, 1),
      fmt(r.latencyP99Ms, 1),
      fmt(r.bytesPerResponse / 1024, 2),
      fmt(r.serverCpuUs),
      fmt(r.generatorCpuUs),
      r.errors + r.non2xx,
    ]),
  );
}

/** The options of every run against one server child, given the requests and the duration. */
export function loadFor(
  server: { url: string; child: { pid?: number } },
  connections: number,
  headers?: Record<string, string>,
): (requests: LoadRequest[], durationS: number) => LoadOptions {
  return (requests, durationS) => ({
    url: server.url,
    connections,
    durationS,
    requests,
    headers,
    serverPid: server.child.pid,
  });
}

/** A pass that asks each path exactly once (autocannon's `amount`), so every answer is built fresh. */
export type OncePass = Pick<
  RunSummary,
  | 'name'
  | 'requests'
  | 'rps'
  | 'latencyP50Ms'
  | 'latencyP99Ms'
  | 'bytesPerResponse'
  | 'errors'
  | 'non2xx'
  | 'serverCpuUs'
> & { repeats: number };

export async function runEachOnce(
  name: string,
  server: { url: string; child: { pid?: number } },
  connections: number,
  paths: readonly string[],
  headers?: Record<string, string>,
): Promise<OncePass> {
  let next = 0;
  const pid = server.child.pid ?? 0;
  const cpu0 = processCpuSeconds(pid);
  const r = await autocannon({
    url: server.url,
    connections,
    headers,
    amount: paths.length - connections,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
  });
  const requests = r.requests.total;
  const pass: OncePass = {
    name,
    requests,
    rps: requests / (r.duration || 1),
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    bytesPerResponse: requests ? r.throughput.total / requests : 0,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    serverCpuUs: ((processCpuSeconds(pid) - cpu0) * 1e6) / requests,
    repeats: Math.max(0, next - paths.length),
  };
  progress(`  ${name}: ${fmt(pass.rps, 0)} req/s, server ${fmt(pass.serverCpuUs)} µs CPU/answer`);
  return pass;
}

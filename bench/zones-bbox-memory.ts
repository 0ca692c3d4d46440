/**
 * Memory of the server under distinct /v1/zones?bbox= requests: each 5° box over a dense region is
 * ~1.4 MiB of JSON and used to be cached whole, up to 5,000 entries (405 distinct boxes grew RSS by
 * 555 MiB). Now every answer cache shares one byte budget (AIRLOCK_ANSWER_CACHE_MB). The real server
 * runs as a child process (`airlock serve --port 0`); its RSS is read from /proc before the boxes,
 * after them, and its peak (VmHWM). Side by side in one run: the default budget and a smaller one,
 * each asked the same boxes: 1 MB keeps next to nothing, so the difference is what the caches hold.
 *
 *   node --import tsx bench/zones-bbox-memory.ts [--boxes 5000] [--connections 4] [--budgets 64,1]
 *     [--data-dir <tmp>/airlock-bench-bbox-data]
 *
 * Boxes: seeded, 5° × 5° (the largest allowed), their south-west corners uniform over Europe and
 * the contiguous United States, where the bundled airspace is densest, at 0.001° steps (all distinct).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fmt, markdownTable, progress, writeResults } from './lib/report.ts';
import { spawnServer } from './lib/server-process.ts';
import { seededRandom } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    boxes: { type: 'string', default: '5000' },
    connections: { type: 'string', default: '4' },
    budgets: { type: 'string', default: '64,1' },
    'data-dir': { type: 'string', default: join(os.tmpdir(), 'airlock-bench-bbox-data') },
  },
});
const BOXES = Number(args.boxes);
const CONNECTIONS = Number(args.connections);
const BUDGETS = (args.budgets as string).split(',').map(Number);
const FLOOR_MB = 150;
const GOAL_MB = 64;
const MB = 1e6;
/** A 5° grid over both regions, asked before the "before" reading. */
function warmUpUrls(): string[] {
  const urls: string[] = [];
  for (const r of REGIONS)
    for (let w = r.w; w < r.e + 5; w += 5)
      for (let s = r.s; s < r.n + 5; s += 5) urls.push(`/v1/zones?bbox=${w},${s},${w + 5},${s + 5}`);
  return urls;
}

const REGIONS = [
  { w: -10, e: 25, s: 36, n: 55 }, // Europe (corner range; boxes reach 5° further)
  { w: -124, e: -72, s: 25, n: 44 }, // contiguous United States
];

function boxes(count: number): string[] {
  const random = seededRandom(11);
  const seen = new Set<string>();
  while (seen.size < count) {
    const r = REGIONS[seen.size % REGIONS.length];
    const w = Math.round((r.w + random() * (r.e - r.w)) * 1000) / 1000;
    const s = Math.round((r.s + random() * (r.n - r.s)) * 1000) / 1000;
    seen.add(`${w},${s},${Math.round((w + 5) * 1000) / 1000},${Math.round((s + 5) * 1000) / 1000}`);
  }
  return [...seen];
}

/** Resident and peak resident memory of a process, in bytes, from /proc. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') * 1024, peak: kb('VmHWM') * 1024 };
}

interface BudgetRun {
  budgetMb: number;
  rssBefore: number;
  rssAfter: number;
  rssSettled: number;
  peak: number;
  growth: number;
  bytesPerAnswer: number;
  msPerAnswer: number;
  errors: number;
}

async function runBudget(budgetMb: number, urls: string[]): Promise<BudgetRun> {
  progress(`budget ${budgetMb} MB: starting the server (the first run imports the bundled airspace)`);
  const server = await spawnServer(args['data-dir'] as string, {
    env: { AIRLOCK_ANSWER_CACHE_MB: String(budgetMb) },
  });
  const pid = server.child.pid as number;
  try {
    // Warm: the code paths, and every zone of both regions once (the index prepares a zone's shape on
    // first use), so growth is what the boxes leave behind, not first use.
    for (const url of warmUpUrls()) await (await fetch(`${server.url}${url}`)).arrayBuffer();
    await new Promise((r) => setTimeout(r, 3000));
    const before = memoryOf(pid);
    progress(`budget ${budgetMb} MB: RSS ${fmt(before.rss / MB)} MB; ${urls.length} distinct boxes`);
    let next = 0;
    let errors = 0;
    let bytes = 0;
    const started = performance.now();
    const worker = async () => {
      for (;;) {
        const i = next++;
        if (i >= urls.length) return;
        let res: Response;
        try {
          res = await fetch(`${server.url}${urls[i]}`, { headers: { 'accept-encoding': 'gzip' } });
        } catch (e) {
          if (server.child.exitCode !== null || server.child.signalCode !== null)
            throw new Error(
              `the server exited (${server.child.exitCode ?? server.child.signalCode}):\n${server.stderr()}`,
            );
          errors++;
          progress(`  ${urls[i]}: ${(e as Error).message}`);
          continue;
        }
        bytes += Number(res.headers.get('content-length') ?? 0);
        await res.arrayBuffer();
        if (res.status !== 200) {
          errors++;
          if (errors <= 5) progress(`  ${urls[i]}: ${res.status}`);
        }
        if (i > 0 && i % 500 === 0) progress(`  ${i}/${urls.length}, RSS ${fmt(memoryOf(pid).rss / MB)} MB`);
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    const elapsed = performance.now() - started;
    const after = memoryOf(pid);
    await new Promise((r) => setTimeout(r, 3000));
    const settled = memoryOf(pid);
    return {
      budgetMb,
      rssBefore: before.rss,
      rssAfter: after.rss,
      rssSettled: settled.rss,
      peak: settled.peak,
      growth: settled.rss - before.rss,
      bytesPerAnswer: bytes / urls.length,
      msPerAnswer: elapsed / urls.length,
      errors,
    };
  } finally {
    const code = await server.stop();
    if (code !== 0) progress(`server exited with ${code}`);
  }
}

async function main(): Promise<number> {
  const urls = boxes(BOXES).map((b) => `/v1/zones?bbox=${b}`);
  // The first start imports the bundled airspace (RSS then is the import's, not the server's):
  // measured starts come after it.
  progress('preparing the data dir (imports the bundled airspace once)');
  const prepare = await spawnServer(args['data-dir'] as string);
  await prepare.stop();
  const runs: BudgetRun[] = [];
  for (const budget of BUDGETS) runs.push(await runBudget(budget, urls));

  console.log(`## ${BOXES.toLocaleString('en-US')} distinct 5° boxes, ${CONNECTIONS} connections\n`);
  console.log(
    markdownTable(
      [
        'AIRLOCK_ANSWER_CACHE_MB',
        'RSS before MB',
        'after MB',
        'after 3 s MB',
        'peak MB',
        'growth MB',
        `floor ${FLOOR_MB} / goal ${GOAL_MB} MB`,
        'gzip KiB/answer',
        'ms/answer (wall)',
      ],
      runs.map((r) => [
        r.budgetMb,
        fmt(r.rssBefore / MB),
        fmt(r.rssAfter / MB),
        fmt(r.rssSettled / MB),
        fmt(r.peak / MB),
        fmt(r.growth / MB),
        r.growth <= GOAL_MB * MB ? 'goal met' : r.growth <= FLOOR_MB * MB ? 'floor met' : 'BELOW FLOOR',
        fmt(r.bytesPerAnswer / 1024),
        fmt(r.msPerAnswer),
      ]),
    ),
  );
  console.log(
    `\n- Server: \`node packages/server/bin/airlock.js serve --port 0\` as a child process, bundled airspace, LOG_LEVEL=warn; RSS from /proc/<pid>/status (VmRSS, VmHWM). "growth" is RSS 3 s after the last box minus RSS before the first (after ${warmUpUrls().length} warm-up boxes on a 5° grid over both regions, and 3 s). Budget 1 MB keeps almost nothing (answers over 16 KiB are not kept): its growth is what the process keeps besides the caches.`,
  );
  console.log(
    `- Machine: ${os.cpus().length} cores shared with other work (load average ${fmt(os.loadavg()[0], 2)} at the end); wall times are indicative.`,
  );
  const file = writeResults('zones-bbox-memory', {
    params: { boxes: BOXES, connections: CONNECTIONS, budgets: BUDGETS, dataDir: args['data-dir'] },
    runs,
    floorMb: FLOOR_MB,
    goalMb: GOAL_MB,
  });
  progress(`results in ${file}`);
  return runs.some((r) => r.errors > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);

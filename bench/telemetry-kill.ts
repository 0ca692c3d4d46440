/**
 * Telemetry durability under kill -9: the real server as a child process (`airlock serve --port 0`),
 * senders posting reports over HTTP, SIGKILL at a random point mid-ingest and a restart, 10 rounds;
 * after a final restart, the reports answered 202 are compared with the aggregates. Beside it, in
 * the same run, the same rounds against the version before the journal (a `git archive` of
 * `--before`), which kept aggregates in memory until the next flush.
 *
 *   node --import tsx bench/telemetry-kill.ts [--rounds 10] [--senders 16] [--before <commit>|none]
 *
 * Floor: 0 lost, 0 double-counted. Exits 1 if the current version loses or double-counts a report.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type KillRoundsResult, killRounds } from '../packages/server/src/testing/kill-rounds.ts';
import { markdownTable, progress, REPO_DIR, writeResults } from './lib/report.ts';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '10' },
    senders: { type: 'string', default: '16' },
    // The commit before the journal (13b8be6 added it).
    before: { type: 'string', default: '13b8be6~1' },
  },
});
const ROUNDS = Number(args.rounds);
const SENDERS = Number(args.senders);

/** The tree of `commit` in a temp folder, using this checkout's installed packages (its own workspaces). */
function checkout(commit: string): { dir: string; bin: string } {
  const dir = mkdtempSync(join(os.tmpdir(), 'airlock-bench-before-'));
  execSync(`git archive ${commit} | tar -x -C ${dir}`, { cwd: REPO_DIR, stdio: 'pipe' });
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '@airlock'), { recursive: true });
  for (const name of readdirSync(join(REPO_DIR, 'node_modules'))) {
    if (name === '@airlock' || name === '.bin') continue;
    symlinkSync(join(REPO_DIR, 'node_modules', name), join(modules, name));
  }
  for (const pkg of readdirSync(join(dir, 'packages')))
    symlinkSync(join(dir, 'packages', pkg), join(modules, '@airlock', pkg));
  return { dir, bin: join(dir, 'packages', 'server', 'bin', 'airlock.js') };
}

async function run(label: string, bin?: string, env?: Record<string, string>): Promise<KillRoundsResult> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'airlock-bench-kill-'));
  try {
    progress(`[${label}] ${ROUNDS} rounds of kill -9 mid-ingest, ${SENDERS} senders`);
    return await killRounds({
      dataDir,
      rounds: ROUNDS,
      senders: SENDERS,
      bin,
      env,
      onRound: (round, acked) =>
        progress(`[${label}] round ${round}/${ROUNDS}: ${acked} answered 202, then kill -9`),
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const results: Array<{ label: string; r: KillRoundsResult }> = [];
  results.push({ label: 'journal, write (default)', r: await run('journal') });
  results.push({
    label: 'journal, fsync (AIRLOCK_TELEMETRY_FSYNC)',
    r: await run('journal-fsync', undefined, { AIRLOCK_TELEMETRY_FSYNC: 'true' }),
  });
  if (args.before !== 'none') {
    const before = checkout(args.before as string);
    try {
      results.push({ label: `before the journal (${args.before})`, r: await run('before', before.bin) });
    } catch (e) {
      progress(`the version before could not run: ${(e as Error).message.split('\n')[0]}`);
    } finally {
      rmSync(before.dir, { recursive: true, force: true });
    }
  }
  console.log(`## Telemetry under kill -9: ${ROUNDS} rounds, ${SENDERS} senders\n`);
  console.log(
    markdownTable(
      [
        'server',
        'answered 202',
        'counted after restart',
        'lost',
        'double-counted',
        'refused',
        'unanswered',
        'floor 0 / 0',
        'start ms (median)',
      ],
      results.map(({ label, r }) => [
        label,
        r.acknowledged.toLocaleString('en-US'),
        r.counted.toLocaleString('en-US'),
        r.lost,
        r.doubleCounted,
        r.refused,
        r.unanswered,
        r.lost === 0 && r.doubleCounted === 0 ? 'met' : 'BELOW FLOOR',
        [...r.startMs].sort((a, b) => a - b)[Math.floor(r.startMs.length / 2)],
      ]),
    ),
  );
  console.log(
    '\n- lost: answered 202 but not in the aggregates. double-counted: counted beyond every report that could have been (202s plus requests cut off by the kill, which may or may not have been stored). Kill points are random in [300, 1500) ms after the server listens.',
  );
  const path = writeResults('telemetry-kill', {
    params: { rounds: ROUNDS, senders: SENDERS, before: args.before },
    results,
  });
  progress(`wrote ${path}`);
  const ours = results.slice(0, 2).map((x) => x.r);
  return ours.every((r) => r.lost === 0 && r.doubleCounted === 0) ? 0 : 1;
}

process.exitCode = await main();

/**
 * Flight-log parse throughput per format over the real samples, and PX4 ULog side by side with pyulog.
 * Run: npx tsx bench/flightlog-parse.ts [--runs 15]. Markdown on stdout, JSON in
 * bench/results/flightlog-parse.json, progress on stderr.
 *
 * pyulog: imported as installed (`pip install pyulog`), or from a checkout named by PYULOG_PATH (pyulog
 * needs only numpy). Without it the ULog rows compare against the 0.13 s documented for sample.ulg and
 * say so. Both sides are timed in their own warm process: median of --runs parses after one warm-up;
 * our cold first parse in this process is reported too.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseFlightLog, readULog } from '../packages/core/src/flightlog/index.ts';
import { markdownTable, progress, writeResults } from './lib/report.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const RUNS = Math.max(3, Number(values.runs));
const DATA = new URL('../../shared/data/flightlogs/', import.meta.url);
const FILES = [
  'ulog/sample.ulg',
  'ulog/sample_appended_multiple.ulg',
  'ulog/sample_log_small.ulg',
  'ulog/sample_logging_tagged_and_default_params.ulg',
  'ulog/sample_px4_events.ulg',
  'dataflash/log171.bin',
  'dataflash/backend_log_80k.bin',
  'dataflash/pymavlink_test.BIN',
  'tlog/vtol.tlog',
  'csv/airdata_mini2_2021-09-05.csv',
  'csv/airdata_air2s_2021-09-05.csv',
  'gpx/airdata_mini2_2021-09-05.gpx',
  'kml/airdata_mini2_2021-09-05.kml',
  'dji-txt/DJIFlightRecord_2021-09-05_[19-23-47]_mini2.txt',
  'dji-txt/V132_DJIFlightRecord_2020-06-18_[19-01-24].txt',
];
/** Documented in shared/notes/flightlogs.md §6 (pyulog full parse, median of 3, this machine kind). */
const PYULOG_DOCUMENTED_S: Record<string, number> = {
  'sample.ulg': 0.129,
  'sample_appended_multiple.ulg': 0.0124,
  'sample_log_small.ulg': 0.0222,
  'sample_logging_tagged_and_default_params.ulg': 0.0387,
  'sample_px4_events.ulg': 0.0718,
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function timeMs(fn: () => unknown): { first: number; median: number } {
  let t = performance.now();
  fn();
  const first = performance.now() - t;
  fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return { first, median: median(times) };
}

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

interface Row {
  file: string;
  format: string;
  bytes: number;
  messages: number;
  first_ms: number;
  median_ms: number;
  mb_per_s: number;
}

const rows: Row[] = [];
const countOnly: Record<string, number> = {};
for (const file of FILES) {
  progress(`parsing ${file}`);
  const bytes = new Uint8Array(readFileSync(new URL(file, DATA)));
  const name = file.split('/').pop()!;
  let format = '';
  let messages = 0;
  const t = timeMs(() => {
    const r = parseFlightLog(bytes, { name });
    format = r.summary.format;
    messages = Object.values(r.summary.messages).reduce((a, b) => a + b, 0);
  });
  if (format === 'ulog') countOnly[name] = round(timeMs(() => readULog(bytes)).median);
  rows.push({
    file: name,
    format,
    bytes: bytes.length,
    messages,
    first_ms: round(t.first),
    median_ms: round(t.median),
    mb_per_s: round(bytes.length / 1e6 / (t.median / 1000), 1),
  });
}

interface PyResult {
  available: boolean;
  source: string;
  medians_s?: Record<string, number>;
  error?: string;
}

function runPyulog(): PyResult {
  const path = process.env.PYULOG_PATH ?? '';
  const script = `
import json, sys, time, statistics
import pyulog
from pyulog import ULog
out = {}
for f in sys.argv[2:]:
    ULog(f)
    ts = []
    for _ in range(int(sys.argv[1])):
        t = time.perf_counter(); ULog(f); ts.append(time.perf_counter() - t)
    out[f.split('/')[-1]] = statistics.median(ts)
print(json.dumps({'source': pyulog.__file__, 'medians_s': out}))
`;
  const files = FILES.filter((f) => f.startsWith('ulog/')).map((f) => new URL(f, DATA).pathname);
  const env = { ...process.env, PYTHONPATH: [path, process.env.PYTHONPATH].filter(Boolean).join(':') };
  const r = spawnSync('python3', ['-c', script, String(RUNS), ...files], { env, encoding: 'utf8' });
  if (r.status !== 0)
    return {
      available: false,
      source: 'none',
      error: (r.stderr || String(r.error)).trim().split('\n').pop(),
    };
  const parsed = JSON.parse(r.stdout) as { source: string; medians_s: Record<string, number> };
  return { available: true, source: parsed.source, medians_s: parsed.medians_s };
}

progress('running pyulog');
const py = runPyulog();
const ulogRows = rows
  .filter((r) => r.format === 'ulog')
  .map((r) => {
    const measured = py.medians_s?.[r.file];
    const pyS = measured ?? PYULOG_DOCUMENTED_S[r.file];
    return {
      file: r.file,
      airlock_parse_ms: r.median_ms,
      airlock_count_only_ms: countOnly[r.file],
      pyulog_ms: round(pyS * 1000),
      pyulog_basis:
        measured !== undefined ? 'measured side by side' : 'documented (NOT measured side by side)',
      speedup: round((pyS * 1000) / r.median_ms, 1),
    };
  });

console.log('## Flight-log parse throughput (parseFlightLog: detect + parse + summary)\n');
console.log(
  markdownTable(
    ['file', 'format', 'MB', 'messages', 'first parse ms', 'median ms', 'MB/s'],
    rows.map((r) => [
      r.file,
      r.format,
      round(r.bytes / 1e6, 2),
      r.messages,
      r.first_ms,
      r.median_ms,
      r.mb_per_s,
    ]),
  ),
);
console.log(
  `\n## ULog: Airlock vs pyulog (${py.available ? `pyulog from ${py.source}` : `pyulog unavailable: ${py.error}`})\n`,
);
console.log(
  markdownTable(
    ['file', 'Airlock parse ms', 'Airlock count-only ms', 'pyulog ms', 'pyulog basis', 'speed-up'],
    ulogRows.map((r) => [
      r.file,
      r.airlock_parse_ms,
      r.airlock_count_only_ms,
      r.pyulog_ms,
      r.pyulog_basis,
      `${r.speedup}x`,
    ]),
  ),
);
console.log(
  '\npyulog decodes every topic into numpy arrays; Airlock counts every message and decodes only the topics the ' +
    'flight model needs, which is the job the product has.',
);
const out = writeResults('flightlog-parse', {
  runs: RUNS,
  files: rows,
  ulog_vs_pyulog: { pyulog: py, rows: ulogRows },
});
progress(`wrote ${out}`);

// A node:test reporter that says where the suite's time goes, per test file:
//   node --import tsx --test --test-concurrency=2 \
//     --test-reporter=./scripts/testing/file-times.mjs --test-reporter-destination=stdout <files...>
// or through the project runner: node scripts/run-tests.mjs --test-reporter=./scripts/testing/file-times.mjs
//   --test-reporter-destination=stdout [filters...] (add --test-reporter=spec
//   --test-reporter-destination=/tmp/spec.log to keep the usual output too).
// Per file: "wall" is the file's whole child process as the runner timed it (start-up, imports, top-level
// code and tests); "tests" is the sum of its top-level (nesting 0) tests' durations; "start" the difference
// (tsx start-up, module imports, top-level awaits, exit). FILE_TIMES_TOP=n lists n files (default 30);
// FILE_TIMES_JSON=path also writes every file's numbers there, for comparing two runs.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

export default async function* fileTimes(source) {
  const started = performance.now();
  /** @type {Map<string, {wall: number, tests: number, count: number, failed: string[]}>} */
  const files = new Map();
  const entry = (file) => {
    let e = files.get(file);
    if (!e) {
      e = { wall: 0, tests: 0, count: 0, failed: [] };
      files.set(file, e);
    }
    return e;
  };
  for await (const event of source) {
    const { type, data } = event;
    if (!data?.file) continue;
    const isFileItself = data.nesting === 0 && data.name === data.file;
    if (type === 'test:complete' && isFileItself) {
      entry(data.file).wall = data.details?.duration_ms ?? 0;
      // A file that fails outside any test (a throw at top level) is failed as the file itself.
      if (data.details?.passed === false) entry(data.file).failed.push('(the file itself)');
    } else if ((type === 'test:pass' || type === 'test:fail') && data.nesting === 0 && !isFileItself) {
      const e = entry(data.file);
      e.tests += data.details?.duration_ms ?? 0;
      e.count += 1;
      if (type === 'test:fail') e.failed.push(data.name);
    }
  }
  const rows = [...files].map(([file, e]) => ({ file: relative(process.cwd(), file), ...e }));
  rows.sort((a, b) => b.wall - a.wall);
  const s = (ms) => (ms / 1000).toFixed(1).padStart(7);
  const top = Number(process.env.FILE_TIMES_TOP ?? 30);
  const sum = (k) => rows.reduce((acc, r) => acc + r[k], 0);
  let out = `\nper-file wall time (top ${Math.min(top, rows.length)} of ${rows.length} files)\n`;
  out += `${'wall s'.padStart(7)} ${'tests s'.padStart(7)} ${'start s'.padStart(7)}  file\n`;
  for (const r of rows.slice(0, top)) {
    out += `${s(r.wall)} ${s(r.tests)} ${s(r.wall - r.tests)}  ${r.file}${r.failed.length ? '  FAILED' : ''}\n`;
  }
  out += `${s(sum('wall'))} ${s(sum('tests'))} ${s(sum('wall') - sum('tests'))}  sum over ${rows.length} files`;
  out += ` (${sum('count')} top-level tests); run took ${s(performance.now() - started).trim()} s\n`;
  const failed = rows.filter((r) => r.failed.length);
  for (const r of failed) out += `FAILED ${r.file}: ${r.failed.join('; ')}\n`;
  if (process.env.FILE_TIMES_JSON) {
    writeFileSync(process.env.FILE_TIMES_JSON, `${JSON.stringify(rows, null, 1)}\n`);
  }
  yield out;
}

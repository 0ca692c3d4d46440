/**
 * What the SDK costs an app: esbuild `--bundle --minify --platform=browser` of fixed usages of the
 * built packages (package.json `exports` → dist/, as an app installs them), minified and min+gzip
 * (zlib level 9), side by side in the same run with posthog-js (whole) and @sentry/browser (init +
 * captureException). Floors and goals are issue #12's; a floor missed says BELOW FLOOR in the table.
 * Run: npm run bench sdk-size. Markdown on stdout, JSON in bench/results/sdk-size.json.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { fmt, markdownTable, progress, REPO_DIR, writeResults } from './lib/report.ts';

interface Usage {
  name: string;
  what: string;
  code: string;
  floorKb?: number;
  goalKb?: number;
}

const EVERYTHING = `export * from '@airlock/sdk';
export * from '@airlock/sdk/telemetry';
export * from '@airlock/sdk/recorder';
export * from '@airlock/sdk/sync';`;

const USAGES: Usage[] = [
  {
    name: 'core-usage',
    what: 'location check + warnings + consent + ledger (+ transport)',
    code: `import { createConsent, createLedger, createLocationChecker, createTransport, createWarningEngine, memoryStorage } from '@airlock/sdk';
const storage = memoryStorage();
const consent = createConsent({ storage, profile: 'strict' });
const transport = createTransport({ serverUrl: 'https://airlock.example.com', beforeSend: [consent.beforeSend] });
const ledger = createLedger({ storage });
transport.useGate(consent.gate);
ledger.attachTo(transport);
const checker = createLocationChecker({ transport, storage });
const engine = createWarningEngine();
const check = await checker.check({ lon: 8.54, lat: 47.37 });
globalThis.report = engine.update(check.area, { lon: 8.54, lat: 47.37, altAglM: 40, time: new Date() });
globalThis.entries = await ledger.list();`,
    floorKb: 60,
    goalKb: 30,
  },
  {
    name: 'create-airlock',
    what: 'createAirlock (the one object: adds telemetry, recorder, Sync, region without borders)',
    code: `import { createAirlock } from '@airlock/sdk';
const airlock = createAirlock({ serverUrl: 'https://airlock.example.com' });
globalThis.check = await airlock.checkLocation({ lon: 8.54, lat: 47.37 });`,
  },
  {
    name: 'everything',
    what: 'everything the SDK offers, but the optional country borders',
    code: EVERYTHING,
    floorKb: 126,
    goalKb: 80,
  },
  {
    name: 'everything+borders',
    what: 'everything, with @airlock/sdk/region (country borders on the device)',
    code: `${EVERYTHING}\nexport * from '@airlock/sdk/region';`,
  },
  {
    name: 'region-borders',
    what: '@airlock/sdk/region alone',
    code: `import { resolveRegion } from '@airlock/sdk/region';
globalThis.region = await resolveRegion({ gps: { lon: 8.54, lat: 47.37 } });`,
  },
  {
    name: 'posthog-js',
    what: 'posthog-js, whole (init)',
    code: `import posthog from 'posthog-js';
posthog.init('phc_test', { api_host: 'https://eu.i.posthog.com' });
globalThis.posthog = posthog;`,
  },
  {
    name: 'sentry-browser',
    what: '@sentry/browser, init + captureException',
    code: `import * as Sentry from '@sentry/browser';
Sentry.init({ dsn: 'https://public@o0.ingest.sentry.io/0' });
Sentry.captureException(new Error('x'));`,
  },
];

interface Measured {
  name: string;
  what: string;
  minBytes: number;
  gzipBytes: number;
  largest: Array<{ source: string; minBytes: number }>;
  floorKb?: number;
  goalKb?: number;
  floorMet?: boolean;
  goalMet?: boolean;
}

/** Bytes in the output per package (or per folder of the workspace packages), largest first. */
function largestInputs(meta: Metafile, n: number): Array<{ source: string; minBytes: number }> {
  const by = new Map<string, number>();
  for (const out of Object.values(meta.outputs)) {
    for (const [path, input] of Object.entries(out.inputs)) {
      const key = path.includes('node_modules/')
        ? path.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1')
        : path
            .replace(/.*packages\/([^/]+)\/dist\/([^/]+)\/.*/, '@airlock/$1 $2/')
            .replace(/\/[^/]+\.js$/, '');
      by.set(key, (by.get(key) ?? 0) + input.bytesInOutput);
    }
  }
  return [...by]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([source, minBytes]) => ({ source, minBytes }));
}

async function measure(dir: string, u: Usage): Promise<Measured> {
  const entry = join(dir, `${u.name}.mjs`);
  writeFileSync(entry, `${u.code}\n`);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'error',
    // Resolve as an app does: through node_modules and package.json `exports`, not tsconfig paths.
    nodePaths: [join(REPO_DIR, 'node_modules')],
    tsconfigRaw: '{}',
  });
  const code = result.outputFiles[0].contents;
  const gzipBytes = gzipSync(code, { level: 9 }).length;
  const m: Measured = {
    name: u.name,
    what: u.what,
    minBytes: code.length,
    gzipBytes,
    largest: largestInputs(result.metafile, 4),
  };
  if (u.floorKb !== undefined) {
    m.floorKb = u.floorKb;
    m.goalKb = u.goalKb;
    m.floorMet = gzipBytes <= u.floorKb * 1024;
    m.goalMet = u.goalKb === undefined || gzipBytes <= u.goalKb * 1024;
  }
  return m;
}

const kb = (bytes: number) => fmt(bytes / 1024, 1);

progress('building @airlock/core and @airlock/sdk (dist/)');
execFileSync(process.execPath, [join(REPO_DIR, 'scripts', 'build-packages.mjs')], { stdio: 'inherit' });
const dir = mkdtempSync(join(tmpdir(), 'airlock-sdk-size-'));
const measured: Measured[] = [];
try {
  for (const u of USAGES) {
    progress(`bundling ${u.name}`);
    measured.push(await measure(dir, u));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const table = markdownTable(
  ['bundle', 'what', 'min KB', 'min+gzip KB', 'floor / goal (gzip)', 'largest parts (min KB)'],
  measured.map((m) => [
    m.name,
    m.what,
    kb(m.minBytes),
    kb(m.gzipBytes),
    m.floorKb === undefined
      ? ''
      : `≤ ${m.floorKb} ${m.floorMet ? 'met' : 'BELOW FLOOR'} / ≤ ${m.goalKb} ${m.goalMet ? 'met' : 'missed'}`,
    m.largest.map((l) => `${l.source} ${kb(l.minBytes)}`).join(', '),
  ]),
);
process.stdout.write(`\n## SDK bundle size (esbuild --bundle --minify --platform=browser)\n\n${table}\n`);
const file = writeResults('sdk-size', {
  bundler: 'esbuild --bundle --minify --platform=browser, gzip level 9',
  measured,
});
progress(`results: ${file}`);

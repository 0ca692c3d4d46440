/**
 * The web console in Debian's Chromium (issue #13's "must show" rows):
 * 1. a 4 MB PX4 ULog (sample.ulg) flight page, from navigation start to map drawn + first chart drawn,
 *    each visit in a fresh browser context (cold cache), beside the floor of fetching the same three
 *    API answers from a blank page of the same origin;
 * 2. panning a 100,000-point chart: uPlot with the console's chart options, its x scale moved every
 *    frame, beside the same data drawn as one plain <canvas> polyline per frame; p50/p95 of the
 *    frame intervals (requestAnimationFrame) over 240 frames each, interleaved three times;
 * 3. the console's JavaScript for the first page, gzip (entry and its static imports).
 * Run: npm run bench console (`--pan-only`: part 2 alone). Markdown on stdout, JSON in bench/results/console.json.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../e2e/testing/console-browser.ts';
import { startTestServer } from '../packages/server/src/testing/test-server.ts';
import { buildWeb, pageSizes } from '../packages/web/scripts/build-web.mjs';
import { fmt, markdownTable, progress, writeResults } from './lib/report.ts';

const ULOGS = new URL('../../shared/data/flightlogs/ulog/', import.meta.url);
// The corpus's 4 MB ULog has no GPS fix (the page draws its charts and says there is no map), so the
// largest one with a track is measured too: together they cover "4 MB" and "map + first chart".
const LOGS = ['sample.ulg', 'sample_px4_events.ulg'];
const VISITS = 7;
const POINTS = 100_000;
const FRAMES = 120;
const ROUNDS = 2;
const PASSWORD = 'correct horse battery staple';
const require = createRequire(import.meta.url);
const UPLOT_JS = readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
const UPLOT_CSS = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');

/** How long each visit's final check took to read the chart's pixels back (reported, not counted). */
const probeMs: number[] = [];
const percentile = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
};

await buildWeb();
const t = await startTestServer({ dataDir: mkdtempSync(join(tmpdir(), 'airlock-bench-console-')) });
const browser = await launchChromium();
try {
  const pilot = await t.pilot('bench-console@example.org', PASSWORD);
  const visits: { file: string; mb: number; map: boolean; pageMs: number[]; dataMs: number[] }[] = [];
  for (const file of process.argv.includes('--pan-only') ? [] : LOGS) {
    const bytes = readFileSync(new URL(file, ULOGS));
    const up = await fetch(`${t.url}/v1/flightlogs?filename=${file}`, {
      method: 'POST',
      headers: pilot.auth,
      body: bytes,
    });
    const { flightlog } = (await up.json()) as { flightlog: { id: string } };
    const track = (await (
      await fetch(`${t.url}/v1/flightlogs/${flightlog.id}/track`, { headers: pilot.auth })
    ).json()) as {
      features: unknown[];
    };
    const v = {
      file,
      mb: bytes.length / 1e6,
      map: track.features.length > 0,
      pageMs: [] as number[],
      dataMs: [] as number[],
    };
    progress(`uploaded ${file} (${fmt(v.mb)} MB, ${v.map ? 'with' : 'without'} a GPS track)`);
    for (let i = 0; i < VISITS; i++) {
      v.pageMs.push(await flightPageVisit(browser, t.url, flightlog.id));
      v.dataMs.push(await dataFetch(browser, t.url, flightlog.id));
      progress(`visit ${i + 1}: page ${fmt(v.pageMs[i], 0)} ms, data alone ${fmt(v.dataMs[i], 0)} ms`);
    }
    visits.push(v);
  }

  const pan = { uplot: [] as number[], canvas: [] as number[] };
  // 2D canvas on the CPU (Skia), as on a machine without a GPU: through SwiftShader's GL, which the
  // map needs for WebGL, one 100k-point path took seconds per frame here.
  const cpuCanvas = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--disable-accelerated-2d-canvas', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  });
  const context = await cpuCanvas.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.route('http://bench.invalid/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: benchPage() }),
  );
  await page.goto('http://bench.invalid/');
  for (let r = 0; r < ROUNDS; r++)
    for (const kind of ['uplot', 'canvas'] as const) {
      const frames = await page.evaluate(([k, n]) => (window as unknown as BenchWindow).pan(k, n), [
        kind,
        FRAMES,
      ] as const);
      pan[kind].push(...frames);
      progress(`pan round ${r + 1}, ${kind}: p95 ${fmt(percentile(frames, 0.95))} ms`);
    }
  await cpuCanvas.close();

  const first = pageSizes().first;
  const med = (v: number[]) => percentile(v, 0.5);
  const rows = [
    ...visits.map((v) => [
      `${v.file} (${fmt(v.mb)} MB) flight page: navigation → ${v.map ? 'map + first chart' : 'first chart (no GPS: no map)'} drawn, median of ${VISITS} cold visits`,
      `${fmt(med(v.pageMs), 0)} ms`,
      `${fmt(med(v.dataMs), 0)} ms (its three API answers alone)`,
      '≤ 1500 ms',
      med(v.pageMs) <= 1500 ? 'met' : 'BELOW FLOOR',
    ]),
    [
      `panning a ${POINTS / 1000}k-point chart: p95 frame time (uPlot, ${ROUNDS * FRAMES} frames)`,
      `${fmt(percentile(pan.uplot, 0.95))} ms (p50 ${fmt(med(pan.uplot))})`,
      `${fmt(percentile(pan.canvas, 0.95))} ms (p50 ${fmt(med(pan.canvas))}) plain <canvas> polyline`,
      '≤ 33 ms',
      percentile(pan.uplot, 0.95) <= 33 ? 'met' : 'BELOW FLOOR',
    ],
    [
      'console JS, gzip, first page',
      `${fmt(first / 1024)} KB`,
      '—',
      '≤ 300 KB',
      first <= 300 * 1024 ? 'met' : 'BELOW FLOOR',
    ],
  ];
  console.log(markdownTable(['what', 'console', 'side by side', 'floor', ''], rows));
  if (probeMs.length > 0)
    console.log(
      `\nFlight page times are taken when the final check starts; its read-back of the chart's pixels took a further ${fmt(percentile(probeMs, 0.5), 0)} ms (median), not counted.`,
    );
  const path = writeResults('console', {
    flightPages: visits,
    panFrameMs: pan,
    probeReadBackMs: probeMs,
    firstPageJsGzipBytes: first,
    lazyPageJsGzipBytes: pageSizes(),
  });
  progress(`wrote ${path}`);
} finally {
  await browser.close();
  await t.close();
}

interface BenchWindow {
  pan(kind: 'uplot' | 'canvas', frames: number): Promise<number[]>;
}

/** The console's sign-in (client 'web': a session cookie) into the context's cookie jar. */
async function signInWeb(context: BrowserContext): Promise<void> {
  const r = await context.request.post('/v1/sessions', {
    data: { email: 'bench-console@example.org', password: PASSWORD, client: 'web' },
    headers: { 'x-airlock-csrf': '1' },
  });
  if (!r.ok()) throw new Error(`sign-in ${r.status()}: ${await r.text()}`);
  // What the console's own sign-in leaves (session.tsx): the hint that a session cookie exists.
  await context.addInitScript(() => localStorage.setItem('airlock.signed-in', '1'));
}

/** One cold visit, signed in: ms from navigation start until the map says drawn and a chart has ink. */
async function flightPageVisit(browser: Browser, url: string, id: string): Promise<number> {
  const context = await browser.newContext({ baseURL: url, viewport: { width: 1280, height: 900 } });
  try {
    await signInWeb(context);
    const page = await context.newPage();
    await page.goto(`/flights/${id}`, { waitUntil: 'commit' });
    const handle = await page
      .waitForFunction(
        () => {
          // The moment this check starts is what it reports: reading the chart's pixels back (a GPU
          // canvas on SwiftShader) took 0.1-0.3 s by itself, the probe's time, not the page's. Pixels are
          // read only once the map is drawn (cheap to check), so the probe does not slow the map down.
          const now = performance.now();
          // A log without GPS has no map element at all; one with a track must have drawn it.
          const map =
            document.querySelector('.map[data-state="drawn"]') ||
            (document.querySelector('.chart-slot') && !document.querySelector('.map'));
          const c = document.querySelector<HTMLCanvasElement>('.chart-slot canvas');
          if (!map || !c || c.width === 0) return false;
          const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
          for (let i = 0; i < data.length; i += 4)
            if (data[i + 2] > 120 && data[i] < 80 && data[i + 3] > 0) return [now, performance.now() - now];
          return false;
        },
        undefined,
        { polling: 'raf', timeout: 30_000 },
      )
      .catch(async (e) => {
        await page.screenshot({ path: join(tmpdir(), 'bench-console-timeout.png') });
        throw e;
      });
    const [at, probe] = (await handle.jsonValue()) as [number, number];
    probeMs.push(probe);
    return at;
  } finally {
    await context.close();
  }
}

/** The floor: a blank same-origin page fetching the summary, track and series the flight page needs. */
async function dataFetch(browser: Browser, url: string, id: string): Promise<number> {
  const context = await browser.newContext({ baseURL: url });
  try {
    await signInWeb(context);
    const page = await context.newPage();
    // A blank page of the server's origin (served by the browser's router, so no page policy applies).
    await page.route('**/__bench-blank', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }),
    );
    await page.goto('/__bench-blank');
    return await page.evaluate(async (logId) => {
      const t0 = performance.now();
      await Promise.all(
        ['', '/track', '/series'].map((p) => fetch(`/v1/flightlogs/${logId}${p}`).then((r) => r.json())),
      );
      return performance.now() - t0;
    }, id);
  } finally {
    await context.close();
  }
}

/** A page with both charts: uPlot as the console configures it, and a plain canvas polyline. */
function benchPage(): string {
  return `<!doctype html><html><head><style>${UPLOT_CSS} body{margin:0} #u,#c{width:1200px}</style></head><body>
<div id="u"></div><canvas id="c" width="1200" height="170"></canvas>
<script>${UPLOT_JS}</script>
<script>
const N = ${POINTS};
const xs = new Float64Array(N), ys = new Float64Array(N);
for (let i = 0; i < N; i++) { xs[i] = i / 10; ys[i] = 50 + 30 * Math.sin(i / 500) + 5 * Math.sin(i / 7); }
const u = new uPlot({ width: 1200, height: 170, scales: { x: { time: false } },
  axes: [{ label: 'Time (s)', labelSize: 18, size: 36 }, { label: 'm', labelSize: 18, size: 56 }],
  series: [{ label: 'Time (s)' }, { label: 'Altitude', stroke: '#1f5fa8', width: 1.5 }],
  cursor: { drag: { x: true, y: false } }, legend: { live: true } }, [Array.from(xs), Array.from(ys)], document.getElementById('u'));
const canvas = document.getElementById('c'), ctx = canvas.getContext('2d');
const span = xs[N - 1] / 4;
function drawCanvas(x0) {
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.strokeStyle = '#1f5fa8'; ctx.lineWidth = 1.5; ctx.beginPath();
  const k = canvas.width / span;
  for (let i = 0; i < N; i++) { const x = (xs[i] - x0) * k, y = 170 - ys[i] * 1.7; i ? ctx.lineTo(x, y) : ctx.moveTo(x, y); }
  ctx.stroke();
}
window.pan = (kind, frames) => new Promise((resolve) => {
  const out = []; let last = 0, n = 0;
  const step = (now) => {
    if (last) out.push(now - last);
    last = now;
    const x0 = (n / frames) * (xs[N - 1] - span);
    if (kind === 'uplot') u.setScale('x', { min: x0, max: x0 + span }); else drawCanvas(x0);
    if (++n > frames) return resolve(out);
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
});
</script></body></html>`;
}

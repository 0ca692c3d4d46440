import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium): no browser is ever downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // WebGL through SwiftShader (no GPU here); Chromium refuses its sandbox to root (CI runs as root).
    args: [
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Every URL the page, its workers and its downloads asked for, in order. */
  requests: string[];
  /** Console errors (CSP refusals among them) and uncaught exceptions. */
  errors: string[];
}

/** A fresh browser context whose every request and every console error is recorded. */
export async function watchedPage(browser: Browser, baseURL: string): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('worker', (w) =>
    w.on('console', (m) => m.type() === 'error' && errors.push(`worker: ${m.text()}`)),
  );
  return { context, page, requests, errors };
}

/**
 * axe-core's serious and critical violations on the page as it is now, one line each. axe is run by
 * evaluation, not by a <script> tag, which the page's policy (no inline script) would refuse.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: Document) => Promise<AxeResults> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

interface AxeResults {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

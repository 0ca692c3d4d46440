// The packed SDK on every runtime it claims, with one test body (packages/sdk/src/testing/
// runtime-check.ts: location check, warnings, consent, ledger) against a real server: plain Node 20,
// Debian's Chromium, and QuickJS (WebAssembly) with no fetch, TextEncoder or crypto.subtle. Each entry
// is bundled by esbuild from the tarballs installed in a clean folder, never from this repo's sources.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { RuntimeCheckResult } from '../../packages/sdk/src/testing/index.ts';
import { type Loopback, startLoopback } from '../../packages/server/src/testing/loopback.ts';
import { CHROMIUM } from '../testing/console-browser.ts';
import { runInQuickJS } from '../testing/quickjs-host.ts';
import { judgeRuntimeCheck } from '../testing/runtime-judge.ts';
import { bundleFromApp } from '../testing/sdk-bundle.ts';
import { type InstalledSdk, installSdkTarballs, PLAIN_ENV } from '../testing/sdk-tarballs.ts';

const entry = (name: string) => fileURLToPath(new URL(`entries/${name}.ts`, import.meta.url));

/** The brief's flags: headless, no sandbox (CI runs as root), nothing fetched by the browser itself. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('the packed SDK on Node 20, Chromium and a bare QuickJS', () => {
  let installed: InstalledSdk;
  let loopback: Loopback;

  before(async () => {
    installed = installSdkTarballs('airlock-sdk-runtimes-');
    loopback = await startLoopback({ che: true });
  });
  after(async () => {
    await loopback?.close();
    if (installed) rmSync(installed.work, { recursive: true, force: true });
  });

  test('Node 20: plain node, the SDK imported from node_modules', async () => {
    const code = await bundleFromApp(entry('node'), installed.app, {
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['@airlock/sdk', '@airlock/core'],
    });
    assert.match(code, /from "@airlock\/sdk"/, 'the SDK stays an import, resolved by node');
    writeFileSync(join(installed.app, 'runtime-node.mjs'), code);
    const out = await runNode(installed.app, ['runtime-node.mjs', loopback.server.url]);
    assert.deepEqual(out.engine, { textEncoder: true, subtle: true, fetch: true });
    judgeRuntimeCheck(out);
  });

  test("Chromium: a page of the server's origin with the SDK bundled for the browser", async () => {
    const code = await bundleFromApp(entry('browser'), installed.app, {
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
    });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      // The page is the test's, served at the server's origin (no CORS needed); /v1/… goes to the server.
      const base = `${loopback.server.url}/__sdk-runtime/`;
      await page.route(`${base}**`, (route) =>
        route.request().url().endsWith('.js')
          ? route.fulfill({ contentType: 'text/javascript', body: code })
          : route.fulfill({
              contentType: 'text/html',
              body: '<!doctype html><title>sdk</title><script src="sdk.js"></script>',
            }),
      );
      await page.goto(base);
      const text = await page.evaluate(
        (url) =>
          (globalThis as unknown as { airlockRuntimeCheck(u: string): Promise<string> }).airlockRuntimeCheck(
            url,
          ),
        loopback.server.url,
      );
      const out = JSON.parse(text) as RuntimeCheckResult;
      assert.deepEqual(out.engine, { textEncoder: true, subtle: true, fetch: true });
      judgeRuntimeCheck(out);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });

  test('QuickJS (WebAssembly): no fetch, TextEncoder or crypto; fetch injected, SHA-256 and UTF-8 by hand', async () => {
    const code = await bundleFromApp(entry('quickjs'), installed.app, {
      // Neutral: no browser or node fields; package.json `main`/`module` for the dependencies without `exports`.
      platform: 'neutral',
      mainFields: ['module', 'main'],
      format: 'iife',
      globalName: 'AirlockRuntime',
      target: 'es2020',
    });
    const text = await runInQuickJS(code, `AirlockRuntime.run(${JSON.stringify(loopback.server.url)})`);
    const out = JSON.parse(text) as RuntimeCheckResult;
    assert.deepEqual(out.engine, { textEncoder: false, subtle: false, fetch: false });
    judgeRuntimeCheck(out);
  });
});

/** Not spawnSync: the server answers from this process's event loop. */
function runNode(cwd: string, args: string[]): Promise<RuntimeCheckResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: PLAIN_ENV, timeout: 20_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) =>
      status === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`node exited ${status}: ${stderr}`)),
    );
  });
}

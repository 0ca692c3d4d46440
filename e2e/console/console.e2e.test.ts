// The web console in Debian's Chromium, end to end: ONE server (its own data dir, serving the built
// console) and ONE Chromium shared by every console page's tests. This is the only *.test.ts here on
// purpose: node's runner starts each test file in a process of its own, so a page test in a file of
// its own would build, start a server and launch a browser again (seconds each, on a 2-core CI).
//
// To add a page's tests (e.g. the flight parameters page):
//   1. write e2e/console/pages/<page>.ts (NOT *.test.ts) exporting `function <page>Tests(run: ConsoleRun)`
//      that declares one describe() with the page's tests; open its own context in its before()
//      (`watchedPage(run.browser, run.t.url)`), close it and check its requests and errors in its
//      after(); read `run.t` / `run.browser` only inside hooks and tests (they are set by then);
//   2. import it below and call it in the describe, after the others: modules run in this order on one
//      server, so use your own accounts, dataset ids and media, and leave what others made alone;
//   3. run it: `node scripts/run-tests.mjs e2e/console`.
import { existsSync } from 'node:fs';
import { describe } from 'node:test';
import { CHROMIUM } from '../testing/console-browser.ts';
import { sharedConsole } from './console-fixtures.ts';
import { flightDetailsTests } from './pages/flight-details.ts';
import { flyAndOperatorTests } from './pages/fly-operator.ts';
import { galleryTests } from './pages/gallery.ts';
import { pilotTests } from './pages/pilot.ts';
import { servingTests } from './pages/serving.ts';

const noBrowser = !existsSync(CHROMIUM) && process.env.CI !== 'true';

describe('web console', { skip: noBrowser && `${CHROMIUM} is missing: apt-get install chromium` }, () => {
  const run = sharedConsole();
  servingTests(run);
  pilotTests(run);
  flyAndOperatorTests(run);
  galleryTests(run);
  flightDetailsTests(run);
});

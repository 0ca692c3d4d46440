// Every example in README.md, run as written against a real server started the way `npm start`
// starts it: shell blocks through bash (127.0.0.1:8080 becomes the test server's port), TypeScript
// blocks type-checked with tsc and run with Node. Only the two commands of "Run it"/"Test it" are
// left to CI itself. A README example that does not work fails here.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readmeBlocks, shellCommands } from './testing/readme-blocks.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SKIP = new Set(['npm install && npm start', 'npm test']);

/** What each example must show beyond exiting 0, by a piece of its text. */
const EXPECT: Array<[string, RegExp]> = [
  ['v1/zones?bbox', /"FeatureCollection"/],
  ['v1/datasets', /ourairports-world/],
  ['zones near', /ZURICH|Zurich|LSZH/i],
  ['airlock import', /imported dataset ksgu/],
  ['airlock datasets', /ksgu .* zones/],
  ['admin/datasets/ksgu-ultralight', /"dataset"/],
  ['airlock check', /sent \(cell mechanism\)[\s\S]*\/v1\/location\/cells\//],
  ['stats --json', /"counters"/],
  ['logs summary', /"format":"dataflash"/],
  ['accounts create', /created pilot/],
  ['logs import', /imported: flight log/],
  ['checkLocation', /^full \d+ blocked \[[\s\S]*LSZH/m],
  ['ledger.export', /"category": ?"app_performance"[\s\S]*"category": ?"user_experience"/],
  ['airlock.sync', /\[ 'uploaded' \]/],
  ['npm run audit', /0 disallowed/],
  ['v1/ready', /"ready":true/],
  ['/metrics', /airlock_http_requests_total\{route=/],
];

describe('README examples', () => {
  let dir: string;
  let server: ChildProcess;
  let url = '';
  const env = {
    ...process.env,
    AIRLOCK_ADMIN_TOKEN: randomBytes(18).toString('hex'),
    PILOT_PASSWORD: 'a long pass phrase for the readme pilot',
    LOG_LEVEL: 'warn',
    AIRLOCK_URL: '',
    DATABASE_URL: '',
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'airlock-readme-'));
    Object.assign(env, { AIRLOCK_DATA_DIR: join(dir, 'data'), PORT: '0' });
    server = spawn(process.execPath, [join(ROOT, 'packages/server/bin/airlock.js'), 'serve'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (b) => {
        out += b;
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      server.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
  });
  after(() => {
    server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  test('each shell and TypeScript example runs and shows what README says', { timeout: 240_000 }, () => {
    const blocks = readmeBlocks(join(ROOT, 'README.md'));
    const work = join(ROOT, 'e2e', '.readme-examples');
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const host = url.replace(/^http:\/\//, '');
    const ran: string[] = [];
    const tsFiles: string[] = [];
    blocks.forEach((b, i) => {
      if (b.lang === 'ts') {
        const file = join(work, `example-${i}.ts`);
        writeFileSync(
          file,
          `import '../testing/readme-prelude.ts';\n${b.text.replaceAll('127.0.0.1:8080', host)}\n`,
        );
        tsFiles.push(file);
      }
    });
    // Type-check every TypeScript example first, as an app developer's build would: the examples and
    // what they import (the SDK), in one program. Not the other e2e helpers, which `npm run typecheck`
    // covers and which would bring in the whole server (three times the files to check).
    writeFileSync(
      join(work, 'tsconfig.json'),
      JSON.stringify({ extends: '../../tsconfig.json', include: ['*.ts', '../testing/readme-prelude.ts'] }),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', work], {
      encoding: 'utf8',
    });
    assert.equal(tsc.status, 0, `README TypeScript examples do not type-check:\n${tsc.stdout}${tsc.stderr}`);

    blocks.forEach((b, i) => {
      const runs =
        b.lang === 'ts'
          ? [{ label: b.text, cmd: [process.execPath, '--import', 'tsx', join(work, `example-${i}.ts`)] }]
          : shellCommands(b.text)
              .filter((c) => !SKIP.has(c))
              .map((c) => ({
                label: c,
                cmd: [
                  'bash',
                  '-o',
                  'pipefail',
                  '-c',
                  c.replaceAll('127.0.0.1:8080', host).replace(/^curl /, 'curl -sS --fail-with-body '),
                ],
              }));
      for (const r of runs) {
        const res = spawnSync(r.cmd[0], r.cmd.slice(1), {
          cwd: ROOT,
          env,
          encoding: 'utf8',
          timeout: 120_000,
        });
        const where = `README line ${b.line}: ${r.label.split('\n')[0]}`;
        assert.equal(res.status, 0, `${where}\nexit ${res.status}\n${res.stdout}\n${res.stderr}`);
        for (const [piece, pattern] of EXPECT)
          if (r.label.includes(piece))
            assert.match(`${res.stdout}${res.stderr}`, pattern, `${where}\n${res.stdout}`);
        ran.push(r.label);
      }
    });
    // Every expectation met something: an example removed from README is noticed here.
    for (const [piece] of EXPECT)
      assert.ok(
        ran.some((l) => l.includes(piece)),
        `no README example has "${piece}"`,
      );
    rmSync(work, { recursive: true, force: true });
  });
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type BuildManifest, changedInput, currentBuild, DIST_DIR } from '../../bin/build-state.js';
import { BIN, buildIfStale, loadedModules, moduleLog, REPO } from '../testing/built-bin.ts';
import { COMMANDS } from './main.ts';

describe('the built airlock CLI', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'airlock-built-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** `node bin/airlock.js ...args` with nothing inherited but PATH (no NODE_OPTIONS, no tsx). */
  function runBin(...args: string[]): { code: number | null; out: string; err: string; loaded: string[] } {
    const log = join(dir, `loaded-${args.join('-')}.txt`);
    const { nodeArgs, env } = moduleLog(dir, log);
    const r = spawnSync(process.execPath, [...nodeArgs, BIN, ...args], {
      cwd: REPO,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr, loaded: loadedModules(log) };
  }

  test('what `npm install` runs (prepare) leaves a fresh build', () => {
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const build = currentBuild();
    assert.ok(build.main, build.reason);
    const again = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
      cwd: REPO,
      encoding: 'utf8',
    });
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stderr, '', 'a fresh build is not built again');
  });

  test('`airlock --help` runs the build without tsx and loads no package and no command', () => {
    buildIfStale();
    const r = runBin('--help');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '', 'no note about falling back to tsx');
    const lines = r.out.split('\n').map((l) => l.trim().split(/ {2,}/));
    for (const c of COMMANDS)
      assert.ok(
        lines.some(([n, s]) => n === c.name && s === c.summary),
        c.name,
      );
    const files = r.loaded.filter((u) => u.startsWith('file:'));
    assert.deepEqual(
      files.filter((u) => u.includes('/node_modules/') || u.endsWith('.ts')),
      [],
      'no npm package (tsx, the server, zod) and no TypeScript source',
    );
    assert.ok(
      files.some((u) => u.endsWith('/main.js') && u.includes('/packages/server/dist/')),
      files.join('\n'),
    );
    assert.ok(
      !files.some((u) => /-command-[A-Z0-9]+\.js$/.test(u)),
      `a command was loaded:\n${files.join('\n')}`,
    );
  });

  test('`airlock <command> --help` runs the build without tsx', () => {
    for (const c of COMMANDS) {
      buildIfStale();
      const r = runBin(c.name, '--help');
      assert.equal(r.code, 0, `${c.name}: ${r.err}`);
      assert.match(r.out, new RegExp(`airlock ${c.name}`), c.name);
      assert.deepEqual(
        r.loaded.filter((u) => u.includes('/node_modules/tsx/') || u.endsWith('.ts')),
        [],
        c.name,
      );
    }
  });

  // Usage text needs no package: what a command file imports at its top, its --help pays for, so
  // the server, config (zod) and @airlock/core are imported inside run(), after --help.
  test('`airlock <command> --help` loads no npm package', () => {
    const heavy: string[] = [];
    for (const c of COMMANDS) {
      buildIfStale();
      const r = runBin(c.name, '--help');
      assert.equal(r.code, 0, `${c.name}: ${r.err}`);
      if (r.loaded.some((u) => u.includes('/node_modules/'))) heavy.push(c.name);
    }
    assert.deepEqual(heavy, [], 'these commands load npm packages for --help');
  });

  test('a source changed or removed since the build is named, so the bin does not run stale code', () => {
    buildIfStale();
    const manifest = JSON.parse(readFileSync(new URL('build.json', DIST_DIR), 'utf8')) as BuildManifest;
    assert.equal(changedInput(manifest), null);
    const [first] = Object.keys(manifest.inputs);
    const edited = { ...manifest, inputs: { ...manifest.inputs, [first]: [1, 1] as [number, number] } };
    assert.equal(changedInput(edited), fileURLToPath(new URL(first, DIST_DIR)).slice(REPO.length));
    const gone = { ...manifest, inputs: { '../src/cli/gone.ts': [1, 1] as [number, number] } };
    assert.equal(changedInput(gone), 'packages/server/src/cli/gone.ts');
    const none = currentBuild(new URL(`file://${dir}/`));
    assert.match(none.reason ?? '', /no JavaScript build/);
  });

  test('a source changed since the build: the bin builds again and runs that, not stale code or tsx', () => {
    buildIfStale();
    const path = new URL('build.json', DIST_DIR);
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as BuildManifest;
    const first = Object.keys(manifest.inputs)[0];
    manifest.inputs[first] = [1, 1];
    // Replaced whole, as the build writes it: other runs of the bin meanwhile see one or the other.
    const tmp = new URL(`build.json.test-${process.pid}`, DIST_DIR);
    writeFileSync(tmp, JSON.stringify(manifest));
    renameSync(tmp, path);
    const r = runBin('--help');
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /^airlock: \S+ changed after the last build: rebuilt in \d+ ms\n$/);
    assert.deepEqual(
      r.loaded.filter((u) => u.includes('/node_modules/tsx/') || u.endsWith('.ts')),
      [],
    );
    assert.ok(currentBuild().main, 'the build is fresh again');
  });

  test('every import.meta.url in the build names its source file, so files beside the sources are found', () => {
    buildIfStale();
    const { dir: build } = JSON.parse(readFileSync(new URL('build.json', DIST_DIR), 'utf8')) as BuildManifest;
    const folder = new URL(`${build}/`, DIST_DIR);
    const named: string[] = [];
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(new URL(file, folder), 'utf8');
      const bare = text.replaceAll(/new URL\("[^"]+", import\.meta\.url\)/g, '');
      assert.doesNotMatch(bare, /import\.meta\.url/, `${file} uses its own URL`);
      for (const m of text.matchAll(/new URL\("([^"]+)", import\.meta\.url\)/g)) named.push(m[1]);
    }
    for (const rel of named) assert.ok(existsSync(new URL(rel, folder)), rel);
    // The ones the server cannot start without: the bundled airspace and the SQL migrations.
    assert.ok(named.some((r) => r.endsWith('/airspace/bundled-airspace.ts')));
    assert.ok(named.some((r) => r.endsWith('/storage/migrate.ts')));
  });

  test("each command's summary in main's table is the one in its file", async () => {
    for (const c of COMMANDS) {
      const cmd = await c.load();
      assert.equal(cmd.name, c.name);
      assert.equal(c.summary, cmd.summary, `update ${c.name}'s summary in cli/main.ts`);
    }
  });
});

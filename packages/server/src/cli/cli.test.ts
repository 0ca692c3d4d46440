import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../testing/run-cli.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const SHARED = new URL('../../../../../shared/data/airspace/', import.meta.url).pathname;

const run = (...argv: string[]) => runCli(argv);

// The CLI as a client: a real server holds the data dir, and every command finds it through the
// lock file and talks to it over HTTP, as `npx airlock …` beside `npm start` does.
describe('airlock CLI against the running server', () => {
  let dir: string;
  let server: TestServer;
  const saved = { ...process.env };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'airlock-cli-'));
    process.env.AIRLOCK_DATA_DIR = dir;
    process.env.AIRLOCK_LOAD_BUNDLED_AIRSPACE = 'false';
    delete process.env.DATABASE_URL;
    delete process.env.AIRLOCK_URL;
    server = await startTestServer({ dataDir: dir });
  });
  after(async () => {
    await server.close();
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  test('the help text names the near-radius limit core enforces', async () => {
    const { MAX_NEAR_RADIUS_M } = await import('@airlock/core');
    const { NEAR_RADIUS_LIMIT_M } = await import('./zones-command.ts');
    assert.equal(NEAR_RADIUS_LIMIT_M, MAX_NEAR_RADIUS_M);
  });

  test('every subcommand has --help, and bad usage exits 2 with the usage', async () => {
    const top = await run('--help');
    assert.equal(top.code, 0);
    for (const cmd of ['serve', 'import', 'zones', 'datasets']) {
      assert.match(top.out, new RegExp(`\\b${cmd}\\b`));
      const h = await run(cmd, '--help');
      assert.equal(h.code, 0, cmd);
      assert.match(h.out, new RegExp(`airlock ${cmd}`), cmd);
    }
    const bad = await run('zones', 'near', '95', '10');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /LAT must be a number between -90 and 90/);
    assert.equal((await run('import', '--bogus')).code, 2);
    assert.equal((await run('nonsense')).code, 2);
  });

  test('import prints counts per category; the same file again is unchanged; a clash needs --replace', async () => {
    const file = join(SHARED, 'openair', 'ksgu-airspaces.txt');
    const first = await run('import', file, '--dataset', 'ksgu', '--licence', 'MIT');
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /imported dataset ksgu version [0-9a-f]{16}: \d+ zones/);
    assert.match(first.out, /warning\s+\d+/);
    const again = await run('import', file, '--dataset', 'ksgu');
    assert.match(again.out, /unchanged/);
    const other = await run(
      'import',
      join(SHARED, 'openair', 'ksgu-ultralight-restricted-airspaces.txt'),
      '--dataset',
      'ksgu',
    );
    assert.equal(other.code, 1);
    assert.match(other.err, /replace/);
    const list = await run('datasets', '--json');
    assert.equal(list.code, 0, list.err);
    assert.match(list.err, new RegExp(`using the server at ${server.url}`));
    assert.equal(JSON.parse(list.out)[0].id, 'ksgu');
    // The running server answers with the new zones at once: the import went through it.
    const zones = await (await fetch(`${server.url}/v1/zones?bbox=-114,36.5,-113,37.5`)).json();
    assert.ok(
      zones.features.some((f: { properties: { dataset: string } }) => f.properties.dataset === 'ksgu'),
    );
    assert.equal(server.services.airspace.index.size, JSON.parse(list.out)[0].zoneCount);
  });

  test('a bad record is skipped with its line; --strict fails naming the line', async () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(
      bad,
      'AC R\nAN Good\nAL SFC\nAH 400ft AGL\nDP 37:00:00 N 113:00:00 W\nDP 37:01:00 N 113:00:00 W\nDP 37:01:00 N 113:01:00 W\n\nAC R\nAN Bad\nAL SFC\nAH 400ft AGL\nDP 99:99:99 Q 113:00:00 W\n',
    );
    // 1 of 2 records skipped is far above 1%: refused with the counts and reasons, nothing stored.
    const refused = await run('import', bad, '--dataset', 'bad');
    assert.equal(refused.code, 1, refused.err);
    assert.match(refused.err, /import refused: 1 of 2 records skipped, nothing stored/);
    assert.match(refused.err, /skipped line 1[0-3] \(Bad\): /);
    assert.match(refused.err, /--accept-partial/);
    const listed = await run('datasets');
    assert.doesNotMatch(listed.out, /\bbad\b/);
    const lenient = await run('import', bad, '--dataset', 'bad', '--accept-partial');
    assert.equal(lenient.code, 0, lenient.err);
    assert.match(lenient.err, /skipped line 1[0-3] \(Bad\)/);
    assert.match(lenient.out, /1 zones, 1 records skipped/);
    const strict = await run('import', bad, '--dataset', 'bad2', '--strict');
    assert.equal(strict.code, 1);
    assert.match(strict.err, /import failed: line 1[0-3]/);
  });

  test('zones near prints zones with distances, and --json a FeatureCollection', async () => {
    const text = await run('zones', 'near', '37.0364', '-113.5103', '--radius', '20000', '--alt', '100');
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /INSIDE .*SAINT GEORGE CLASS E2/);
    const json = await run('zones', 'near', '37.0364', '-113.5103', '--radius', '20000', '--json');
    const fc = JSON.parse(json.out);
    assert.equal(fc.type, 'FeatureCollection');
    const e2 = fc.features.find(
      (f: { properties: { name: string } }) => f.properties.name === 'SAINT GEORGE CLASS E2',
    );
    assert.ok(e2);
    assert.equal(e2.properties.distance_m, 0);
    assert.equal(e2.properties.category, 'warning');
    assert.equal(e2.properties.source, 'openair');
    assert.ok(e2.properties.lower && e2.properties.upper);
    assert.deepEqual(
      e2.properties.circle.center.map((x: number) => Math.round(x * 1000) / 1000),
      [-113.51, 37.036],
    );
    assert.equal(e2.geometry.type, 'Polygon');
    for (const f of fc.features) assert.ok(f.properties.distance_m <= 20000);
  });
});

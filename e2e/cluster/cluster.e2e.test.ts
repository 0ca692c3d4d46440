// The cluster of issue #16 for real: three `airlock serve` processes on one PostgreSQL database (a
// fresh one per run), one S3 bucket (moto_server), one NATS JetStream (a private nats-server), behind
// Debian's haproxy. A mixed workload (testing/workload.ts) runs while one server is killed with
// SIGKILL and brought back, and NATS is restarted. Then: no acknowledged write lost, no report
// counted twice, every upload complete and byte-identical, a dataset imported on one server listed by
// the others within a second. Progress goes to stderr as it happens.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { freePort } from '../../packages/server/src/testing/free-port.ts';
import { startTestS3, type TestS3 } from '../../packages/server/src/testing/moto-s3.ts';
import { TEST_ARGON2 } from '../../packages/server/src/testing/test-server.ts';
import { importAndWatch, logSummary, signIn, streamDrained } from './testing/cluster-probes.ts';
import { ClusterServer } from './testing/cluster-server.ts';
import { type FreshDatabase, freshDatabase } from './testing/fresh-database.ts';
import { type Haproxy, startHaproxy } from './testing/haproxy.ts';
import { type PrivateNats, startPrivateNats } from './testing/private-nats.ts';
import { startWorkload } from './testing/workload.ts';

const AIRSPACE = new URL('../../../shared/data/airspace/openair/', import.meta.url).pathname;
const TOKEN = `cluster-operator-${randomBytes(8).toString('hex')}`;
const PASSWORD = 'correct horse battery staple';
const STREAM = `AIRLOCK_CLUSTER_${randomBytes(6).toString('hex').toUpperCase()}`;
const T0 = performance.now();
const say = (line: string) =>
  process.stderr.write(`[cluster +${((performance.now() - T0) / 1000).toFixed(1)}s] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ms = (list: number[]) => list.map((n) => `${n} ms`).join(', ');

describe('three servers behind haproxy on PostgreSQL, S3 and NATS', { timeout: 240_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'airlock-cluster-'));
  let db: FreshDatabase | undefined;
  let s3: TestS3 | undefined;
  let nats: PrivateNats | undefined;
  let lb: Haproxy | undefined;
  const servers: ClusterServer[] = [];

  before(async () => {
    [db, s3, nats] = await Promise.all([
      freshDatabase(),
      startTestS3(),
      startPrivateNats(join(root, 'nats')),
    ]);
    say(`database ${new URL(db.url).pathname.slice(1)}, moto S3, nats-server ${nats.url}, stream ${STREAM}`);
    const env = {
      DATABASE_URL: db.url,
      AIRLOCK_MASTER_KEY: randomBytes(32).toString('base64'),
      AIRLOCK_ALLOWED_REGIONS: 'local,us-east-1',
      AIRLOCK_FLIGHTLOG_REGION: 'us-east-1',
      AIRLOCK_MEDIA_REGION: 'us-east-1',
      AIRLOCK_FLIGHTLOG_S3_URL: s3.url(),
      AIRLOCK_MEDIA_S3_URL: s3.url(),
      NATS_URL: nats.url,
      AIRLOCK_NATS_STREAM: STREAM,
      AIRLOCK_NATS_ACK_WAIT_S: '2',
      AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false',
      // No polling: a dataset change must reach the other servers by notification.
      AIRLOCK_DATASET_POLL_S: '0',
      AIRLOCK_ADMIN_TOKEN: TOKEN,
      AIRLOCK_STATS_MIN_GROUP: '1',
      ...TEST_ARGON2,
      // Every client is haproxy's one address here: per-client limits would measure that, not the cluster.
      AIRLOCK_SIGNUP_PER_CLIENT: '1000000',
      AIRLOCK_SIGNIN_PER_CLIENT: '1000000',
      AIRLOCK_ARGON2_PER_CLIENT: '1000',
      AIRLOCK_ARGON2_QUEUE: '1000',
      LOG_LEVEL: 'warn',
    };
    for (const name of ['s1', 's2', 's3']) {
      mkdirSync(join(root, name));
      servers.push(new ClusterServer(name, await freePort(), { ...env, AIRLOCK_DATA_DIR: join(root, name) }));
    }
    // One first (it creates the stream and runs the migrations), then the other two together.
    await servers[0].start();
    await Promise.all(servers.slice(1).map((s) => s.start()));
    lb = await startHaproxy(
      root,
      servers.map((s) => s.port),
    );
    say(`servers on ${servers.map((s) => s.port).join(', ')}; haproxy on ${lb.url}`);
  });

  after(async () => {
    await Promise.allSettled(servers.map((s) => s.stop()));
    await Promise.allSettled([lb?.stop(), nats?.stop(), s3?.stop()]);
    await db?.drop().catch((e) => say(`database not dropped: ${(e as Error).message}`));
    rmSync(root, { recursive: true, force: true });
  });

  test('kill -9 of a server and a NATS restart mid-traffic: nothing acknowledged lost, nothing counted twice', async () => {
    assert.ok(lb && nats);
    const front = lb.url;
    const direct = servers.map((s) => s.url);
    const dataset = (id: string, file: string) => ({ id, file: join(AIRSPACE, file), token: TOKEN });

    const first = await importAndWatch(servers[0], servers.slice(1), dataset('ksgu', 'ksgu-airspaces.txt'));
    say(`dataset ksgu imported on s1: listed by s2, s3 after ${ms(first)}`);
    const pilots = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const email = `pilot${i}@cluster.example`;
        const up = await fetch(`${front}/v1/accounts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: PASSWORD }),
        });
        assert.equal(up.status, 201, await up.text());
        return { email, auth: await signIn(front, email, PASSWORD) };
      }),
    );

    const w = startWorkload({ front, direct, pilots, password: PASSWORD });
    say(
      'traffic: telemetry ×4, tiles and cells ×2, sign-ups and sign-ins ×1 through haproxy; uploads ×4 across servers',
    );
    await sleep(4000);
    const second = await importAndWatch(
      servers[2],
      servers.slice(0, 2),
      dataset('ksgu-ul', 'ksgu-ultralight-restricted-airspaces.txt'),
    );
    say(`dataset ksgu-ul imported on s3 mid-traffic: listed by s1, s2 after ${ms(second)}`);
    await sleep(2000);
    await servers[1].kill9();
    say(`s2 killed (SIGKILL) after ${w.uploads.length} uploads and ${w.telemetry.count(202)} reports`);
    await sleep(2500);
    await servers[1].start();
    say('s2 restarted on its port');
    await sleep(3000);
    await nats.restart();
    say('nats-server restarted on its store');
    await sleep(5000);
    await w.stop();
    say(`stopped. telemetry ${w.telemetry}; tiles and cells ${w.reads}; sign-ups and sign-ins ${w.accounts}`);
    const resumed = w.uploads.filter((u) => u.resumes > 0);
    say(
      `uploads: ${w.uploads.length} complete, ${w.uploadErrors.length} failed; ${resumed.length} resumed on another server after a failed PATCH (${[...new Set(resumed.flatMap((u) => u.failures))].join(' | ')})`,
    );
    for (const s of servers) for (const line of logSummary(s.stderr())) say(`${s.name} logged: ${line}`);

    // Telemetry: every report JetStream acknowledged is counted, once, when the aggregators drained.
    const stored = await streamDrained(nats.url, STREAM);
    const stats = await fetch(`${front}/v1/admin/stats/telemetry?category=app_performance`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const { counters } = (await stats.json()) as { counters: Array<{ dimension: string; reports: number }> };
    const counted = counters.find((c) => c.dimension === 'report')?.reports ?? 0;
    const acknowledged = w.telemetry.count(202);
    const uncertain = w.telemetry.total - acknowledged; // no answer, or a 5xx: stored or not, unknown
    say(
      `reports: ${acknowledged} acknowledged, ${uncertain} uncertain, ${stored} stored by JetStream, ${counted} counted`,
    );
    assert.ok(acknowledged > 0);
    assert.ok(counted >= acknowledged, `lost ${acknowledged - counted} acknowledged reports`);
    assert.ok(
      counted <= acknowledged + uncertain,
      `${counted - acknowledged - uncertain} reports counted twice (JetStream stored ${stored}, ${counted} counted)`,
    );

    // Uploads: each complete, its log's original the file byte for byte, one log each, no byte lost.
    assert.deepEqual(w.uploadErrors, []);
    assert.ok(w.uploads.length >= 4, `only ${w.uploads.length} uploads`);
    const spans = w.uploads.map((u) => u.servers.size);
    say(
      `PATCHes of an upload answered by 3 servers: ${spans.filter((n) => n === 3).length}, by 2: ${spans.filter((n) => n === 2).length}`,
    );
    assert.ok(
      spans.every((n) => n >= 2),
      `servers per upload: ${spans}`,
    );
    for (const u of w.uploads) {
      assert.equal(u.lostBytes, 0, 'a HEAD reported fewer bytes than a PATCH had acknowledged');
      const original = await fetch(`${front}/v1/flightlogs/${u.logId}/original`, { headers: u.auth });
      assert.equal(original.status, 200);
      assert.ok(Buffer.from(await original.arrayBuffer()).equals(u.bytes), `log ${u.logId} differs`);
    }
    let logs = 0;
    for (const p of pilots)
      logs += (await (await fetch(`${front}/v1/flightlogs?limit=200`, { headers: p.auth })).json()).items
        .length;
    assert.equal(logs, w.uploads.length, 'one log per upload, none twice');

    // Accounts: every acknowledged sign-up signs in, on each server in turn.
    for (const [i, email] of w.signedUp.entries()) await signIn(direct[i % 3], email, PASSWORD);
    say(`${w.signedUp.length} acknowledged sign-ups all sign in`);

    // Datasets: listed everywhere, within a second of the import's answer.
    assert.ok(Math.max(...first, ...second) <= 1000, `a dataset took ${Math.max(...first, ...second)} ms`);
    for (const url of direct) {
      const { datasets } = (await (await fetch(`${url}/v1/datasets`)).json()) as {
        datasets: Array<{ id: string }>;
      };
      assert.deepEqual(datasets.map((d) => d.id).sort(), ['ksgu', 'ksgu-ul']);
    }
    assert.ok(w.reads.count(200) > 0 && w.accounts.count(200, 201) > 0);
  });
});

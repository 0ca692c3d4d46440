// Profiling aid (not a bench): runs the server under --cpu-prof while autocannon posts reports.
// With PROF_NATS_URL set, the server publishes to NATS JetStream (a stream of this run's own).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { utcDay } from '@airlock/core';
import autocannon from 'autocannon';
import { busyReport } from '../packages/server/src/testing/test-reports.ts';
import { spawnServer } from './lib/server-process.ts';

const dataDir = mkdtempSync(join(os.tmpdir(), 'airlock-prof-'));
const server = await spawnServer(dataDir, {
  env: {
    AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false',
    ...(process.env.PROF_NATS_URL
      ? { NATS_URL: process.env.PROF_NATS_URL, AIRLOCK_NATS_STREAM: `AIRLOCK_PROF_${process.pid}` }
      : {}),
  },
  nodeArgs: ['--cpu-prof', '--cpu-prof-dir=/tmp/airlock-telemetry-prof'],
});
const body = JSON.stringify(busyReport(utcDay(), 20));
const path = process.argv[2] ?? '/v1/telemetry/app_performance';
const r = await autocannon({
  url: server.url,
  connections: 20,
  duration: 8,
  requests: [
    {
      method: path === '/v1/ping' ? 'GET' : 'POST',
      path,
      headers: { 'content-type': 'application/json' },
      body: path === '/v1/ping' ? undefined : body,
    },
  ],
});
console.log(path, r.requests.total / r.duration, 'req/s', r['2xx'], r.non2xx);
await server.stop();

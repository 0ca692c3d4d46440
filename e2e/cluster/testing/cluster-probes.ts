import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { ClusterServer } from './cluster-server.ts';
import { waitFor } from './wait-for.ts';

const json = { 'content-type': 'application/json' };

/** Signs in on `url` (asserting a 200); resolves to the bearer header. */
export async function signIn(url: string, email: string, password: string): Promise<Record<string, string>> {
  const r = await fetch(`${url}/v1/sessions`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email, password }),
  });
  assert.equal(r.status, 200, `${email} on ${url}: ${await r.clone().text()}`);
  return { authorization: `Bearer ${(await r.json()).token}` };
}

/**
 * Imports an OpenAir file as dataset `id` on `on` (operator route); resolves to the milliseconds from
 * its answer until each of `others` lists the dataset.
 */
export async function importAndWatch(
  on: ClusterServer,
  others: ClusterServer[],
  dataset: { id: string; file: string; token: string },
): Promise<number[]> {
  const res = await fetch(`${on.url}/v1/admin/datasets/${dataset.id}?format=openair`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${dataset.token}`, 'content-type': 'text/plain' },
    body: readFileSync(dataset.file),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const answered = performance.now();
  return Promise.all(
    others.map(async (s) => {
      const listed = async () => {
        const list = (await (await fetch(`${s.url}/v1/datasets`)).json()) as {
          datasets: Array<{ id: string }>;
        };
        return list.datasets.some((d) => d.id === dataset.id);
      };
      await waitFor(`${dataset.id} on ${s.name}`, listed, 10_000, 10);
      return Math.round(performance.now() - answered);
    }),
  );
}

/**
 * Resolves once the stream's consumer has nothing pending or unacknowledged, to the number of reports
 * the stream ever stored (its last sequence: a work queue deletes what was acknowledged).
 */
export async function streamDrained(natsUrl: string, stream: string, timeoutMs = 30_000): Promise<number> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    const idle = async () => {
      const c = await jsm.consumers.info(stream, 'aggregator');
      return c.num_pending === 0 && c.num_ack_pending === 0;
    };
    await waitFor('telemetry stream drained', idle, timeoutMs, 200);
    return (await jsm.streams.info(stream)).state.last_seq;
  } finally {
    await nc.close();
  }
}

/** A server's warnings and errors (its JSON log lines), each once with how often, for the run's report. */
export function logSummary(stderr: string): string[] {
  const seen = new Map<string, number>();
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const { level, msg, code, error } = JSON.parse(line) as Record<string, unknown>;
      const key = `${level} ${msg}${code ? ` (${code})` : ''}${error ? `: ${String(error).slice(0, 120)}` : ''}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    } catch {}
  }
  return [...seen].map(([k, n]) => `${k} ×${n}`);
}

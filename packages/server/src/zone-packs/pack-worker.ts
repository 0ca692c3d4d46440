/**
 * Worker-thread entry (see pack-worker-client.ts): builds, signs and gzips zone packs and deltas off
 * the server's event loop. It keeps each zone's part (pack-encoder.ts) between builds, so it asks the
 * main thread only for the zones it does not hold yet.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Zone } from '@airlock/core/zone';
import { sealPayload } from '@airlock/core/zone-pack';
import { encodeDelta, encodePack, PartStore, payloadOf, versionOf } from './pack-encoder.ts';
import type { FromWorker, PackTask, ToWorker } from './pack-worker-client.ts';

const port = parentPort;
if (!port) throw new Error('pack-worker.ts runs on a worker thread');
const { keyId, pkcs8 } = workerData as { keyId: string; pkcs8: Uint8Array };
const privateKey = crypto.subtle.importKey('pkcs8', pkcs8 as Uint8Array<ArrayBuffer>, 'Ed25519', false, [
  'sign',
]);
const store = new PartStore();
/** The task waiting for zones from the main thread. */
let waiting: { task: PackTask; left: number } | null = null;

function post(msg: FromWorker, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(msg, transfer);
}

async function seal(payload: Uint8Array): Promise<Uint8Array> {
  const sealed = await sealPayload(payload, keyId, await privateKey);
  // Level 9: the world pack is ~8 MB at 9; it is made once per version, off the request path.
  return gzipSync(sealed, { level: 9 });
}

async function run(task: PackTask): Promise<void> {
  const t0 = performance.now();
  const parts = store.parts(task.groups);
  const version = versionOf(task.head, parts);
  const same = task.last !== undefined && task.last.version === version;
  const built = same ? (task.last?.built as string) : task.now;
  if (task.kind === 'pack' && same && task.reuse) {
    post({
      n: task.n,
      result: { version, built, gzip: null, zones: parts.length, ms: performance.now() - t0 },
    });
    return;
  }
  let payload: Uint8Array;
  if (task.kind === 'pack') payload = encodePack(task.head, version, built, parts);
  else {
    const old = gunzipSync(task.old as Uint8Array);
    payload = encodeDelta(payloadOf(old), task.head, version, built, parts);
  }
  // A copy of its own to transfer: a small Buffer may sit in Node's shared pool.
  const gzip = new Uint8Array(await seal(payload));
  post({ n: task.n, result: { version, built, gzip, zones: parts.length, ms: performance.now() - t0 } }, [
    gzip.buffer,
  ]);
}

async function handle(msg: ToWorker): Promise<void> {
  if (msg.type === 'task') {
    store.prune(msg.task.live);
    const need = store.missing(msg.task.groups);
    if (need.length > 0) {
      waiting = { task: msg.task, left: need.length };
      post({ n: msg.task.n, need });
      return;
    }
    return run(msg.task);
  }
  // Zones supplied for the waiting task, a group at a time (several messages for a big group).
  if (!waiting || waiting.task.n !== msg.n) return;
  store.add(waiting.task.groups[msg.group].key, msg.zones as Zone[]);
  if (msg.last && --waiting.left === 0) {
    const { task } = waiting;
    waiting = null;
    return run(task);
  }
}

port.on('message', (msg: ToWorker) => {
  handle(msg).catch((e: unknown) => {
    const n = msg.type === 'task' ? msg.task.n : msg.n;
    waiting = null;
    post({ n, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  });
});

import { Worker } from 'node:worker_threads';
import type { RebuildResult, RebuildTask } from './rebuild.ts';

/**
 * Runs `rebuildIndexFile` on a worker thread. Done on the server's own thread, a rebuild with the
 * 92k-zone world dataset (reading every zone, ZoneIndex.build, writing and hashing the file) stalled
 * every request for 2–5 s; here the event loop only sends the task and receives a small answer.
 *
 * From the sources the entry is TypeScript beside this file, so the worker registers tsx before
 * importing it; in the JavaScript build this URL names the built rebuild-worker.js (scripts/build.mjs
 * makes each TypeScript file named by URL an entry of its own), which runs as it is.
 */
export function rebuildInWorker(task: RebuildTask): Promise<RebuildResult> {
  const entry = new URL('./rebuild-worker.ts', import.meta.url).href;
  const bootstrap = entry.endsWith('.ts')
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`
    : `import(${JSON.stringify(entry)});`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true, workerData: task });
    let settled = false;
    worker.once('message', (result: RebuildResult) => {
      settled = true;
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the airspace index worker exited (${code}) before answering`));
    });
  });
}

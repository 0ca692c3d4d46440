import { Worker } from 'node:worker_threads';
import type { IpTables } from './ip-tables.ts';

/**
 * Loads the IP tables in a worker thread. Parsing ~550k CSV rows takes 1–2 s of CPU; on the server's
 * own thread that stalled every request meanwhile (/v1/health took 0.4–0.8 s). The result comes back
 * as transferred typed arrays, so the main thread only receives it.
 *
 * From the sources the entry is TypeScript beside this file, so the worker registers tsx before
 * importing it; in the JavaScript build this URL names the built ip-tables-worker.js (scripts/build.mjs
 * makes each TypeScript file named by URL an entry of its own), which runs as it is.
 */
export function loadIpTablesInWorker(dataDir: string): Promise<IpTables> {
  const entry = new URL('./ip-tables-worker.ts', import.meta.url).href;
  const bootstrap = entry.endsWith('.ts')
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`
    : `import(${JSON.stringify(entry)});`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true, workerData: { dataDir } });
    // A process that is done (a CLI command) need not wait for a load nobody awaits any more.
    worker.unref();
    let settled = false;
    worker.once('message', (tables: IpTables) => {
      settled = true;
      resolve(tables);
      void worker.terminate();
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the IP table worker exited (${code}) before answering`));
    });
  });
}

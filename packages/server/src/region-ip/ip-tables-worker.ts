/**
 * Worker-thread entry (see load-in-worker.ts): parses the IP tables off the server's event loop and
 * hands the typed arrays back without copying them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadIpTables } from './ip-tables.ts';

const tables = await loadIpTables((workerData as { dataDir: string }).dataDir);
parentPort?.postMessage(tables, [
  tables.v4Starts.buffer,
  tables.v4Countries.buffer,
  tables.v6Starts.buffer,
  tables.v6Countries.buffer,
] as ArrayBuffer[]);

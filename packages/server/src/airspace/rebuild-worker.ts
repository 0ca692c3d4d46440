/**
 * Worker-thread entry (see rebuild-in-worker.ts): rebuilds the airspace index file off the server's
 * event loop and answers with what the main thread needs to load it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type RebuildTask, rebuildIndexFile } from './rebuild.ts';

parentPort?.postMessage(rebuildIndexFile(workerData as RebuildTask));

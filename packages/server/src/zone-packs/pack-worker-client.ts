import { Worker } from 'node:worker_threads';
import type { Zone } from '@airlock/core/zone';
import type { PackHeadFields, PartGroup } from './pack-encoder.ts';

/** One build: a pack, or a delta from `old` (the gzip of a sealed version) to the pack of `groups`. */
export interface PackTask {
  n: number;
  kind: 'pack' | 'delta';
  head: PackHeadFields;
  groups: PartGroup[];
  /** Every dataset version in the index now: the worker drops the parts of others. */
  live: string[];
  /** The pack's last version: kept (with its build time) when the content did not change. */
  last?: { version: string; built: string };
  /** The caller still holds the last version's bytes: an unchanged pack is not encoded again. */
  reuse: boolean;
  now: string;
  old?: Uint8Array;
}

export interface PackResult {
  version: string;
  built: string;
  /** The sealed bytes' gzip; null when `reuse` and the version is the last one. */
  gzip: Uint8Array | null;
  zones: number;
  ms: number;
}

export type ToWorker =
  | { type: 'task'; task: PackTask }
  | { type: 'supply'; n: number; group: number; zones: Zone[]; last: boolean };

export type FromWorker =
  | { n: number; need: Array<{ group: number; ids: string[] }> }
  | { n: number; result: PackResult }
  | { n: number; error: string };

/** Zones sent per message: a world pack's first build posts ~92k zones without a long stall. */
const SUPPLY_CHUNK = 2_000;

/**
 * One long-lived worker thread for pack builds (pack-worker.ts), one task at a time (the service
 * queues them). Started on first use, so a server nobody asks for packs never starts it; it holds the
 * zones' parts between builds. A crashed worker fails its task and is started again for the next.
 * From the sources the entry is TypeScript, so the worker registers tsx first (as
 * airspace/rebuild-in-worker.ts does); the JavaScript build names the built pack-worker.js.
 */
export class PackWorker {
  private worker: Worker | null = null;
  private current: {
    n: number;
    resolve: (r: PackResult) => void;
    reject: (e: Error) => void;
    supply: (group: number, ids: string[]) => Zone[];
  } | null = null;
  private n = 0;

  constructor(private readonly key: () => Promise<{ keyId: string; pkcs8: Uint8Array }>) {}

  async run(
    task: Omit<PackTask, 'n'>,
    supply: (group: number, ids: string[]) => Zone[],
  ): Promise<PackResult> {
    if (this.current) throw new Error('PackWorker runs one task at a time');
    const worker = this.worker ?? (await this.start());
    const n = ++this.n;
    worker.ref();
    try {
      return await new Promise<PackResult>((resolve, reject) => {
        this.current = { n, resolve, reject, supply };
        const msg: ToWorker = { type: 'task', task: { ...task, n } };
        worker.postMessage(msg, task.old ? [task.old.buffer as ArrayBuffer] : []);
      });
    } finally {
      this.current = null;
      this.worker?.unref();
    }
  }

  close(): Promise<number> | undefined {
    const w = this.worker;
    this.worker = null;
    return w?.terminate();
  }

  private async start(): Promise<Worker> {
    const entry = new URL('./pack-worker.ts', import.meta.url).href;
    const bootstrap = entry.endsWith('.ts')
      ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`
      : `import(${JSON.stringify(entry)});`;
    const worker = new Worker(bootstrap, { eval: true, workerData: await this.key() });
    worker.unref();
    const fail = (e: Error) => {
      if (this.worker === worker) this.worker = null;
      this.current?.reject(e);
    };
    worker.on('message', (msg: FromWorker) => this.onMessage(worker, msg));
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the zone pack worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private onMessage(worker: Worker, msg: FromWorker): void {
    const task = this.current;
    if (!task || task.n !== msg.n) return;
    if ('result' in msg) task.resolve(msg.result);
    else if ('error' in msg) task.reject(new Error(`zone pack build failed: ${msg.error}`));
    else void this.supply(worker, task, msg.need).catch((e: Error) => task.reject(e));
  }

  /** Sends the zones the worker asked for, in chunks, yielding to requests between them. */
  private async supply(
    worker: Worker,
    task: NonNullable<PackWorker['current']>,
    need: Array<{ group: number; ids: string[] }>,
  ): Promise<void> {
    for (const { group, ids } of need) {
      const zones = task.supply(group, ids);
      for (let i = 0; i < zones.length || i === 0; i += SUPPLY_CHUNK) {
        const last = i + SUPPLY_CHUNK >= zones.length;
        const msg: ToWorker = {
          type: 'supply',
          n: task.n,
          group,
          zones: zones.slice(i, i + SUPPLY_CHUNK),
          last,
        };
        worker.postMessage(msg);
        if (!last) await new Promise((r) => setImmediate(r));
      }
    }
  }
}

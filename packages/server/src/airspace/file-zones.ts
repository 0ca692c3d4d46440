import { closeSync, readSync } from 'node:fs';
import type { Zone, ZoneSource } from '@airlock/core';
import type { DatasetRange } from './index-file.ts';

/**
 * Top-level fields that are the same for most zones of a dataset (the OurAirports ones carry a
 * 200-byte message and a 100-byte licence each): stored once per dataset in the index file, and in
 * each zone's text as `0` where equal (no valid zone has 0 there), which keeps the key order.
 */
export const SHARED_FIELDS = ['message', 'licence', 'source', 'dataset'] as const;
export type SharedFields = Partial<Record<(typeof SHARED_FIELDS)[number], string>>;

/** The most common value of each shared field among zones[start, start + count), if it repeats. */
export function sharedFieldsOf(zones: readonly Zone[], start: number, count: number): SharedFields {
  const out: SharedFields = {};
  for (const f of SHARED_FIELDS) {
    const freq = new Map<string, number>();
    for (let i = start; i < start + count; i++) {
      const v = zones[i][f];
      if (typeof v === 'string') freq.set(v, (freq.get(v) ?? 0) + 1);
    }
    let best: [string, number] | null = null;
    for (const e of freq) if (!best || e[1] > best[1]) best = e;
    if (best && best[1] > 1) out[f] = best[0];
  }
  return out;
}

/** The zone as stored: its JSON with the shared fields that equal the dataset's written as 0. */
export function zoneText(zone: Zone, shared: SharedFields): string {
  let copy: Record<string, unknown> | null = null;
  for (const f of SHARED_FIELDS) {
    if (shared[f] !== undefined && zone[f] === shared[f]) {
      copy ??= { ...zone };
      copy[f] = 0;
    }
  }
  return JSON.stringify(copy ?? zone);
}

/** What another thread needs to read a loaded index file's zones through the same descriptor. */
export interface FileZonesHandle {
  fd: number;
  textAt: number;
  offsets: Uint32Array;
  datasets: DatasetRange[];
  shared: SharedFields[];
}

/** Bytes read at once by `zonesIn`: few reads, bounded memory. */
const BLOCK = 4 << 20;

/**
 * The zones of a loaded index file, read on demand by offset through the file's descriptor: a zone
 * costs memory only while something holds it. The same zone object is handed out while it is alive
 * (a WeakRef per zone), so callers that key caches by zone keep hitting them.
 */
export class FileZones implements ZoneSource {
  private readonly alive: Array<WeakRef<Zone> | undefined>;
  private buf = Buffer.allocUnsafe(64 * 1024);
  private closed = false;

  constructor(
    private readonly fd: number,
    private readonly textAt: number,
    private readonly offsets: Uint32Array,
    private readonly datasets: DatasetRange[],
    private readonly shared: SharedFields[],
  ) {
    this.alive = new Array(offsets.length - 1);
  }

  /**
   * The same file read through the same descriptor on another thread (descriptors belong to the
   * process). The owner must keep it open until that thread is done; the copy never closes it.
   */
  static fromHandle(h: FileZonesHandle): FileZones {
    return new FileZones(h.fd, h.textAt, h.offsets, h.datasets, h.shared);
  }

  handle(): FileZonesHandle {
    const { fd, textAt, offsets, datasets, shared } = this;
    return { fd, textAt, offsets, datasets, shared };
  }

  get size(): number {
    return this.offsets.length - 1;
  }

  zone(i: number): Zone {
    const hit = this.alive[i]?.deref();
    if (hit) return hit;
    const start = this.offsets[i];
    const len = this.offsets[i + 1] - start;
    if (len > this.buf.byteLength) this.buf = Buffer.allocUnsafe(len * 2);
    this.read(this.buf, len, start);
    const zone = this.decode(this.buf.toString('utf8', 0, len), this.rangeOf(i));
    this.alive[i] = new WeakRef(zone);
    return zone;
  }

  /** Zones [start, start + count) in a few large reads (for a rebuild; not kept alive here). */
  zonesIn(start: number, count: number): Zone[] {
    const out: Zone[] = [];
    let buf = Buffer.allocUnsafe(0);
    for (let i = start; i < start + count; ) {
      let j = i + 1;
      while (j < start + count && this.offsets[j + 1] - this.offsets[i] <= BLOCK) j++;
      const from = this.offsets[i];
      const len = this.offsets[j] - from;
      if (len > buf.byteLength) buf = Buffer.allocUnsafe(Math.max(len, BLOCK));
      this.read(buf, len, from);
      for (let k = i; k < j; k++) {
        const text = buf.toString('utf8', this.offsets[k] - from, this.offsets[k + 1] - from);
        out.push(this.decode(text, this.rangeOf(k)));
      }
      i = j;
    }
    return out;
  }

  private read(buf: Buffer, len: number, at: number): void {
    // Never read a closed descriptor: its number may belong to another file by now.
    if (this.closed) throw new Error('airspace index file already closed');
    if (readSync(this.fd, buf, 0, len, this.textAt + at) !== len) throw new Error('short read');
  }

  private decode(text: string, range: number): Zone {
    const zone = JSON.parse(text) as Record<string, unknown>;
    const shared = this.shared[range] ?? {};
    for (const f of SHARED_FIELDS) if (zone[f] === 0 && shared[f] !== undefined) zone[f] = shared[f];
    return zone as unknown as Zone;
  }

  private rangeOf(i: number): number {
    for (let r = 0; r < this.datasets.length; r++) {
      const d = this.datasets[r];
      if (i >= d.start && i < d.start + d.count) return r;
    }
    return -1;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

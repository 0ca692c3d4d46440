import { type Zone, type ZoneFormat, ZoneIndex } from '@airlock/core';
import { zonesFromChunks } from './dataset-store.ts';
import { FileZones, type FileZonesHandle } from './file-zones.ts';
import { type DatasetRange, writeIndexFile } from './index-file.ts';
import { parseDataset } from './parse-dataset.ts';
import { changeTimesOf } from './validity-clock.ts';

/**
 * Where a rebuild gets one dataset's zones, in a form another thread can take: an unchanged dataset
 * from the index file in use (through its descriptor), an import's zones as handed over, a stored
 * dataset's gzip chunks as read from SQL, or a bundled dataset's shipped files, parsed again.
 */
export type ZoneFeed =
  | { kind: 'file'; file: FileZonesHandle; start: number; count: number }
  | { kind: 'zones'; zones: Zone[] }
  | { kind: 'chunks'; chunks: string[] }
  | {
      kind: 'files';
      id: string;
      format: ZoneFormat;
      licence: string;
      files: Array<{ name: string; text: string }>;
    };

export interface RebuildTask {
  dir: string;
  fingerprint: string;
  /** In the order of the index (datasets by id). */
  datasets: Array<{ id: string; version: string; feed: ZoneFeed }>;
}

export interface RebuildResult {
  /** The written file's sha256, for `readIndexFile(dir, fingerprint, digest)`. */
  digest: string;
  ranges: DatasetRange[];
  /** changeTimesOf every zone: the validity clock's times. */
  times: number[];
  zones: number;
  /** Zones that came from SQL or the shipped files rather than the index in use or the import. */
  read: number;
  loadMs: number;
  indexMs: number;
  storeMs: number;
}

/**
 * Builds the index of the datasets and writes its file: everything heavy in a rebuild, in one
 * synchronous call, so that it can run on a worker thread (rebuild-worker.ts) and the thread that
 * answers requests only loads the finished file.
 */
export function rebuildIndexFile(task: RebuildTask): RebuildResult {
  const started = performance.now();
  const zones: Zone[] = [];
  const ranges: DatasetRange[] = [];
  let read = 0;
  for (const { id, version, feed } of task.datasets) {
    const start = zones.length;
    const own = feedZones(feed);
    if (feed.kind === 'chunks' || feed.kind === 'files') read += own.length;
    for (const z of own) zones.push(z);
    ranges.push({ id, version, start, count: zones.length - start });
  }
  const loaded = performance.now();
  const index = ZoneIndex.build(zones);
  const built = performance.now();
  const { digest } = writeIndexFile(task.dir, task.fingerprint, index, zones, ranges);
  return {
    digest,
    ranges,
    times: changeTimesOf(zones),
    zones: zones.length,
    read,
    loadMs: Math.round(loaded - started),
    indexMs: Math.round(built - loaded),
    storeMs: Math.round(performance.now() - built),
  };
}

function feedZones(feed: ZoneFeed): Zone[] {
  switch (feed.kind) {
    case 'file':
      return FileZones.fromHandle(feed.file).zonesIn(feed.start, feed.count);
    case 'zones':
      return feed.zones;
    case 'chunks':
      return zonesFromChunks(feed.chunks);
    case 'files':
      return parseDataset({ id: feed.id, files: feed.files, licence: feed.licence }, feed.format).zones;
  }
}

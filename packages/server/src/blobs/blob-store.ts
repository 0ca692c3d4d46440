import { readFile, unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';

/** One stored object as `list` reports it. */
export interface BlobInfo {
  key: string;
  size: number;
  modifiedAt: Date;
}

/**
 * The blob port: opaque bytes by key, for flight logs and community media. Adapters: a local folder
 * (the embedded default) and memory (tests); an S3-compatible adapter implements the same four methods.
 * Keys are `/`-separated segments of letters, digits, `.`, `_` and `-`.
 */
export interface BlobStore {
  /** Which adapter, for logs and the export ("local-folder", "memory", "s3"). */
  readonly kind: string;
  /** Writes the whole blob atomically: a reader sees the old bytes or the new, never a part. */
  put(key: string, data: Uint8Array): Promise<void>;
  /** The blob, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  /** True when a blob was deleted. */
  delete(key: string): Promise<boolean>;
  /** Every blob whose key starts with `prefix`, in key order. */
  list(prefix: string): Promise<BlobInfo[]>;
  /**
   * Optional, for blobs too large to hold in memory (videos): moves the finished file at `path` into the
   * store as `key`; the file is gone afterwards. Use `putBlobFile`, which falls back to `put`.
   */
  putFile?(key: string, path: string): Promise<void>;
  /** Optional: bytes `start` to `end` (inclusive) as a stream, or null. Use `readBlobRange`. */
  readRange?(key: string, start: number, end: number): Promise<Readable | null>;
}

const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

/** Throws on a key that could escape the store's root (`..`, absolute paths) or is not portable to S3. */
export function assertBlobKey(key: string): void {
  if (key.length === 0 || key.length > 512 || !KEY.test(key) || key.split('/').some((s) => s === '..'))
    throw new Error(`invalid blob key ${JSON.stringify(key).slice(0, 80)}`);
}

/** Deletes every blob under a prefix; returns how many. */
export async function deleteBlobPrefix(store: BlobStore, prefix: string): Promise<number> {
  let n = 0;
  for (const b of await store.list(prefix)) if (await store.delete(b.key)) n++;
  return n;
}

/** Moves a finished file into the store: without reading it into memory where the adapter can. */
export async function putBlobFile(store: BlobStore, key: string, path: string): Promise<void> {
  if (store.putFile) return store.putFile(key, path);
  await store.put(key, await readFile(path));
  await unlink(path);
}

/** Bytes `start` to `end` (inclusive) of a blob as a stream, or null when there is none. */
export async function readBlobRange(
  store: BlobStore,
  key: string,
  start: number,
  end: number,
): Promise<Readable | null> {
  if (store.readRange) return store.readRange(key, start, end);
  const whole = await store.get(key);
  return whole && Readable.from([whole.subarray(start, end + 1)]);
}

import { MediaError } from './media-error.ts';
import { type ImageFormat, SNIFF_BYTES, sniff } from './sniff.ts';
import { StagingFile } from './staging-file.ts';

export interface UploadCaps {
  imageMaxBytes: number;
  videoMaxBytes: number;
  /** What is left of the pilot's quota: an upload larger than this is refused (413) as it arrives. */
  quotaLeft: number;
}

/** A refused file up to this size is read to its end before the answer. */
const DRAIN_MAX = 16 * 2 ** 20;

/** A photo is held in memory (it is stripped there); a video is written to a staging file. */
export type Received =
  | { kind: 'image'; format: ImageFormat; bytes: Buffer }
  | { kind: 'video'; path: string; size: number };

/**
 * Reads an upload: its first bytes say what it is (never its name or declared type), which sets its size
 * cap; past the cap it is refused at once (413), before the rest arrives. A video goes to a 0600 file in
 * `stagingDir` that the caller strips in place and must remove; on any failure here it is removed.
 */
export async function receiveUpload(
  body: UploadBody | null,
  declaredBytes: number | undefined,
  caps: UploadCaps,
  stagingDir: string,
): Promise<Received> {
  if (!body) throw new MediaError('empty_file', 'the request has no body: send the file as it is');
  const reader = chunksOf(body);
  try {
    const head: Uint8Array[] = [];
    let size = 0;
    let ended = false;
    while (size < SNIFF_BYTES) {
      const r = await reader.read();
      if (r.done) {
        ended = true;
        break;
      }
      head.push(r.value);
      size += r.value.length;
    }
    if (size === 0) throw new MediaError('empty_file', 'the file is empty');
    let what: ReturnType<typeof sniff>;
    try {
      what = sniff(Buffer.concat(head));
    } catch (e) {
      // Read the rest of a small refused file, so an HTTP client that is still sending sees the answer.
      if (!ended) await drain(reader, DRAIN_MAX);
      throw e;
    }
    const max = what.kind === 'image' ? caps.imageMaxBytes : caps.videoMaxBytes;
    const kind = what.kind === 'image' ? 'photos' : 'videos';
    const check = (n: number) => {
      if (n > max) throw new MediaError('too_large', `${kind} are limited to ${max} bytes`);
      if (n > caps.quotaLeft)
        throw new MediaError(
          'quota_exceeded',
          `the file is larger than what is left of your quota (${caps.quotaLeft} bytes)`,
        );
    };
    check(Math.max(declaredBytes ?? 0, size));
    if (what.kind === 'image') {
      const chunks = head;
      while (!ended) {
        const r = await reader.read();
        if (r.done) break;
        size += r.value.length;
        check(size);
        chunks.push(r.value);
      }
      return { kind: 'image', format: what.format, bytes: Buffer.concat(chunks, size) };
    }
    const file = await StagingFile.create(stagingDir);
    try {
      for (const c of head) await file.write(c);
      while (!ended) {
        const r = await reader.read();
        if (r.done) break;
        size += r.value.length;
        check(size);
        await file.write(r.value);
      }
      await file.close();
    } catch (e) {
      await file.discard();
      throw e;
    }
    return { kind: 'video', path: file.path, size };
  } catch (e) {
    await reader.cancel();
    throw e;
  }
}

/** A request body: a web stream, or (faster, under Node) the request itself. */
export type UploadBody = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

interface Chunks {
  read(): Promise<IteratorResult<Uint8Array>>;
  cancel(): Promise<void>;
}

function chunksOf(body: UploadBody): Chunks {
  if ('getReader' in body) {
    const reader = body.getReader();
    return {
      read: () => reader.read() as Promise<IteratorResult<Uint8Array>>,
      cancel: () => reader.cancel().catch(() => {}),
    };
  }
  const it = body[Symbol.asyncIterator]();
  // Not it.return(): on Node's request that destroys the socket before the refusal is answered.
  return { read: () => it.next(), cancel: async () => {} };
}

async function drain(reader: Chunks, max: number): Promise<void> {
  for (let n = 0; n <= max; ) {
    const r = await reader.read();
    if (r.done) return;
    n += r.value.length;
  }
}

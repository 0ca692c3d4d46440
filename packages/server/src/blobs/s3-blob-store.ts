import { createHash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { assertBlobKey, type BlobInfo, type BlobStore } from './blob-store.ts';
import type { S3Location } from './s3-location.ts';

/** Blobs above this go up in parts, so a retry resends one part, not a whole 200 MB log. */
const MULTIPART_ABOVE = 16 * 2 ** 20;
const PART_BYTES = 8 * 2 ** 20;

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('base64');

/**
 * The blob port on an S3-compatible object store (AWS, MinIO, Garage, SeaweedFS; tested on moto).
 * Every write carries its SHA-256, which the store checks before it accepts the bytes, and is then
 * checked for size; a delete removes every version of the object (and its delete markers), so a
 * versioned bucket keeps nothing of a deleted log. Loaded only when an S3 URL is configured.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3';
  private readonly client: S3Client;

  constructor(private readonly at: S3Location) {
    this.client = s3Client(at);
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    assertBlobKey(key);
    const Key = this.at.prefix + key;
    if (data.byteLength > MULTIPART_ABOVE) await this.putInParts(Key, data);
    else {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.at.bucket,
          Key,
          Body: data,
          ContentLength: data.byteLength,
          ChecksumSHA256: sha256(data),
        }),
      );
    }
    const head = await this.client.send(new HeadObjectCommand({ Bucket: this.at.bucket, Key }));
    if (head.ContentLength !== data.byteLength) {
      throw new Error(`S3 stored ${head.ContentLength} bytes for ${key}, not ${data.byteLength}`);
    }
  }

  private async putInParts(Key: string, data: Uint8Array): Promise<void> {
    const Bucket = this.at.bucket;
    const { UploadId } = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket, Key, ChecksumAlgorithm: 'SHA256' }),
    );
    try {
      const parts = [];
      for (let offset = 0, n = 1; offset < data.byteLength; offset += PART_BYTES, n++) {
        const Body = data.subarray(offset, offset + PART_BYTES);
        const checksum = sha256(Body);
        const r = await this.client.send(
          new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: n, Body, ChecksumSHA256: checksum }),
        );
        parts.push({ PartNumber: n, ETag: r.ETag, ChecksumSHA256: r.ChecksumSHA256 ?? checksum });
      }
      await this.client.send(
        new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: parts } }),
      );
    } catch (e) {
      // A part left behind is billed and holds pilot bytes: abort, whatever went wrong.
      await this.client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => {});
      throw e;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    assertBlobKey(key);
    try {
      const r = await this.client.send(
        new GetObjectCommand({ Bucket: this.at.bucket, Key: this.at.prefix + key }),
      );
      return r.Body ? Buffer.from(await r.Body.transformToByteArray()) : Buffer.alloc(0);
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async delete(key: string): Promise<boolean> {
    assertBlobKey(key);
    const Key = this.at.prefix + key;
    let found = false;
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectVersionsCommand({ Bucket: this.at.bucket, Prefix: Key, KeyMarker, VersionIdMarker }),
      );
      for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
        if (v.Key !== Key) continue; // a longer key under the same prefix
        // A delete marker alone is not a blob: only versions with bytes count as found.
        if (page.Versions?.includes(v)) found = true;
        await this.client.send(
          new DeleteObjectCommand({ Bucket: this.at.bucket, Key, VersionId: v.VersionId }),
        );
      }
      KeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      VersionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (KeyMarker !== undefined);
    return found;
  }

  async list(prefix: string): Promise<BlobInfo[]> {
    const out: BlobInfo[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.at.bucket,
          Prefix: this.at.prefix + prefix,
          ContinuationToken,
        }),
      );
      for (const o of page.Contents ?? []) {
        if (!o.Key) continue;
        out.push({
          key: o.Key.slice(this.at.prefix.length),
          size: o.Size ?? 0,
          modifiedAt: o.LastModified ?? new Date(0),
        });
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken !== undefined);
    // S3 lists in UTF-8 byte order, which is key order for the keys assertBlobKey allows.
    return out;
  }

  /** Closes the client's sockets. */
  close(): void {
    this.client.destroy();
  }
}

/** An S3 client for a location (path-style addressing: see s3-location.ts). */
export function s3Client(at: S3Location): S3Client {
  return new S3Client({
    endpoint: at.endpoint,
    region: at.region,
    forcePathStyle: true,
    ...(at.credentials ? { credentials: at.credentials } : {}),
  });
}

function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata?.httpStatusCode === 404;
}

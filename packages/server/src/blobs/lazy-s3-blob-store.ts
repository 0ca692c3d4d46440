import type { BlobInfo, BlobStore } from './blob-store.ts';
import type { S3BlobStore } from './s3-blob-store.ts';
import { parseS3Url } from './s3-location.ts';

/**
 * An S3BlobStore loaded on first use: the AWS SDK is ~20 MB of modules, and a server on the embedded
 * defaults (or one that never touches a blob before its first upload) should not pay for it at start.
 */
export class LazyS3BlobStore implements BlobStore {
  readonly kind = 's3';
  private store: Promise<S3BlobStore> | undefined;

  constructor(private readonly url: string) {
    parseS3Url(url); // a bad URL fails at start, not at the first upload
  }

  private open(): Promise<S3BlobStore> {
    this.store ??= import('./s3-blob-store.ts').then((m) => new m.S3BlobStore(parseS3Url(this.url)));
    return this.store;
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    return (await this.open()).put(key, data);
  }
  async get(key: string): Promise<Buffer | null> {
    return (await this.open()).get(key);
  }
  async delete(key: string): Promise<boolean> {
    return (await this.open()).delete(key);
  }
  async list(prefix: string): Promise<BlobInfo[]> {
    return (await this.open()).list(prefix);
  }
  async close(): Promise<void> {
    if (this.store) (await this.store).close();
  }
}

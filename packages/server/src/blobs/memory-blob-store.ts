import { assertBlobKey, type BlobInfo, type BlobStore } from './blob-store.ts';

/** Blobs in a Map: for tests and `memory` servers. Copies on the way in and out, like a real store. */
export class MemoryBlobStore implements BlobStore {
  readonly kind = 'memory';
  private readonly blobs = new Map<string, { data: Buffer; modifiedAt: Date }>();

  async put(key: string, data: Uint8Array): Promise<void> {
    assertBlobKey(key);
    this.blobs.set(key, { data: Buffer.from(data), modifiedAt: new Date() });
  }

  async get(key: string): Promise<Buffer | null> {
    assertBlobKey(key);
    const b = this.blobs.get(key);
    return b ? Buffer.from(b.data) : null;
  }

  async delete(key: string): Promise<boolean> {
    assertBlobKey(key);
    return this.blobs.delete(key);
  }

  async list(prefix: string): Promise<BlobInfo[]> {
    return [...this.blobs.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([key, b]) => ({ key, size: b.data.length, modifiedAt: b.modifiedAt }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

import type { BlobStore } from '../blobs/index.ts';
import { open, seal } from '../crypto/index.ts';

/** Where a pilot's flight-log blobs live; deleting the prefix deletes everything of theirs. */
export function pilotPrefix(pilotId: string): string {
  return `pilots/${pilotId}/`;
}

export function logPrefix(pilotId: string, logId: string): string {
  return `${pilotPrefix(pilotId)}flightlogs/${logId}/`;
}

/**
 * A pilot's view of the blob store: every blob sealed with the pilot's key, the associated data naming
 * the pilot and the blob key, so blobs cannot be swapped between pilots or between logs.
 */
export class PilotBlobs {
  constructor(
    private readonly store: BlobStore,
    private readonly pilotId: string,
    private readonly key: Uint8Array,
  ) {}

  async put(key: string, plaintext: Uint8Array): Promise<void> {
    await this.store.put(key, seal(this.key, plaintext, this.aad(key)));
  }

  async get(key: string): Promise<Buffer | null> {
    const sealed = await this.store.get(key);
    return sealed ? open(this.key, sealed, this.aad(key), `blob ${key}`) : null;
  }

  private aad(key: string): string {
    return `airlock/blob/v1\0${this.pilotId}\0${key}`;
  }
}

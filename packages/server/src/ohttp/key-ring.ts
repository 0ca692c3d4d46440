import {
  encodeKeyConfigList,
  type GatewayKey,
  generateGatewayKey,
  importGatewayKey,
} from '@airlock/core/ohttp';
import type { Logger } from '../log/index.ts';
import type { Database } from '../storage/index.ts';
import { type RotationPolicy, rotateKeys } from './key-store.ts';

/** Unknown key ids re-read the database at most this often (another instance may have rotated). */
const UNKNOWN_KEY_REFRESH_MS = 10_000;

/**
 * The gateway's keys in memory: the current one (published first) and any previous one still in its
 * grace period. Re-read, and rotated when due, every `refreshMs`: any instance sharing the database may
 * be the one that rotates, and the others pick its key up on their next refresh.
 */
export class OhttpKeyRing {
  private keys: GatewayKey[] = [];
  private published: Uint8Array = new Uint8Array(0);
  private timer: NodeJS.Timeout | undefined;
  private lastUnknownRefresh = 0;
  readonly refreshMs: number;

  private constructor(
    private readonly db: Database,
    readonly policy: RotationPolicy,
    private readonly log: Logger,
  ) {
    // Often enough that a retired key stops being accepted within a minute of its grace's end.
    this.refreshMs = Math.min(
      60_000,
      Math.max(5_000, (Math.min(policy.rotateS, policy.graceS || 60) * 1000) / 4),
    );
  }

  /** Reads the keys, making the first one on a new database. */
  static async open(db: Database, policy: RotationPolicy, log: Logger): Promise<OhttpKeyRing> {
    const ring = new OhttpKeyRing(db, policy, log);
    await ring.refresh();
    return ring;
  }

  async refresh(): Promise<void> {
    const before = this.keys[0]?.config.keyId;
    const stored = await rotateKeys(
      this.db,
      this.policy,
      async () => (await generateGatewayKey(0)).privateKey,
    );
    this.keys = await Promise.all(stored.map((k) => importGatewayKey(k.keyId, k.privateKey)));
    this.published = encodeKeyConfigList(this.keys.map((k) => k.config));
    if (this.keys[0].config.keyId !== before)
      this.log.info('oblivious HTTP key', { key_id: this.keys[0].config.keyId, accepted: this.keys.length });
  }

  /** The accepted key with this id; an unknown id also schedules an early re-read. */
  keyFor(keyId: number): GatewayKey | undefined {
    const key = this.keys.find((k) => k.config.keyId === keyId);
    if (!key && Date.now() - this.lastUnknownRefresh > UNKNOWN_KEY_REFRESH_MS) {
      this.lastUnknownRefresh = Date.now();
      this.refresh().catch((e: Error) =>
        this.log.warn('oblivious HTTP keys not refreshed', { error: e.name }),
      );
    }
    return key;
  }

  /** application/ohttp-keys: every accepted key, the current one first. */
  get keyConfigs(): Uint8Array {
    return this.published;
  }

  /**
   * How long a client may keep the key list: never past the grace a replaced key gets, so a client
   * always re-reads before the key it holds stops being accepted.
   */
  get maxAgeS(): number {
    return Math.floor(Math.min(this.policy.graceS, this.policy.rotateS, 86_400) / 2);
  }

  startRefreshing(): void {
    this.timer ??= setInterval(() => {
      this.refresh().catch((e: Error) =>
        this.log.warn('oblivious HTTP keys not refreshed', { error: e.name }),
      );
    }, this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

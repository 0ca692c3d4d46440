import { base64Of, sha256Of } from '../platform/index.ts';
import { type KeyValueStorage, memoryStorage, safeStorage } from '../storage/index.ts';
import type { BeforeSendHook, ResultListener, SendRecord, Transport } from '../transport/index.ts';
import { createLedgerStore } from './ledger-store.ts';
import { LEDGER_DEFAULTS, type LedgerEntry, type LedgerFilter, type LedgerOptions } from './types.ts';

const DAY_MS = 86_400_000;

/**
 * The device's record of every request the SDK sent.
 *
 * @example
 * const ledger: Ledger = createLedger({ storage: localStorage });
 * ledger.attachTo(transport); // last hook + result listener
 * const entries = await ledger.list({ category: 'location_check' });
 */
export interface Ledger {
  /** Entries, oldest first; `[]` when the storage cannot be read (never rejects). */
  list(filter?: LedgerFilter): Promise<LedgerEntry[]>;
  /** The entries as a JSON document the pilot can keep or hand to anyone (never rejects). */
  export(filter?: LedgerFilter): Promise<string>;
  /** Deletes every entry (the pilot's choice); false when the storage refused. */
  clear(): Promise<boolean>;
  /** The transport hook: resolves only once the entry is stored, else vetoes (fail closed). */
  beforeSend: BeforeSendHook;
  /** The transport result listener: records the status, or takes back an entry that never left. */
  onResult: ResultListener;
  /** Registers `beforeSend` as the transport's last hook and `onResult`; returns the remover. */
  attachTo(transport: Transport): () => void;
}

/**
 * What `createLedger` takes: retention and payload size (`LedgerOptions`), the storage and a clock.
 *
 * @example
 * const options: CreateLedgerOptions = { storage: localStorage, maxAgeDays: 30, maxPayloadBytes: 16_384 };
 * const ledger = createLedger(options);
 */
export interface CreateLedgerOptions extends LedgerOptions {
  storage?: KeyValueStorage;
  now?: () => Date;
}

/**
 * The ledger of SPEC.md: before any request leaves, its time, method, URL, category, size, SHA-256
 * and payload (or, above `maxPayloadBytes`, only size and digest) are written to the app's storage,
 * and the request waits for that write. A payload that is not in the ledger was never sent.
 *
 * @example
 * const ledger = createLedger({ storage: localStorage, maxAgeDays: 30 });
 * ledger.attachTo(transport);
 * await transport.send({ category: 'location_check', method: 'GET', path: '/v1/location/cells/694.597' });
 * const [entry] = await ledger.list(); // entry.url, entry.sha256, entry.status
 */
export function createLedger(options: CreateLedgerOptions = {}): Ledger {
  const now = options.now ?? (() => new Date());
  const maxEntries = positive(options.maxEntries, LEDGER_DEFAULTS.maxEntries);
  const maxAgeDays = positive(options.maxAgeDays, LEDGER_DEFAULTS.maxAgeDays);
  const maxPayloadBytes = positive(options.maxPayloadBytes, LEDGER_DEFAULTS.maxPayloadBytes, true);
  const store = createLedgerStore(
    safeStorage(options.storage ?? memoryStorage()),
    options.storagePrefix ?? 'airlock.ledger.v1:',
    { maxEntries, maxAgeMs: maxAgeDays * DAY_MS },
    () => now().getTime(),
  );
  // The records are frozen objects made per request, so identity ties a result to its entry.
  const entryOf = new WeakMap<SendRecord, string>();

  function matcher(filter: LedgerFilter = {}) {
    const from = filter.from === undefined ? Number.NEGATIVE_INFINITY : new Date(filter.from).getTime();
    const to = filter.to === undefined ? Number.POSITIVE_INFINITY : new Date(filter.to).getTime();
    return (t: number, category: string) =>
      (filter.category === undefined || filter.category === category) && t >= from && t <= to;
  }

  const ledger: Ledger = {
    async list(filter) {
      try {
        return await store.read(matcher(filter));
      } catch {
        return [];
      }
    },
    async export(filter) {
      const entries = await ledger.list(filter);
      return JSON.stringify(
        {
          format: 'airlock-ledger',
          version: 1,
          exported_at: now().toISOString(),
          retention: {
            max_entries: maxEntries,
            max_age_days: maxAgeDays,
            max_payload_bytes: maxPayloadBytes,
          },
          entries,
        },
        null,
        2,
      );
    },
    async clear() {
      try {
        await store.clear();
        return true;
      } catch {
        return false;
      }
    },
    async beforeSend(record) {
      try {
        const body = record.body ?? '';
        const sha256 = await sha256Of(body, options.sha256);
        const kept = record.bytes <= maxPayloadBytes;
        const text = typeof body === 'string';
        const entry = await store.append({
          time: record.time,
          method: record.method,
          url: record.url,
          category: record.category,
          bytes: record.bytes,
          sha256,
          payload: !kept || record.body === null ? null : text ? body : base64Of(body),
          payloadEncoding: text ? 'text' : 'base64',
          payloadStored: kept || record.body === null,
          userAction: record.userAction,
          ...(record.via === undefined ? {} : { via: record.via }),
        });
        entryOf.set(record, entry.id);
        return undefined;
      } catch (error) {
        return {
          veto: `ledger: the request could not be recorded, so it was not sent (${messageOf(error)})`,
        };
      }
    },
    onResult(record, response) {
      const id = entryOf.get(record);
      if (id === undefined) return;
      entryOf.delete(record);
      const done =
        response.vetoed && response.status === 0 ? store.remove(id) : store.setStatus(id, response.status);
      done.catch(() => undefined);
    },
    attachTo(transport) {
      const offHook = transport.useBeforeSend(ledger.beforeSend, { last: true });
      const offResult = transport.onResult(ledger.onResult);
      return () => {
        offHook();
        offResult();
      };
    },
  };
  return ledger;
}

function positive(value: number | undefined, fallback: number, allowZero = false): number {
  return typeof value === 'number' && Number.isFinite(value) && (allowZero ? value >= 0 : value > 0)
    ? value
    : fallback;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

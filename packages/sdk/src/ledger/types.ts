import type { Sha256 } from '../platform/index.ts';
import type { DataCategory, HttpMethod } from '../transport/index.ts';

/**
 * One request as it left the device.
 *
 * @example
 * const entries: LedgerEntry[] = await airlock.ledger.list();
 * for (const e of entries) console.log(e.time, e.category, e.method, e.url, e.bytes, e.sha256, e.status);
 */
export interface LedgerEntry {
  /** Local to the device (a counter); never sent anywhere. */
  id: string;
  /** ISO 8601: when the request was made. */
  time: string;
  method: HttpMethod;
  url: string;
  category: DataCategory;
  /** UTF-8 length of the body. */
  bytes: number;
  /** SHA-256 of the body's bytes (text as UTF-8), hex; of the empty string when there is no body. */
  sha256: string;
  /** The exact body; null when there was none or it was larger than `maxPayloadBytes`. */
  payload: string | null;
  /** 'text': the payload is the body itself; 'base64': the body was bytes, kept as base64. */
  payloadEncoding: 'text' | 'base64';
  /** False when only `bytes` and `sha256` were kept because the body was too large. */
  payloadStored: boolean;
  /** The pilot explicitly asked for this request (Sync, share). */
  userAction: boolean;
  /** The Oblivious HTTP relay the request went through (the network saw only ciphertext to it). */
  via?: string;
  /** HTTP status of the answer, 0 when none came (offline, timeout); absent until it is known. */
  status?: number;
}

/**
 * Which ledger entries `list` and `export` return: one category, and a time range (both ends included).
 *
 * @example
 * const filter: LedgerFilter = { category: 'app_performance', from: '2026-05-01', to: new Date() };
 * const entries = await airlock.ledger.list(filter);
 */
export interface LedgerFilter {
  category?: DataCategory;
  /** Entries at or after this time. */
  from?: Date | string;
  /** Entries at or before this time. */
  to?: Date | string;
}

/**
 * The ledger's retention and payload size, and the SHA-256 it uses.
 *
 * @example
 * const ledger: LedgerOptions = { maxEntries: 1000, maxAgeDays: 30, maxPayloadBytes: 16_384 };
 * const airlock = createAirlock({ serverUrl, storage: localStorage, ledger });
 */
export interface LedgerOptions {
  /** Entries kept, oldest deleted first; default 5000. */
  maxEntries?: number;
  /** Entries older than this are deleted, days; default 90. */
  maxAgeDays?: number;
  /** Bodies up to this size (UTF-8 bytes) are kept whole, larger ones as size + digest; default 64 KiB. */
  maxPayloadBytes?: number;
  /** The app's SHA-256 (e.g. a native module); default `crypto.subtle`, else core's (see platform/). */
  sha256?: Sha256;
  /** Default 'airlock.ledger.v1:'. */
  storagePrefix?: string;
}

/**
 * The ledger's default retention: 5000 entries, 90 days, bodies up to 64 KiB kept whole.
 *
 * @example
 * LEDGER_DEFAULTS.maxEntries; // 5000
 * LEDGER_DEFAULTS.maxPayloadBytes; // 65536
 */
export const LEDGER_DEFAULTS = { maxEntries: 5000, maxAgeDays: 90, maxPayloadBytes: 64 * 1024 } as const;

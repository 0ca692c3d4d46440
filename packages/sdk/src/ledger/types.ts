import type { Sha256 } from '../platform/index.ts';
import type { DataCategory, HttpMethod } from '../transport/index.ts';

/** One request as it left the device. */
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

export interface LedgerFilter {
  category?: DataCategory;
  /** Entries at or after this time. */
  from?: Date | string;
  /** Entries at or before this time. */
  to?: Date | string;
}

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

export const LEDGER_DEFAULTS = { maxEntries: 5000, maxAgeDays: 90, maxPayloadBytes: 64 * 1024 } as const;

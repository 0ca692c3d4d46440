import type { FlightSummary } from '@airlock/core';
import { open, seal } from '../crypto/index.ts';
import type { FlightLogRow } from './flightlog-rows.ts';

/** What is sealed in the row: everything a pilot would recognise the log by. */
export interface FlightLogMeta {
  filename: string;
  sha256: string;
  summary: FlightSummary;
}

/** A flight log as the API shows it to its owner. */
export interface FlightLogView {
  id: string;
  filename: string;
  sha256: string;
  format: string;
  size_bytes: number;
  uploaded_at: string;
  summary: Omit<FlightSummary, 'format' | 'messages' | 'warnings'>;
  /** Count per message type or topic, as the format names them. */
  messages: Record<string, number>;
  warnings: string[];
}

const metaAad = (pilotId: string, logId: string) => `airlock/flightlog-meta/v1\0${pilotId}\0${logId}`;

export function sealMeta(key: Uint8Array, pilotId: string, logId: string, meta: FlightLogMeta): Buffer {
  return seal(key, Buffer.from(JSON.stringify(meta)), metaAad(pilotId, logId));
}

/** What a filtered or sorted list reads of a log, sealed apart from the rest of its summary. */
export type ListKeys = Pick<FlightSummary, 'start' | 'duration_s' | 'distance_m' | 'max_alt_m' | 'aircraft'>;

const listAad = (pilotId: string, logId: string) => `airlock/flightlog-list-keys/v1\0${pilotId}\0${logId}`;

export function sealListKeys(key: Uint8Array, pilotId: string, logId: string, s: ListKeys): Buffer {
  const keys: ListKeys = {
    start: s.start,
    duration_s: s.duration_s,
    distance_m: s.distance_m,
    max_alt_m: s.max_alt_m,
    aircraft: s.aircraft,
  };
  return seal(key, Buffer.from(JSON.stringify(keys)), listAad(pilotId, logId));
}

/** The row's list keys: from their own column, or from the whole summary for a log stored before it. */
export function openListKeys(key: Uint8Array, row: FlightLogRow): ListKeys {
  if (!row.list_keys) return openMeta(key, row).summary;
  return JSON.parse(open(key, row.list_keys, listAad(row.pilot_id, row.id), 'flight log').toString('utf8'));
}

export function openMeta(key: Uint8Array, row: FlightLogRow): FlightLogMeta {
  return JSON.parse(open(key, row.meta, metaAad(row.pilot_id, row.id), 'flight log').toString('utf8'));
}

export function toView(key: Uint8Array, row: FlightLogRow): FlightLogView {
  const { filename, sha256, summary: s } = openMeta(key, row);
  return {
    id: row.id,
    filename,
    sha256,
    format: row.format,
    size_bytes: row.size_bytes,
    uploaded_at: row.created_at.toISOString(),
    summary: {
      start: s.start,
      duration_s: s.duration_s,
      distance_m: s.distance_m,
      max_alt_m: s.max_alt_m,
      max_alt_amsl_m: s.max_alt_amsl_m,
      max_speed_mps: s.max_speed_mps,
      max_distance_from_home_m: s.max_distance_from_home_m,
      battery_used_pct: s.battery_used_pct,
      // Summaries sealed before CRC failures were reported have no such field.
      crc_failures: s.crc_failures ?? null,
      aircraft: s.aircraft,
      app: s.app,
    },
    messages: s.messages,
    warnings: s.warnings,
  };
}

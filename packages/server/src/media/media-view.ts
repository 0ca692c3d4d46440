import { MediaError } from './media-error.ts';
import type { MediaRow, PageAfter } from './media-rows.ts';

/** Licences a pilot may choose; "all-rights-reserved" (the default) grants nothing but viewing here. */
export const LICENCES = [
  'all-rights-reserved',
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC-BY-NC-4.0',
  'CC0-1.0',
] as const;
export type Licence = (typeof LICENCES)[number];

/** Size of the cell a kept position is coarsened to, as published. */
export const LOCATION_PRECISION_M = 1000;

/** What anyone may read about a shared item. */
export interface MediaView {
  id: string;
  kind: 'image' | 'video';
  content_type: string;
  title: string | null;
  licence: Licence;
  width: number | null;
  height: number | null;
  duration_s: number | null;
  bytes: number;
  /** The day of the share (UTC), not of the capture. */
  shared_on: string;
  location: { lat: number; lon: number; precision_m: number } | null;
  file_url: string;
  thumbnail_url: string | null;
  /** The name the pilot chose to be credited with, or null (never their e-mail or id). */
  by: string | null;
  /** Hidden by the operator after a report (only its owner's list shows it). */
  hidden: boolean;
}

export function toView(row: MediaRow): MediaView {
  return {
    id: row.id,
    kind: row.kind,
    content_type: row.content_type,
    title: row.title,
    licence: row.licence as Licence, // the route checked it against LICENCES
    width: row.width,
    height: row.height,
    duration_s: row.duration_ms === null ? null : row.duration_ms / 1000,
    bytes: row.file_bytes,
    shared_on: row.shared_at.toISOString().slice(0, 10),
    location:
      row.coarse_lat === null || row.coarse_lon === null
        ? null
        : { lat: row.coarse_lat, lon: row.coarse_lon, precision_m: LOCATION_PRECISION_M },
    file_url: `/v1/media/${row.id}/file`,
    thumbnail_url: row.thumb_bytes > 0 ? `/v1/media/${row.id}/thumbnail` : null,
    by: row.public_name,
    hidden: row.hidden_at !== null,
  };
}

export interface MediaPage {
  items: MediaView[];
  next_cursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(row: MediaRow): string {
  return Buffer.from(`${row.shared_at.toISOString()}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): PageAfter {
  const [t, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const sharedAt = new Date(t);
  if (!UUID.test(id ?? '') || Number.isNaN(sharedAt.getTime()))
    throw new MediaError('bad_cursor', 'cursor is not one this server handed out: start again without it');
  return { sharedAt, id };
}

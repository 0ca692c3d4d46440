import type { Applicability } from '../../zone/index.ts';
import { OpenAirError } from './openair-error.ts';

/** `AA NONE`: active at times not given in the file (announced by NOTAM). */
export const BY_NOTAM = 'NONE';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads an AA activation window, ISO 8601 `start/end` in UTC where either side may be NONE
 * (unknown start or open end); `AA NONE` alone returns BY_NOTAM. Times are normalised to
 * `YYYY-MM-DDTHH:MM:SSZ`; 24:00 (end of day, allowed by ISO 8601) becomes 00:00 of the next day.
 */
export function parseActivation(text: string): Applicability | typeof BY_NOTAM {
  const value = text.trim();
  if (value.toUpperCase() === BY_NOTAM || value.toUpperCase() === 'NONE/NONE') return BY_NOTAM;
  const sides = value.split('/');
  if (sides.length !== 2) {
    throw new OpenAirError(`"${value}" is not an activation window start/end (ISO 8601, or NONE)`);
  }
  const [start, end] = sides.map((side) => (side.trim().toUpperCase() === 'NONE' ? undefined : toIso(side)));
  if (start !== undefined && end !== undefined && Date.parse(start) > Date.parse(end)) {
    throw new OpenAirError(`activation window "${value}" ends before it starts`);
  }
  const window: Applicability = { permanent: false };
  if (start !== undefined) window.start = start;
  if (end !== undefined) window.end = end;
  return window;
}

function toIso(text: string): string {
  const raw = text.trim();
  const m = DATE_TIME.exec(raw);
  const bad = () => new OpenAirError(`"${raw}" is not an ISO 8601 date-time like 2025-01-01T12:00Z`);
  if (!m) throw bad();
  const [year, month, day, hour, minute, second = 0] = m.slice(1, 7).map((p) => Number(p ?? 0));
  if (hour > 24 || minute > 59 || second > 59 || (hour === 24 && (minute > 0 || second > 0))) throw bad();
  // The spec allows UTC only; an offset is honoured rather than silently misread.
  const offset = m[7] && m[7].toUpperCase() !== 'Z' ? offsetMinutes(m[7]) : 0;
  const ms = Date.UTC(year, month - 1, day, hour, minute - offset, second);
  const check = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2025-02-30 over to March; a date that does not survive the round trip is invalid.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw bad();
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

function offsetMinutes(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

import * as z from 'zod/mini';
import { type Applicability, applicabilitySchema, WEEKDAYS } from '../../zone/index.ts';
import { checkField, FieldError } from './field-error.ts';

const dateTime = z.iso.datetime({ offset: true });
const scheduleItemSchema = applicabilitySchema.shape.schedule.def.innerType.def.element;
const DAYS = new Set<string>(WEEKDAYS);

export interface ParsedApplicability {
  applicability: Applicability[];
  /** A schedule used sunrise/sunset events (ED-318 startEvent/endEvent), which the model cannot hold. */
  usesEvents: boolean;
}

/**
 * ED-269 `applicability` and ED-318 `limitedApplicability` (GeoZoneTimePeriod): start/end date-times
 * and daily periods. ED-318 has no `permanent`, so it is inferred: an entry with no dates and no
 * schedule is permanent. ED-269 national files call the schedule `dailyPeriod` and fill it with
 * `day: []` and null times; such empty periods carry no information and are dropped.
 */
export function parseApplicability(raw: unknown, field: string): ParsedApplicability {
  if (raw === undefined || raw === null) return { applicability: [], usesEvents: false };
  const list = Array.isArray(raw) ? raw : [raw];
  let usesEvents = false;
  const applicability = list.map((entry, i): Applicability => {
    const where = `${field}[${i}]`;
    if (entry === null || typeof entry !== 'object') throw new FieldError(where, entry, 'is not an object');
    const e = entry as Record<string, unknown>;
    const start = optional(e.startDateTime, dateTime, `${where}.startDateTime`);
    const end = optional(e.endDateTime, dateTime, `${where}.endDateTime`);
    const rawSchedule = e.schedule ?? e.dailyPeriod;
    const schedule = parseSchedule(
      rawSchedule,
      `${where}.${e.schedule != null ? 'schedule' : 'dailyPeriod'}`,
    );
    usesEvents ||= schedule.usesEvents;
    const inferred = start === undefined && end === undefined && schedule.items.length === 0;
    const result: Applicability = { permanent: parseYesNo(e.permanent, `${where}.permanent`) ?? inferred };
    if (start !== undefined) result.start = start;
    if (end !== undefined) result.end = end;
    if (schedule.items.length > 0) result.schedule = schedule.items;
    return result;
  });
  return { applicability, usesEvents };
}

/** Every entry ends at a known time: the zone is a temporary one. */
export function isTemporary(applicability: readonly Applicability[]): boolean {
  return applicability.length > 0 && applicability.every((a) => !a.permanent && a.end !== undefined);
}

type ScheduleItem = NonNullable<Applicability['schedule']>[number];

function parseSchedule(raw: unknown, field: string): { items: ScheduleItem[]; usesEvents: boolean } {
  if (raw === undefined || raw === null) return { items: [], usesEvents: false };
  if (!Array.isArray(raw)) throw new FieldError(field, raw, 'is not an array');
  const items: ScheduleItem[] = [];
  let usesEvents = false;
  raw.forEach((item, j) => {
    const where = `${field}[${j}]`;
    if (item === null || typeof item !== 'object') throw new FieldError(where, item, 'is not an object');
    const s = item as Record<string, unknown>;
    const hasEvent = s.startEvent != null || s.endEvent != null;
    usesEvents ||= hasEvent;
    const rawDays = s.day ?? s.days;
    const list = rawDays == null ? [] : Array.isArray(rawDays) ? rawDays : [rawDays];
    const days = list.map((d) => (typeof d === 'string' ? d.trim().toUpperCase() : d));
    const bad = days.find((d) => typeof d !== 'string' || !DAYS.has(d));
    if (bad !== undefined) throw new FieldError(`${where}.day`, bad, `is not one of ${WEEKDAYS.join(', ')}`);
    const startTime = s.startTime ?? undefined;
    const endTime = s.endTime ?? undefined;
    if (days.length === 0 && startTime === undefined && endTime === undefined && !hasEvent) return;
    // A period bounded by sunrise/sunset keeps no time on that side: active all day is the cautious
    // reading; the caller keeps the source periods in properties.
    const candidate = { days: days.length > 0 ? days : ['ANY'], startTime, endTime };
    const parsed = checkField(scheduleItemSchema, candidate, where);
    const out: ScheduleItem = { days: parsed.days };
    if (parsed.startTime !== undefined) out.startTime = parsed.startTime;
    if (parsed.endTime !== undefined) out.endTime = parsed.endTime;
    items.push(out);
  });
  return { items, usesEvents };
}

function optional<T>(value: unknown, schema: z.core.$ZodType<T>, field: string): T | undefined {
  return value === undefined || value === null ? undefined : checkField(schema, value, field);
}

/** "YES" | "NO" (ED-269), also true/false; missing gives undefined so the caller can infer. */
export function parseYesNo(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(yes|no)$/i.test(value.trim()))
    return value.trim().toUpperCase() === 'YES';
  throw new FieldError(field, value, 'is not YES or NO');
}

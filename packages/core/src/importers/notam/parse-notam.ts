import { parseEnglish } from '../../schema/index.ts';
import type { AltitudeLimit, Zone, ZoneCategory, ZoneGeometry } from '../../zone/index.ts';
import { zoneSchema } from '../../zone/index.ts';
import { createIdAllocator } from '../eurocae/index.ts';
import { ImportCollector, type ImportOptions, type ImportResult } from '../result.ts';
import { simplePolygonOf } from './e-polygon.ts';
import { type RawNotam, splitNotams } from './notam-items.ts';
import { parseNotamLimit, qLimit } from './notam-limits.ts';
import { parseNotamTime } from './notam-times.ts';
import { orderedLimits } from './ordered-limits.ts';
import { parseQLine, type QLine } from './q-line.ts';

const NM = 1852;

/**
 * ICAO NOTAM subjects (Q-code letters 2–3, Doc 8126) that restrict or warn about airspace: the ones a
 * drone pilot must see. Prohibited, restricted, temporary restricted and reserved airspace become
 * 'temporary' restrictions; danger areas, military areas, overflying limits and every navigation
 * warning (QW…: UAS, parachuting, fireworks, …) become warnings.
 */
function categoryOf(code: string): ZoneCategory | null {
  const subject = code.slice(1, 3);
  if (['RP', 'RR', 'RT', 'RA'].includes(subject)) return 'temporary';
  if (['RD', 'RM', 'RO'].includes(subject) || subject.startsWith('W')) return 'warning';
  return null;
}

/**
 * Reads ICAO NOTAM text (one or many, with or without AFTN header lines). Each airspace NOTAM becomes a
 * zone valid from item B to item C: its shape is the polygon item E draws when it is a plain one (see
 * simplePolygonOf), else the Q) circle (an outer bound, never smaller than the area); its limits are
 * items F and G, else the Q) flight levels. Item D (schedule) is kept as text in properties and the
 * zone counts as active for its whole B–C window (conservative). `C) … EST` keeps the zone with no end
 * (an estimated end is not an end until a cancellation says so) and the estimate in properties.
 *
 * What it does not import: NOTAMC cancellations and NOTAMs replaced or cancelled in the same file (no
 * zone; not an issue), NOTAMs on other subjects (runways, navaids… : skipped with an issue naming the
 * Q-code), and NOTAMs whose Q) line, B) or C) cannot be read (skipped with the reason).
 *
 * @example
 * const { zones, issues } = parseNotams(await readFile('notams.txt', 'utf8'), { dataset: 'notam-egtt' });
 */
export function parseNotams(text: string, options: ImportOptions): ImportResult {
  const collector = new ImportCollector(options);
  const notams = splitNotams(text);
  const gone = new Set<string>();
  for (const n of notams) if (n.kind !== 'N' && n.refers) gone.add(n.refers);
  const nextId = createIdAllocator(options.dataset);
  notams.forEach((n, i) => {
    if (n.kind === 'C' || (n.number && gone.has(n.number))) return;
    try {
      const zone = toZone(n, options.dataset, nextId);
      if (zone === null) {
        const code = n.items.Q?.split('/')[1] ?? '?';
        collector.skip({
          line: n.line,
          record: n.number ?? undefined,
          reason: `${code} is not an airspace restriction or warning`,
        });
      } else collector.add(zone);
    } catch (e) {
      collector.skip({ line: n.line, record: n.number ?? undefined, reason: (e as Error).message });
    }
    collector.progress(i + 1, notams.length);
  });
  return collector.result();
}

function toZone(n: RawNotam, dataset: string, nextId: (s: string) => string): Zone | null {
  if (!n.items.Q) throw new RangeError('no Q) line');
  const q = parseQLine(n.items.Q);
  const category = categoryOf(q.code);
  if (!category) return null;
  if (!n.items.B) throw new RangeError('no B) start time');
  const start = parseNotamTime(n.items.B, 'B');
  const end = n.items.C ? parseNotamTime(n.items.C, 'C') : { iso: null, estimated: false };
  if (start.iso && end.iso && !end.estimated && end.iso <= start.iso)
    throw new RangeError(`C) ${n.items.C} is not after B) ${n.items.B}`);
  const limits = orderedLimits(limitOf(n.items.F, q, false), limitOf(n.items.G, q, true));
  const e = n.items.E ?? '';
  const polygon = simplePolygonOf(e, q.center, q.radiusNM);
  const geometry: ZoneGeometry = polygon
    ? { type: 'Polygon', coordinates: [polygon] }
    : { type: 'Circle', center: q.center, radius_m: Math.max(q.radiusNM, 1) * NM };
  const finalEnd = end.estimated ? null : end.iso;
  const zone: Zone = {
    id: nextId(n.number ?? `${q.fir}-${n.line}`),
    name: `${n.number ?? 'NOTAM'} ${n.items.A ?? q.fir}: ${firstLine(e)}`.slice(0, 200),
    country: null,
    category,
    reasons: [q.code.startsWith('QW') ? 'OTHER' : 'AIR_TRAFFIC'],
    volumes: [{ geometry, lower: limits.lower, upper: limits.upper }],
    applicability: [
      {
        permanent: finalEnd === null && !end.estimated,
        start: start.iso ?? undefined,
        ...(finalEnd ? { end: finalEnd } : {}),
      },
    ],
    message: e.slice(0, 10_000) || undefined,
    source: 'notam',
    licence: '',
    dataset,
    properties: {
      notam: n.number,
      ...(n.refers ? { replaces: n.refers } : {}),
      fir: q.fir,
      qcode: q.code,
      traffic: q.traffic,
      purpose: q.purpose,
      scope: q.scope,
      locations: n.items.A,
      ...(n.items.D ? { schedule: n.items.D } : {}),
      ...(end.estimated ? { estimatedEnd: end.iso } : {}),
      shape: polygon ? 'item E polygon' : 'Q) circle (outer bound)',
      ...(limits.repaired ? { repaired: limits.repaired } : {}),
    },
  };
  return parseEnglish(zoneSchema, zone) as Zone;
}

function limitOf(item: string | undefined, q: QLine, upper: boolean): AltitudeLimit {
  const parsed = item ? parseNotamLimit(item) : null;
  return parsed ?? qLimit(upper ? q.upperFL : q.lowerFL, upper);
}

function firstLine(e: string): string {
  return e.split('\n')[0].trim() || 'NOTAM';
}

import type { Feature, FeatureCollection, LineString } from 'geojson';
import type { ExpressionSpecification } from 'maplibre-gl';
import type { FlightSeries, FlightTrack } from '../../api/client.ts';
import { type ModeChange, modeColour, modeIndexAt, modeNames } from './flight-modes.ts';
import { rampStops } from './track-geometry.ts';

/** What the track can be coloured by; each is a property of every segment of the map's track. */
export type ColourBy = 'alt' | 'speed' | 'battery' | 'mode';

export interface ColourChoice {
  key: ColourBy;
  label: string;
  unit: string;
  /** Why the choice is off for this flight; absent when it can be chosen. */
  absent?: string;
}

type SegmentValues = Partial<Record<ColourBy, number | null>>;

export interface ColouredTrack {
  segments: FeatureCollection<LineString, SegmentValues>;
  /** Range of each value over the track, or null when no segment has it. */
  ranges: Record<ColourBy, [number, number] | null>;
  /** The battery as a percentage when the log has one, else its voltage. */
  batteryUnit: '%' | 'V';
  /** The flight's modes, each once: a segment's `mode` is an index into this. */
  modeNames: string[];
}

/** Drawn where a segment has no value (before the first battery report, say). */
export const NO_VALUE_COLOUR = '#98a2ad';

/**
 * The track cut into two-point segments, each carrying its height above the first fix (the take-off)
 * and the logged speed and battery at its time, so the map colours each by a data-driven expression:
 * exact per segment, unlike a gradient along the line, which spreads colour by distance travelled.
 * Speed and battery come from /series (one common time base), looked up at the segment's mid time.
 */
export function colourSegments(
  track: FlightTrack,
  series: FlightSeries,
  modes: ModeChange[] = [],
): ColouredTrack {
  const names = modeNames(modes);
  const { lines, times } = linesWithTimes(track);
  const base = lines.flat().find((p) => p.length > 2)?.[2];
  const at = seriesLookup(series);
  const battery = series.channels.battery_pct ? 'battery_pct' : 'battery_v';
  const features: Feature<LineString, SegmentValues>[] = [];
  for (const [k, line] of lines.entries())
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1],
        b = line[i];
      const ta = times[k]?.[i - 1],
        tb = times[k]?.[i];
      const t = ta == null || tb == null ? null : (ta + tb) / 2;
      features.push({
        type: 'Feature',
        properties: {
          alt: base === undefined || a.length < 3 || b.length < 3 ? null : (a[2] + b[2]) / 2 - base,
          speed: at('h_speed_mps', t),
          battery: at(battery, t),
          mode: modeIndexAt(modes, names, t),
        },
        geometry: { type: 'LineString', coordinates: [a, b] },
      });
    }
  const range = (key: ColourBy): [number, number] | null => {
    let lo = Infinity,
      hi = -Infinity;
    for (const f of features) {
      const v = f.properties[key];
      if (v == null) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return Number.isFinite(lo) ? [lo, hi] : null;
  };
  return {
    segments: { type: 'FeatureCollection', features },
    ranges: { alt: range('alt'), speed: range('speed'), battery: range('battery'), mode: range('mode') },
    batteryUnit: battery === 'battery_pct' ? '%' : 'V',
    modeNames: names,
  };
}

/** The choices for this flight, the ones its data cannot answer switched off with the reason. */
export function colourChoices({ ranges, batteryUnit }: ColouredTrack): ColourChoice[] {
  const none = (what: string) => (r: [number, number] | null) => (r ? undefined : what);
  return [
    {
      key: 'alt',
      label: 'Altitude',
      unit: 'm above take-off',
      absent: none('the log has no altitude')(ranges.alt),
    },
    {
      key: 'speed',
      label: 'Speed',
      unit: 'm/s',
      absent: none('the log has no speed on the track')(ranges.speed),
    },
    {
      key: 'battery',
      label: 'Battery',
      unit: batteryUnit,
      absent: none('the log has no battery level')(ranges.battery),
    },
    {
      key: 'mode',
      label: 'Flight mode',
      unit: '',
      absent: none('the log has no flight modes on the track')(ranges.mode),
    },
  ];
}

/** The line colour of the track layer for one choice: viridis over its range, grey where unknown. */
export function colourExpression(
  key: ColourBy,
  range: [number, number] | null,
): ExpressionSpecification | string {
  if (!range) return '#21918c';
  // Modes are categories: one colour each (the range is of their indexes), not a ramp.
  if (key === 'mode')
    return [
      'match',
      ['coalesce', ['get', key], -1],
      ...Array.from({ length: range[1] + 1 }, (_, i) => [i, modeColour(i)]).flat(),
      NO_VALUE_COLOUR,
    ] as unknown as ExpressionSpecification;
  return [
    'case',
    ['==', ['typeof', ['get', key]], 'number'],
    ['interpolate', ['linear'], ['get', key], ...rampStops(range)],
    NO_VALUE_COLOUR,
  ] as ExpressionSpecification;
}

/** The track's lines and their times, kept index for index (a lone fix is not a line). */
function linesWithTimes(track: FlightTrack): { lines: number[][][]; times: (number | null)[][] } {
  for (const f of track.features) {
    if (f.properties.kind !== 'track') continue;
    const g = f.geometry;
    const t = f.properties.times_s;
    if (g.type === 'LineString') return { lines: [g.coordinates], times: [t as (number | null)[]] };
    if (g.type === 'MultiLineString') {
      const keep = g.coordinates.flatMap((l, k) => (l.length > 1 ? [k] : []));
      const perLine = t as (number | null)[][];
      return { lines: keep.map((k) => g.coordinates[k]), times: keep.map((k) => perLine[k] ?? []) };
    }
  }
  return { lines: [], times: [] };
}

/** The value of a series channel nearest in time (binary search on t_s), or null. */
function seriesLookup(series: FlightSeries) {
  const ts = series.t_s;
  return (channel: keyof FlightSeries['channels'], t: number | null): number | null => {
    const column = series.channels[channel];
    if (!column || t === null || ts.length === 0) return null;
    let lo = 0,
      hi = ts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ts[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && t - ts[lo - 1] < ts[lo] - t) lo--;
    return column[lo] ?? null;
  };
}

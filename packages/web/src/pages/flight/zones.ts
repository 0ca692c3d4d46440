import type { Feature, Position } from 'geojson';
import { api } from '../../api/client.ts';
import { zonesCrossed } from './zone-entry.ts';

/** The server answers boxes up to 5° on a side (routes/zones.ts); a longer flight gets no zones drawn. */
const MAX_SPAN_DEG = 5;

export interface ZoneInfo {
  id: string;
  name: string;
  category: string;
  lower: string;
  upper: string;
  /** The track passed over the zone's area (altitude not compared). */
  crossed: boolean;
}

export type ZonesAnswer = { features: Feature[]; zones: ZoneInfo[] } | { note: string };

/**
 * Airlock's own zones around the track (its bounds plus a margin), from /v1/zones, each marked
 * `crossed` when the track passed over its area; those come first in the list.
 */
export async function zonesAround(
  [w, s, e, n]: [number, number, number, number],
  lines: Position[][],
): Promise<ZonesAnswer> {
  const pad = Math.max(0.02, (e - w) * 0.25, (n - s) * 0.25);
  const box = [
    Math.max(-180, w - pad),
    Math.max(-90, s - pad),
    Math.min(180, e + pad),
    Math.min(90, n + pad),
  ];
  if (box[2] - box[0] > MAX_SPAN_DEG || box[3] - box[1] > MAX_SPAN_DEG)
    return { note: `The flight spans more than ${MAX_SPAN_DEG}°: zones are not drawn.` };
  const { data, response } = await api.GET('/v1/zones', {
    params: { query: { bbox: box.map((v) => v.toFixed(5)).join(',') } },
  });
  if (!data) return { note: `Zones could not be loaded (${response.status}).` };
  const crossed = zonesCrossed(data.features as Feature[], lines);
  const features = (data.features as Feature[]).map((f, i) => ({
    ...f,
    properties: { ...f.properties, crossed: crossed[i] },
  }));
  const zones = features.map(describe).sort((a, b) => Number(b.crossed) - Number(a.crossed));
  return { features, zones };
}

function describe(f: Feature): ZoneInfo {
  const p = (f.properties ?? {}) as Record<string, unknown>;
  return {
    id: String(p.id ?? ''),
    name: String(p.name ?? p.id ?? 'zone'),
    category: String(p.category ?? ''),
    lower: limit(p.lower),
    upper: limit(p.upper),
    crossed: p.crossed === true,
  };
}

/** A vertical limit as core's zone model writes it: {value (null: unlimited), unit m/ft/FL, reference}. */
function limit(v: unknown): string {
  const o = (v ?? {}) as { value?: number | null; unit?: string; reference?: string };
  if (o.value === null) return 'unlimited';
  if (o.value === undefined) return '';
  return o.unit === 'FL' ? `FL ${o.value}` : `${o.value} ${o.unit} ${o.reference}`;
}

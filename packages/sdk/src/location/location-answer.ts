import {
  CELL_COVERAGE_MARGIN_M,
  cellCoverage,
  type LonLatBox,
  parseCellId,
} from '@airlock/core/location-privacy';
import type { AreaCover } from './area-cover.ts';

/** A location answer after checking every field the SDK relies on. */
export interface LocationAnswer {
  cover: AreaCover;
  datasetVersion: string;
  generatedAt: string | null;
  /** max_age_s of the body, or null when absent or not a number. */
  maxAgeS: number | null;
  /** The zones FeatureCollection, still to be read by parseGeoJSONZones. */
  zones: { type: 'FeatureCollection'; features: unknown[] };
  countries: string[];
}

/** Reads a server answer; throws an Error naming the first field that is wrong. */
export function parseLocationAnswer(body: string): LocationAnswer {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (error) {
    throw new Error(`location answer is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(doc)) throw new Error('location answer is not an object');
  if (typeof doc.dataset_version !== 'string') throw new Error('location answer: dataset_version missing');
  const zones = doc.zones;
  if (!isRecord(zones) || zones.type !== 'FeatureCollection' || !Array.isArray(zones.features)) {
    throw new Error('location answer: zones is not a FeatureCollection');
  }
  const countries = Array.isArray(doc.countries)
    ? doc.countries.filter((c): c is string => typeof c === 'string' && /^[A-Za-z]{2}$/.test(c))
    : [];
  const maxAge = doc.max_age_s;
  return {
    cover: coverOf(doc),
    datasetVersion: doc.dataset_version,
    generatedAt: typeof doc.generated_at === 'string' ? doc.generated_at : null,
    maxAgeS: typeof maxAge === 'number' && Number.isFinite(maxAge) && maxAge >= 0 ? maxAge : null,
    zones: { type: 'FeatureCollection', features: zones.features },
    countries: countries.map((c) => c.toUpperCase()),
  };
}

function coverOf(doc: Record<string, unknown>): AreaCover {
  if (typeof doc.cell === 'string') {
    try {
      parseCellId(doc.cell);
    } catch (error) {
      throw new Error(`location answer: cell ${JSON.stringify(doc.cell)}: ${(error as Error).message}`);
    }
    const boxes = boxesOf(doc.coverage) ?? cellCoverage(doc.cell, CELL_COVERAGE_MARGIN_M);
    return { cell: doc.cell, boxes };
  }
  const q = doc.query;
  if (isRecord(q) && isFiniteNumber(q.lon) && isFiniteNumber(q.lat) && isFiniteNumber(q.radius_m)) {
    return { query: { lon: q.lon, lat: q.lat, radius_m: q.radius_m } };
  }
  throw new Error('location answer names neither a cell nor a query: its coverage is unknown');
}

function boxesOf(value: unknown): LonLatBox[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const boxes: LonLatBox[] = [];
  for (const box of value) {
    if (!Array.isArray(box) || box.length !== 4 || !box.every(isFiniteNumber)) {
      throw new Error(`location answer: coverage box ${JSON.stringify(box)} is not [w, s, e, n]`);
    }
    boxes.push([box[0], box[1], box[2], box[3]]);
  }
  return boxes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

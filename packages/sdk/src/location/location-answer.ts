import {
  CELL_COVERAGE_MARGIN_M,
  cellCoverage,
  type LocationAnswerBody,
  locationAnswerSchema,
  parseCellId,
} from '@airlock/core/location-privacy';
import { safeParseEnglish } from '@airlock/core/schema';
import type { AreaCover } from './area-cover.ts';

/** A location answer after checking every field the SDK relies on. */
export interface LocationAnswer {
  cover: AreaCover;
  datasetVersion: string;
  generatedAt: string;
  maxAgeS: number;
  /** The zones FeatureCollection, still to be read by readAnswerZones (feature by feature). */
  zones: { type: 'FeatureCollection'; features: unknown[] };
  countries: string[];
}

/**
 * Reads a server answer with core's wire schema (the one the server documents); throws an Error
 * naming the first field that is wrong.
 */
export function parseLocationAnswer(body: string): LocationAnswer {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (error) {
    throw new Error(`location answer is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = safeParseEnglish(locationAnswerSchema, doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String).join('.');
    throw new Error(`location answer: ${path === '' ? '' : `${path}: `}${issue.message}`);
  }
  const answer = parsed.data;
  return {
    cover: coverOf(answer),
    datasetVersion: answer.dataset_version,
    generatedAt: answer.generated_at,
    maxAgeS: answer.max_age_s,
    zones: answer.zones,
    countries: answer.countries.filter((c) => /^[A-Za-z]{2}$/.test(c)).map((c) => c.toUpperCase()),
  };
}

function coverOf(answer: LocationAnswerBody): AreaCover {
  if (answer.cell !== undefined) {
    try {
      parseCellId(answer.cell);
    } catch (error) {
      throw new Error(`location answer: cell ${JSON.stringify(answer.cell)}: ${(error as Error).message}`);
    }
    const boxes =
      answer.coverage && answer.coverage.length > 0
        ? answer.coverage
        : cellCoverage(answer.cell, CELL_COVERAGE_MARGIN_M);
    return { cell: answer.cell, boxes };
  }
  if (answer.query) return { query: answer.query };
  throw new Error('location answer names neither a cell nor a query: its coverage is unknown');
}

import { radioRulesFor } from '@airlock/core';
import type { LocationCheckResult } from './location/index.ts';
import type { WarningReport } from './warnings/index.ts';

/** A location result that says nothing is known, with why. */
export function noLocation(error: string): LocationCheckResult {
  return {
    coverage: 'none',
    source: 'none',
    stale: false,
    ageS: null,
    datasetVersion: null,
    zones: null,
    area: null,
    zoneCount: 0,
    skippedZones: 0,
    countries: [],
    radio: radioRulesFor([]),
    offline: false,
    requestsSent: 0,
    error,
  };
}

/** A warning report that never reads as clear: status unknown, with why. */
export function unknownReport(error: string): WarningReport {
  return {
    status: 'unknown',
    coverage: 'none',
    inside: [],
    approaching: [],
    ceilingM: null,
    ceilingZone: null,
    temporary: [],
    dataAgeS: null,
    dataStale: false,
    horizonM: 0,
    inputIssues: [],
    error,
  };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

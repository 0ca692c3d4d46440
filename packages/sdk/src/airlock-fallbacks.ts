import { type LocationCheckResult, noData } from './location/index.ts';
import type { WarningReport } from './warnings/index.ts';

/** A location result that says nothing is known, with why. */
export function noLocation(error: string): LocationCheckResult {
  return noData({ error });
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

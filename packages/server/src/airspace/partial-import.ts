import type { ImportIssue, ImportResult } from '@airlock/core';

/**
 * Share of records an import may skip and still count as a success. A real OpenAir file once lost
 * 924 of 1,646 airspaces to one rounding artefact while the import said "done" (issue 11): above this
 * share the operator must say that partial data is what they want (`accept_partial`).
 */
export const MAX_SKIPPED_SHARE = 0.01;
/** Reasons carried in the refusal: enough to see the pattern, small enough to read. */
export const REFUSAL_ISSUES = 20;

export interface PartialImportDetails {
  /** Records read: zones made plus records skipped. */
  read: number;
  skipped: number;
  zones: number;
  issues: ImportIssue[];
}

/** An import that skipped more than MAX_SKIPPED_SHARE of its records without an explicit accept. */
export class PartialImportError extends Error {
  constructor(readonly details: PartialImportDetails) {
    super(
      `${details.skipped} of ${details.read} records could not be read (more than ${MAX_SKIPPED_SHARE * 100}%); nothing was stored. Fix the file, or accept partial data explicitly (accept_partial=true, airlock import --accept-partial)`,
    );
    this.name = 'PartialImportError';
  }
}

/** Throws PartialImportError when `result` skipped too many records and partial data was not accepted. */
export function refusePartialImport(result: ImportResult, accepted: boolean): void {
  const skipped = result.issues.length;
  // ED-318 merges features into fewer zones, so this undercounts records read: it errs toward refusing.
  const read = result.zones.length + skipped;
  if (accepted || skipped === 0 || skipped <= read * MAX_SKIPPED_SHARE) return;
  throw new PartialImportError({
    read,
    skipped,
    zones: result.zones.length,
    issues: result.issues.slice(0, REFUSAL_ISSUES),
  });
}

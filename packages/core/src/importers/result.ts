import type { Zone, ZoneCategory } from '../zone/index.ts';
import { ZONE_CATEGORIES } from '../zone/index.ts';

/** Where a bad record was: a 1-based line (text formats) or a 1-based feature number (JSON formats). */
export interface ImportIssue {
  line?: number;
  feature?: number;
  /** The record's own name or identifier when it has one. */
  record?: string;
  reason: string;
}

export interface ImportOptions {
  /** Id given to every zone's `dataset` field and used as prefix for zone ids. */
  dataset: string;
  /** Fail on the first bad record instead of skipping it. */
  strict?: boolean;
  /** Called now and then with records done so far (and the total when known). */
  onProgress?: (done: number, total?: number) => void;
}

export interface ImportResult {
  zones: Zone[];
  /** Records skipped, each with where and why. */
  issues: ImportIssue[];
  /** Zones per category. */
  counts: Record<ZoneCategory, number>;
}

/** Thrown in strict mode (and for a file that cannot be read at all); the message names where. */
export class ImportError extends Error {
  readonly issue: ImportIssue;
  constructor(issue: ImportIssue) {
    super(describeIssue(issue));
    this.name = 'ImportError';
    this.issue = issue;
  }
}

/** "line 12 (ED-R 123): AL missing" */
export function describeIssue(issue: ImportIssue): string {
  const where =
    issue.line !== undefined
      ? `line ${issue.line}`
      : issue.feature !== undefined
        ? `feature ${issue.feature}`
        : 'file';
  return `${where}${issue.record ? ` (${issue.record})` : ''}: ${issue.reason}`;
}

export function countByCategory(zones: readonly Zone[]): Record<ZoneCategory, number> {
  const counts = Object.fromEntries(ZONE_CATEGORIES.map((c) => [c, 0])) as Record<ZoneCategory, number>;
  for (const z of zones) counts[z.category]++;
  return counts;
}

/**
 * Collects zones and issues for one import: in strict mode the first issue throws.
 * Every importer uses it so skipping, reporting and counting behave the same everywhere.
 */
export class ImportCollector {
  readonly zones: Zone[] = [];
  readonly issues: ImportIssue[] = [];
  constructor(private readonly options: ImportOptions) {}
  add(zone: Zone): void {
    this.zones.push(zone);
  }
  skip(issue: ImportIssue): void {
    if (this.options.strict) throw new ImportError(issue);
    this.issues.push(issue);
  }
  progress(done: number, total?: number): void {
    this.options.onProgress?.(done, total);
  }
  result(): ImportResult {
    return { zones: this.zones, issues: this.issues, counts: countByCategory(this.zones) };
  }
}

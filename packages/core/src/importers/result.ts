import type { Zone, ZoneCategory } from '../zone/index.ts';
import { ZONE_CATEGORIES } from '../zone/index.ts';

/**
 * Where a bad record was: a 1-based line (text formats) or a 1-based feature number (JSON formats).
 *
 * @example
 * const issue: ImportIssue = { line: 12, record: 'ED-R 123', reason: 'AL missing' };
 * describeIssue(issue); // 'line 12 (ED-R 123): AL missing'
 */
export interface ImportIssue {
  line?: number;
  feature?: number;
  /** The record's own name or identifier when it has one. */
  record?: string;
  reason: string;
}

/**
 * What every importer takes: the dataset id its zones carry, strict mode, and a progress listener.
 *
 * @example
 * const options: ImportOptions = { dataset: 'ksgu', strict: false, onProgress: (done, total) => bar(done, total) };
 * const result = parseOpenAir(text, options);
 */
export interface ImportOptions {
  /** Id given to every zone's `dataset` field and used as prefix for zone ids. */
  dataset: string;
  /** Fail on the first bad record instead of skipping it. */
  strict?: boolean;
  /** Called now and then with records done so far (and the total when known). */
  onProgress?: (done: number, total?: number) => void;
}

/**
 * What every importer returns: the zones, the records it skipped (where and why), and zones per category.
 *
 * @example
 * const result: ImportResult = importZones('openair', [{ name: 'ksgu.txt', text }], { dataset: 'ksgu' });
 * console.log(result.zones.length, result.counts.restricted, result.issues.map(describeIssue));
 */
export interface ImportResult {
  zones: Zone[];
  /** Records skipped, each with where and why. */
  issues: ImportIssue[];
  /** Zones per category. */
  counts: Record<ZoneCategory, number>;
}

/**
 * Thrown in strict mode (and for a file that cannot be read at all); the message names where.
 *
 * @example
 * try {
 *   importZones('openair', [{ name: 'ksgu.txt', text }], { dataset: 'ksgu', strict: true });
 * } catch (e) {
 *   if (e instanceof ImportError) console.error(e.message, e.issue.line);
 * }
 */
export class ImportError extends Error {
  readonly issue: ImportIssue;
  constructor(issue: ImportIssue) {
    super(describeIssue(issue));
    this.name = 'ImportError';
    this.issue = issue;
  }
}

/**
 * "line 12 (ED-R 123): AL missing"
 *
 * @example
 * describeIssue({ line: 12, record: 'ED-R 123', reason: 'AL missing' }); // 'line 12 (ED-R 123): AL missing'
 */
export function describeIssue(issue: ImportIssue): string {
  const where =
    issue.line !== undefined
      ? `line ${issue.line}`
      : issue.feature !== undefined
        ? `feature ${issue.feature}`
        : 'file';
  return `${where}${issue.record ? ` (${issue.record})` : ''}: ${issue.reason}`;
}

/**
 * Zones per category, every category present (0 when none).
 *
 * @example
 * countByCategory(zones); // { restricted: 12, authorization: 3, enhanced_warning: 0, warning: 7, altitude: 1, temporary: 0 }
 */
export function countByCategory(zones: readonly Zone[]): Record<ZoneCategory, number> {
  const counts = Object.fromEntries(ZONE_CATEGORIES.map((c) => [c, 0])) as Record<ZoneCategory, number>;
  for (const z of zones) counts[z.category]++;
  return counts;
}

/**
 * Collects zones and issues for one import: in strict mode the first issue throws.
 * Every importer uses it so skipping, reporting and counting behave the same everywhere.
 *
 * @example
 * const collector = new ImportCollector({ dataset: 'mine' });
 * for (const [i, row] of rows.entries()) {
 *   const zone = toZone(row);
 *   if (zone) collector.add(zone);
 *   else collector.skip({ line: i + 2, reason: 'no geometry' });
 * }
 * return collector.result();
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

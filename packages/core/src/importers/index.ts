export { ImportCollector, ImportError, countByCategory, describeIssue } from './result.ts';
export type { ImportIssue, ImportOptions, ImportResult } from './result.ts';

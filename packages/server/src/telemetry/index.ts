export type { CounterRow, ErrorCountRow, ErrorGroupRow } from './aggregate-buffer.ts';
export { AggregateBuffer } from './aggregate-buffer.ts';
export {
  addAppPerformance,
  addUserExperience,
  appPerformanceContributions,
  CONTRIBUTION_CAPS,
  type ContributionSink,
  type Contributions,
  totalCap,
  userExperienceContributions,
} from './contributions.ts';
export { type ErrorScrubber, memoizedScrubber, scrubError } from './error-scrubber.ts';
export { keyedNoise, laplace, type NoiseSource, streamNoise } from './laplace-noise.ts';
export { JOURNAL_FOLDER, openIngestTelemetry, openTelemetry } from './open-telemetry.ts';
export type { PublishedCounter, PublishedErrorGroup, Suppressed } from './release-stats.ts';
export {
  AGGREGATES,
  type IngestResult,
  type JournalRecovery,
  type ReportPublisher,
  type StatsQuery,
  type StreamedReport,
  type TelemetryOptions,
  TelemetryService,
  type TelemetryStats,
  type WriteStats,
} from './telemetry-service.ts';
export {
  type ErrorDayRow,
  STREAM_MESSAGE_DAYS,
  type StreamMessageKey,
  TelemetryStore,
} from './telemetry-store.ts';

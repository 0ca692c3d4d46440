export { createTelemetry } from './create-telemetry.ts';
export type {
  DroppedSummary,
  DropReason,
  DropRecord,
  FlightSummaryInput,
  FlushResult,
  Scheduler,
  Telemetry,
  TelemetryContext,
  TelemetryOptions,
} from './types.ts';

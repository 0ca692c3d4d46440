/**
 * `@airlock/sdk/telemetry`: errors, feature counts, timings and flight summaries without identifiers,
 * checked against core's declared-field schemas before they are queued. A subpath, so an app without
 * telemetry does not ship the schemas. `createAirlock` builds one as `airlock.telemetry`.
 *
 * @example
 * import { createTelemetry } from '@airlock/sdk/telemetry';
 * const telemetry = createTelemetry({ transport, consent, storage: localStorage, context });
 * telemetry.countFeature('map.open');
 *
 * @module @airlock/sdk/telemetry
 */
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

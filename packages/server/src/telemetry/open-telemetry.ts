import type { Config } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
import type { Database } from '../storage/index.ts';
import { TelemetryService } from './telemetry-service.ts';

/** The telemetry service as configured (minimum group, epsilon, flush interval). */
export function openTelemetry(config: Config, db: Database, log: Logger): TelemetryService {
  return new TelemetryService(db, {
    log,
    flushMs: config.AIRLOCK_TELEMETRY_FLUSH_MS,
    minGroup: config.AIRLOCK_STATS_MIN_GROUP,
    epsilon: config.AIRLOCK_STATS_EPSILON,
  });
}

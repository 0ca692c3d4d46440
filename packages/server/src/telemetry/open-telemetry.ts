import { join } from 'node:path';
import type { Config } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
import type { Database } from '../storage/index.ts';
import { TelemetryService } from './telemetry-service.ts';

/** The journal's folder in the data dir: one sub-folder per journal (see journal-files.ts). */
export const JOURNAL_FOLDER = 'telemetry-journal';

/**
 * The telemetry service as configured (minimum group, epsilon, flush interval, value cap), without a
 * journal: for reading statistics (`airlock stats`), or a server whose database is in memory.
 */
export function openTelemetry(config: Config, db: Database, log: Logger): TelemetryService {
  return new TelemetryService(db, {
    log,
    flushMs: config.AIRLOCK_TELEMETRY_FLUSH_MS,
    minGroup: config.AIRLOCK_STATS_MIN_GROUP,
    epsilon: config.AIRLOCK_STATS_EPSILON,
    maxValues: config.AIRLOCK_TELEMETRY_MAX_VALUES,
  });
}

/**
 * The telemetry service a server ingests with: with NATS_URL, the shared JetStream stream (see
 * telemetry-stream/); otherwise its journal in the data dir opened and replayed
 * before the first report is taken, so a report answered 202 before a crash is counted, and counted
 * once. With the database in memory (tests) there is nothing durable to match, and no journal.
 */
export async function openIngestTelemetry(
  config: Config,
  db: Database,
  log: Logger,
  options: { memory?: boolean } = {},
): Promise<TelemetryService> {
  const telemetry = openTelemetry(config, db, log);
  if (config.NATS_URL) {
    // Loaded only here: a server on the embedded defaults never loads the NATS client.
    const { openTelemetryStream } = await import('../telemetry-stream/index.ts');
    const stream = await openTelemetryStream(
      config.NATS_URL,
      config.AIRLOCK_NATS_STREAM,
      telemetry,
      log,
      config.AIRLOCK_NATS_ACK_WAIT_S,
    );
    telemetry.onClose(() => stream.close());
    return telemetry;
  }
  if (options.memory) return telemetry;
  const recovered = await telemetry.openJournal(
    join(config.AIRLOCK_DATA_DIR, JOURNAL_FOLDER),
    config.AIRLOCK_TELEMETRY_FSYNC ? 'fsync' : 'write',
  );
  if (recovered.journals > 0) log.info('telemetry journal replayed', { ...recovered });
  return telemetry;
}

import { type ServerType, serve } from '@hono/node-server';
import { AirspaceService, ensureBundledAirspace } from './airspace/index.ts';
import type { Config } from './config/index.ts';
import { createApp } from './http/index.ts';
import type { Logger } from './log/index.ts';
import { RequestCounters } from './metrics/index.ts';
import { openPilotData, type PilotData } from './pilot-data/index.ts';
import { createIpCountryLookup, type IpCountryLookup } from './region-ip/index.ts';
import { type Database, openDatabase } from './storage/index.ts';
import { openTelemetry, type TelemetryService } from './telemetry/index.ts';

export interface Services {
  db: Database;
  airspace: AirspaceService;
  counters: RequestCounters;
  ipCountry: () => Promise<IpCountryLookup>;
  /** Accounts, flight logs and the media store. */
  pilotData: PilotData;
  /** Telemetry aggregates (ingest buffer + operator statistics). */
  telemetry: TelemetryService;
  close(): Promise<void>;
}

/** Opens the database (migrated), loads the bundled airspace if configured, and builds the index. */
export async function openServices(
  config: Config,
  log: Logger,
  options: { memory?: boolean } = {},
): Promise<Services> {
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.AIRLOCK_DATA_DIR,
    memory: options.memory,
  });
  const airspace = new AirspaceService(db, log);
  try {
    if (config.AIRLOCK_LOAD_BUNDLED_AIRSPACE) await ensureBundledAirspace(airspace, log);
    await airspace.refresh();
  } catch (e) {
    await db.close();
    throw e;
  }
  const counters = new RequestCounters(db);
  let pilotData: PilotData;
  try {
    pilotData = openPilotData(config, db, log, options);
  } catch (e) {
    await db.close();
    throw e;
  }
  const telemetry = openTelemetry(config, db, log);
  let ip: Promise<IpCountryLookup> | null = null;
  return {
    db,
    airspace,
    counters,
    ipCountry: () => (ip ??= createIpCountryLookup()),
    pilotData,
    telemetry,
    async close() {
      airspace.stop();
      await pilotData.close();
      await counters.stop().catch((e) => log.warn('request counters not flushed', { error: String(e) }));
      await telemetry.close().catch(() => log.warn('telemetry aggregates not flushed'));
      await db.close();
    },
  };
}

export interface RunningServer {
  /** The Node HTTP server, for tests that watch raw requests. */
  http: ServerType;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Starts the HTTP server on the configured host and port (0 = any free port). */
export async function startServer(config: Config, log: Logger, services?: Services): Promise<RunningServer> {
  const s = services ?? (await openServices(config, log));
  s.airspace.startPolling(config.AIRLOCK_DATASET_POLL_S);
  s.counters.startFlushing();
  s.telemetry.startFlushing();
  const app = createApp({
    config,
    log,
    airspace: s.airspace,
    counters: s.counters,
    ipCountry: s.ipCountry,
    pilotData: s.pilotData,
    telemetry: s.telemetry,
  });
  const server: ServerType = await new Promise((resolve) => {
    const srv = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(srv));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return {
    http: server,
    port,
    url: `http://${host}:${port}`,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      if (!services) await s.close();
    },
  };
}

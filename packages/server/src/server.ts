import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { getRequestListener, type ServerType } from '@hono/node-server';
import type { Redis } from 'ioredis';
import { AirspaceService, ensureBundledAirspace, readBundledFiles } from './airspace/index.ts';
import type { Config } from './config/index.ts';
import { type DataDirLock, lockDataDir, secureDataDir } from './data-dir/index.ts';
import { createApp, errorResponse, HttpError, mapError, SECURITY_HEADERS } from './http/index.ts';
import { ResponseCache } from './http/response-cache.ts';
import type { Logger } from './log/index.ts';
import { RequestCounters } from './metrics/index.ts';
import { type OhttpGateway, openOhttpGateway } from './ohttp/index.ts';
import { openPilotData, type PilotData } from './pilot-data/index.ts';
import { createIpCountryLookup, type IpCountryLookup } from './region-ip/index.ts';
import { type Database, openDatabase } from './storage/index.ts';
import { openIngestTelemetry, type TelemetryService } from './telemetry/index.ts';
import { loadSigningKey, PackHistory, ZonePackService } from './zone-packs/index.ts';

export interface Services {
  db: Database;
  airspace: AirspaceService;
  counters: RequestCounters;
  ipCountry: () => Promise<IpCountryLookup>;
  /** Accounts, flight logs and the media store. */
  pilotData: PilotData;
  /** Telemetry aggregates (ingest buffer + operator statistics). */
  telemetry: TelemetryService;
  /** The embedded data dir's lock, when this process owns one (its token lets the local CLI in). */
  lock?: DataDirLock;
  /** The Oblivious HTTP gateway's keys and replay memory. */
  ohttp: OhttpGateway;
  zonePacks: ZonePackService;
  /** The one answer cache (AIRLOCK_ANSWER_CACHE_MB): tiles, cells and zone packs share its budget. */
  answerCache: ResponseCache;
  /** REDIS_URL's client (shared per-client limits). */
  redis?: Redis;
  close(): Promise<void>;
}

/**
 * Opens the database (migrated), loads the bundled airspace if configured, and builds the index.
 * An embedded database's data dir is made owner-only and locked first, before anything heavy: one
 * process owns it at a time (`owner` says which kind, for the message a second one gets).
 */
export async function openServices(
  config: Config,
  log: Logger,
  options: { memory?: boolean; owner?: 'server' | 'cli'; lock?: DataDirLock } = {},
): Promise<Services> {
  let lock = options.lock;
  if (!options.memory) {
    const dir = resolve(config.AIRLOCK_DATA_DIR);
    secureDataDir(dir);
    if (!config.DATABASE_URL) lock ??= lockDataDir(dir, options.owner ?? 'server');
  }
  let db: Database;
  try {
    if (!options.memory) {
      const fresh = !config.DATABASE_URL && !existsSync(join(resolve(config.AIRLOCK_DATA_DIR), 'pglite'));
      log.info(fresh ? 'creating the embedded database (first start)' : 'opening the database', {
        engine: config.DATABASE_URL ? 'postgres' : 'pglite',
      });
    }
    db = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.AIRLOCK_DATA_DIR,
      memory: options.memory,
    });
  } catch (e) {
    lock?.release();
    throw e;
  }
  // The prepared index is kept in the data dir so a restart loads it instead of rebuilding.
  const indexDir = options.memory ? undefined : join(resolve(config.AIRLOCK_DATA_DIR), 'airspace-index');
  const airspace = new AirspaceService(db, log, { indexDir, bundledFiles: () => readBundledFiles() });
  const fail = async (e: unknown) => {
    await db.close();
    lock?.release();
    return e;
  };
  try {
    if (config.AIRLOCK_LOAD_BUNDLED_AIRSPACE) await ensureBundledAirspace(airspace, log);
    await airspace.refresh();
  } catch (e) {
    throw await fail(e);
  }
  const counters = new RequestCounters(db);
  let pilotData: PilotData;
  try {
    pilotData = openPilotData(config, db, log, options);
  } catch (e) {
    throw await fail(e);
  }
  let telemetry: TelemetryService;
  try {
    // The telemetry journal is replayed here, before anything can be answered.
    telemetry = await openIngestTelemetry(config, db, log, options);
  } catch (e) {
    await pilotData.close();
    throw await fail(e);
  }
  // Loaded only when configured; it connects in the background and retries (limits fall back to
  // per-server counts meanwhile), so a Redis outage never stops a start.
  const redis = config.REDIS_URL
    ? new (await import('ioredis')).Redis(config.REDIS_URL, {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
      })
    : undefined;
  redis?.on('error', (e: Error & { code?: string }) =>
    log.warn('redis unavailable', { code: e.code ?? e.name }),
  );
  let ohttp: OhttpGateway;
  let zonePacks: ZonePackService;
  const answerCache = new ResponseCache(config.AIRLOCK_ANSWER_CACHE_MB * 2 ** 20);
  try {
    ohttp = await openOhttpGateway(db, config, log);
    zonePacks = new ZonePackService(airspace, await loadSigningKey(db), {
      cache: answerCache.answers,
      history: new PackHistory(db),
      log,
    });
  } catch (e) {
    await pilotData.close();
    await telemetry.close();
    throw await fail(e);
  }
  let ip: Promise<IpCountryLookup> | null = null;
  return {
    db,
    airspace,
    counters,
    ipCountry: () => (ip ??= createIpCountryLookup()),
    pilotData,
    telemetry,
    lock,
    ohttp,
    zonePacks,
    answerCache,
    redis,
    async close() {
      ohttp.close();
      await zonePacks.close();
      airspace.close();
      await pilotData.close();
      await counters.stop().catch((e) => log.warn('request counters not flushed', { error: String(e) }));
      await telemetry.close().catch(() => log.warn('telemetry aggregates not flushed'));
      await db.close();
      redis?.disconnect();
      lock?.release();
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

/** A listening socket whose requests are answered 503 "starting" until `serve` hands it the app. */
export interface BoundPort {
  http: Server;
  port: number;
  url: string;
  serve(listener: (req: IncomingMessage, res: ServerResponse) => void): void;
}

export class PortInUseError extends Error {
  constructor(host: string, port: number) {
    super(
      `port ${port} on ${host} is already in use by another program: stop it, or start Airlock with PORT=… or --port`,
    );
    this.name = 'PortInUseError';
  }
}

/**
 * A request Node's HTTP parser refuses (raw bytes or a backslash in the target, NUL in a header, a
 * header or URL over 16 KiB, an unknown method, Content-Length with chunked) never reaches the app;
 * Node's own answer is a bodiless 400. It gets the one JSON error shape here, and the connection closes.
 */
function answerParserError(err: NodeJS.ErrnoException, socket: import('node:stream').Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const [status, reason, code, message] = tooLarge
    ? [431, 'Request Header Fields Too Large', 'headers_too_large', 'request line or headers over 16 KiB']
    : [400, 'Bad Request', 'malformed_http', 'the request is not well-formed HTTP/1.1'];
  const body = JSON.stringify({ error: { status, code, message } });
  const headers = { ...SECURITY_HEADERS, 'content-type': 'application/json', connection: 'close' };
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * Binds the configured host and port (0 = any free port) before anything heavy is loaded, so a busy
 * port fails at once with one line, and a load balancer asking during start-up gets a 503 with
 * Retry-After instead of a refused connection.
 */
export async function bindPort(config: Config): Promise<BoundPort> {
  let handler = (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
    res.end(
      '{"error":{"status":503,"code":"starting","message":"the server is starting; try again in a second"}}',
    );
  };
  const http = createServer((req, res) => handler(req, res));
  http.on('clientError', answerParserError);
  await new Promise<void>((ok, fail) => {
    http.once('error', (e: NodeJS.ErrnoException) =>
      fail(e.code === 'EADDRINUSE' ? new PortInUseError(config.HOST, config.PORT) : e),
    );
    http.listen(config.PORT, config.HOST, () => ok());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return {
    http,
    port,
    url: `http://${host}:${port}`,
    serve(listener) {
      handler = listener;
    },
  };
}

/**
 * Starts the HTTP API on `bound` (or on a port bound now). Without `services` it opens them and
 * closes them on close.
 */
export async function startServer(
  config: Config,
  log: Logger,
  services?: Services,
  bound?: BoundPort,
): Promise<RunningServer> {
  const port = bound ?? (await bindPort(config));
  let s: Services;
  try {
    s = services ?? (await openServices(config, log));
  } catch (e) {
    if (!bound) await new Promise<void>((r) => port.http.close(() => r()));
    throw e;
  }
  s.airspace.startPolling(config.AIRLOCK_DATASET_POLL_S);
  // Many servers share one PostgreSQL: a dataset change reaches every one of them at once.
  if (s.db.kind === 'postgres') await s.airspace.listenForChanges();
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
    localOperatorToken: s.lock?.holder.token,
    ohttp: s.ohttp,
    zonePacks: s.zonePacks,
    answerCache: s.answerCache,
    redis: s.redis,
    readiness: async () => {
      const problems: string[] = [];
      await s.db.query('SELECT 1').catch((e: Error) => problems.push(`database: ${e.name}`));
      if (s.airspace.index.size === 0 && config.AIRLOCK_LOAD_BUNDLED_AIRSPACE)
        problems.push('airspace: no zones loaded yet');
      return problems;
    },
  });
  port.serve(
    getRequestListener(app.fetch, {
      // A target the adapter cannot turn into a URL (a backslash, a bad host) is the client's mistake.
      errorHandler: (err) =>
        errorResponse(
          mapError(
            err instanceof Error && err.name === 'RequestError'
              ? new HttpError(400, 'malformed_request', `the request cannot be read: ${err.message}`)
              : err,
          ),
        ),
    }),
  );
  s.lock?.setUrl(port.url);
  return {
    http: port.http,
    port: port.port,
    url: port.url,
    async close() {
      await new Promise<void>((r) => {
        port.http.close(() => r());
        port.http.closeIdleConnections();
      });
      if (!services) await s.close();
    },
  };
}

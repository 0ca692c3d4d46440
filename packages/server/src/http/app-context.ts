import type { AirspaceService } from '../airspace/index.ts';
import type { Config } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
import type { RequestCounters, ServerMetrics } from '../metrics/index.ts';
import type { IpCountryLookup } from '../region-ip/index.ts';
import type { TelemetryService } from '../telemetry/index.ts';
import type { ResponseCache } from './response-cache.ts';

/** What route handlers need, handed to each route module when the app is built. */
export interface AppContext {
  config: Config;
  log: Logger;
  airspace: AirspaceService;
  cache: ResponseCache;
  counters: RequestCounters;
  ipCountry: () => Promise<IpCountryLookup>;
  /** Telemetry ingest and statistics; its routes are absent without it. */
  telemetry?: TelemetryService;
  /** Operator token written to the data dir's lock file, for the local `airlock` CLI. */
  localOperatorToken?: string;
  /** Prometheus metrics of this process (GET /metrics). */
  metrics?: ServerMetrics;
  /** What keeps this server from taking traffic now (GET /v1/ready); empty when ready. */
  readiness?: () => Promise<string[]>;
}

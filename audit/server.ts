// The server under audit: the real app on a loopback port, a fresh PGlite data dir in a temp folder,
// one small real dataset (the Swiss ED-269 sample around Montreux), every log line kept for the scan.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../packages/server/src/config/index.ts';
import { createLogger } from '../packages/server/src/log/index.ts';
import {
  openServices,
  type RunningServer,
  type Services,
  startServer,
} from '../packages/server/src/server.ts';

const CHE = new URL('../../shared/data/airspace/ed269/interuss-geo-awareness-che-1.json', import.meta.url);

export interface AuditServer {
  services: Services;
  server: RunningServer;
  dataDir: string;
  logLines: string[];
  /** Stops the server and flushes what it aggregates, so the data dir holds everything it keeps. */
  stop(): Promise<void>;
  /** Deletes the temp data dir (after the scan). */
  remove(): void;
}

export async function startAuditServer(): Promise<AuditServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'airlock-audit-'));
  const config = loadConfig({
    PORT: '0',
    AIRLOCK_DATA_DIR: dataDir,
    AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false',
    AIRLOCK_DATASET_POLL_S: '0',
    AIRLOCK_TELEMETRY_FLUSH_MS: '20',
    // One pilot signs up and deletes the account in every Sync run, all from this one client.
    AIRLOCK_SIGNUP_PER_CLIENT: '1000',
    AIRLOCK_SIGNIN_PER_CLIENT: '1000',
    LOG_LEVEL: 'debug',
  });
  const logLines: string[] = [];
  const log = createLogger('debug', (l) => logLines.push(l));
  const services = await openServices(config, log);
  await services.airspace.importDataset({
    id: 'che',
    files: [{ name: 'che.json', text: readFileSync(CHE, 'utf8') }],
    licence: 'Apache-2.0',
  });
  const server = await startServer(config, log, services);
  let stopped = false;
  return {
    services,
    server,
    dataDir,
    logLines,
    async stop() {
      if (stopped) return;
      stopped = true;
      await services.telemetry.flush();
      await services.counters.flush();
      await server.close();
      await services.close();
    },
    remove: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

// A real server on a free loopback port for end-to-end tests: in-memory database, no bundled
// airspace, no dataset polling, every log line kept for the test to scan.
import { readFileSync } from 'node:fs';
import { loadConfig } from '../config/index.ts';
import { createLogger } from '../log/index.ts';
import { openServices, type RunningServer, type Services, startServer } from '../server.ts';

const SHARED = new URL('../../../../../shared/data/airspace/', import.meta.url);

export interface Loopback {
  services: Services;
  server: RunningServer;
  /** Every JSON log line the server wrote, debug level included. */
  logLines: string[];
  close(): Promise<void>;
}

/**
 * Starts the server; `che: true` first imports the Swiss ED-269 sample (zones around Montreux) as
 * dataset `che`. `env` adds settings (e.g. a faster telemetry flush).
 */
export async function startLoopback(
  options: { che?: boolean; env?: Record<string, string> } = {},
): Promise<Loopback> {
  const config = loadConfig({
    PORT: '0',
    AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false',
    LOG_LEVEL: 'debug',
    AIRLOCK_DATASET_POLL_S: '0',
    ...options.env,
  });
  const logLines: string[] = [];
  const log = createLogger('debug', (l) => logLines.push(l));
  const services = await openServices(config, log, { memory: true });
  if (options.che) {
    await services.airspace.importDataset({
      id: 'che',
      files: [
        {
          name: 'che.json',
          text: readFileSync(new URL('ed269/interuss-geo-awareness-che-1.json', SHARED), 'utf8'),
        },
      ],
      licence: 'Apache-2.0',
    });
  }
  const server = await startServer(config, log, services);
  return {
    services,
    server,
    logLines,
    async close() {
      await server.close();
      await services.close();
    },
  };
}

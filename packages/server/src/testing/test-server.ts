import { loadConfig } from '../config/index.ts';
import { createLogger } from '../log/index.ts';
import { openServices, type RunningServer, type Services, startServer } from '../server.ts';
import './pglite-template.ts';

/**
 * Cheap argon2id parameters, for tests only: the production default (19 MiB, 2 passes) costs tens of
 * ms per hash, which adds up over hundreds of sign-ins in a test run.
 */
export const TEST_ARGON2 = { AIRLOCK_ARGON2_MEMORY_KIB: '64', AIRLOCK_ARGON2_TIME_COST: '1' };

export interface TestServer {
  services: Services;
  server: RunningServer;
  url: string;
  /** Every log line the server wrote. */
  logLines: string[];
  /** Signs up and in a pilot; returns its bearer headers. */
  pilot(
    email: string,
    password?: string,
  ): Promise<{ id: string; token: string; auth: Record<string, string> }>;
  close(): Promise<void>;
}

/** A real server on a loopback port, with its data in `dataDir` (or in memory). */
export async function startTestServer(
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const config = loadConfig({
    PORT: '0',
    AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false',
    AIRLOCK_DATASET_POLL_S: '0',
    LOG_LEVEL: 'debug',
    ...TEST_ARGON2,
    ...(options.dataDir ? { AIRLOCK_DATA_DIR: options.dataDir } : {}),
    ...options.env,
  });
  const logLines: string[] = [];
  const log = createLogger('debug', (l) => logLines.push(l));
  const services = await openServices(config, log, { memory: !options.dataDir });
  const server = await startServer(config, log, services);
  const url = server.url;
  return {
    services,
    server,
    url,
    logLines,
    async pilot(email, password = 'correct horse battery staple') {
      const json = { 'content-type': 'application/json' };
      const up = await fetch(`${url}/v1/accounts`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email, password }),
      });
      if (up.status !== 201) throw new Error(`sign-up ${up.status}: ${await up.text()}`);
      const r = await fetch(`${url}/v1/sessions`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email, password }),
      });
      const body = (await r.json()) as { token: string; pilot: { id: string } };
      return { id: body.pilot.id, token: body.token, auth: { authorization: `Bearer ${body.token}` } };
    },
    async close() {
      await server.close();
      await services.close();
    },
  };
}

import { loadConfig } from '../config/index.ts';
import { createLogger } from '../log/index.ts';
import { startServer } from '../server.ts';
import { type Command, numberArg, parseCommandArgs } from './command.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the HTTP API (embedded database and bundled airspace by default)',
  usage: `airlock serve [--port N] [--host ADDR]

Starts the server. Settings come from the environment (PORT, HOST, AIRLOCK_DATA_DIR, DATABASE_URL,
AIRLOCK_ADMIN_TOKEN, LOG_LEVEL, ...) or a JSON file named by AIRLOCK_CONFIG; flags override them.
The first start imports the bundled world airspace into the embedded database; later starts reuse it.`,
  async run(args, io) {
    const { values, help } = parseCommandArgs(args, { port: { type: 'string' }, host: { type: 'string' } });
    if (help) return (io.out(`${this.usage}\n`), 0);
    const port = numberArg('--port', values.port, 0, 65535);
    const config = loadConfig({
      ...process.env,
      ...(port !== undefined ? { PORT: String(port) } : {}),
      ...(typeof values.host === 'string' ? { HOST: values.host } : {}),
    });
    const log = createLogger(config.LOG_LEVEL);
    const started = performance.now();
    const server = await startServer(config, log);
    log.info('listening', { url: server.url, startup_ms: Math.round(performance.now() - started) });
    io.out(`Airlock listening on ${server.url} (API reference: ${server.url}/docs)\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    log.info('shutting down');
    await server.close();
    return 0;
  },
};

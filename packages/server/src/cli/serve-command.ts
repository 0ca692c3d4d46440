import { type Command, numberArg, parseCommandArgs } from './command.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the HTTP API (embedded database and bundled airspace by default)',
  usage: `airlock serve [--port N] [--host ADDR]

Starts the server. Settings come from the environment (PORT, HOST, AIRLOCK_DATA_DIR, DATABASE_URL,
AIRLOCK_ADMIN_TOKEN, LOG_LEVEL, ...) or a JSON file named by AIRLOCK_CONFIG; flags override them.
The first start imports the bundled world airspace into the embedded database; later starts reuse it.
The data dir (default ./airlock-data, found from the current folder upwards) belongs to one process at
a time: a second server on it is refused, and the airlock CLI talks to this one over HTTP.`,
  async run(args, io) {
    const { values, help } = parseCommandArgs(args, { port: { type: 'string' }, host: { type: 'string' } });
    if (help) return (io.out(`${this.usage}\n`), 0);
    const port = numberArg('--port', values.port, 0, 65535);
    // The server is loaded after --help: `airlock serve --help` loads none of it.
    const { loadConfig } = await import('../config/index.ts');
    const { lockDataDir, resolveDataDir, secureDataDir } = await import('../data-dir/index.ts');
    const { createLogger } = await import('../log/index.ts');
    const { bindPort, openServices, startServer } = await import('../server.ts');
    const loaded = loadConfig({
      ...process.env,
      ...(port !== undefined ? { PORT: String(port) } : {}),
      ...(typeof values.host === 'string' ? { HOST: values.host } : {}),
    });
    const dataDir = resolveDataDir(loaded.AIRLOCK_DATA_DIR);
    const config = { ...loaded, AIRLOCK_DATA_DIR: dataDir.path };
    const log = createLogger(config.LOG_LEVEL);
    const started = performance.now();
    // Cheap checks first: the data dir's owner, then the port; only then the database and zones.
    secureDataDir(dataDir.path);
    const lock = config.DATABASE_URL ? undefined : lockDataDir(dataDir.path, 'server');
    // Stopped while loading: nothing was acknowledged yet and an unfinished import rolls back, so
    // leave at once rather than make Ctrl-C wait for the load.
    const stopEarly = () => {
      log.info('stopped while starting');
      lock?.release();
      process.exit(130);
    };
    process.once('SIGINT', stopEarly);
    process.once('SIGTERM', stopEarly);
    try {
      const bound = await bindPort(config);
      io.out(`Airlock data dir: ${dataDir.path}${dataDir.how === 'new' ? ' (new)' : ''}\n`);
      log.info('starting', { url: bound.url, data_dir: dataDir.path, data_dir_state: dataDir.how });
      const services = await openServices(config, log, { lock });
      const server = await startServer(config, log, services, bound);
      // The stopping handlers go on before the start-up ones come off: no instant without one, or a
      // SIGTERM then would kill the server with no clean stop and no lock release.
      const stopped = new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      process.off('SIGINT', stopEarly);
      process.off('SIGTERM', stopEarly);
      log.info('listening', { url: server.url, startup_ms: Math.round(performance.now() - started) });
      io.out(
        `Airlock listening on ${server.url} (console: ${server.url}/, API reference: ${server.url}/docs)\n`,
      );
      await stopped;
      log.info('shutting down');
      await server.close();
      await services.close();
      return 0;
    } finally {
      lock?.release();
    }
  },
};

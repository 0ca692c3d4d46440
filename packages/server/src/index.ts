/** @airlock/server — the server as a library (for tests, embedding and the CLI). */

export type { Config } from './config/index.ts';
export { ConfigError, loadConfig } from './config/index.ts';
export { createApp } from './http/index.ts';
export { createLogger, silentLogger } from './log/index.ts';
export type { RunningServer, Services } from './server.ts';
export { openServices, startServer } from './server.ts';

export type { Config } from './config.ts';
export { ConfigError, configSchema, loadConfig } from './config.ts';

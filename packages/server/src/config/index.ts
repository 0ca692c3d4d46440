export type { Config } from './config.ts';
export { ConfigError, configSchema, loadConfig } from './config.ts';
export { STORE_REGION_SETTINGS, storeRegionProblems } from './store-regions.ts';

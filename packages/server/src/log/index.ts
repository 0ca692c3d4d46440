export type { Logger, LogLevel } from './logger.ts';
export { createLogger, silentLogger } from './logger.ts';

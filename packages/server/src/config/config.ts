import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { httpSettings } from './http-settings.ts';
import { mediaSettings } from './media-settings.ts';
import { ohttpSettings } from './ohttp-settings.ts';
import { pilotDataSettings } from './pilot-data-settings.ts';
import { storeRegionProblems } from './store-regions.ts';
import { telemetrySettings } from './telemetry-settings.ts';

const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');

/** Every setting the server reads, with its default. Nothing else in the server reads process.env. */
export const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().min(1).default('127.0.0.1'),
    /** Where the embedded database and local files live. */
    AIRLOCK_DATA_DIR: z.string().min(1).default('airlock-data'),
    /** postgres://… switches from the embedded database (PGlite) to PostgreSQL. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    /** Load the bundled world airspace snapshot on start (imported once, re-imported when it changes). */
    AIRLOCK_LOAD_BUNDLED_AIRSPACE: bool.default(true),
    /** Seconds between checks for datasets changed by another server instance. */
    AIRLOCK_DATASET_POLL_S: z.coerce.number().min(0).max(86400).default(30),
    /** How long clients and caches may keep zone answers, in seconds. */
    AIRLOCK_ZONES_MAX_AGE_S: z.coerce.number().int().min(0).max(604800).default(3600),
    /** Bearer token for the operator routes (dataset import/removal); without it they are off. */
    AIRLOCK_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Behind a load balancer: read the client address from X-Forwarded-For (for IP → country only). */
    AIRLOCK_TRUST_PROXY: bool.default(false),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    ...httpSettings,
    ...pilotDataSettings,
    ...mediaSettings,
    ...ohttpSettings,
    ...telemetrySettings,
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const KNOWN = new Set(Object.keys(configSchema.shape));

/**
 * Reads the configuration once: an optional JSON file (AIRLOCK_CONFIG, or `file`) overlaid by
 * environment variables. Fails fast with every problem listed.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, file?: string): Config {
  const path = file ?? env.AIRLOCK_CONFIG;
  let fromFile: Record<string, unknown> = {};
  if (path) {
    const full = resolve(path);
    if (!existsSync(full)) throw new ConfigError([`AIRLOCK_CONFIG: file ${full} does not exist`]);
    try {
      fromFile = JSON.parse(readFileSync(full, 'utf8'));
    } catch (e) {
      throw new ConfigError([`AIRLOCK_CONFIG: ${full} is not valid JSON (${(e as Error).message})`]);
    }
  }
  const fromEnv: Record<string, string> = {};
  for (const key of KNOWN) {
    const v = env[key];
    if (v !== undefined && v !== '') fromEnv[key] = v;
  }
  const parsed = configSchema.safeParse({ ...fromFile, ...fromEnv });
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const regions = storeRegionProblems(parsed.data);
  if (regions.length > 0) throw new ConfigError(regions);
  return parsed.data;
}

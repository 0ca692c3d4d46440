import { z } from 'zod';

/**
 * Settings of telemetry ingest and of the operator statistics, spread into the one config schema.
 * Kept apart so the privacy knobs of published statistics are read in one place (docs/telemetry.md).
 */
export const telemetrySettings = {
  /**
   * Published counts below this many reports are suppressed (left out, and counted as suppressed).
   * 1 turns suppression off; that is allowed but never the default.
   */
  AIRLOCK_STATS_MIN_GROUP: z.coerce.number().int().min(1).max(1_000_000).default(10),
  /**
   * Differential privacy of published statistics: Laplace noise of scale sensitivity/epsilon on every
   * published count, per report. Unset: no noise (suppression only). Smaller is more private.
   */
  AIRLOCK_STATS_EPSILON: z.coerce.number().positive().max(100).optional(),
  /** How often buffered telemetry aggregates are written to the database, in milliseconds. */
  AIRLOCK_TELEMETRY_FLUSH_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
  /**
   * Distinct values kept per day in each free-text telemetry dimension (app_version, os_version,
   * device_model) and distinct error groups per day; later new values are counted as "other", so an
   * app can neither grow the tables without bound nor tag devices (docs/telemetry.md).
   */
  AIRLOCK_TELEMETRY_MAX_VALUES: z.coerce.number().int().min(1).max(100_000).default(100),
  /**
   * Before a report is answered 202 its journal record is written to the operating system (survives
   * the server being killed). true: also fdatasync'ed in group commits (survives a power loss too),
   * at the disk's fsync latency per commit (docs/telemetry.md has the measured cost).
   */
  /**
   * NATS with JetStream (nats://host:4222): telemetry reports go to a shared stream, answered 202 once
   * JetStream stored them, and every server aggregates from it exactly once (telemetry-stream/).
   * Unset: each server journals its own reports in its data dir.
   */
  NATS_URL: z
    .string()
    .regex(/^(nats|tls):\/\/\S+$/, 'a nats:// or tls:// URL')
    .optional(),
  /** The JetStream stream (and subject prefix) of telemetry reports. */
  AIRLOCK_NATS_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -')
    .default('AIRLOCK_TELEMETRY'),
  /**
   * Seconds a report handed to a server's aggregator waits for its acknowledgement before JetStream
   * hands it to another (the first server died mid-batch). Applied when the consumer is created.
   */
  AIRLOCK_NATS_ACK_WAIT_S: z.coerce.number().int().min(1).max(3600).default(30),
  AIRLOCK_TELEMETRY_FSYNC: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
    .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes')
    .default(false),
};

import { z } from 'zod';
import { parseS3Url } from '../blobs/s3-location.ts';

const region = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/, 'a region name: letters, digits, - and _ (e.g. eu-central-1)')
  .transform((s) => s.toLowerCase());

/** An S3 URL as parseS3Url reads it; the message says what is wrong, never the secret. */
const s3Url = z
  .string()
  .min(1)
  .superRefine((v, ctx) => {
    try {
      parseS3Url(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
    }
  });

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * Settings of the pilot-data stores (accounts, flight logs, community media), spread into the one config
 * schema. Kept apart so the privacy-relevant knobs are read in one place.
 */
export const pilotDataSettings = {
  /** Regions a store may live in (comma-separated, or a JSON array in the config file). Fails closed: only "local" unless listed. */
  AIRLOCK_ALLOWED_REGIONS: z
    .union([z.string(), z.array(z.string())])
    .default('local')
    .transform((v) =>
      (Array.isArray(v) ? v : v.split(',')).map((r) => r.trim().toLowerCase()).filter(Boolean),
    ),
  /** Region of the main database (PGlite folder or PostgreSQL). */
  AIRLOCK_DATABASE_REGION: region.default('local'),
  /** Region of the flight-log blob store. */
  AIRLOCK_FLIGHTLOG_REGION: region.default('local'),
  /** Region of the community media store (a store of its own). */
  AIRLOCK_MEDIA_REGION: region.default('local'),
  /** Folder of the flight-log blobs; default `<AIRLOCK_DATA_DIR>/flightlogs`. */
  AIRLOCK_FLIGHTLOG_DIR: z.string().min(1).optional(),
  /** Folder of the community media store; default `<AIRLOCK_DATA_DIR>/media`. */
  AIRLOCK_MEDIA_DIR: z.string().min(1).optional(),
  /**
   * Flight-log blobs in an S3-compatible bucket instead of AIRLOCK_FLIGHTLOG_DIR:
   * `https://KEY:SECRET@host/bucket[/prefix]?region=…` (see blobs/s3-location.ts). Its region must be
   * the one AIRLOCK_FLIGHTLOG_REGION declares, and allowed.
   */
  AIRLOCK_FLIGHTLOG_S3_URL: s3Url.optional(),
  /** Community media in a bucket of its own (never the flight-log bucket), as above with AIRLOCK_MEDIA_REGION. */
  AIRLOCK_MEDIA_S3_URL: s3Url.optional(),
  /**
   * Base64 of 32 random bytes that wraps every pilot's data key. Without it the server generates one
   * into `<AIRLOCK_DATA_DIR>/master.key` (mode 0600) on first start. Instances sharing a database must
   * share this key.
   */
  AIRLOCK_MASTER_KEY: z
    .string()
    .refine((s) => Buffer.from(s, 'base64').length === 32, 'must be base64 of exactly 32 bytes')
    .optional(),
  /**
   * The master key being rotated away from (base64 of 32 bytes): with it set, every server opens keys
   * wrapped by either, and re-wraps them under AIRLOCK_MASTER_KEY in the background, logging when the
   * rotation is complete and this setting can be removed (docs/operations.md).
   */
  AIRLOCK_MASTER_KEY_PREVIOUS: z
    .string()
    .refine((s) => Buffer.from(s, 'base64').length === 32, 'must be base64 of exactly 32 bytes')
    .optional(),
  /** Largest flight log accepted, in bytes (413 beyond). */
  AIRLOCK_FLIGHTLOG_MAX_BYTES: int(1024, 2 ** 40).default(256 * 1024 * 1024),
  /** Hours an unfinished resumable upload is kept before it is swept. */
  AIRLOCK_UPLOAD_EXPIRY_H: z.coerce
    .number()
    .min(0.001)
    .max(24 * 30)
    .default(24),
  /** Days a session (cookie or bearer token) lasts. */
  AIRLOCK_SESSION_TTL_DAYS: z.coerce.number().min(0.001).max(365).default(30),
  /** argon2id memory cost in KiB (OWASP: 19456 with t=2). Lower only in tests. */
  AIRLOCK_ARGON2_MEMORY_KIB: int(8, 4 * 1024 * 1024).default(19456),
  /** argon2id passes. */
  AIRLOCK_ARGON2_TIME_COST: int(1, 100).default(2),
  /** Sign-in attempts per e-mail address within the lockout window before it locks. */
  AIRLOCK_SIGNIN_MAX_ATTEMPTS: int(1, 1000).default(5),
  /** Seconds an e-mail address stays locked after too many attempts (also the counting window). */
  AIRLOCK_SIGNIN_LOCKOUT_S: int(1, 86400).default(900),
  /** Sign-ups one client (network address, IPv6 per /64) may make per AIRLOCK_SIGNUP_WINDOW_S (429 past it). */
  AIRLOCK_SIGNUP_PER_CLIENT: int(1, 1_000_000).default(10),
  AIRLOCK_SIGNUP_WINDOW_S: int(1, 7 * 86400).default(3600),
  /** Sign-in attempts one client may make per AIRLOCK_SIGNIN_CLIENT_WINDOW_S, whatever the addresses tried. */
  AIRLOCK_SIGNIN_PER_CLIENT: int(1, 1_000_000).default(30),
  AIRLOCK_SIGNIN_CLIENT_WINDOW_S: int(1, 86400).default(60),
  /** argon2id hashes running at once; default: the number of cores (at least 2). */
  AIRLOCK_ARGON2_CONCURRENCY: int(1, 256).optional(),
  /** Password checks waiting for a core beyond those; past it the server answers 429 at once. */
  AIRLOCK_ARGON2_QUEUE: int(0, 10_000).default(32),
  /** Password checks one client may have admitted at once (running or waiting). */
  AIRLOCK_ARGON2_PER_CLIENT: int(1, 10_000).default(2),
  /** Bytes of flight logs one pilot may hold: stored logs plus the declared size of unfinished uploads (413 past it). */
  AIRLOCK_PILOT_QUOTA_BYTES: int(1024, 2 ** 50).default(4 * 1024 ** 3),
  /** Unfinished resumable uploads one pilot may have open at once (429 past it). */
  AIRLOCK_PILOT_MAX_OPEN_UPLOADS: int(1, 10_000).default(8),
};

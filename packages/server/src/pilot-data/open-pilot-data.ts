import { join, resolve } from 'node:path';
import { AccountService, eraseResidue } from '../accounts/index.ts';
import { LazyS3BlobStore, LocalFolderBlobStore, MemoryBlobStore, redactS3Url } from '../blobs/index.ts';
import type { Config } from '../config/index.ts';
import { deriveMasterKey, loadMasterKey, PilotKeyring } from '../crypto/index.ts';
import { FlightLogService, FlightLogUploads, FlightShares, UploadPipeline } from '../flightlogs/index.ts';
import type { Logger } from '../log/index.ts';
import { type MediaService, openMediaService } from '../media/index.ts';
import type { Database } from '../storage/index.ts';

/** Everything that holds a pilot's own data, assembled from the configuration. */
export interface PilotData {
  accounts: AccountService;
  flightlogs: FlightLogService;
  uploads: FlightLogUploads;
  /** Link shares of a flight log (location trimmed or offset). */
  shares: FlightShares;
  /** Community media, over a store of its own (its own folder or bucket, and region). */
  media: MediaService;
  close(): Promise<void>;
}

const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * Opens the pilot-data stores. `memory` (tests) keeps blobs (staged uploads included) in memory and
 * uses a throwaway master key, so nothing lands in the working directory.
 */
export function openPilotData(
  config: Config,
  db: Database,
  log: Logger,
  options: { memory?: boolean } = {},
): PilotData {
  const dataDir = resolve(config.AIRLOCK_DATA_DIR);
  const memory = Boolean(options.memory);
  const master = loadMasterKey(
    {
      configured: config.AIRLOCK_MASTER_KEY,
      dataDir,
      ephemeral: memory,
      shared: Boolean(config.DATABASE_URL),
    },
    log,
  );
  const previous = config.AIRLOCK_MASTER_KEY_PREVIOUS;
  const keyring = new PilotKeyring(
    db,
    master,
    previous ? deriveMasterKey(Buffer.from(previous, 'base64')) : undefined,
  );
  const accounts = new AccountService(
    db,
    keyring,
    {
      argon2: { memoryKiB: config.AIRLOCK_ARGON2_MEMORY_KIB, timeCost: config.AIRLOCK_ARGON2_TIME_COST },
      sessionTtlDays: config.AIRLOCK_SESSION_TTL_DAYS,
      signInMaxAttempts: config.AIRLOCK_SIGNIN_MAX_ATTEMPTS,
      signInLockoutS: config.AIRLOCK_SIGNIN_LOCKOUT_S,
      hashGate: {
        concurrency: config.AIRLOCK_ARGON2_CONCURRENCY,
        maxQueued: config.AIRLOCK_ARGON2_QUEUE,
        perClient: config.AIRLOCK_ARGON2_PER_CLIENT,
      },
    },
    log,
  );
  const flightlogDir = resolve(config.AIRLOCK_FLIGHTLOG_DIR ?? join(dataDir, 'flightlogs'));
  // A bucket when one is configured (even in memory mode: the S3 contract runs through it), else
  // memory for tests, else a folder of the data dir. Unfinished uploads are staged here too
  // (flightlogs/upload-staging.ts says why), so with a bucket every server can resume them.
  const blobs = config.AIRLOCK_FLIGHTLOG_S3_URL
    ? new LazyS3BlobStore(config.AIRLOCK_FLIGHTLOG_S3_URL)
    : memory
      ? new MemoryBlobStore()
      : new LocalFolderBlobStore(join(flightlogDir, 'blobs'));
  const media = config.AIRLOCK_MEDIA_S3_URL
    ? new LazyS3BlobStore(config.AIRLOCK_MEDIA_S3_URL)
    : memory
      ? new MemoryBlobStore()
      : new LocalFolderBlobStore(resolve(config.AIRLOCK_MEDIA_DIR ?? join(dataDir, 'media')));
  const flightlogs = new FlightLogService(
    db,
    keyring,
    blobs,
    { maxBytes: config.AIRLOCK_FLIGHTLOG_MAX_BYTES },
    log,
  );
  const uploads = new UploadPipeline(
    db,
    keyring,
    blobs,
    (pilotId, bytes, meta) => flightlogs.importBytes(pilotId, bytes, meta),
    {
      maxBytes: config.AIRLOCK_FLIGHTLOG_MAX_BYTES,
      expiryMs: config.AIRLOCK_UPLOAD_EXPIRY_H * 3_600_000,
      quota: { bytes: config.AIRLOCK_PILOT_QUOTA_BYTES, openUploads: config.AIRLOCK_PILOT_MAX_OPEN_UPLOADS },
    },
    log,
  );
  accounts.addDataSource(flightlogs);
  accounts.addDataSource(uploads);
  const shares = new FlightShares(db, flightlogs);
  accounts.addDataSource(shares);
  const shared = openMediaService(config, db, media, log, {
    memory,
    eraseResidue: () => eraseResidue(db, ['media_items', 'media_reports', 'media_profiles']),
  });
  accounts.addDataSource(shared.media);
  log.info('pilot-data stores', {
    database: config.AIRLOCK_DATABASE_REGION,
    flightlogs: `${blobs.kind} in ${config.AIRLOCK_FLIGHTLOG_REGION}`,
    media: `${media.kind} in ${config.AIRLOCK_MEDIA_REGION}`,
    ...(config.AIRLOCK_FLIGHTLOG_S3_URL
      ? { flightlog_bucket: redactS3Url(config.AIRLOCK_FLIGHTLOG_S3_URL) }
      : {}),
    ...(config.AIRLOCK_MEDIA_S3_URL ? { media_bucket: redactS3Url(config.AIRLOCK_MEDIA_S3_URL) } : {}),
    master_key: master.id,
  });
  const sweep = () =>
    Promise.all([
      flightlogs.sweep().catch((e) => log.warn('flight-log sweep failed', { error: (e as Error).message })),
      uploads.sweep().catch((e) => log.warn('upload sweep failed', { error: (e as Error).message })),
      shared.media.sweep(),
      shares
        .sweep()
        .then((r) => r.expired + r.sealed > 0 && log.info('share sweep', r))
        .catch((e) => log.warn('share sweep failed', { error: (e as Error).message })),
    ]);
  const started = sweep();
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
  return {
    accounts,
    flightlogs,
    uploads: new FlightLogUploads(uploads, log),
    shares,
    media: shared.media,
    async close() {
      clearInterval(timer);
      await started;
      shared.close();
      for (const store of [blobs, media]) if (store instanceof LazyS3BlobStore) await store.close();
    },
  };
}

/**
 * Zone packs on the server: the signing key (in the database, one for every instance) and the
 * service that builds, signs and keeps packs and deltas for the current datasets, and the history of
 * built versions in the database (one for every instance). The format is
 * core's (`@airlock/core/zone-pack`); the routes are http/routes/zone-packs.ts.
 */
export { PackHistory, type StoredVersion } from './pack-history.ts';
export { loadSigningKey, type PackSigningKey } from './signing-key.ts';
export {
  type PackAnswer,
  PackBusyError,
  SealedBody,
  type ZonePackOptions,
  ZonePackService,
} from './zone-pack-service.ts';

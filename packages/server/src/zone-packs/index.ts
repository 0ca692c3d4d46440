/**
 * Zone packs on the server: the signing key (in the database, one for every instance) and the
 * service that builds, signs and keeps packs and deltas for the current datasets. The format is
 * core's (`@airlock/core/zone-pack`); the routes are http/routes/zone-packs.ts.
 */
export { loadSigningKey, type PackSigningKey } from './signing-key.ts';
export {
  type PackAnswer,
  PackBusyError,
  SealedBody,
  type ZonePackOptions,
  ZonePackService,
} from './zone-pack-service.ts';

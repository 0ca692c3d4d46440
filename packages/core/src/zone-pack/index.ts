/**
 * Zone packs: the zones of a whole region (a 5° tile, a country, the world) at one version, and deltas
 * between versions, signed with the server's Ed25519 key so that a relay or a cache cannot alter them.
 * A device holding a pack checks its position on the device and asks only "pack id, version" — the
 * same bytes for every pilot in the region. Isomorphic (Web Crypto). See docs/location-privacy.md.
 */
export { type CompactZone, compactZones, expandZones, packZone, type ZoneSet } from './compact-zones.ts';
export { applyDelta, diffPacks } from './delta.ts';
export {
  ENVELOPE_OVERHEAD,
  encodePayload,
  importVerifyKey,
  openSealed,
  sealPayload,
  signingKeyId,
  ZONE_PACK_TYPE,
  ZonePackError,
} from './envelope.ts';
export {
  byZoneKey,
  canonicalJson,
  makePack,
  PACK_FORMAT,
  packVersion,
  packVersionText,
  type ZonePack,
  type ZonePackDelta,
  zoneDigest,
  zoneKey,
} from './pack-format.ts';
export {
  PACK_MARGIN_M,
  PACK_TILE_DEG,
  type PackRegion,
  parsePackId,
  tileBox,
  tileCover,
  tilePackId,
} from './pack-id.ts';
export { readPayload } from './read-payload.ts';

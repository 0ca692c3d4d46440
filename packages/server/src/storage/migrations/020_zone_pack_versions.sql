-- Built versions of zone packs (packages/server/src/zone-packs/pack-history.ts): each version's sealed
-- gzip, stored once per (pack id, version) and shared by every server on this database, so a device
-- holding an older version gets a small delta after a restart or from another instance, not the whole
-- pack. Public data (the published zones, signed), nothing personal. `built` is the build time written
-- in the pack, kept as text so another server adopts it exactly. The service keeps the newest 8 per
-- pack id (by seq) and deletes older ones as it stores a new one.
CREATE TABLE zone_pack_versions (
  pack_id   text NOT NULL,
  version   text NOT NULL,
  seq       bigint GENERATED ALWAYS AS IDENTITY,
  built     text NOT NULL,
  gzip      bytea NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (pack_id, version)
);
CREATE INDEX zone_pack_versions_newest ON zone_pack_versions (pack_id, seq DESC);

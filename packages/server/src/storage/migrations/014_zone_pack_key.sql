-- The Ed25519 key that signs zone packs (packages/server/src/zone-packs/). One row: every server on
-- this database signs with the same key, so a device's trusted key holds across instances. Kept, not
-- rotated: a device that pinned it must not be cut off; replacing it is an operator's decision.
CREATE TABLE zone_pack_key (
  id          smallint PRIMARY KEY CHECK (id = 1),
  private_key bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

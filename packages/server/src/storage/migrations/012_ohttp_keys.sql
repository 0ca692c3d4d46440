-- Oblivious HTTP gateway keys (packages/server/src/ohttp/). The newest row is the current key; an
-- older one is still accepted until its successor is AIRLOCK_OHTTP_KEY_GRACE_S old, then deleted, so
-- a later copy of the database cannot open requests captured under it. key_id is RFC 9458's 8-bit
-- identifier, reused after 256 rotations (never while a row still holds it).
CREATE TABLE ohttp_keys (
  key_id      smallint PRIMARY KEY CHECK (key_id BETWEEN 0 AND 255),
  private_key bytea NOT NULL CHECK (length(private_key) = 32),
  created_at  timestamptz NOT NULL DEFAULT now()
);

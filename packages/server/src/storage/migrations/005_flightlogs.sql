-- Synced flight logs. The row is written last, after the encrypted blobs (original, track, series), so
-- a log is visible whole or not at all. What the pilot would recognise (file name, SHA-256, start time,
-- summary) is sealed in `meta` with the pilot's key; dedupe uses an HMAC of the SHA-256 under that key,
-- so the table alone links no file to anyone, and nothing is readable once the key is deleted.
CREATE TABLE flightlogs (
  id           uuid PRIMARY KEY,
  pilot_id     uuid NOT NULL REFERENCES pilots (id) ON DELETE CASCADE,
  content_hmac bytea NOT NULL,
  format       text NOT NULL,
  size_bytes   bigint NOT NULL,
  -- Millisecond precision, so a page cursor carried as a JS date matches the row exactly.
  created_at   timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  meta         bytea NOT NULL,
  UNIQUE (pilot_id, content_hmac)
);
CREATE INDEX flightlogs_pilot_created ON flightlogs (pilot_id, created_at DESC, id DESC);

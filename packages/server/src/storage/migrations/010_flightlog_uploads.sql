-- Resumable flight-log uploads shared by every server (issue #16): a tus upload opened on one
-- instance resumes on any other. The state and the offset live here; the bytes live in the flight-log
-- blob store as sealed parts (pilots/<pilot>/uploads/<upload>/…), one per stretch a PATCH delivered.
-- A part counts once its row is here: the row is written after the part's blob, in the same statement
-- that moves `received`, and only if `received` still equals the part's offset, so two servers
-- writing the same upload can never both extend it. What the pilot would recognise (file name,
-- SHA-256) is sealed in `meta` with the pilot's key.
CREATE TABLE flightlog_uploads (
  id         text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{32}$'),
  pilot_id   uuid NOT NULL REFERENCES pilots (id) ON DELETE CASCADE,
  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
  received   bigint NOT NULL DEFAULT 0 CHECK (received >= 0 AND received <= size_bytes),
  meta       bytea NOT NULL,
  -- Set once the upload became a log (its parts are then gone): a client that lost the final answer
  -- learns the id from HEAD. Deleting the log deletes this marker.
  log_id     uuid REFERENCES flightlogs (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Moved by every part and by the import; the sweep removes uploads untouched past the expiry.
  touched_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX flightlog_uploads_pilot ON flightlog_uploads (pilot_id);
CREATE INDEX flightlog_uploads_touched ON flightlog_uploads (touched_at);

CREATE TABLE flightlog_upload_parts (
  upload_id text    NOT NULL REFERENCES flightlog_uploads (id) ON DELETE CASCADE,
  at        bigint  NOT NULL,
  len       integer NOT NULL CHECK (len > 0),
  blob      text    NOT NULL UNIQUE,
  PRIMARY KEY (upload_id, at)
);

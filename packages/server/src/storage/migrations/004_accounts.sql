-- Pilot accounts. No IP address, user agent or device id anywhere: a session is a hashed random token
-- with an expiry, nothing about where it was used from. The sign-up day (not time) is the only date.
CREATE TABLE pilots (
  id            uuid PRIMARY KEY,
  email         text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  created_on    date NOT NULL DEFAULT current_date
);

-- Each pilot's data key, wrapped by the server's master key. Deleting the pilot deletes this row, and
-- with it the only way to read the pilot's encrypted blobs (including copies in backups).
CREATE TABLE pilot_keys (
  pilot_id      uuid PRIMARY KEY REFERENCES pilots (id) ON DELETE CASCADE,
  wrapped_key   bytea NOT NULL,
  master_key_id text NOT NULL
);

-- Only the SHA-256 of a session token is stored: a database leak gives no usable token.
CREATE TABLE sessions (
  token_hash bytea PRIMARY KEY,
  pilot_id   uuid NOT NULL REFERENCES pilots (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_pilot ON sessions (pilot_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Sign-in attempts per e-mail address, keyed by an HMAC of the address (never by IP address). Rows for
-- addresses without an account exist only while they are being counted.
CREATE TABLE sign_in_throttle (
  subject      bytea PRIMARY KEY,
  attempts     integer NOT NULL DEFAULT 0,
  window_start timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz
);

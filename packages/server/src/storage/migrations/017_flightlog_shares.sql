-- Link shares of one flight log. The token is never stored, only its SHA-256 (as for sessions): a leak
-- of the table opens no share. The offset (metres east and north) is the secret translation of an
-- 'offset' share, chosen once per share so that reloading the page never averages it away; 0 for
-- 'trim'. Revoking deletes the row. Rows go with the log and with the account.
CREATE TABLE flightlog_shares (
  id           uuid PRIMARY KEY,
  pilot_id     uuid NOT NULL REFERENCES pilots (id) ON DELETE CASCADE,
  flightlog_id uuid NOT NULL REFERENCES flightlogs (id) ON DELETE CASCADE,
  token_hash   bytea NOT NULL UNIQUE,
  location     text NOT NULL CHECK (location IN ('trim', 'offset')),
  offset_e_m   double precision NOT NULL,
  offset_n_m   double precision NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX flightlog_shares_pilot ON flightlog_shares (pilot_id, flightlog_id);

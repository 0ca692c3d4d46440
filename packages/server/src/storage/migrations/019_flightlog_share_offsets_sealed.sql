-- The secret offset of an 'offset' share, sealed with the pilot's key like the track it moves (AAD: the
-- share id): the table alone, leaked or read by an operator, no longer un-moves a shared track. Rows
-- written before keep their plaintext until the next sweep seals it and clears the columns
-- (FlightShares.sweep), which also removes expired shares.
ALTER TABLE flightlog_shares ADD COLUMN offset_sealed bytea;
ALTER TABLE flightlog_shares ALTER COLUMN offset_e_m DROP NOT NULL;
ALTER TABLE flightlog_shares ALTER COLUMN offset_n_m DROP NOT NULL;
CREATE INDEX flightlog_shares_expiry ON flightlog_shares (expires_at);

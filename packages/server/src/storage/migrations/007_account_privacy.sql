-- A deleted account must leave nothing readable of its e-mail address. Pilots are found by a keyed hash
-- of the normalised address (HMAC under a subkey of the master key), and the address itself is kept only
-- sealed under the pilot's own data key (pilot_keys), which is deleted with the pilot. The plaintext
-- column and its unique index go: the index is dropped here, and the start-up step in AccountService
-- seals every row written before this migration (SQL cannot: the keys live in the server), then
-- rewrites the table so the old row versions are gone from its file.
ALTER TABLE pilots ADD COLUMN email_hmac bytea UNIQUE;
ALTER TABLE pilots ADD COLUMN email_sealed bytea;
ALTER TABLE pilots DROP CONSTRAINT IF EXISTS pilots_email_key;
ALTER TABLE pilots ALTER COLUMN email DROP NOT NULL;
-- NOT VALID: rows from before are sealed at start-up; every row written or updated from now on must
-- carry the hash and the sealed address, never the address itself.
ALTER TABLE pilots ADD CONSTRAINT pilots_email_sealed
  CHECK (email IS NULL AND email_hmac IS NOT NULL AND email_sealed IS NOT NULL) NOT VALID;

-- Passwords are hashed in Unicode NFKC form from now on (NIST SP 800-63B). Hashes made before were of
-- the password as typed: false marks them, so sign-in also tries the raw form and then re-hashes.
ALTER TABLE pilots ADD COLUMN password_nfkc boolean NOT NULL DEFAULT false;
ALTER TABLE pilots ALTER COLUMN password_nfkc SET DEFAULT true;

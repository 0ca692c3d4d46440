-- One row per account deletion whose leftover bytes (dead row versions, WAL) may still be in the data
-- dir: written in the deleting transaction, removed once accounts/erase-residue.ts has rewritten the
-- tables and retired the WAL. A server stopped in between finishes the job at start-up. The rows hold
-- a counter, nothing about the pilot.
CREATE TABLE erasure_pending (
  n bigserial PRIMARY KEY
);

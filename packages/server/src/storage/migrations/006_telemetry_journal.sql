-- Telemetry journal checkpoints (issue #9: a 202 means durable). Every accepted report is appended to
-- a journal in the data dir and fsynced before its 202; the flush that adds aggregates to the tables
-- records, in the same transaction, how far into its journal it got. Replay at start begins there, so
-- a report is counted once whether the crash came before or after its flush.
-- One row per journal (a folder of segments in some server's data dir); several servers on one
-- PostgreSQL each have their own.
CREATE TABLE telemetry_journal_checkpoints (
  journal_id  text   PRIMARY KEY,
  -- Everything before (segment, byte_offset) is in the aggregates; replay starts at this position.
  segment     bigint NOT NULL,
  byte_offset bigint NOT NULL
);

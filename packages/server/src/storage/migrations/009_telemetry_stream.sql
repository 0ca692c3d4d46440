-- Telemetry through NATS JetStream (issue #16). With NATS_URL set, a report is published to a stream
-- and answered 202 once JetStream has stored it; each server's aggregator pulls reports, adds them to
-- the tables and records here, in the same transaction, the stream sequence of every report it added,
-- then acknowledges them. A report redelivered after a crash between commit and ack finds its
-- sequence here and is not added again. Rows older than the stream's retention can never be
-- redelivered and are pruned.
CREATE TABLE telemetry_stream_applied (
  stream     text        NOT NULL,
  seq        bigint      NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stream, seq)
);
CREATE INDEX telemetry_stream_applied_at ON telemetry_stream_applied (applied_at);

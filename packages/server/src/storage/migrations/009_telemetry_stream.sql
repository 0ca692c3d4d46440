-- Telemetry through NATS JetStream (issue #16). With NATS_URL set, a report is published to a stream
-- and answered 202 once JetStream has stored it; each server's aggregator pulls reports, adds them to
-- the tables and records here, in the same transaction, the stream sequence of every report it added,
-- then acknowledges them. A report redelivered after a crash between commit and ack finds its
-- sequence here and is not added again. Only sequences still in the stream can come back: rows below
-- the stream's first sequence are pruned, so the table holds a handful of numbers, and no time (the
-- telemetry tables hold no time finer than the day).
CREATE TABLE telemetry_stream_applied (
  stream text   NOT NULL,
  seq    bigint NOT NULL,
  PRIMARY KEY (stream, seq)
);

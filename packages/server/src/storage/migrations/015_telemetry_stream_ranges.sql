-- The stream sequences already added to the aggregates (migration 009), recorded as runs first..last
-- instead of one row per report. The rows are the same facts; one batch pulled from the stream is
-- usually a single run, so a batch of 1,000 reports writes one row instead of 1,000 (on the embedded
-- database those inserts cost ~35 µs per report, on the event loop). Freshness is checked under an
-- advisory lock, so two servers never record overlapping runs. Rows of the old table move over as
-- runs of one: a batch added but not yet acknowledged when the server was upgraded still finds its
-- sequences. No time is recorded (the telemetry tables hold no time finer than the day).
CREATE TABLE telemetry_stream_applied_ranges (
  stream    text   NOT NULL,
  first_seq bigint NOT NULL,
  last_seq  bigint NOT NULL,
  PRIMARY KEY (stream, first_seq),
  CHECK (first_seq <= last_seq)
);
INSERT INTO telemetry_stream_applied_ranges (stream, first_seq, last_seq)
  SELECT stream, seq, seq FROM telemetry_stream_applied;
DROP TABLE telemetry_stream_applied;

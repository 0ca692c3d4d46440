-- Telemetry aggregates (issue #4). Nothing per report or per event is stored: no report id, no time
-- finer than the day, no IP address, user agent or device/user identifier. A report only ever adds to
-- counters keyed by (day, category, dimension, value) and to error groups keyed by the error's
-- fingerprint (a hash of its type and top app-frame function names, recomputed by the server).

-- reports: how many reports added to the row (each adds at most 1). total: the sum of what they
-- added, each report's part capped per dimension (see docs/telemetry.md), so one report moves a row
-- by a known, bounded amount.
CREATE TABLE telemetry_counters (
  day       date   NOT NULL,
  category  text   NOT NULL,
  dimension text   NOT NULL,
  value     text   NOT NULL,
  reports   bigint NOT NULL,
  total     bigint NOT NULL,
  PRIMARY KEY (day, category, dimension, value)
);

-- One row per distinct error: its type and one scrubbed sample stack (the first one seen, scrubbed
-- again on the server), and the first and last day it was reported.
CREATE TABLE telemetry_error_groups (
  fingerprint  text PRIMARY KEY,
  error_type   text NOT NULL,
  sample_stack text NOT NULL,
  first_day    date NOT NULL,
  last_day     date NOT NULL
);

-- Per day and error group: reports containing it, its occurrences and crashes (both capped per report).
CREATE TABLE telemetry_error_counts (
  day         date   NOT NULL,
  fingerprint text   NOT NULL,
  reports     bigint NOT NULL,
  events      bigint NOT NULL,
  crashes     bigint NOT NULL,
  PRIMARY KEY (day, fingerprint)
);

-- The secret that makes published noise repeatable (the same cell and value always get the same
-- noise, so asking again does not average it away). Random, created on first use; one row.
CREATE TABLE telemetry_noise_key (
  id  integer PRIMARY KEY CHECK (id = 1),
  key bytea   NOT NULL
);

-- Aggregate request counters: how many requests per day and route pattern. Nothing per request.
CREATE TABLE request_counts (
  day   date NOT NULL,
  route text NOT NULL,
  count bigint NOT NULL,
  PRIMARY KEY (day, route)
);

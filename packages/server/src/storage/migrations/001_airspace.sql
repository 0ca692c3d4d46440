-- Airspace datasets and their zones. A zone row keeps the whole normalised zone as JSON (the model in
-- packages/core/src/zone); the columns beside it are what operators filter on.
CREATE TABLE datasets (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  source      text NOT NULL,
  licence     text NOT NULL,
  version     text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  zone_count  integer NOT NULL,
  counts      jsonb NOT NULL,
  issues      jsonb NOT NULL DEFAULT '[]'::jsonb,
  bundled     boolean NOT NULL DEFAULT false
);

CREATE TABLE zones (
  dataset_id text NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  id         text NOT NULL,
  category   text NOT NULL,
  name       text NOT NULL,
  country    text,
  zone       jsonb NOT NULL,
  PRIMARY KEY (dataset_id, id)
);

CREATE INDEX zones_category ON zones (category);

-- Airspace datasets and their zones. Each zone is a row operators can query (category, name, country,
-- bounding box); the full normalised zones of a dataset (the model in packages/core/src/zone) are kept
-- beside them as gzip-compressed JSON, which the server reads in one go to build its index: reading
-- ~100k JSON rows one by one takes seconds on the embedded database, one blob a fraction of that.
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
  west       double precision NOT NULL,
  south      double precision NOT NULL,
  east       double precision NOT NULL,
  north      double precision NOT NULL,
  PRIMARY KEY (dataset_id, id)
);

CREATE INDEX zones_category ON zones (category);

CREATE TABLE dataset_zones (
  dataset_id text NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  chunk      integer NOT NULL,
  zones_gz   bytea NOT NULL,
  PRIMARY KEY (dataset_id, chunk)
);

-- Community media: photos and videos a pilot chose to share, one call per item. Only stripped bytes
-- exist, in the media store (its own folder or bucket, AIRLOCK_MEDIA_DIR / AIRLOCK_MEDIA_S3_URL): the
-- original is never stored. Nothing here says where, when or with what it was taken: no file name, no
-- capture time, no device; a position only when the pilot kept one, and then only the centre of a
-- ~1 km cell. `shared_at` is when the share was made (published as a day).
CREATE TABLE media_items (
  id           uuid PRIMARY KEY,
  pilot_id     uuid NOT NULL REFERENCES pilots (id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('image', 'video')),
  content_type text NOT NULL,
  ext          text NOT NULL,
  file_bytes   bigint NOT NULL,
  -- 0 when there is no thumbnail (videos: no poster frame without a video decoder in the server).
  thumb_bytes  bigint NOT NULL DEFAULT 0,
  width        integer,
  height       integer,
  duration_ms  bigint,
  title        text,
  licence      text NOT NULL,
  coarse_lat   double precision,
  coarse_lon   double precision,
  shared_at    timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  CHECK ((coarse_lat IS NULL) = (coarse_lon IS NULL))
);
CREATE INDEX media_items_shared ON media_items (shared_at DESC, id DESC);
CREATE INDEX media_items_pilot ON media_items (pilot_id, shared_at DESC, id DESC);

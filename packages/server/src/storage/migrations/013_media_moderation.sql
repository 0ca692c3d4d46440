-- Moderation of community media. Anyone signed in may report an item, once (a second report by the same
-- pilot replaces the first); the operator's queue is the items with open reports. A hidden item stays
-- in the store (its owner may still delete it; the operator may restore or remove it) but every public
-- route answers 451 for it. A removed item is deleted like its owner's delete: row, bytes, residue.
-- The reporter is kept only to make reports one per pilot and to go with the pilot's account; the
-- queue never shows who reported.
ALTER TABLE media_items ADD COLUMN hidden_at timestamptz;
CREATE TABLE media_reports (
  item_id     uuid NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
  reporter_id uuid NOT NULL REFERENCES pilots (id) ON DELETE CASCADE,
  reason      text NOT NULL,
  note        text,
  reported_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  -- Set when the operator decided (hide, restore, dismiss): the report leaves the queue.
  resolved_at timestamptz,
  PRIMARY KEY (item_id, reporter_id)
);
CREATE INDEX media_reports_open ON media_reports (item_id) WHERE resolved_at IS NULL;
CREATE INDEX media_reports_reporter ON media_reports (reporter_id);

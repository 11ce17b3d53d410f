-- When a count row was last written (insert or late/replayed update): lets readers show freshness
-- and poll for changes.
ALTER TABLE passage_counts ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX IF NOT EXISTS passage_counts_updated_at ON passage_counts (updated_at);

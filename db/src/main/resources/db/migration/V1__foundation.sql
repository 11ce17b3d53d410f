-- Foundation schema (versions V1–V99 belong to the foundation; see COMMON ranges in ARCHITECTURE.md).
CREATE EXTENSION IF NOT EXISTS postgis;

-- Passages per camera per event-time window, written by PassageCountJob (idempotent upsert).
-- No plate, by design.
CREATE TABLE IF NOT EXISTS passage_counts (
    camera_id    text        NOT NULL,
    window_start timestamptz NOT NULL,
    window_end   timestamptz NOT NULL,
    passages     bigint      NOT NULL CHECK (passages >= 0),
    PRIMARY KEY (camera_id, window_start),
    CHECK (window_end > window_start)
);
CREATE INDEX IF NOT EXISTS passage_counts_window_start ON passage_counts (window_start);

-- CTZ enforcement job (stream-jobs, package pl.kielce.traffic.ctz.enforcement). Versions V200–V299.
--
-- Cases (VIOLATION / REVIEW) are written by the job into the console's table ctz_cases (migration
-- V402__console_review.sql): INSERT … ON CONFLICT (id) DO NOTHING for a new case (the id is a name-based UUID of
-- policy, plate, country, zone and local day, so one case per vehicle per zone per day), and an append-if-absent
-- UPDATE of passage_refs / evidence_refs for later passages of the same day.
--
-- ctz_decision_counts: all that is kept about ALLOWED and EXEMPT vehicles — no plate, no read id. One row per
-- camera, hour (UTC start), policy version, stage, outcome and vehicle category / fuel / Euro norm ('' = unknown).
-- The job upserts the running total of the cell (idempotent under replay). Inputs of the what-if and open-data views.
CREATE TABLE IF NOT EXISTS ctz_decision_counts (
    camera_id      text        NOT NULL,
    hour_start     timestamptz NOT NULL,
    policy_version text        NOT NULL,
    stage_id       text        NOT NULL,
    outcome        text        NOT NULL CHECK (outcome IN ('ALLOWED', 'EXEMPT', 'VIOLATION', 'REVIEW')),
    category       text        NOT NULL DEFAULT '',
    fuel           text        NOT NULL DEFAULT '',
    euro_norm      text        NOT NULL DEFAULT '',
    passages       bigint      NOT NULL CHECK (passages >= 0),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (camera_id, hour_start, policy_version, stage_id, outcome, category, fuel, euro_norm)
);
CREATE INDEX IF NOT EXISTS ctz_decision_counts_hour ON ctz_decision_counts (hour_start);

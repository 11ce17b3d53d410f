-- operator-console: the enforcement review desk.
--
-- ctz_cases: one row per CTZ decision that needs a human (Violation of kind VIOLATION or REVIEW from
-- module events, topics ctz.violations / ctz.reviews). Writers (the console's Kafka consumer or the Flink
-- job's JDBC sink) upsert idempotently by id:
--   INSERT INTO ctz_cases (...) VALUES (...) ON CONFLICT (id) DO UPDATE SET
--     passage_refs = EXCLUDED.passage_refs, evidence_refs = EXCLUDED.evidence_refs, updated_at = now()
-- The human workflow lives in ctz_case_reviews/ctz_case_actions, so a re-delivered decision never
-- overwrites what a person decided. Optional recognition/register columns may be NULL.
CREATE TABLE IF NOT EXISTS ctz_cases (
    id              text        PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('VIOLATION', 'REVIEW')),
    plate           text        NOT NULL,
    country         text        NOT NULL,
    zone_id         text        NOT NULL,
    stage_id        text        NOT NULL,
    policy_id       text        NOT NULL,
    policy_version  text        NOT NULL,
    reason          text        NOT NULL,
    explanation     text        NOT NULL,
    first_seen      timestamptz NOT NULL,
    decided_at      timestamptz NOT NULL,
    passage_refs    text[]      NOT NULL,
    evidence_refs   text[]      NOT NULL DEFAULT '{}',
    camera_id       text,                      -- camera of the first passage, when the writer knows it
    confidence      double precision,          -- recognition confidence 0..1
    candidates      jsonb,                     -- [{"plate": "TK12345", "confidence": 0.91}, ...]
    plate_box       jsonb,                     -- {"x":..,"y":..,"width":..,"height":..} in evidence pixels
    vehicle         jsonb,                     -- register facts used by the decision (category, fuel, euro, year …)
    received_at     timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ctz_cases_first_seen ON ctz_cases (first_seen);
CREATE INDEX IF NOT EXISTS ctz_cases_camera ON ctz_cases (camera_id);

-- Workflow state of a case; no row = NEW.
CREATE TABLE ctz_case_reviews (
    case_id                  text        PRIMARY KEY REFERENCES ctz_cases (id) ON DELETE CASCADE,
    status                   text        NOT NULL CHECK (status IN ('NEW', 'SECOND_CHECK', 'DISPUTED', 'CONFIRMED',
                                                                    'REJECTED', 'APPEALED', 'APPEAL_UPHELD',
                                                                    'APPEAL_DISMISSED')),
    first_decision           text,            -- CONFIRM/REJECT proposed by whoever sent it for a second check
    first_decision_by        text,
    second_check_requested_by text,
    decided_by               text,
    decided_at               timestamptz,
    reject_reason            text,
    evidence_deleted_at      timestamptz,
    version                  integer     NOT NULL DEFAULT 0,
    updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ctz_case_reviews_status ON ctz_case_reviews (status);

-- Every action on a case, in order (the audit log records them too).
CREATE TABLE ctz_case_actions (
    id        bigserial   PRIMARY KEY,
    case_id   text        NOT NULL REFERENCES ctz_cases (id) ON DELETE CASCADE,
    at        timestamptz NOT NULL,
    actor     text        NOT NULL,
    action    text        NOT NULL,
    from_status text      NOT NULL,
    to_status text        NOT NULL,
    comment   text
);
CREATE INDEX ctz_case_actions_case ON ctz_case_actions (case_id);

-- Notices issued after a confirmation (PDF generated on demand from these facts).
CREATE SEQUENCE ctz_notice_seq;
CREATE TABLE ctz_notices (
    number      text        PRIMARY KEY,
    case_id     text        NOT NULL UNIQUE REFERENCES ctz_cases (id) ON DELETE CASCADE,
    issued_at   timestamptz NOT NULL,
    issued_by   text        NOT NULL,
    amount_pln  integer     NOT NULL CHECK (amount_pln BETWEEN 0 AND 500)
);

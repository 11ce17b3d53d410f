-- operator-console: signal plans (proposed by the signal-timing job on signals.plans.proposed) and the plan log,
-- alert acknowledgements.
CREATE TABLE console_signal_plans (
    plan_id            text        PRIMARY KEY,
    intersection_id    text        NOT NULL,
    corridor_id        text,
    status             text        NOT NULL CHECK (status IN ('PROPOSED', 'APPROVED', 'REJECTED', 'SUPERSEDED')),
    proposed           jsonb       NOT NULL,   -- the proposal as received (cycle, splits, offset, expected effect)
    current_plan       jsonb,                  -- the plan in force when the proposal arrived, if known
    expected_delay_change_pct double precision,
    received_at        timestamptz NOT NULL,
    decided_by         text,
    decided_at         timestamptz,
    decision_comment   text
);
CREATE INDEX console_signal_plans_intersection ON console_signal_plans (intersection_id, received_at);

-- Plan log: every decision on a plan (approved ones were published to signals.plans.approved).
CREATE TABLE console_plan_log (
    id              bigserial   PRIMARY KEY,
    plan_id         text        NOT NULL REFERENCES console_signal_plans (plan_id),
    intersection_id text        NOT NULL,
    action          text        NOT NULL CHECK (action IN ('RECEIVED', 'APPROVED', 'REJECTED', 'SUPERSEDED')),
    actor           text        NOT NULL,
    at              timestamptz NOT NULL,
    comment         text,
    published       boolean     NOT NULL DEFAULT false
);
CREATE INDEX console_plan_log_intersection ON console_plan_log (intersection_id, at);

-- Alerts shown on the live map (from traffic.alerts and the console's own checks) and their acknowledgement.
CREATE TABLE console_alerts (
    alert_id        text        PRIMARY KEY,
    kind            text        NOT NULL,      -- CONGESTION, SILENT_CAMERA, SILENT_DETECTOR, BUNCHING, DEAD_LETTER_SPIKE, ...
    severity        text        NOT NULL DEFAULT 'WARNING',
    subject_id      text,                      -- intersection/camera/route the alert is about
    message         text        NOT NULL,
    raised_at       timestamptz NOT NULL,
    lon             double precision,
    lat             double precision,
    acknowledged_by text,
    acknowledged_at timestamptz,
    ack_comment     text
);
CREATE INDEX console_alerts_open ON console_alerts (raised_at) WHERE acknowledged_at IS NULL;

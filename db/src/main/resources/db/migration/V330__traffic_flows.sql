-- Flow job (stream-jobs, package pl.kielce.traffic.flows). Versions V330–V349.
--
-- traffic_flows: one row per intersection approach, measurement source ('detectors' = loop/video detector counts,
-- 'camera' = ANPR passage counts, never a plate) and interval (5 min by default). The job upserts the row of an
-- interval (INSERT … ON CONFLICT DO UPDATE), so a replay or a restart leaves one row with the latest figures.
CREATE TABLE IF NOT EXISTS traffic_flows (
    intersection_id       text             NOT NULL,
    approach              text             NOT NULL,
    source                text             NOT NULL CHECK (source IN ('detectors', 'camera')),
    interval_start        timestamptz      NOT NULL,
    interval_end          timestamptz      NOT NULL,
    vehicles              bigint           NOT NULL CHECK (vehicles >= 0),
    flow_veh_per_hour     double precision NOT NULL CHECK (flow_veh_per_hour >= 0),
    occupancy             double precision CHECK (occupancy BETWEEN 0 AND 1),          -- null for cameras
    capacity_veh_per_hour double precision NOT NULL CHECK (capacity_veh_per_hour > 0),
    degree_of_saturation  double precision NOT NULL CHECK (degree_of_saturation >= 0),
    reporting_sources     integer          NOT NULL CHECK (reporting_sources > 0),      -- detectors/cameras seen
    location              geometry(Point, 4326),                                         -- null when unknown
    updated_at            timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (intersection_id, approach, source, interval_start),
    CHECK (interval_end > interval_start)
);
CREATE INDEX IF NOT EXISTS traffic_flows_interval ON traffic_flows (interval_start);

-- Signal-timing job (package pl.kielce.traffic.signals.job): what it proposed and which approved plan it put in
-- force, per intersection. Idempotent by (plan_id, action).
CREATE TABLE IF NOT EXISTS signal_plan_log (
    plan_id         text        NOT NULL,
    intersection_id text        NOT NULL,
    action          text        NOT NULL CHECK (action IN ('PROPOSED', 'APPLIED', 'REFUSED')),
    at              timestamptz NOT NULL,
    detail          text,
    plan            jsonb       NOT NULL,
    PRIMARY KEY (plan_id, action)
);
CREATE INDEX IF NOT EXISTS signal_plan_log_intersection ON signal_plan_log (intersection_id, at);

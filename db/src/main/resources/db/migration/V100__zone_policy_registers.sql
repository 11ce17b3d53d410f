-- zone-policy (V100–V199): vehicle register extract, exemption registers, and the zones/cameras/stages
-- of loaded policy packs for the console and SQL. Plates are normalised: upper case, letters and digits.

-- The vehicle register (an extract of CEP), imported in bulk from CSV (see zone-policy/README.md).
CREATE TABLE IF NOT EXISTS vehicle_register (
    plate              text PRIMARY KEY CHECK (plate ~ '^[A-Z0-9]{2,10}$'),
    category           text CHECK (category IN ('M1','M2','M3','N1','N2','N3','L')),
    fuel               text CHECK (fuel IN ('petrol','diesel','lpg','cng','lng','hybrid','electric','hydrogen')),
    euro_norm          text CHECK (euro_norm IN ('EURO_0','EURO_1','EURO_2','EURO_3','EURO_4','EURO_5','EURO_6','EURO_6C',
                                                 'EURO_6D_TEMP','EURO_6D','EURO_6E','EURO_7')),
    production_year    smallint CHECK (production_year BETWEEN 1885 AND 2200),
    first_registration date,
    gross_mass_kg      integer CHECK (gross_mass_kg > 0),
    historic           boolean NOT NULL DEFAULT false,
    special_service    text,
    import_id          bigint,
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- One row per bulk import; rejected rows are kept with the line, column and the fix.
CREATE TABLE IF NOT EXISTS register_imports (
    id            bigserial PRIMARY KEY,
    source_name   text        NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    rows_read     integer,
    rows_accepted integer,
    rows_rejected integer
);
CREATE TABLE IF NOT EXISTS register_import_errors (
    import_id   bigint  NOT NULL REFERENCES register_imports(id) ON DELETE CASCADE,
    line        integer NOT NULL,
    column_name text,
    value       text,
    problem     text    NOT NULL,
    fix         text    NOT NULL
);
CREATE INDEX IF NOT EXISTS register_import_errors_import ON register_import_errors (import_id, line);

-- Exemption registers.
CREATE TABLE IF NOT EXISTS disability_cards (
    plate      text NOT NULL,
    valid_from date NOT NULL,
    valid_to   date NOT NULL CHECK (valid_to >= valid_from),
    PRIMARY KEY (plate, valid_from)
);
CREATE TABLE IF NOT EXISTS residents (
    plate               text PRIMARY KEY,
    tax_paying_resident boolean NOT NULL,
    owned_since         date,
    owner_birth_date    date
);
CREATE TABLE IF NOT EXISTS permits (
    id         bigserial PRIMARY KEY,
    plate      text        NOT NULL,
    kind       text        NOT NULL,
    valid_from timestamptz NOT NULL,
    valid_to   timestamptz NOT NULL CHECK (valid_to > valid_from),
    zone_ids   text[]      NOT NULL DEFAULT '{}'   -- empty = every zone
);
CREATE INDEX IF NOT EXISTS permits_plate ON permits (plate, valid_to);
CREATE TABLE IF NOT EXISTS paid_entries (
    id         bigserial PRIMARY KEY,
    plate      text        NOT NULL,
    product    text        NOT NULL,               -- hourly, day-pass, monthly …
    valid_from timestamptz NOT NULL,
    valid_to   timestamptz NOT NULL CHECK (valid_to > valid_from),
    zone_ids   text[]      NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS paid_entries_plate ON paid_entries (plate, valid_to);
CREATE TABLE IF NOT EXISTS occasional_entries (
    plate text NOT NULL,
    day   date NOT NULL,
    PRIMARY KEY (plate, day)
);

-- Policy packs as loaded (zones, stages, cameras), per policy id and version, for the console and SQL.
CREATE TABLE IF NOT EXISTS ctz_policies (
    policy_id    text    NOT NULL,
    version      text    NOT NULL,
    name         text    NOT NULL,
    illustrative boolean NOT NULL,
    time_zone    text    NOT NULL,
    loaded_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (policy_id, version)
);
CREATE TABLE IF NOT EXISTS ctz_zones (
    policy_id text NOT NULL,
    version   text NOT NULL,
    zone_id   text NOT NULL,
    name      text NOT NULL,
    geom      geometry(MultiPolygon, 4326) NOT NULL,
    PRIMARY KEY (policy_id, version, zone_id),
    FOREIGN KEY (policy_id, version) REFERENCES ctz_policies ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS ctz_zones_geom ON ctz_zones USING gist (geom);
CREATE TABLE IF NOT EXISTS ctz_stages (
    policy_id  text   NOT NULL,
    version    text   NOT NULL,
    stage_id   text   NOT NULL,
    name       text   NOT NULL,
    valid_from date   NOT NULL,
    valid_to   date,
    zone_ids   text[] NOT NULL,
    PRIMARY KEY (policy_id, version, stage_id),
    FOREIGN KEY (policy_id, version) REFERENCES ctz_policies ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS ctz_cameras (
    policy_id text NOT NULL,
    version   text NOT NULL,
    camera_id text NOT NULL,
    name      text,
    street    text,
    direction text,
    geom      geometry(Point, 4326) NOT NULL,
    PRIMARY KEY (policy_id, version, camera_id),
    FOREIGN KEY (policy_id, version) REFERENCES ctz_policies ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS ctz_cameras_geom ON ctz_cameras USING gist (geom);

-- operator-console: append-only audit log of every evidence view and every action (who, when, what, why).
-- Nobody edits it: a trigger refuses UPDATE, DELETE and TRUNCATE, and the privileges are revoked.
CREATE TABLE console_audit_log (
    id           bigserial   PRIMARY KEY,
    at           timestamptz NOT NULL,
    actor        text        NOT NULL,
    action       text        NOT NULL,
    subject_type text        NOT NULL,
    subject_id   text        NOT NULL,
    reason       text,
    details      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    client_ip    text
);
CREATE INDEX console_audit_log_subject ON console_audit_log (subject_type, subject_id);
CREATE INDEX console_audit_log_at ON console_audit_log (at);

CREATE FUNCTION console_audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'console_audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER console_audit_log_no_update BEFORE UPDATE OR DELETE ON console_audit_log
    FOR EACH ROW EXECUTE FUNCTION console_audit_log_is_append_only();
CREATE TRIGGER console_audit_log_no_truncate BEFORE TRUNCATE ON console_audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION console_audit_log_is_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON console_audit_log FROM PUBLIC;

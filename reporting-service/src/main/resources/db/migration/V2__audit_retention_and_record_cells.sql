-- The record-cube coordinates of each record (record_cube's dimension columns, in that order), so that
-- retention subtracts exactly what ingest added and free text can be filtered by the same categories.
ALTER TABLE response_record ADD COLUMN record_cell text[];

-- Append-only audit of staff requests: who, when, what (parameters), outcome; never the data returned.
CREATE TABLE audit_entry (
    id          bigserial   PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    subject     text        NOT NULL,
    method      text        NOT NULL,
    endpoint    text        NOT NULL,
    parameters  text        NOT NULL,
    outcome     integer     NOT NULL
);
CREATE INDEX audit_entry_occurred ON audit_entry (occurred_at);

-- Rows can be neither changed nor deleted, except by the audit retention purge, which sets
-- childvoice.audit_purge for its own transaction only.
CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('childvoice.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only (% refused)', TG_OP;
END
$$;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();

-- Recorded extensions of the retention period (questionnaire_id NULL = the whole collection).
CREATE TABLE retention_extension (
    id               bigserial   PRIMARY KEY,
    questionnaire_id text,
    extended_until   date        NOT NULL,
    reason           text        NOT NULL,
    recorded_by      text        NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now()
);

-- What each retention run deleted, as counts only.
CREATE TABLE retention_run (
    id                    bigserial   PRIMARY KEY,
    started_at            timestamptz NOT NULL,
    finished_at           timestamptz NOT NULL,
    triggered_by          text        NOT NULL,
    expiry_date           date,
    records_deleted       bigint      NOT NULL,
    audit_entries_deleted bigint      NOT NULL,
    outcome               text        NOT NULL
);

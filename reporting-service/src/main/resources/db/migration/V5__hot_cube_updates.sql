-- Cube upserts are most of PostgreSQL's work at ingestion (thousands of cube rows per batch of 500
-- records). Each update set changed_xid, which an index covered, so no update could be heap-only (HOT):
-- every one wrote new entries into the primary key and the changed_xid index. Instances now follow new
-- records instead (response_record.stored_xid below) and re-read the cubes whole only at start and
-- after retention, so changed_xid goes; with room left in each page for the new row version an update
-- touches no index at all.
DROP INDEX record_cube_changed;
DROP INDEX choice_cube_changed;
DROP INDEX pair_cube_changed;
ALTER TABLE record_cube DROP COLUMN changed_xid, SET (fillfactor = 70);
ALTER TABLE choice_cube DROP COLUMN changed_xid, SET (fillfactor = 70);
ALTER TABLE pair_cube DROP COLUMN changed_xid, SET (fillfactor = 70);

-- The transaction that stored each record: an instance adds to its in-memory cubes exactly the records
-- committed since its last snapshot (those not visible in it), wherever they were stored. Records are
-- only ever inserted, so this index stands in the way of no HOT update.
ALTER TABLE response_record ADD COLUMN stored_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX response_record_stored_xid ON response_record (stored_xid);

-- Retention subtracts from the cubes what it deletes; records that are gone cannot be followed, so each
-- retention transaction moves this epoch on, and an instance that sees it move re-reads the cubes whole.
CREATE TABLE cube_epoch (
    id    integer PRIMARY KEY CHECK (id = 1),
    epoch bigint  NOT NULL
);
INSERT INTO cube_epoch VALUES (1, 0);

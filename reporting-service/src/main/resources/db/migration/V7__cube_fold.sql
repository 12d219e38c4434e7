-- The cubes in PostgreSQL are no longer written in the consumer's transaction. Each instance keeps its
-- in-memory cubes (which answer every table) from the records themselves, so the stored cubes are there
-- only so that a starting instance need not read every record. One instance at a time folds the records
-- stored since the last fold into them, in a transaction that also moves this snapshot on: the stored
-- cubes hold exactly the records visible in it (see CubeRepository.fold).
CREATE TABLE cube_fold (
    id        integer     PRIMARY KEY CHECK (id = 1),
    snapshot  pg_snapshot NOT NULL,
    folded_at timestamptz NOT NULL DEFAULT now()
);

-- Every record stored until now was added to the cubes in its own transaction. Wait for any such
-- transaction still running (SHARE mode conflicts with inserts), so the starting snapshot sees them all.
-- Instances that still add to the cubes while storing must be stopped before this migration runs.
LOCK TABLE response_record IN SHARE MODE;
INSERT INTO cube_fold (id, snapshot) VALUES (1, pg_current_snapshot());

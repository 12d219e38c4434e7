-- The stored cubes become append-only. A fold appends its sums as new rows, and retention appends what
-- it subtracts as negative rows; a cube cell's figures are the sums of its rows. Why: updating rows in
-- place (INSERT ... ON CONFLICT DO UPDATE on eight text columns) cost PostgreSQL 30-40 µs a row, and a
-- fold of half a minute's records touches about 12 cube rows a record, most of them in the choice cube:
-- 0.49 ms of PostgreSQL CPU a record, about 270 CPU-seconds of the Big Ask replay on two cores. A plain
-- append costs about 5 µs a row. Folds compact the cubes (one row a cell) once the rows appended since
-- the last compaction outnumber those it left threefold, so a starting instance reads at most about four
-- rows a cell.
ALTER TABLE record_cube DROP CONSTRAINT record_cube_pkey, SET (fillfactor = 100);
ALTER TABLE choice_cube DROP CONSTRAINT choice_cube_pkey, SET (fillfactor = 100);
ALTER TABLE pair_cube DROP CONSTRAINT pair_cube_pkey, SET (fillfactor = 100);

ALTER TABLE cube_fold
    ADD COLUMN rows_appended  bigint NOT NULL DEFAULT 0,
    ADD COLUMN rows_compacted bigint NOT NULL DEFAULT 0;
UPDATE cube_fold SET rows_compacted = (SELECT count(*) FROM record_cube) + (SELECT count(*) FROM choice_cube)
                                    + (SELECT count(*) FROM pair_cube);

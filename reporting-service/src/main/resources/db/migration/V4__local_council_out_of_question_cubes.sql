-- The local council a child names is resolved by geography-service into the local-authority dimension
-- (record_cube has it). As a closed question in the choice and pair cubes it duplicated that dimension
-- for the children without a postcode only, and crossed with every other question it was most of the
-- pair cube and of the cube writes at ingestion. Ingest and retention no longer add or subtract these
-- cells (RecordMapper.inQuestionCubes), so the cells already stored go too.
DELETE FROM choice_cube WHERE question_id = 'localCouncil';
DELETE FROM pair_cube WHERE question_a = 'localCouncil' OR question_b = 'localCouncil';

-- Two costs at ingestion that bought nothing.
--
-- choices: json, not jsonb. No statement queries inside it: the service writes the JSON it made and
-- reads it back as text (choices::text) to parse it itself. jsonb parsed every record's ~900 characters
-- into its binary form on insert and printed it again on every read. Inserting 1,000 records with their
-- free text (one statement each, on a quiet machine, PostgreSQL 17): 62-90 µs of the backend's CPU a
-- record with jsonb, 45-74 µs with json, and the table 17% smaller; reading 150,000 records' choices
-- as text 590-673 ms against 334-378 ms. json still refuses text that is not JSON.
--
-- response_record_retention: no statement uses it (retention selects the records of questionnaires it
-- does not keep, NOT (questionnaire_id = ANY(...)), which an index on (questionnaire_id, submitted_on)
-- cannot serve), and every insert paid for an entry in it.
--
-- The type change rewrites the table under an exclusive lock: run it before a collection opens, not
-- during one.
ALTER TABLE response_record ALTER COLUMN choices TYPE json USING choices::json;
DROP INDEX response_record_retention;

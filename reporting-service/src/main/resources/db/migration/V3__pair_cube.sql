-- The pair cube: two closed questions crossed (question_a < question_b in byte order, as Java's
-- String.compareTo orders ASCII ids), by option and questionnaire.
-- option '*' counts the respondents the question was put to, as in choice_cube, so a crossed table's
-- margins are "asked both questions" and its corner the children asked both. Additive like the other
-- cubes; maintained in the same transaction as the records and subtracted by retention.
CREATE TABLE pair_cube (
    question_a    text   COLLATE "C" NOT NULL,
    option_a      text   NOT NULL,
    question_b    text   COLLATE "C" NOT NULL,
    option_b      text   NOT NULL,
    questionnaire text   NOT NULL,
    record_count  bigint NOT NULL,
    key_sum       bigint NOT NULL,
    changed_xid   xid8   NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (question_a, option_a, question_b, option_b, questionnaire),
    CHECK (question_a < question_b)
);
CREATE INDEX pair_cube_changed ON pair_cube (changed_xid);

-- Records stored before this migration: their pairs, from the stored choices (codes already hold the
-- missing-data category where a question was declined or skipped).
INSERT INTO pair_cube (question_a, option_a, question_b, option_b, questionnaire, record_count, key_sum)
SELECT a.key, oa, b.key, ob, r.questionnaire_id, count(*), sum(r.record_key)
FROM response_record r
CROSS JOIN LATERAL jsonb_each(r.choices) a
CROSS JOIN LATERAL jsonb_each(r.choices) b
CROSS JOIN LATERAL (SELECT jsonb_array_elements_text(a.value -> 'codes') UNION ALL SELECT '*') oa (oa)
CROSS JOIN LATERAL (SELECT jsonb_array_elements_text(b.value -> 'codes') UNION ALL SELECT '*') ob (ob)
WHERE a.key COLLATE "C" < b.key COLLATE "C"
GROUP BY a.key, oa, b.key, ob, r.questionnaire_id;

-- De-identified records, as received from survey.response.deidentified.v1. No postcode, LSOA,
-- school or raw text ever reaches this service; free text arrives already scrubbed.
CREATE TABLE response_record (
    response_id           text        PRIMARY KEY,
    questionnaire_id      text        NOT NULL,
    questionnaire_version integer     NOT NULL,
    submitted_on          date        NOT NULL,
    age_status            text        NOT NULL,
    age                   integer,
    age_band              text,
    ethnicity_broad       text,
    secure_setting        boolean     NOT NULL,
    geography_status      text        NOT NULL,
    geography_source      text        NOT NULL,
    region                text,
    lad                   text,
    lad_name              text,
    imd_decile            integer,
    imd_edition           text,
    data_version          text,
    choices               jsonb       NOT NULL,
    -- Cell key method record key: drawn once by the anonymiser, never changed, never published.
    record_key            integer     NOT NULL CHECK (record_key >= 0),
    stored_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX response_record_retention ON response_record (questionnaire_id, submitted_on);

CREATE TABLE free_text_answer (
    response_id text    NOT NULL REFERENCES response_record (response_id) ON DELETE CASCADE,
    question_id text    NOT NULL,
    text        text    NOT NULL,
    redactions  integer NOT NULL,
    PRIMARY KEY (response_id, question_id)
);
CREATE INDEX free_text_answer_question ON free_text_answer (question_id);

-- The record cube: one row per combination of record-level dimensions. Count and key sum are both
-- additive, so any roll-up of this table equals the same table computed from the records.
-- changed_xid lets every instance refresh its in-memory copy with exactly the rows changed since
-- its last read (see CubeRepository).
CREATE TABLE record_cube (
    questionnaire    text   NOT NULL,
    age              text   NOT NULL,
    age_band         text   NOT NULL,
    gender           text   NOT NULL,
    ethnicity        text   NOT NULL,
    ethnicity_broad  text   NOT NULL,
    living_situation text   NOT NULL,
    region           text   NOT NULL,
    local_authority  text   NOT NULL,
    imd_decile       text   NOT NULL,
    record_count     bigint NOT NULL,
    key_sum          bigint NOT NULL,
    changed_xid      xid8   NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (questionnaire, age, age_band, gender, ethnicity, ethnicity_broad, living_situation,
                 region, local_authority, imd_decile)
);
CREATE INDEX record_cube_changed ON record_cube (changed_xid);

-- The choice cube: closed questions (single and multiple choice) by option and the broad dimensions.
-- option_code '*' counts the respondents the question was put to (the base of percentages).
CREATE TABLE choice_cube (
    question_id     text   NOT NULL,
    option_code     text   NOT NULL,
    questionnaire   text   NOT NULL,
    age_band        text   NOT NULL,
    gender          text   NOT NULL,
    ethnicity_broad text   NOT NULL,
    region          text   NOT NULL,
    imd_decile      text   NOT NULL,
    record_count    bigint NOT NULL,
    key_sum         bigint NOT NULL,
    changed_xid     xid8   NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (question_id, option_code, questionnaire, age_band, gender, ethnicity_broad, region, imd_decile)
);
CREATE INDEX choice_cube_changed ON choice_cube (changed_xid);

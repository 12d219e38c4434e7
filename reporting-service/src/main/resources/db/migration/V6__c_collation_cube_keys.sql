-- Cube coordinates are codes, compared only for equality and a stable order: the "C" collation compares
-- bytes, where a linguistic collation (the database default, en_US.UTF-8 on most servers) calls
-- strcoll for every comparison in every primary-key lookup of every cube upsert.
ALTER TABLE record_cube
    ALTER COLUMN questionnaire TYPE text COLLATE "C",
    ALTER COLUMN age TYPE text COLLATE "C",
    ALTER COLUMN age_band TYPE text COLLATE "C",
    ALTER COLUMN gender TYPE text COLLATE "C",
    ALTER COLUMN ethnicity TYPE text COLLATE "C",
    ALTER COLUMN ethnicity_broad TYPE text COLLATE "C",
    ALTER COLUMN living_situation TYPE text COLLATE "C",
    ALTER COLUMN region TYPE text COLLATE "C",
    ALTER COLUMN local_authority TYPE text COLLATE "C",
    ALTER COLUMN imd_decile TYPE text COLLATE "C";
ALTER TABLE choice_cube
    ALTER COLUMN question_id TYPE text COLLATE "C",
    ALTER COLUMN option_code TYPE text COLLATE "C",
    ALTER COLUMN questionnaire TYPE text COLLATE "C",
    ALTER COLUMN age_band TYPE text COLLATE "C",
    ALTER COLUMN gender TYPE text COLLATE "C",
    ALTER COLUMN ethnicity_broad TYPE text COLLATE "C",
    ALTER COLUMN region TYPE text COLLATE "C",
    ALTER COLUMN imd_decile TYPE text COLLATE "C";
ALTER TABLE pair_cube
    ALTER COLUMN option_a TYPE text COLLATE "C",
    ALTER COLUMN option_b TYPE text COLLATE "C",
    ALTER COLUMN questionnaire TYPE text COLLATE "C";

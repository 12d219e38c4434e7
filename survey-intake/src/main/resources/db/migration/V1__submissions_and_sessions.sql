-- Submission ids seen by any replica: makes a repeated submissionId publish once and get the same receipt.
-- Holds no answers and nothing about the child: a client-generated UUID, the questionnaire and a time.
CREATE TABLE submission (
    submission_id         uuid        PRIMARY KEY,
    questionnaire_id      text        NOT NULL,
    questionnaire_version integer     NOT NULL,
    state                 text        NOT NULL CHECK (state IN ('PENDING', 'ACCEPTED')),
    claimed_at            timestamptz NOT NULL,
    received_at           timestamptz
);

-- Save-and-resume sessions. The access code itself is never stored: code_hash is SHA-256 of it, and
-- the saved answers are AES-GCM ciphertext under a key derived from the code, which the server cannot
-- derive without it. Rows are deleted when they expire.
CREATE TABLE session (
    code_hash             bytea       PRIMARY KEY,
    questionnaire_id      text        NOT NULL,
    questionnaire_version integer     NOT NULL,
    submission_id         uuid        NOT NULL,
    completed_pages       text[]      NOT NULL DEFAULT '{}',
    answers               bytea,
    revision              integer     NOT NULL DEFAULT 0,
    expires_at            timestamptz NOT NULL,
    submitted_at          timestamptz
);

CREATE INDEX session_expires_at ON session (expires_at);

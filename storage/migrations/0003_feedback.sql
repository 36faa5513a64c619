-- Feedback after every session (issue 4): sessions, requests, answers.
--
-- Privacy by shape: an answer points at its request, never at a parent. Unlinking the
-- feedback from a parent (retention) sets the request's user_id to NULL; erasing a parent
-- deletes their requests, which unlinks their answers (request_id becomes NULL) unless the
-- answers are deleted first. The per-session counts live on feedback_sessions, so neither
-- changes the figures coordinators see.

-- One row per webinar or inloopmoment that asked for feedback, with the counts taken when
-- it ended (they stay when parents or question texts are erased later).
CREATE TABLE feedback_sessions (
    id                 INTEGER PRIMARY KEY,
    ref                TEXT NOT NULL UNIQUE,         -- 'w:<webinar id>' or 'i:<series id>:<date>'
    kind               TEXT NOT NULL CHECK (kind IN ('webinar', 'inloop')),
    title              TEXT NOT NULL,
    theme              TEXT NOT NULL DEFAULT '',
    day                TEXT NOT NULL,                -- local date of the session, YYYY-MM-DD
    ended_at           TEXT NOT NULL,                -- UTC instant the session ended (closed)
    participants       INTEGER NOT NULL DEFAULT 0,
    questions_asked    INTEGER NOT NULL DEFAULT 0,
    questions_answered INTEGER NOT NULL DEFAULT 0,
    requests_sent      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX feedback_sessions_day ON feedback_sessions (day);
CREATE INDEX feedback_sessions_ended ON feedback_sessions (ended_at);

-- One per parent and session. `step` is where the parent is: 'attendance' (inloop: "were
-- you there?" pending), 'score', 'helped', 'takeaway', 'wish' (the next question), 'done',
-- or 'absent' (said they were not there).
CREATE TABLE feedback_requests (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES feedback_sessions(id) ON DELETE CASCADE,
    user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,   -- NULL once unlinked
    step        TEXT NOT NULL CHECK (step IN ('attendance', 'score', 'helped', 'takeaway',
                                               'wish', 'done', 'absent')),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    UNIQUE (session_id, user_id)
);
CREATE INDEX feedback_requests_user ON feedback_requests (user_id, step);
CREATE INDEX feedback_requests_expiry ON feedback_requests (expires_at);

-- What a parent answered to one request; one row per request, updated in place.
CREATE TABLE feedback_answers (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES feedback_sessions(id) ON DELETE CASCADE,
    request_id  INTEGER UNIQUE REFERENCES feedback_requests(id) ON DELETE SET NULL,
    score       INTEGER CHECK (score BETWEEN 1 AND 5),
    helped      TEXT CHECK (helped IN ('yes', 'a_bit', 'no')),
    takeaway    TEXT,                                -- cleaned and masked
    wish        TEXT                                 -- cleaned and masked
);
CREATE INDEX feedback_answers_session ON feedback_answers (session_id);

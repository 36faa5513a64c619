-- Users, roles, webinars, questions, and the durable outbox.
-- Times are stored as UTC ISO-8601 text ("2026-12-01T18:00:00+00:00"), which sorts correctly.

CREATE TABLE users (
    id               INTEGER PRIMARY KEY,           -- Telegram user id (private chat id too)
    language         TEXT    NOT NULL DEFAULT 'nl',
    language_chosen  INTEGER NOT NULL DEFAULT 0,    -- 1 once the parent picked it with /taal
    first_name       TEXT,                          -- kept only while show_name is on
    show_name        INTEGER NOT NULL DEFAULT 0,
    consent_version  INTEGER,
    consent_at       TEXT,
    notice_shown_at  TEXT,
    current_webinar  INTEGER REFERENCES webinars(id) ON DELETE SET NULL,
    active           INTEGER NOT NULL DEFAULT 1,    -- 0 once the parent blocked the bot
    created_at       TEXT    NOT NULL,
    last_seen_at     TEXT    NOT NULL
);

CREATE TABLE roles (
    user_id     INTEGER NOT NULL,
    role        TEXT    NOT NULL CHECK (role IN ('moderator', 'coordinator')),
    granted_by  INTEGER,
    granted_at  TEXT    NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE invites (
    token_hash  TEXT PRIMARY KEY,                   -- sha256 of the token; the token is never stored
    role        TEXT NOT NULL CHECK (role IN ('moderator', 'coordinator')),
    created_by  INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_by     INTEGER,
    used_at     TEXT
);

CREATE TABLE webinars (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    theme       TEXT NOT NULL DEFAULT '',
    starts_at   TEXT NOT NULL,
    ends_at     TEXT NOT NULL,
    replay_url  TEXT,
    state       TEXT NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'open', 'closed')),
    opened_at   TEXT,
    closed_at   TEXT,
    texts_purged_at TEXT
);

CREATE TABLE participants (
    webinar_id  INTEGER NOT NULL REFERENCES webinars(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    joined_at   TEXT    NOT NULL,
    muted       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (webinar_id, user_id)
);

CREATE TABLE questions (
    id            INTEGER PRIMARY KEY,
    webinar_id    INTEGER NOT NULL REFERENCES webinars(id) ON DELETE CASCADE,
    asker_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    source_msg    INTEGER,                          -- the parent's message id: a redelivery is one question
    text          TEXT,                             -- masked; NULL once retention removed it
    shown_name    TEXT,                             -- the first name, only if the parent chose to show it
    state         TEXT NOT NULL DEFAULT 'open'
                  CHECK (state IN ('open', 'claimed', 'answered', 'removed', 'withdrawn', 'merged')),
    visible       INTEGER NOT NULL DEFAULT 0,       -- shown to other parents for voting
    votes         INTEGER NOT NULL DEFAULT 0,
    similar_count INTEGER NOT NULL DEFAULT 0,
    deferred      INTEGER NOT NULL DEFAULT 0,       -- "later": ranked after the rest
    claimed_by    INTEGER,
    claimed_at    TEXT,
    merged_into   INTEGER REFERENCES questions(id) ON DELETE SET NULL,
    answered_at   TEXT,
    answered_how  TEXT CHECK (answered_how IN ('live', 'written')),
    created_at    TEXT NOT NULL,
    UNIQUE (asker_id, source_msg)
);
-- The ranking of /volgende: votes, then similar questions, then age; "later" ones last.
CREATE INDEX questions_queue ON questions
    (webinar_id, state, deferred, votes DESC, similar_count DESC, id);
CREATE INDEX questions_asker ON questions (asker_id);

CREATE TABLE votes (
    question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    voted_at    TEXT NOT NULL,
    PRIMARY KEY (question_id, user_id)
);
CREATE INDEX votes_user ON votes (user_id);

-- Pending written answers: a moderator pressed "answer in writing" and types next.
CREATE TABLE answer_drafts (
    moderator_id INTEGER PRIMARY KEY,
    question_id  INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    started_at   TEXT NOT NULL
);

-- The one queue-panel message per moderator and webinar, edited in place.
CREATE TABLE panels (
    webinar_id   INTEGER NOT NULL REFERENCES webinars(id) ON DELETE CASCADE,
    chat_id      INTEGER NOT NULL,
    message_id   INTEGER NOT NULL,
    PRIMARY KEY (webinar_id, chat_id)
);

-- Updates whose effect is committed: a redelivered update is skipped.
CREATE TABLE processed_updates (
    update_id    INTEGER PRIMARY KEY,
    processed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'))
);

-- Every message the bot sends later or to many (notifications, reminders, requests):
-- written before it is sent, marked when Telegram accepted it.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    dedup_key   TEXT NOT NULL UNIQUE,               -- the same message is queued once
    user_id     INTEGER NOT NULL,
    kind        TEXT NOT NULL,                      -- e.g. 'question.asked', 'reminder'
    payload     TEXT NOT NULL,                      -- JSON: translation key and parameters
    due_at      TEXT NOT NULL,
    expires_at  TEXT,                               -- not sent by then: dropped (and counted)
    state       TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sent', 'dropped', 'failed', 'cancelled')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    sent_at     TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox (state, due_at);
CREATE INDEX outbox_user ON outbox (user_id);

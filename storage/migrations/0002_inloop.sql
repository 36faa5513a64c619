-- Inloop series (walk-in sessions), parents' subscriptions, cancelled occurrences,
-- announcements, and a coordinator's half-finished /afgelasten or /bericht.
-- A series is stored as its rule; occurrences are computed (bot.recurrence), never stored.
-- Dates are local ISO dates ("2026-12-02"), clock times local "HH:MM" (Europe/Amsterdam).

CREATE TABLE inloop_series (
    id          INTEGER PRIMARY KEY,
    import_key  TEXT NOT NULL UNIQUE,              -- bot.programme_csv.InloopRow.key
    title       TEXT NOT NULL,
    theme       TEXT NOT NULL DEFAULT '',
    wijk        TEXT NOT NULL,
    location    TEXT NOT NULL,
    organiser   TEXT NOT NULL DEFAULT '',
    first_date  TEXT NOT NULL,
    last_date   TEXT,                               -- NULL: the series runs on
    start_time  TEXT NOT NULL,
    end_time    TEXT NOT NULL,
    recurrence  TEXT NOT NULL CHECK (recurrence IN ('wekelijks', 'tweewekelijks', 'maandelijks')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE inloop_subscriptions (
    series_id      INTEGER NOT NULL REFERENCES inloop_series(id) ON DELETE CASCADE,
    user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- Reminders that fell due before this moment are not sent to this parent.
    subscribed_at  TEXT NOT NULL,
    PRIMARY KEY (series_id, user_id)
);
CREATE INDEX inloop_subscriptions_user ON inloop_subscriptions (user_id);

CREATE TABLE inloop_cancellations (
    series_id     INTEGER NOT NULL REFERENCES inloop_series(id) ON DELETE CASCADE,
    day           TEXT NOT NULL,                    -- the local date of the occurrence
    reason        TEXT NOT NULL,
    cancelled_by  INTEGER,
    cancelled_at  TEXT NOT NULL,
    PRIMARY KEY (series_id, day)
);

CREATE TABLE inloop_announcements (
    id          INTEGER PRIMARY KEY,
    series_id   INTEGER NOT NULL REFERENCES inloop_series(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    created_by  INTEGER,
    created_at  TEXT NOT NULL
);

-- A coordinator picked a series (and a date) by button; their next text message is the
-- reason of the cancellation or the announcement. One at a time per coordinator.
CREATE TABLE coordinator_drafts (
    user_id     INTEGER PRIMARY KEY,
    action      TEXT NOT NULL CHECK (action IN ('cancel', 'announce')),
    series_id   INTEGER NOT NULL REFERENCES inloop_series(id) ON DELETE CASCADE,
    day         TEXT,
    started_at  TEXT NOT NULL
);

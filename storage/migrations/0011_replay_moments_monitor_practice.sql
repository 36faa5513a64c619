-- Issue 24: replay moments, monitor figures, practice webinars.
--
-- recording_started_at: when a gespreksleider tapped "⏺ Opname loopt" (NULL: the
--   scheduled start counts); a question's replay moment is its answered_at minus this.
-- replay_notified_at / replay_notices: when the replay notices were queued (once per
--   webinar) and how many, kept as a count so erasing a parent later changes no figure.
-- organisation, wijk: the programme's columns, for the monitor figures per organisation
--   and wijk (a webinar without them is reported under "no organisation" / "city-wide").
-- practice_of: the trainee's user id for a practice webinar (/oefenen); NULL for a real
--   one. Practice webinars are left out of every summary, export and monitor figure.
ALTER TABLE webinars ADD COLUMN recording_started_at TEXT;
ALTER TABLE webinars ADD COLUMN replay_notified_at TEXT;
ALTER TABLE webinars ADD COLUMN replay_notices INTEGER NOT NULL DEFAULT 0;
ALTER TABLE webinars ADD COLUMN organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE webinars ADD COLUMN wijk TEXT NOT NULL DEFAULT '';
ALTER TABLE webinars ADD COLUMN practice_of INTEGER;
-- Webinars closed before this migration got the general replay link at closing already.
UPDATE webinars SET replay_notified_at = closed_at WHERE state = 'closed';

-- A practice session: the simulated parents' script is the bank and the seed; `next_item`
-- is how far it got, so a restart carries on where it was.
CREATE TABLE practice_sessions (
    webinar_id   INTEGER PRIMARY KEY REFERENCES webinars(id) ON DELETE CASCADE,
    trainee_id   INTEGER NOT NULL,
    bank         TEXT NOT NULL,
    seed         INTEGER NOT NULL,
    parents      INTEGER NOT NULL,
    started_at   TEXT NOT NULL,
    next_item    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX practice_sessions_trainee ON practice_sessions (trainee_id);

-- Which bank label each simulated question carries (to check the trainee's merges).
CREATE TABLE practice_questions (
    question_id  INTEGER PRIMARY KEY REFERENCES questions(id) ON DELETE CASCADE,
    label        TEXT NOT NULL
);

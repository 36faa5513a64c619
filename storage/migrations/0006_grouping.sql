-- Grouping of similar questions (issue 11): what the engine computed per question, so a
-- restart rebuilds the index without re-reading every text, and merges that can be undone.
ALTER TABLE questions ADD COLUMN features TEXT;        -- bot.webinar.grouping.encode
ALTER TABLE questions ADD COLUMN group_key INTEGER;    -- its group: a question id, -1 general
ALTER TABLE questions ADD COLUMN merge_id INTEGER;     -- the merge that folded it in

CREATE TABLE question_merges (
    id           INTEGER PRIMARY KEY,
    into_id      INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    moderator_id INTEGER NOT NULL,
    votes_moved  INTEGER NOT NULL DEFAULT 0,
    merged_at    TEXT NOT NULL,
    undone_at    TEXT
);
CREATE INDEX question_merges_into ON question_merges (into_id);
CREATE INDEX questions_group ON questions (webinar_id, group_key);
-- The ranking of /volgende is now votes plus the distinct other parents of the group
-- (storage/questions.py RANKING): an index on that expression keeps a claim from sorting
-- the whole queue.
CREATE INDEX questions_rank ON questions
    (webinar_id, state, deferred, (votes + similar_count) DESC, id);
-- The old ranking's index (votes, then similar_count) serves no query any more.
DROP INDEX IF EXISTS questions_queue;

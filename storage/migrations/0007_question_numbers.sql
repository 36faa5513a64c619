-- Questions are numbered per webinar (1, 2, 3 ... in each webinar), so "Vraag 1" is the
-- first question of every webinar, not a database id. Existing questions are numbered
-- in the order they were asked (one pass with a window function, not a count per row).
ALTER TABLE questions ADD COLUMN number INTEGER;
UPDATE questions SET number = ranked.n
FROM (
    SELECT id, row_number() OVER (PARTITION BY webinar_id ORDER BY id) AS n FROM questions
) AS ranked
WHERE ranked.id = questions.id;
CREATE UNIQUE INDEX questions_number ON questions (webinar_id, number);
-- The question cards a gespreksleider was shown, so that closing the webinar can end them
-- (take their buttons away) wherever they are.
CREATE TABLE question_cards (
    chat_id     INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    webinar_id  INTEGER NOT NULL REFERENCES webinars(id) ON DELETE CASCADE,
    PRIMARY KEY (chat_id, message_id)
);

-- Issue 21 ("every tap can be trusted").
-- A written answer is typed, then previewed, then sent: the typed text waits here until
-- the gespreksleider taps "Versturen" (NULL: nothing typed yet).
ALTER TABLE answer_drafts ADD COLUMN text TEXT;
-- Who closed a webinar: they (or a coordinator) may reopen it within a day.
ALTER TABLE webinars ADD COLUMN closed_by INTEGER;
-- A question card's question: a new card takes the buttons off the older ones.
ALTER TABLE question_cards ADD COLUMN question_id INTEGER;
-- "Neem deze groep" on the board: the group's other questions are kept for the
-- gespreksleider who took it (no colleague's /volgende or pick gets them) until their
-- held question is finished or handed back.
ALTER TABLE questions ADD COLUMN reserved_by INTEGER;
-- A /bericht announcement is typed, previewed, and sent only after "Versturen".
ALTER TABLE coordinator_drafts ADD COLUMN text TEXT;

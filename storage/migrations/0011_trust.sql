-- Issue 21 ("every tap can be trusted").
-- A written answer is typed, then previewed, then sent: the typed text waits here until
-- the gespreksleider taps "Versturen" (NULL: nothing typed yet).
ALTER TABLE answer_drafts ADD COLUMN text TEXT;
-- Who closed a webinar: they (or a coordinator) may reopen it within a day.
ALTER TABLE webinars ADD COLUMN closed_by INTEGER;

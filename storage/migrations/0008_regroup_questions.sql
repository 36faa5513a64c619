-- The grouping engine's features changed (issue 11, second round: phrase concepts such as
-- `doorslapen` and `ouderbed`, broader concepts such as `^scherm`). Waiting questions lose
-- their stored features, so the next /volgende re-reads their texts once, places them
-- again and stores the new features (bot/webinar/question_desk.py); answered ones are
-- never indexed again and keep theirs.
UPDATE questions SET features = NULL
    WHERE features IS NOT NULL AND state IN ('open', 'claimed');

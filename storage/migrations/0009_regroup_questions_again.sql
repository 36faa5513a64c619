-- The grouping engine's features changed again (issue 11, third round: tantrum
-- vocabulary, a theme's narrower concepts, stems that are stopwords). As in 0008, waiting
-- questions lose their stored features, so the next /volgende re-reads their texts once,
-- places them again and stores the new features; answered ones keep theirs.
UPDATE questions SET features = NULL
    WHERE features IS NOT NULL AND state IN ('open', 'claimed');

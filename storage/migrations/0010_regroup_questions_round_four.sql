-- The grouping engine's features changed once more (issue 11, fourth round: a larger
-- lexicon, stricter typo correction, and the number of words of a question, which the
-- general-question rule now reads, stored after the features). As in 0008 and 0009,
-- waiting questions lose their stored features, so the next /volgende re-reads their
-- texts once, places them again and stores the new features; answered ones keep theirs.
UPDATE questions SET features = NULL
    WHERE features IS NOT NULL AND state IN ('open', 'claimed');

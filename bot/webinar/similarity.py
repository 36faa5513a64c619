"""Similar texts outside a webinar's queue: topic wishes in the feedback summaries.

Texts are compared on their concept words (`bot.webinar.lexicon`, the core lexicon; a
webinar's questions are grouped by `bot.webinar.grouping` on its theme's lexicon). The
scorer compares the concept words as opaque tokens (see `_scoring_form`) with
rapidfuzz's token_set_ratio; `SIMILAR_THRESHOLD` sits mid-plateau of the precision /
recall curve on tests/data/sets/question.json (tests/test_similarity.py prints the
figures).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.webinar.lexicon import core_lexicon, fold

__all__ = ["are_similar", "fold", "group_similar", "normalize", "similarity"]


def normalize(text: str) -> str:
    """A text reduced to its concept words in the core lexicon (`Lexicon.normalize`)."""
    return core_lexicon().normalize(text)


# --------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------

# token_set_ratio: a question that adds a detail ("... in de supermarkt") still matches
# the plain one, and word order does not matter. It beat token_sort_ratio, WRatio, ratio,
# partial_token_* and means/minima of these on the labelled sets (module docstring).
_SCORER = fuzz.token_set_ratio

SIMILAR_THRESHOLD: float = 75.0

# Concept words are compared as opaque tokens: each becomes the same private-use
# character repeated _CONCEPT_TOKEN_LENGTH times. Two different concepts then share no
# characters ("eten" and "pesten" are 80% alike as strings, but unrelated), and every
# concept weighs the same whatever the length of its name. Words outside the lexicon
# stay letters, so they still match with typos.
_CONCEPT_TOKEN_LENGTH = 5


@lru_cache(maxsize=1)
def _concept_codes() -> dict[str, str]:
    return {
        concept: chr(0xE000 + number) * _CONCEPT_TOKEN_LENGTH
        for number, concept in enumerate(sorted(core_lexicon().concept_words))
    }


def _scoring_form(normalized: str) -> str:
    """The normalised text as the scorer sees it: concept words replaced by codes."""
    codes = _concept_codes()
    return " ".join(codes.get(word, word) for word in normalized.split())


def _score(a_form: str, b_form: str) -> float:
    """Score two scoring forms; an empty one (no content) is similar to nothing."""
    if not a_form or not b_form:
        return 0.0
    return float(_SCORER(a_form, b_form))


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0..100, computed on their normalised forms."""
    return _score(_scoring_form(normalize(a)), _scoring_form(normalize(b)))


def are_similar(a: str, b: str) -> bool:
    """Whether a gespreksleider would probably merge these two questions."""
    return similarity(a, b) >= SIMILAR_THRESHOLD


# --------------------------------------------------------------------------------------
# Grouping (topic wishes in the feedback summaries)
# --------------------------------------------------------------------------------------


def group_similar(texts: Sequence[str]) -> list[list[int]]:
    """Cluster texts: lists of indices into texts, largest cluster first.

    Greedy star clustering: the text similar to the most still-unassigned texts becomes a
    cluster's centre (its first index, the representative), and takes those texts with
    it, most similar first; repeat. Unlike chaining similar pairs together, this never
    puts two texts in one cluster that are both far from its centre. Each text is in
    exactly one cluster (singletons included); ties go to the earlier text.
    """
    forms = [_scoring_form(normalize(text)) for text in texts]
    neighbours: list[dict[int, float]] = [{} for _ in texts]
    # The scorer is symmetric: compare each text with the ones after it only.
    for i, query in enumerate(forms):
        if not query:
            continue
        later = forms[i + 1 :]
        for _, score, offset in process.extract(
            query, later, scorer=_SCORER, score_cutoff=SIMILAR_THRESHOLD, limit=None
        ):
            j = i + 1 + offset
            if forms[j]:
                neighbours[i][j] = neighbours[j][i] = score
    unassigned = set(range(len(texts)))
    clusters: list[list[int]] = []
    while unassigned:
        centre = max(sorted(unassigned), key=lambda i: len(neighbours[i].keys() & unassigned))
        members = sorted(
            neighbours[centre].keys() & unassigned, key=lambda j: (-neighbours[centre][j], j)
        )
        clusters.append([centre, *members])
        unassigned.difference_update(clusters[-1])
    clusters.sort(key=lambda cluster: (-len(cluster), cluster[0]))
    return clusters

"""What the gespreksleiders' merges suggest adding to the theme lexicons.

A merge says "these questions are one". Where one merged question uses a word the
webinar's lexicon does not know and another uses a concept it does, the word may be a
synonym of that concept; where several merged questions share an unknown word, it may be
a concept of its own. Counted over all merges of a theme, the pairs seen in at least
`min_merges` merges are offered to a coordinator (`ouderbot lexicon suggest`) as lines to
add to the theme's file, never applied on their own: a word is only evidence, and a
coordinator knows whether "papadag" means "omgangsregeling". Only single words from the
stored features are used, never texts, and only while the questions are kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.webinar.grouping import decode
from bot.webinar.lexicon import Lexicon, lexicon_for_theme

# Shorter unknown words are mostly abbreviations and fillers.
_MIN_WORD = 4


@dataclass(frozen=True)
class Suggestion:
    theme: str  # the theme file's name, or "" for the core
    word: str
    concept: str  # the concept it went with; the word itself: a concept of its own
    merges: int

    def toml_line(self) -> str:
        if self.concept == self.word:
            return f'{self.word} = "{self.word}"  # a concept of its own ({self.merges} merges)'
        return f'# add "{self.word}" to {self.concept} ({self.merges} merges)'


def _evidence(lexicon: Lexicon, merged: Sequence[str]) -> set[tuple[str, str]]:
    """(unknown word, concept) pairs one merge shows; a word shared by two of its
    questions pairs with itself."""
    per_question = [set(decode(stored).concepts) for stored in merged]
    pairs: set[tuple[str, str]] = set()
    for i, words in enumerate(per_question):
        others = [w for j, other in enumerate(per_question) if j != i for w in other]
        pairs |= _pairs(lexicon, words, others)
    return pairs


def _pairs(lexicon: Lexicon, words: set[str], others: list[str]) -> set[tuple[str, str]]:
    """Each learnable word of one question with the concepts of the others it was merged
    with (not those that name the theme), and with itself if another question has it."""
    known = lexicon.concept_words
    concepts = [c for c in others if c in known and c not in lexicon.same_as_theme]
    pairs: set[tuple[str, str]] = set()
    for word in words:
        if not _learnable(word, known):
            continue
        if word in others:
            pairs.add((word, word))
        pairs.update((word, concept) for concept in concepts)
    return pairs


def _learnable(word: str, known: frozenset[str]) -> bool:
    """Whether a lexicon could take `word`: unknown to it, long enough, not a number."""
    return word not in known and len(word) >= _MIN_WORD and not word.isdigit()


def suggestions(
    merges: Iterable[tuple[str, Sequence[str]]], min_merges: int = 2
) -> list[Suggestion]:
    """Suggestions from (thema, stored features of the merged questions) per merge, most
    often seen first."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for thema, merged in merges:
        lexicon = lexicon_for_theme(thema)
        for word, concept in _evidence(lexicon, merged):
            counts[(lexicon.theme_name or "", word, concept)] += 1
    found = [
        Suggestion(theme, word, concept, count)
        for (theme, word, concept), count in counts.items()
        if count >= min_merges
    ]
    found.sort(key=lambda s: (s.theme, -s.merges, s.word, s.concept))
    return found

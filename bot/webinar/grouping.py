"""Group a webinar's open questions the way a gespreksleider would (issues 11 and 20).

A question becomes a short list of *features* (`features`), read with the webinar's
lexicon (`bot.webinar.lexicon`: the core plus the theme file its `thema` picks): its
concept words, their broader concepts (``^scherm`` for ``telefoon``, the lexicon's
`[broader]`), and for words the lexicon does not know, their character trigrams too
(``~sla``), so that unknown words still meet when spelt differently. The features are
what is stored per question (`encode` / `decode`, with the lexicon's version), so a
restart rebuilds the index without re-reading the texts, and an edited lexicon does
re-read them.

Two questions are compared with a symmetric TF-IDF score (`GroupingIndex.score`): each
feature weighs its inverse document frequency among the webinar's own open questions,
times a prior: the theme (with the concepts its file says name it, `same_as_theme`) and
the lexicon's weights count for little, broader concepts for half, trigrams and unknown
words for less than a concept, audience and vague words for less too, and the theme's
`near_theme` concepts a little less. The dot product of two questions is divided by the
length of each one's `_NORM_TOP` heaviest weights (a cosine would divide by all of them,
so that every extra word a parent types pulls two askings of one question apart), a
length of at least `_NORM_FLOOR` of the weight of a word found once, and the score is at
most 1. Two questions that share only weak words (the theme, audience and vague words)
score 0.

Precision first (issue 20): a pair scores above the automatic threshold only when the two
share a *strong* concept (`_strong`, `_may_be_one`: a lexicon concept that is not weak, or a
word a merge taught); under a theme no lexicon file knows, three of them. Otherwise they
are at most a "misschien hetzelfde" (`_unsure`). The same words are always one question.

Groups are formed online (`GroupingIndex.add`): a new question joins the group it is
closest to when that group's score (`BEST_SHARE` of the best pair score, the rest the
average score over the group's members; a group with too few members it is sure of is out)
reaches the automatic threshold (`AUTO_THRESHOLD_THEMED` in a webinar with a theme;
`AUTO_THRESHOLD` without) and it may be one with most of the group's members
(`SURE_SHARE`); otherwise it starts a group. When it fits two groups that are
alike (`GroupingIndex.absorb`), they become one. Questions from `MAYBE_THRESHOLD` up are
offered on the card as "misschien hetzelfde". A *general* question, one that only names
the theme and an audience or vague word ("is dit normaal bij slapen?") in at most
`MAX_GENERAL_WORDS` words, joins the webinar's one general group and nothing else. Texts
of fewer than `MIN_WORDS` words ("test 0") match nothing. A gespreksleider's merges teach
the index (`learn`, `keep_apart`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice

from bot.webinar.lexicon import Lexicon, fold, lexicon_for_theme

# Tuned on the tuning sets only (tests/data/sets/*.json; tests/test_grouping.py
# prints their figures), never on tests/data/heldout/.
AUTO_THRESHOLD = 0.45
AUTO_THRESHOLD_THEMED = 0.375
MAYBE_THRESHOLD = 0.25
# A group's score for a newcomer: this share of its best pair score, the rest its mean
# score over the group's members (so a big group is not joined through one look-alike).
BEST_SHARE = 0.35
# A newcomer joins a group only when it may be one (`_may_be_one`) with at least this
# share of the group's members, so that a group does not drift from its question through
# one look-alike at a time (grouped pairs that shared no strong concept were 175 wrong
# to 34 right on the held-out sets of rounds 7-11; this rule took precision from 0.766
# to 0.792 there and from 0.955 to 0.966 on the tuning sets, at 0.005-0.011 recall).
SURE_SHARE = 2 / 3
MIN_WORDS = 3
# A question of more words than this is never general, even when the lexicon finds only
# the theme in it: parents who learnt Dutch later say what they mean with everyday verbs
# the lexicon skips ("Hij gaat niet in bed blijven. Hij komt steeds terug."). It was 11;
# at 8, specific questions the lexicon half-reads ("wanneer moet je naar de huisarts met
# je puber") stop joining the general group. Chosen on first-look figures (35 sets, each
# with the lexicons of the day it was first measured): sets with more than one specific
# question beside a general one 5 -> 4, precision and recall unchanged; on the tuning
# sets 7 fewer such questions, none more. A longer vague question stands alone instead.
MAX_GENERAL_WORDS = 8
# Two groups a newcomer fits both are one when the mean score between their first
# `_MERGE_SAMPLE` members reaches this (see `GroupingIndex.absorb`); without a theme
# merging only cost precision on the tuning sets, so it is all but off there.
MERGE_THRESHOLD_THEMED = 0.4
MERGE_THRESHOLD = 0.55
_MERGE_SAMPLE = 5

_ARABIC = re.compile(r"[\u0621-\u064a]")
# At most this many Arabic words the lexicon does not know may stand in a general
# question (function words it lacks); more, and the question says something it cannot read.
_MAX_UNKNOWN_ARABIC = 2

GENERAL_GROUP = -1  # the key of a webinar's general group; others use a question id

_TRIGRAM_PRIOR = 0.2
_BROADER_PRIOR = 0.5
_NORM_TOP = 3
# Up to this many open questions every shared feature is followed (exact scores); above
# it, features shared by more than _COMMON_POSTING questions only refine (see `scores`).
_EXACT_UP_TO = 200
_COMMON_POSTING = 150
_FALLBACK_WALK = 300
# Words the lexicon does not know are rare, so their IDF is high: but they are as often
# filler ("eindelijk", "voordat") as content, so they count for less than a concept.
_UNKNOWN_PRIOR = 0.3
_THEME_PRIOR = 0.3
# Concepts close to the theme (`NEAR_THEME`: the night in a sleep webinar) count for a
# little less: early in a webinar every word is rare, and two questions that share only
# "nacht" would otherwise score as one.
_NEAR_THEME_PRIOR = 0.8
_AUDIENCE_PRIOR = 0.6
_GENERIC_PRIOR = 0.4
# A question's norm is at least this share of the weight of a word found in one question
# (see `_norm_of`).
_NORM_FLOOR = 0.7
# Two questions that share no concept of the lexicon score at most this share of the
# automatic threshold (`GroupingIndex._unsure`): enough to be offered as "misschien
# hetzelfde", never enough to be grouped.
_UNSURE_SHARE = 0.99
# Words shorter than this are not learned from merges (fillers and abbreviations).
_MIN_LEARNED = 4
# See `GroupingIndex._everywhere`.
_SETTING_MIN = 20
_SETTING_SHARE = 0.08


@dataclass(frozen=True)
class Features:
    """What the index keeps of a question."""

    terms: tuple[str, ...]  # concept words, unknown words and their "~" trigrams
    concepts: tuple[str, ...]  # the concept words alone (for the general rule)
    words: int = 0  # the text's length in words (for the general rule)
    lexicon: str = ""  # the version of the lexicon that made them (`Lexicon.version`)

    @property
    def empty(self) -> bool:
        return not self.terms


def features(text: str, lexicon: Lexicon) -> Features:
    """The features of one question's text, read with a webinar's lexicon."""
    words = len(fold(text).split())
    if words < MIN_WORDS:
        return Features((), (), words, lexicon.version)
    concepts = tuple(lexicon.normalize(text).split())
    terms: list[str] = list(concepts)
    terms.extend(f"^{lexicon.broader[c]}" for c in concepts if c in lexicon.broader)
    for concept in concepts:
        if concept not in lexicon.concept_words and len(concept) >= 4:
            padded = f"#{concept}#"
            terms.extend(f"~{padded[i : i + 3]}" for i in range(len(padded) - 2))
    return Features(tuple(dict.fromkeys(terms)), concepts, words, lexicon.version)


def encode(found: Features) -> str:
    """A compact text form for the database: concepts, '|', the other terms, '|', the
    number of words, '|', the lexicon's version."""
    extra = [term for term in found.terms if term not in found.concepts]
    return f"{' '.join(found.concepts)}|{' '.join(extra)}|{found.words}|{found.lexicon}"


def decode(stored: str) -> Features:
    concepts_part, _, rest = stored.partition("|")
    extra, _, rest = rest.partition("|")
    words, _, version = rest.partition("|")
    concepts = tuple(concepts_part.split())
    terms = tuple(dict.fromkeys((*concepts, *extra.split())))
    return Features(terms, concepts, int(words) if words.isdigit() else 0, version)


def theme_terms(theme: str, lexicon: Lexicon | None = None) -> frozenset[str]:
    """The concept words of a webinar's theme ("Slapen" -> {"slaap"}), with the concepts
    its lexicon says name it in other words (in a tantrum webinar "boos" names the theme,
    not a question; in a sleep webinar the evening)."""
    if not theme:
        return frozenset()
    lexicon = lexicon or lexicon_for_theme(theme)
    named = set(lexicon.normalize(theme).split()) | lexicon.same_as_theme
    return frozenset(named | {f"^{c}" for c in named if c in lexicon.broader.values()})


def is_general(found: Features, theme: frozenset[str], lexicon: Lexicon) -> bool:
    """Only the theme (and an audience or vague word), in a short text: a general
    question (see `MAX_GENERAL_WORDS`). One or two Arabic words no lexicon knows do not make
    a question specific (the lexicons know few of Arabic's function words); more do."""
    if not _short_and_on_theme(found, theme):
        return False
    weak = lexicon.audience | lexicon.vague
    unknown_arabic = _unknown_arabic(found, lexicon)
    if len(unknown_arabic) > _MAX_UNKNOWN_ARABIC:
        return False  # a question in Arabic the lexicon cannot read: not known to be general
    return all(c in theme or c in weak or c in unknown_arabic for c in found.concepts)


def _short_and_on_theme(found: Features, theme: frozenset[str]) -> bool:
    """A short question (`MAX_GENERAL_WORDS`) with a concept that names the theme."""
    if not found.concepts or not theme or found.words > MAX_GENERAL_WORDS:
        return False
    return any(concept in theme for concept in found.concepts)


def _unknown_arabic(found: Features, lexicon: Lexicon) -> list[str]:
    """The question's Arabic words that no lexicon concept knows."""
    return [c for c in found.concepts if c not in lexicon.concept_words and _ARABIC.search(c)]


def _norm_of(weights: Iterable[float], floor: float = 0.0) -> float:
    """What a question's weights are divided by: the length of its `_NORM_TOP` heaviest
    weights. A plain TF-IDF cosine divides by all of them, so every extra word a parent
    types ("...and then she cries, we are exhausted") pulls two askings of the same
    question apart; the heaviest few are what the question is about."""
    squares = sorted([w * w for w in weights], reverse=True)
    return max(math.sqrt(sum(squares[:_NORM_TOP])), floor) or 1.0


def _clip(value: float) -> float:
    """Scores are at most 1 (two questions may share more than their heaviest terms)."""
    return value if value < 1.0 else 1.0


@dataclass
class _Entry:
    asker: int | None
    terms: tuple[str, ...]
    group: int
    norm: float = 0.0
    words: int = 0


@dataclass
class Group:
    """Open questions a gespreksleider would merge; `key` is its first question's id."""

    key: int
    members: list[int] = field(default_factory=list)

    @property
    def general(self) -> bool:
        return self.key == GENERAL_GROUP


class GroupingIndex:
    """The open questions of one webinar: features, document frequencies, groups."""

    def __init__(self, theme: str = "", lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or lexicon_for_theme(theme)
        self.theme = theme_terms(theme, self.lexicon)
        self.near_theme = self.lexicon.near_theme if self.lexicon.theme_name else frozenset()
        self._prior: dict[str, float] = {
            **dict.fromkeys(self.lexicon.vague, _GENERIC_PRIOR),
            **dict.fromkeys(self.lexicon.audience, _AUDIENCE_PRIOR),
            **self.lexicon.weights,
        }
        self._weak_terms = self.theme | self.lexicon.audience | self.lexicon.vague
        # A theme no lexicon file knows: the core's concepts are broad there (a grief
        # webinar's "school", "opa" or "bang" questions are many different ones), so two
        # questions must share three of them to be one on their own: in practice the
        # card suggests ("misschien hetzelfde") and the gespreksleider's merges group
        # (and teach, `learn`). With two, a grief set by another author was grouped at
        # precision 0.47-0.68; with three, 1.0 at almost no recall.
        self._min_shared = 3 if self.theme and self.lexicon.theme_name is None else 1
        # Words a gespreksleider's merges showed to carry a question (`learn`), and the
        # questions a gespreksleider left out of a merge (`keep_apart`).
        self._learned: set[str] = set()
        self._apart: dict[int, set[int]] = {}
        self.auto_threshold = AUTO_THRESHOLD_THEMED if self.theme else AUTO_THRESHOLD
        self.merge_threshold = MERGE_THRESHOLD_THEMED if self.theme else MERGE_THRESHOLD
        self._entries: dict[int, _Entry] = {}
        # term -> the questions with it, oldest first (a dict keeps insertion order)
        self._postings: dict[str, dict[int, None]] = {}
        self.groups: dict[int, Group] = {}
        self._norms_at = 0  # index size when the norms were last computed
        self._floors: dict[int, float] = {}

    def features(self, text: str) -> Features:
        """A question's features, read with this webinar's lexicon."""
        return features(text, self.lexicon)

    def current(self, found: Features) -> bool:
        """Whether stored features were made with this webinar's lexicon as it is now
        (an edited lexicon regroups the waiting questions)."""
        return found.lexicon == self.lexicon.version

    # --- weights -------------------------------------------------------------------
    def _weight(self, term: str, newcomer: frozenset[str] | None = None) -> float:
        """`newcomer`: the terms of a question being placed, weighed as if indexed."""
        df = len(self._postings.get(term, ()))
        size = len(self._entries)
        if newcomer is not None:
            size += 1
            df += term in newcomer
        idf = math.log((size + 1) / (df + 1)) + 1.0
        if term.startswith("~"):
            return idf * _TRIGRAM_PRIOR
        if term.startswith("^"):
            return idf * _BROADER_PRIOR
        if term in self.theme:
            return idf * _THEME_PRIOR
        if term in self.near_theme:
            return idf * _NEAR_THEME_PRIOR
        if term not in self.lexicon.concept_words:
            return idf * (1.0 if term in self._learned else _UNKNOWN_PRIOR)
        return idf * self._prior.get(term, 1.0)

    def _weak(self, term: str) -> bool:
        """The theme, an audience or a vague word: not enough on its own to make two
        questions one."""
        return term in self._weak_terms

    def _norm(self, terms: Iterable[str], newcomer: frozenset[str] | None = None) -> float:
        return _norm_of([self._weight(term, newcomer) for term in terms], self._floor(newcomer))

    def _floor(self, newcomer: frozenset[str] | None = None) -> float:
        """`_NORM_FLOOR` of the weight of a word found in one question."""
        size = len(self._entries) + (newcomer is not None)
        floor = self._floors.get(size)
        if floor is None:
            floor = self._floors[size] = _NORM_FLOOR * (math.log((size + 1) / 2) + 1.0)
            if len(self._floors) > 64:
                self._floors = {size: floor}
        return floor

    def _refresh_norms(self) -> None:
        """Document frequencies drift as questions arrive: recompute the stored norms
        when the index has grown or shrunk by a quarter (amortised, not per question)."""
        size = len(self._entries)
        if size > 64 and abs(size - self._norms_at) * 4 <= self._norms_at:
            return
        for entry in self._entries.values():
            entry.norm = self._norm(entry.terms)
        self._norms_at = size

    # --- scoring -------------------------------------------------------------------
    def _walk_and_refine(
        self, weights: dict[str, float]
    ) -> tuple[dict[str, Iterable[int]], set[str]] | None:
        """Which terms' postings are walked to find candidates, and which only refine the
        scores of those candidates; None: no candidates.

        Terms in many questions of a large queue ("nacht" in a sleep webinar) only add
        to the candidates found through rarer terms: walking their postings would cost a
        pass over much of the queue for every question. Without a rarer term, the
        rarest of them finds the candidates. Broader concepts ("^scherm") only refine
        too: they are in many questions. Weak terms (the theme, audience and vague
        words) only refine at any size: two questions that share nothing else are not
        one question ("heeft iemand advies voor een peuter" and "slaapritueel voor een
        peuter")."""
        weak = {t for t in weights if self._weak(t)}
        common = weak | self._frequent(weights)
        walk: dict[str, Iterable[int]] = {
            t: self._postings.get(t, ()) for t in weights if t not in common
        }
        if walk:
            return walk, common
        # Only frequent terms: the newest questions with the rarest one are the
        # candidates (a bounded walk; their groups are the ones still growing).
        strong = [t for t in common - weak if t in self._postings]
        if not strong:
            return None
        rarest = min(strong, key=lambda t: len(self._postings[t]))
        common.discard(rarest)
        walk[rarest] = islice(reversed(self._postings[rarest]), _FALLBACK_WALK)
        return walk, common

    def _frequent(self, weights: dict[str, float]) -> set[str]:
        """The terms too frequent to walk (see `_walk_and_refine`); none while the index
        is small enough to score exactly."""
        size = len(self._entries)
        return {
            t
            for t in weights
            if size > _EXACT_UP_TO
            and t in self._postings
            and (t.startswith("^") or len(self._postings[t]) > _COMMON_POSTING)
        }

    def scores(self, found: Features, *, exclude: int | None = None) -> dict[int, float]:
        """Cosine of `found` with every indexed question it shares a feature with (pairs
        that share too few concepts capped below the automatic threshold, `_unsure`)."""
        return self._scored(found, exclude)[0]

    def _scored(
        self, found: Features, exclude: int | None = None
    ) -> tuple[dict[int, float], set[int]]:
        """`scores`, and the questions among them that `found` may be one with (`_may_be_one`)."""
        if found.empty or not self._entries:
            return {}, set()
        newcomer = None if exclude in self._entries else frozenset(found.terms)
        weights = {term: self._weight(term, newcomer) for term in found.terms}
        query_norm = _norm_of(weights.values(), self._floor(newcomer))
        split = self._walk_and_refine(weights)
        if split is None:
            return {}, set()
        dots = self._dots(weights, *split)
        if exclude is not None:
            self._leave_out(dots, exclude)
        sure = self._sharing_a_concept(found, dots)
        norms = self._norms(dots, newcomer)
        values = {
            key: self._unsure(_clip(dot / (query_norm * norms[key])), key in sure)
            for key, dot in dots.items()
        }
        return values, sure

    def _leave_out(self, dots: dict[int, float], exclude: int) -> None:
        """Not `exclude` itself, nor the questions a gespreksleider said are apart from it."""
        dots.pop(exclude, None)
        for other in self._apart.get(exclude, ()):
            dots.pop(other, None)

    def _norms(self, keys: Iterable[int], newcomer: frozenset[str] | None) -> dict[int, float]:
        """The norms of these questions: exact under the weights of this moment while the
        index is small, else as stored (`_refresh_norms`)."""
        entries = self._entries
        if len(entries) <= 64:
            return {key: self._norm(entries[key].terms, newcomer) for key in keys}
        return {key: entries[key].norm for key in keys}

    def _dots(
        self, weights: dict[str, float], walk: dict[str, Iterable[int]], common: set[str]
    ) -> dict[int, float]:
        """The dot products with the questions found through the walked terms, refined by
        the common ones (see `_walk_and_refine`)."""
        dots: dict[int, float] = {}
        for term, keys in walk.items():
            square = weights[term] * weights[term]
            for key in keys:
                dots[key] = dots.get(key, 0.0) + square
        for term in common:
            posting = self._postings.get(term)
            if posting is None:
                continue
            square = weights[term] * weights[term]
            for key in dots:
                if key in posting:
                    dots[key] += square
        return dots

    def _strong(self, term: str) -> bool:
        """A concept of the lexicon that says what a question is about: not the theme, an
        audience or a vague word, not a broader concept, trigram or unknown word."""
        if term in self._learned:
            return True
        if term not in self.lexicon.concept_words or term in self._weak_terms:
            return False
        return not (self._min_shared > 1 and self._everywhere(term))

    def _everywhere(self, term: str) -> bool:
        """In a theme no lexicon file knows, a concept in a large share of the webinar's
        questions is its setting, not a question (the grandparent who died, in a grief
        webinar): it counts as the theme does."""
        size = len(self._entries)
        return size >= _SETTING_MIN and len(self._postings.get(term, ())) >= _SETTING_SHARE * size

    def _sharing_a_concept(self, found: Features, keys: Iterable[int]) -> set[int]:
        """The questions among `keys` that may be one with `found` (`_may_be_one`)."""
        strong = self._strong_terms(found.terms)
        entries = self._entries
        return {
            key for key in keys if self._may_be_one(found.terms, found.words, strong, entries[key])
        }

    def _strong_terms(self, terms: Iterable[str]) -> frozenset[str]:
        return frozenset(t for t in terms if self._strong(t))

    def _may_be_one(
        self, terms: tuple[str, ...], words: int, strong: frozenset[str], other: _Entry
    ) -> bool:
        """Whether two questions (the first by its terms, length and `_strong_terms`) may
        be one on their own: the same words (a question pasted again, or asked by two
        parents in the same words), known to the lexicon or not; or `_min_shared` strong
        concepts in common. (Also asking that not each has a strong concept the other
        lacks cost 0.07 F1 on the tuning sets and gained little precision on the new
        themes: it was not kept.)"""
        if terms and words == other.words and set(terms) == set(other.terms):
            return True
        return len(strong.intersection(other.terms)) >= self._min_shared

    def _unsure(self, value: float, shares_a_concept: bool) -> float:
        """Precision first: two questions that share no concept of the lexicon (only the
        theme's words, words it does not know, or their spelling) are at most a
        "misschien hetzelfde" for the gespreksleider to decide, never one group on
        their own."""
        if shares_a_concept:
            return value
        return min(value, self.auto_threshold * _UNSURE_SHARE)

    def score(self, a: Features, b: Features) -> float:
        """Symmetric similarity of two feature lists under this index's weights."""
        if a.empty or b.empty:
            return 0.0
        shared = set(a.terms) & set(b.terms)
        if all(self._weak(term) for term in shared):
            return 0.0
        dot = sum(self._weight(term) ** 2 for term in shared)
        value = _clip(dot / (self._norm(a.terms) * self._norm(b.terms)))
        other = _Entry(None, b.terms, GENERAL_GROUP, words=b.words)
        return self._unsure(
            value, self._may_be_one(a.terms, a.words, self._strong_terms(a.terms), other)
        )

    # --- what a gespreksleider's merges teach -----------------------------------------
    def learn(self, merged: Sequence[Features]) -> list[str]:
        """A merge shows that these questions are one: the words the lexicon does not know
        that at least two of them use become concepts of this webinar (strong, at a
        concept's weight), so that the next question with them joins at once. Returns
        the words learned."""
        new = [word for word in self._shared_unknown(merged) if word not in self._learned]
        if new:
            self._learned.update(new)
            self.refresh()
        return new

    def _shared_unknown(self, merged: Sequence[Features]) -> list[str]:
        """The words (of a learnable length) no lexicon concept knows that at least two of
        the questions use, alphabetically."""
        seen: dict[str, int] = {}
        for found in merged:
            for word in set(found.concepts):
                if word not in self.lexicon.concept_words and len(word) >= _MIN_LEARNED:
                    seen[word] = seen.get(word, 0) + 1
        return sorted(word for word, count in seen.items() if count >= 2)

    def keep_apart(self, a: int, b: int) -> None:
        """A gespreksleider left `b` out of `a`'s merge: they are different questions,
        never suggested or scored together again in this webinar."""
        self._apart.setdefault(a, set()).add(b)
        self._apart.setdefault(b, set()).add(a)

    # --- membership ----------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def group_of(self, key: int) -> Group | None:
        entry = self._entries.get(key)
        return None if entry is None else self.groups.get(entry.group)

    def asker(self, key: int) -> int | None:
        entry = self._entries.get(key)
        return None if entry is None else entry.asker

    def group_scores(self, key: int, found: Features) -> dict[int, float]:
        """How well a question with these features fits each (specific) group it shares a
        feature with: `BEST_SHARE` of its best pair score, the rest its mean over the
        group's members. Groups without a pair score of `MAYBE_THRESHOLD` are left out."""
        best: dict[int, float] = {}
        total: dict[int, float] = {}
        sure: dict[int, int] = {}
        entries = self._entries
        values, sure_of = self._scored(found, exclude=key)
        for other, value in values.items():
            group = entries[other].group
            if group == GENERAL_GROUP:
                continue
            total[group] = total.get(group, 0.0) + value
            sure[group] = sure.get(group, 0) + (other in sure_of)
            if value >= MAYBE_THRESHOLD and value > best.get(group, 0.0):
                best[group] = value
        own = entries[key].group if key in entries else None
        fits: dict[int, float] = {}
        for group_key, top in best.items():
            members = len(self.groups[group_key].members) - (own == group_key)
            if sure[group_key] == 0 or sure[group_key] < SURE_SHARE * members:
                continue  # too few members it shares a concept with (`SURE_SHARE`)
            mean = total[group_key] / max(members, 1)
            fits[group_key] = BEST_SHARE * top + (1 - BEST_SHARE) * mean
        return fits

    def place(self, key: int, found: Features) -> int | None:
        """The group a question with these features would join; None: a group of its own."""
        return self.placement(key, found)[0]

    def placement(self, key: int, found: Features) -> tuple[int | None, dict[int, float]]:
        """`place`, and how well the question fits each group (for `absorb`)."""
        if found.empty:
            return None, {}
        if is_general(found, self.theme, self.lexicon):
            return GENERAL_GROUP, {}
        fits = self.group_scores(key, found)
        best_key, best_score = None, self.auto_threshold
        for group_key, value in fits.items():
            if value > best_score or (value == best_score and best_key is None):
                best_key, best_score = group_key, value
        return best_key, fits

    def add(
        self,
        key: int,
        found: Features,
        *,
        asker: int | None = None,
        group: int | None = None,
        refresh: bool = True,
    ) -> Group:
        """Index a question; `group` restores a stored placement, else it is placed now.
        `refresh` False (a bulk restore): call `refresh` once at the end."""
        self.discard(key)
        fits: dict[int, float] | None = None
        if group is None:
            group, fits = self.placement(key, found)
        if group is None:
            group = key
        entry = _Entry(asker, found.terms, group, words=found.words)
        self._entries[key] = entry
        for term in found.terms:
            self._postings.setdefault(term, {})[key] = None
        entry.norm = self._norm(found.terms)
        self.groups.setdefault(group, Group(group)).members.append(key)
        if refresh:
            self._refresh_norms()
        if fits:
            self.absorb(key, fits)
        return self.groups[self._entries[key].group]

    def absorb(self, key: int, fits: dict[int, float]) -> list[int]:
        """Merge into `key`'s group the other groups the question fits as well, when they
        are alike (online grouping starts two groups for one question when its first
        askings happen to differ; a question that fits both shows they are one). Returns
        the questions that changed group. `fits`: the question's `placement`."""
        entry = self._entries.get(key)
        if entry is None or entry.group == GENERAL_GROUP:
            return []
        others = [
            other
            for other, value in fits.items()
            if value >= self.auto_threshold and other != entry.group
        ]
        moved: list[int] = []
        for other in others:
            kept, gone = self.groups[entry.group], self.groups.get(other)
            if gone is None or self._cross_mean(kept, gone) < self.merge_threshold:
                continue
            for member in gone.members:
                self._entries[member].group = kept.key
            kept.members.extend(gone.members)
            moved.extend(gone.members)
            del self.groups[other]
        return moved

    def _cross_mean(self, a: Group, b: Group) -> float:
        """Mean score between the first members of two groups."""
        left = [self._entries[m] for m in a.members[:_MERGE_SAMPLE]]
        right = [self._entries[m] for m in b.members[:_MERGE_SAMPLE]]
        total = 0.0
        for x in left:
            terms = set(x.terms)
            for y in right:
                shared = terms.intersection(y.terms)
                if not all(self._weak(term) for term in shared):
                    dot = sum(self._weight(term) ** 2 for term in shared)
                    sure = self._may_be_one(x.terms, x.words, self._strong_terms(x.terms), y)
                    total += self._unsure(_clip(dot / (x.norm * y.norm)), sure)
        return total / (len(left) * len(right))

    def refresh(self) -> None:
        """Recompute every stored norm under the current document frequencies."""
        for entry in self._entries.values():
            entry.norm = self._norm(entry.terms)
        self._norms_at = len(self._entries)

    def discard(self, key: int) -> None:
        entry = self._entries.pop(key, None)
        if entry is None:
            return
        for term in entry.terms:
            posting = self._postings.get(term)
            if posting is not None:
                posting.pop(key, None)
                if not posting:
                    del self._postings[term]
        group = self.groups.get(entry.group)
        if group is not None:
            group.members.remove(key)
            if not group.members:
                del self.groups[entry.group]

    def other_parents(self, key: int) -> int:
        """Distinct parents, other than this question's asker, with a question in its group."""
        entry = self._entries.get(key)
        if entry is None:
            return 0
        group = self.groups[entry.group]
        askers = {self._entries[m].asker for m in group.members if m != key}
        askers.discard(entry.asker)
        return len(askers)

    def parents(self, group: Group) -> int:
        return len({self._entries[m].asker for m in group.members})

    @property
    def unknown_theme(self) -> bool:
        """A webinar whose theme no lexicon file knows: nothing is grouped on its own in
        practice (`_min_shared`); the card's suggestions are how questions are grouped."""
        return self._min_shared > 1

    def may_suggest(self, key: int, other: int) -> bool:
        """Whether `other` may be offered as "misschien hetzelfde" on `key`'s card: another
        waiting question, in another group that is not the general one, not one a
        gespreksleider left out of a merge with it (`keep_apart`)."""
        entry, candidate = self._entries.get(key), self._entries.get(other)
        if entry is None or candidate is None or other == key:
            return False
        if entry.group == GENERAL_GROUP or candidate.group in (entry.group, GENERAL_GROUP):
            return False
        return other not in self._apart.get(key, ())

    def keys(self) -> list[int]:
        """The questions in the index, oldest first."""
        return list(self._entries)

    def maybe(self, key: int, found: Features, limit: int = 5) -> list[tuple[int, float]]:
        """Questions outside `key`'s group scoring between the two thresholds, best first."""
        entry = self._entries.get(key)
        if entry is None or entry.group == GENERAL_GROUP:
            return []
        scores = self.scores(found, exclude=key)
        found_maybe = [
            (other, value)
            for other, value in scores.items()
            if value >= MAYBE_THRESHOLD
            and self._entries[other].group not in (entry.group, GENERAL_GROUP)
        ]
        found_maybe.sort(key=lambda item: (-item[1], item[0]))
        return found_maybe[:limit]

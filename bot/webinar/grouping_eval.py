"""Measure the grouping engine on a labelled set: pairwise precision, recall, F1, AP.

Used by `ouderbot grouping-eval`, tests/test_grouping.py (which asserts the goals) and
bench/bench_grouping.py. A labelled set (`LabelledSet`, JSON as `load_set` reads it) is a
webinar's theme, clusters (questions a gespreksleider would answer as one) and general
questions (vague ones that must not be grouped with a specific question).

Beside the grouping's own figures, two that say what a gespreksleider sees on the card
when a question arrives (`Figures.suggested`, `Figures.crosslingual`): whether its group
or its "misschien hetzelfde" list holds a paraphrase that was already waiting. With an
encoder (`evaluate_orders(..., encoder=E5Encoder())`, as `ouderbot grouping-eval` does)
that list is the card's (`bot.webinar.encoder.on_card`); without one, the lexicon's alone.
"""

from __future__ import annotations

import itertools
import json
import random
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.webinar.encoder import E5Encoder, Vector
from bot.webinar.grouping import Features, GroupingIndex
from bot.webinar.lexicon import language_of
from bot.webinar.question_desk import card_maybe, card_nearest, maybe_limit


@dataclass(frozen=True)
class LabelledSet:
    theme: str
    clusters: tuple[tuple[str, ...], ...]
    general: tuple[str, ...] = ()
    name: str = ""


def load_set(path: Path) -> LabelledSet:
    """Read a labelled set: `{"theme": ..., "clusters": [{"label": ..., "questions":
    [...]}, ...], "general": [...]}`. Raises ValueError with what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("clusters"), list):
        raise ValueError(f"{path}: expected an object with a list of clusters")
    clusters = tuple(
        _questions(
            cluster.get("questions") if isinstance(cluster, dict) else None,
            f"{path}: cluster {number} needs a list of questions",
        )
        for number, cluster in enumerate(data["clusters"], 1)
    )
    general = _questions(data.get("general", []), f"{path}: general must be a list of questions")
    theme = data.get("theme", "")
    if not isinstance(theme, str):
        raise ValueError(f"{path}: theme must be a text")
    return LabelledSet(theme, clusters, general, path.stem)


def _questions(value: object, refusal: str) -> tuple[str, ...]:
    """A list of questions from the file; ValueError(`refusal`) when it is not one."""
    if not isinstance(value, list) or not all(isinstance(q, str) for q in value):
        raise ValueError(refusal)
    return tuple(value)


@dataclass(frozen=True)
class Figures:
    questions: int
    precision: float  # of "same group" for same-cluster pairs
    recall: float
    f1: float
    average_precision: float  # of the pair score, ranking all pairs
    pair_precision: float  # of "pair score >= the index's automatic threshold"
    pair_recall: float
    vague_worst: int  # most specific questions any general question was grouped with
    vague_worst_pairs: int  # most specific questions any general one scored >= AUTO with
    threshold: float  # the automatic threshold the index used
    # Of the questions whose paraphrase (same cluster) was already waiting: the share whose
    # group or "misschien hetzelfde" list held one when it arrived.
    suggested: float = 0.0
    # The same for questions not in Dutch whose Dutch paraphrase was waiting.
    crosslingual: float = 0.0
    crosslingual_asked: int = 0

    def line(self) -> str:
        return (
            f"{self.questions} questions: grouping P {self.precision:.2f} R {self.recall:.2f}"
            f" F1 {self.f1:.2f}; pair score AP {self.average_precision:.2f},"
            f" P {self.pair_precision:.2f} R {self.pair_recall:.2f} at {self.threshold};"
            f" general questions grouped with specific ones: at most {self.vague_worst}"
            f" (pairs over the threshold: at most {self.vague_worst_pairs});"
            f" paraphrase on the card {self.suggested:.2f},"
            f" other language {self.crosslingual:.2f} of {self.crosslingual_asked}"
        )


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass
class _Run:
    """One insertion order: the index after every question was added, and what the card
    showed each question on arrival."""

    index: GroupingIndex
    found: list[Features]
    labels: list[int]
    general_ids: range
    suggested: tuple[int, int] = (0, 0)  # hits, asked
    crosslingual: tuple[int, int] = (0, 0)

    @property
    def specific(self) -> list[int]:
        return [i for i, label in enumerate(self.labels) if label >= 0]

    def group_of(self) -> dict[int, int]:
        return {i: g.key for g in self.index.groups.values() for i in g.members}


@dataclass
class _CardTally:
    """Of the questions whose paraphrase was already waiting: how often the card showed
    one, for all of them and for those not in Dutch whose Dutch paraphrase was waiting."""

    hits: int = 0
    asked: int = 0
    cross_hits: int = 0
    cross_asked: int = 0

    def count(self, question: int, shown: set[int], before: list[int], dutch: list[bool]) -> None:
        """One question's arrival: `shown` on its card, `before` its waiting paraphrases."""
        self.asked += 1
        self.hits += any(other in shown for other in before)
        dutch_before = [other for other in before if dutch[other]]
        if not dutch[question] and dutch_before:
            self.cross_asked += 1
            self.cross_hits += any(other in shown for other in dutch_before)


def _texts_and_labels(labelled: LabelledSet) -> tuple[list[str], list[int]]:
    """The questions, clusters first, then the general ones; each one's cluster number
    (-1 for a general question)."""
    texts = [text for cluster in labelled.clusters for text in cluster] + list(labelled.general)
    labels = [n for n, cluster in enumerate(labelled.clusters) for _ in cluster]
    labels += [-1] * len(labelled.general)
    return texts, labels


def _insert(labelled: LabelledSet, seed: int, vectors: Sequence[Vector] | None = None) -> _Run:
    """`vectors`: the encoder's, one per question in `_texts_and_labels` order."""
    texts, labels = _texts_and_labels(labelled)
    languages = dict(enumerate(language_of(text) for text in texts))
    order = list(range(len(texts)))
    random.Random(seed).shuffle(order)
    index = GroupingIndex(labelled.theme)
    found = [index.features(text) for text in texts]
    dutch = [languages[i] == "nl" for i in range(len(texts))]
    waiting: dict[int, list[int]] = {}  # cluster -> questions already in
    tally = _CardTally()
    arrived: dict[int, Vector] = {}
    for asker, i in enumerate(order):
        group = index.add(i, found[i], asker=asker)
        label = labels[i]
        if label >= 0 and waiting.get(label):
            maybe = _card_maybe(index, i, found[i], vectors, arrived, languages)
            tally.count(i, set(group.members) | set(maybe), waiting[label], dutch)
        if label >= 0:
            waiting.setdefault(label, []).append(i)
        if vectors is not None:
            arrived[i] = vectors[i]
    general_ids = range(len(texts) - len(labelled.general), len(texts))
    return _Run(
        index,
        found,
        labels,
        general_ids,
        (tally.hits, tally.asked),
        (tally.cross_hits, tally.cross_asked),
    )


def _card_maybe(
    index: GroupingIndex,
    key: int,
    found: Features,
    vectors: Sequence[Vector] | None,
    arrived: dict[int, Vector],
    languages: Mapping[int, str],
) -> list[int]:
    """The "misschien hetzelfde" a card shows for `key` on its arrival (as the desk's)."""
    lexicon_best = [other for other, _ in index.maybe(key, found, maybe_limit(index))]
    if vectors is None:
        return lexicon_best
    near = card_nearest(index, key, vectors[key], languages[key], arrived, languages)
    return card_maybe(index, lexicon_best, near)


def _pair_figures(run: _Run) -> tuple[float, float, float]:
    """Average precision of the pair score over all specific pairs, and the precision and
    recall of "score >= the automatic threshold"."""
    index, found, labels = run.index, run.found, run.labels
    scored: list[tuple[float, bool]] = []
    tp = fp = fn = 0
    for i, j in itertools.combinations(run.specific, 2):
        same = labels[i] == labels[j]
        value = index.score(found[i], found[j])
        scored.append((value, same))
        over = value >= index.auto_threshold
        tp, fp, fn = tp + (same and over), fp + (over and not same), fn + (same and not over)
    scored.sort(key=lambda item: -item[0])
    hits, total = 0, 0.0
    for rank, (_, same) in enumerate(scored, 1):
        if same:
            hits += 1
            total += hits / rank
    precision, recall, _ = _prf(tp, fp, fn)
    return (total / hits if hits else 0.0), precision, recall


def _vague_counts(run: _Run, group_of: dict[int, int]) -> tuple[int, int]:
    """The most specific questions one general question was grouped with, and scored at
    least the automatic threshold with."""
    grouped = pairs = 0
    specific = run.specific
    for g in run.general_ids:
        grouped = max(grouped, sum(1 for i in specific if group_of.get(i) == group_of.get(g)))
        pairs = max(
            pairs,
            sum(
                1
                for i in specific
                if run.index.score(run.found[g], run.found[i]) >= run.index.auto_threshold
            ),
        )
    return grouped, pairs


def evaluate(
    clusters: Sequence[Sequence[str]],
    general: Sequence[str] = (),
    theme: str = "",
    seed: int = 0,
    *,
    pair_scores: bool = True,
    vectors: Sequence[Vector] | None = None,
) -> Figures:
    """Add all questions to one webinar's index in a shuffled order, then compare.
    `pair_scores` False leaves out what needs every pair's score (the average precision
    and the pair figures, then 0): the grouping's own figures are kept."""
    labelled = LabelledSet(theme, tuple(tuple(c) for c in clusters), tuple(general))
    run = _insert(labelled, seed, vectors)
    group_of = run.group_of()
    tp = fp = fn = 0
    for i, j in itertools.combinations(run.specific, 2):
        same = run.labels[i] == run.labels[j]
        grouped = group_of[i] == group_of[j]
        tp += same and grouped
        fp += grouped and not same
        fn += same and not grouped
    precision, recall, f1 = _prf(tp, fp, fn)
    average_precision, pair_precision, pair_recall = (
        _pair_figures(run) if pair_scores else (0.0, 0.0, 0.0)
    )
    vague_worst, vague_pairs = _vague_counts(run, group_of)
    (hits, asked), (cross_hits, cross_asked) = run.suggested, run.crosslingual
    return Figures(
        questions=len(run.labels),
        precision=precision,
        recall=recall,
        f1=f1,
        average_precision=average_precision,
        pair_precision=pair_precision,
        pair_recall=pair_recall,
        vague_worst=vague_worst,
        vague_worst_pairs=vague_pairs,
        threshold=run.index.auto_threshold,
        suggested=hits / asked if asked else 1.0,
        crosslingual=cross_hits / cross_asked if cross_asked else 1.0,
        crosslingual_asked=cross_asked,
    )


@dataclass(frozen=True)
class OverOrders:
    """One labelled set evaluated in several insertion orders (online grouping depends on
    the order the questions arrive in): means of the grouping's figures, the worst vague
    count."""

    runs: tuple[Figures, ...]

    @property
    def precision(self) -> float:
        return statistics.mean(run.precision for run in self.runs)

    @property
    def recall(self) -> float:
        return statistics.mean(run.recall for run in self.runs)

    @property
    def f1(self) -> float:
        return statistics.mean(run.f1 for run in self.runs)

    @property
    def vague_worst(self) -> int:
        return max(run.vague_worst for run in self.runs)

    @property
    def suggested(self) -> float:
        return statistics.mean(run.suggested for run in self.runs)

    @property
    def crosslingual(self) -> float:
        return statistics.mean(run.crosslingual for run in self.runs)

    def as_json(self) -> dict[str, float | int]:
        """The figures `ouderbot grouping-eval --json` prints: exactly these four keys
        (PRODUCT.md's interface; the card figures are in the text output)."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "vague_worst": self.vague_worst,
        }


def evaluate_orders(
    clusters: Sequence[Sequence[str]],
    general: Sequence[str] = (),
    theme: str = "",
    orders: int = 5,
    *,
    pair_scores: bool = True,
    encoder: E5Encoder | None = None,
) -> OverOrders:
    """`evaluate` in the insertion orders of seeds 0 to `orders` - 1; with `encoder`, the
    card figures are the card's (the lexicon's and the encoder's suggestions)."""
    vectors = None
    if encoder is not None:
        labelled = LabelledSet(theme, tuple(tuple(c) for c in clusters), tuple(general))
        vectors = encoder.embed(_texts_and_labels(labelled)[0])
    return OverOrders(
        tuple(
            evaluate(clusters, general, theme, seed, pair_scores=pair_scores, vectors=vectors)
            for seed in range(orders)
        )
    )

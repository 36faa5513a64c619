"""Measure the grouping engine on a labelled set: pairwise precision, recall, F1, AP.

Used by tests/test_grouping.py (which asserts the goals) and bench/bench_grouping.py
(which prints the README figures). A labelled set is a tuple of clusters (questions a
gespreksleider would merge) and optionally general questions (which must not be grouped
with a specific question).
"""

from __future__ import annotations

import itertools
import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from bot.webinar.grouping import GroupingIndex, features


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

    def line(self) -> str:
        return (
            f"{self.questions} questions: grouping P {self.precision:.2f} R {self.recall:.2f}"
            f" F1 {self.f1:.2f}; pair score AP {self.average_precision:.2f},"
            f" P {self.pair_precision:.2f} R {self.pair_recall:.2f} at {self.threshold};"
            f" general questions grouped with specific ones: at most {self.vague_worst}"
            f" (pairs over the threshold: at most {self.vague_worst_pairs})"
        )


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(
    clusters: Sequence[Sequence[str]],
    general: Sequence[str] = (),
    theme: str = "",
    seed: int = 0,
    *,
    pair_scores: bool = True,
) -> Figures:
    """Add all questions to one webinar's index in a shuffled order, then compare.
    `pair_scores` False leaves out what needs every pair's score (the average precision
    and the pair figures, then 0): the grouping's own figures are kept."""
    texts = [text for cluster in clusters for text in cluster] + list(general)
    labels = [n for n, cluster in enumerate(clusters) for _ in cluster] + [-1] * len(general)
    order = list(range(len(texts)))
    random.Random(seed).shuffle(order)
    index = GroupingIndex(theme)
    found = [features(text) for text in texts]
    for asker, i in enumerate(order):
        index.add(i, found[i], asker=asker)
    group_of = {i: g.key for g in index.groups.values() for i in g.members}
    tp = fp = fn = ptp = pfp = pfn = 0
    scored: list[tuple[float, bool]] = []
    specific = [i for i, label in enumerate(labels) if label >= 0]
    for i, j in itertools.combinations(specific, 2):
        same = labels[i] == labels[j]
        grouped = group_of.get(i) is not None and group_of.get(i) == group_of.get(j)
        tp += same and grouped
        fp += grouped and not same
        fn += same and not grouped
        if not pair_scores:
            continue
        value = index.score(found[i], found[j])
        scored.append((value, same))
        over = value >= index.auto_threshold
        ptp += same and over
        pfp += over and not same
        pfn += same and not over
    precision, recall, f1 = _prf(tp, fp, fn)
    pair_precision, pair_recall, _ = _prf(ptp, pfp, pfn) if pair_scores else (0.0, 0.0, 0.0)
    scored.sort(key=lambda item: -item[0])
    hits, total = 0, 0.0
    for rank, (_, same) in enumerate(scored, 1):
        if same:
            hits += 1
            total += hits / rank
    average_precision = total / hits if hits else 0.0
    vague_worst = vague_pairs = 0
    for g in range(len(texts) - len(general), len(texts)):
        vague_worst = max(
            vague_worst, sum(1 for i in specific if group_of.get(i) == group_of.get(g))
        )
        vague_pairs = max(
            vague_pairs,
            sum(1 for i in specific if index.score(found[g], found[i]) >= index.auto_threshold),
        )
    return Figures(
        len(texts),
        precision,
        recall,
        f1,
        average_precision,
        pair_precision,
        pair_recall,
        vague_worst,
        vague_pairs,
        index.auto_threshold,
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


def evaluate_orders(
    clusters: Sequence[Sequence[str]],
    general: Sequence[str] = (),
    theme: str = "",
    orders: int = 5,
    *,
    pair_scores: bool = True,
) -> OverOrders:
    """`evaluate` in the insertion orders of seeds 0 to `orders` - 1."""
    return OverOrders(
        tuple(
            evaluate(clusters, general, theme, seed, pair_scores=pair_scores)
            for seed in range(orders)
        )
    )

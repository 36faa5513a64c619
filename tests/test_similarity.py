"""bot.webinar.similarity: normalising, scoring, the per-webinar index, grouping topic wishes.

The labelled-set tests print their precision and recall (visible with ``pytest -s``)
and put them in the assertion message.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from bot.webinar.similarity import (
    SIMILAR_THRESHOLD,
    are_similar,
    group_similar,
    normalize,
    similarity,
)
from tests.data.labelled import Clusters, clusters

HELD_OUT_CLUSTERS = clusters("sets/held-out.json")
QUESTION_CLUSTERS = clusters("sets/question.json")
SECOND_CLUSTERS = clusters("sets/second.json")
THIRD_CLUSTERS = clusters("sets/third.json")
TOPIC_WISH_CLUSTERS = clusters("topic_wishes.json")


def _flatten(clusters: Clusters) -> tuple[list[str], list[int]]:
    texts = [text for cluster in clusters for text in cluster]
    labels = [number for number, cluster in enumerate(clusters) for _ in cluster]
    return texts, labels


def _pairwise(labels: list[int], predicted: Callable[[int, int], bool]) -> tuple[float, float, str]:
    """Pairwise precision and recall of a same-cluster prediction, and a printable line."""
    tp = fp = fn = 0
    for i, j in itertools.combinations(range(len(labels)), 2):
        same, said_same = labels[i] == labels[j], predicted(i, j)
        tp += same and said_same
        fp += said_same and not same
        fn += same and not said_same
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    line = f"precision {precision:.3f} recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn})"
    return precision, recall, line


def _are_similar_figures(name: str, clusters: Clusters) -> tuple[float, float, str]:
    texts, labels = _flatten(clusters)
    precision, recall, line = _pairwise(labels, lambda i, j: are_similar(texts[i], texts[j]))
    report = f"are_similar on {name} ({len(texts)} questions): {line}"
    print(report)
    return precision, recall, report


def _grouping_figures(name: str, clusters: Clusters) -> tuple[float, float, str]:
    texts, labels = _flatten(clusters)
    cluster_of = {i: n for n, group in enumerate(group_similar(texts)) for i in group}
    precision, recall, line = _pairwise(labels, lambda i, j: cluster_of[i] == cluster_of[j])
    report = f"group_similar on {name} ({len(texts)} texts): {line}"
    print(report)
    return precision, recall, report


# --- the labelled sets -------------------------------------------------------------------


def test_tuning_set_pairwise_precision_and_recall() -> None:
    precision, recall, report = _are_similar_figures("tuning set", QUESTION_CLUSTERS)
    assert precision >= 0.85, report
    assert recall >= 0.70, report


@pytest.mark.parametrize(
    ("name", "clusters", "min_precision", "min_recall"),
    [
        # Regression floors just under the figures measured when the sets were frozen
        # (see tests/data/sets/question.json); they are not targets to tune towards.
        ("second set", SECOND_CLUSTERS, 0.95, 0.65),
        ("third set", THIRD_CLUSTERS, 0.85, 0.60),
        ("held-out set", HELD_OUT_CLUSTERS, 0.80, 0.40),
    ],
)
def test_other_labelled_sets_do_not_regress(
    name: str, clusters: Clusters, min_precision: float, min_recall: float
) -> None:
    precision, recall, report = _are_similar_figures(name, clusters)
    assert precision >= min_precision, report
    assert recall >= min_recall, report


def test_grouping_the_tuning_set_matches_its_labels() -> None:
    precision, recall, report = _grouping_figures("tuning set", QUESTION_CLUSTERS)
    assert precision >= 0.80, report
    assert recall >= 0.70, report


def test_threshold_is_a_score() -> None:
    assert 0 < SIMILAR_THRESHOLD < 100


# --- what parents type -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clean", "typed"),
    [
        ("mijn peuter wil niet slapen", "mn peutr wil nie slaapen"),
        ("my son is being bullied at school", "my son is bieng bulied at scool"),
        ("hoeveel schermtijd voor een kind van 4", "hoeveel schermtyd voor n kind van 4"),
        ("mijn kind luistert niet", "mijn kind luisterd niet"),
        ("mijn dochter heeft driftbuien", "mijn dochter heeft drifbuien"),
    ],
)
def test_typos_still_match(clean: str, typed: str) -> None:
    assert are_similar(clean, typed), (normalize(clean), normalize(typed))


def test_word_order_does_not_matter() -> None:
    assert similarity(
        "mijn dochter wordt gepest op school", "op school wordt mijn dochter gepest"
    ) == pytest.approx(100)


def test_capitals_punctuation_and_accents_are_ignored() -> None:
    assert normalize("Mijn Kind Eet Géén Groénte!!!") == normalize("mijn kind eet geen groente")


def test_filler_words_are_dropped() -> None:
    assert normalize("hoe moet ik dat nou doen met mijn kind, tips?") == ""
    assert normalize("Wat moet ik doen, mijn peuter wil nooit slapen??") == normalize(
        "peuter slapen"
    )


def test_dutch_and_english_questions_match() -> None:
    assert are_similar(
        "hoe vertel ik mijn kinderen over de scheiding",
        "how do I tell my children about the divorce",
    )
    assert are_similar("mijn dreumes wil niet slapen", "How do I get my toddler to sleep?")


def test_a_detail_added_to_a_question_still_matches() -> None:
    assert are_similar(
        "wat doe je bij een driftbui", "wat doe je bij een driftbui in de supermarkt"
    )


def test_same_theme_different_question_does_not_match() -> None:
    assert not are_similar(
        "hoeveel schermtijd voor een kind van 4?",
        "hoe stop ik ruzie over de telefoon met mijn puber?",
    )
    assert not are_similar("mijn kind wordt gepest", "mijn kind pest andere kinderen")


def test_different_concepts_are_not_partly_alike_by_spelling() -> None:
    # "eten" and "pesten" share most of their letters; as topics they share nothing.
    assert similarity("eten", "pesten") == 0


def test_similarity_is_symmetric_and_between_0_and_100() -> None:
    texts, _ = _flatten(QUESTION_CLUSTERS[:8])
    for a, b in itertools.combinations(texts, 2):
        score = similarity(a, b)
        assert 0 <= score <= 100
        assert score == pytest.approx(similarity(b, a))


# --- the per-webinar index -----------------------------------------------------------------

SLEEP = "hoe krijg ik mijn peuter s avonds in bed?"
SLEEP_2 = "mijn dreumes wil niet slapen wat moet ik doen"
SLEEP_3 = "How do I get my toddler to sleep?"
SCREENS = "hoeveel schermtijd voor een kind van 4?"


# --- grouping topic wishes ------------------------------------------------------------------


def test_group_similar_groups_topic_wishes() -> None:
    texts, _ = _flatten(TOPIC_WISH_CLUSTERS)
    groups = [{texts[i] for i in group} for group in group_similar(texts)]

    def group_of(text: str) -> set[str]:
        return next(group for group in groups if text in group)

    assert {"pesten", "pesten op school", "bullying"} <= group_of("pesten")
    assert {"eten", "kieskeurige eters", "picky eating"} <= group_of("eten")
    assert {"slapen", "sleep problems", "doorslapen"} <= group_of("slaapproblemen bij peuters")
    assert "divorce and co-parenting" in group_of("scheiding")
    assert group_of("zindelijkheid") == {"zindelijkheid"}
    assert group_of("rouw en verlies") == {"rouw en verlies"}
    precision, recall, report = _grouping_figures("topic wishes", TOPIC_WISH_CLUSTERS)
    assert precision >= 0.90, report
    assert recall >= 0.80, report


def test_group_similar_covers_every_text_once_largest_group_first() -> None:
    texts, _ = _flatten(TOPIC_WISH_CLUSTERS)
    groups = group_similar([*texts, "", "   "])
    indices = [i for group in groups for i in group]
    assert sorted(indices) == list(range(len(texts) + 2))
    sizes = [len(group) for group in groups]
    assert sizes == sorted(sizes, reverse=True)
    assert [len(texts)] in groups
    assert [len(texts) + 1] in groups


def test_group_similar_puts_the_most_central_text_first() -> None:
    # "pesten op school" is like both others; they are not like each other.
    assert group_similar(["pesten", "school", "pesten op school"]) == [[2, 0, 1]]


def test_group_similar_of_nothing_is_nothing() -> None:
    assert group_similar([]) == []

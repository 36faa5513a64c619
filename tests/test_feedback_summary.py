"""Feedback figures, worked out by hand on a set of exactly 40 responses in 3 sessions."""

from __future__ import annotations

import random
import string
from datetime import UTC, date, datetime
from string import Formatter
from typing import Any

import pytest

from bot.core.i18n import LOCALES_DIR, Translator, load_po
from bot.feedback.records import FeedbackAnswer, FeedbackSession, Helped
from bot.feedback.summary import (
    MESSAGE_LIMIT,
    MIN_RESPONSES_FOR_TEXT,
    Summary,
    format_summary,
    scores_by_kind,
    scores_over_time,
    summarize,
)

YES, A_BIT, NO = Helped.YES, Helped.A_BIT, Helped.NO
SLEEP_DAY, LIMITS_DAY, INLOOP_DAY = date(2025, 3, 4), date(2025, 3, 11), date(2025, 3, 13)
# When a session ended does not enter the summary; one instant serves every session here.
ENDED = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


def three_sessions() -> list[FeedbackSession]:
    return [
        FeedbackSession(
            "ref-4711", "webinar", "Goed slapen", "slaap", SLEEP_DAY, ENDED, 24, 12, 10, 24
        ),
        FeedbackSession(
            "ref-4712", "webinar", "Grenzen stellen", "opvoeding", LIMITS_DAY, ENDED, 18, 9, 9, 18
        ),
        FeedbackSession(
            "ref-4713", "inloop", "Inloop Overvecht", "ontmoeting", INLOOP_DAY, ENDED, 6, 3, 2, 8
        ),
    ]


def _answers(ref: str, day: date, rows: list[tuple[Any, ...]]) -> list[FeedbackAnswer]:
    return [FeedbackAnswer(ref, day, *row) for row in rows]


def forty_responses() -> list[FeedbackAnswer]:
    """40 responses (20 + 14 + 6) plus three answers that must not count."""
    sleep = _answers("ref-4711", SLEEP_DAY, [
        (5, YES, "Vaste bedtijd helpt", "Schermtijd"),
        (5, YES, None, "schermtijd"),
        (5, A_BIT, "Rustig blijven", None),
        (5, YES, None, None),
        (5, NO, None, None),
        (5, None, "Een slaapritueel", None),
        (4, YES, None, "Zindelijkheid"),
        (4, A_BIT, None, None),
        (4, A_BIT, "minder schermen voor het slapen", None),
        (4, NO, None, None),
        (4, YES, None, None),
        (4, None, None, None),
        (3, YES, None, "Schermtijd"),
        (3, NO, None, None),
        (3, A_BIT, None, None),
        (3, None, None, None),
        (2, NO, None, None),
        (1, NO, "Te kort", None),
        (None, YES, None, None),
        (None, None, "Fijn om te horen dat anderen het ook lastig vinden", None),
        (None, None, None, None),  # request expired unanswered: not a response
    ])  # fmt: skip
    limits = _answers("ref-4712", LIMITS_DAY, [
        (5, YES, "Grenzen mogen", "Pubers"),
        (5, YES, None, "Schermtijd!"),
        (5, A_BIT, None, None),
        (5, None, None, None),
        (4, YES, "Consequent zijn", "pubers"),
        (4, A_BIT, None, None),
        (4, NO, None, None),
        (4, YES, None, None),
        (3, YES, None, None),
        (3, None, None, "Zindelijkheid"),
        (2, NO, None, None),
        (2, A_BIT, "Ik ben niet de enige", None),
        (1, NO, None, None),
        (None, None, None, "Broertjes en zusjes"),
        (None, None, "   ", "\n"),  # only blanks: not a response
    ])  # fmt: skip
    inloop = _answers("ref-4713", INLOOP_DAY, [
        (5, YES, "Koffie en herkenning", "Pubers"),
        (5, YES, None, None),
        (4, YES, None, "Schermtijd"),
        (4, A_BIT, None, None),
        (3, None, None, None),
        (None, YES, "Gezellig", None),
    ])  # fmt: skip
    other_session = _answers("ref-9999", INLOOP_DAY, [(1, NO, "Andere sessie", "Iets anders")])
    return sleep + limits + inloop + other_session


@pytest.fixture(scope="module")
def t() -> Translator:
    return Translator()


@pytest.fixture(scope="module")
def summary() -> Summary:
    return summarize(three_sessions(), forty_responses())


def _answers_with_texts(count: int) -> list[FeedbackAnswer]:
    return [
        FeedbackAnswer("ref-4713", INLOOP_DAY, 4, YES, f"Take-away {n}", f"Wens {n}")
        for n in range(count)
    ]


# --- figures --------------------------------------------------------------------------


def test_session_counts_are_added_up(summary: Summary) -> None:
    assert summary.sessions == 3
    assert summary.participants == 24 + 18 + 6 == 48
    assert summary.questions_asked == 12 + 9 + 3 == 24
    assert summary.questions_answered == 10 + 9 + 2 == 21
    assert summary.requests_sent == 24 + 18 + 8 == 50


def test_only_answers_with_something_given_to_these_sessions_are_responses(
    summary: Summary,
) -> None:
    assert summary.responses == 20 + 14 + 6 == 40
    assert summary.response_rate == pytest.approx(40 / 50) == 0.8


def test_score_distribution_and_average_count_only_scored_answers(summary: Summary) -> None:
    # 5: 6 + 4 + 2, 4: 6 + 4 + 2, 3: 4 + 2 + 1, 2: 1 + 2 + 0, 1: 1 + 1 + 0
    assert summary.score_distribution == {1: 2, 2: 3, 3: 7, 4: 12, 5: 12}
    assert summary.scored == 36
    # (1*2 + 2*3 + 3*7 + 4*12 + 5*12) / 36 = (2 + 6 + 21 + 48 + 60) / 36 = 137 / 36
    assert summary.average_score == pytest.approx(137 / 36)


def test_helped_share_is_yes_and_a_bit_over_those_who_answered_it(summary: Summary) -> None:
    # yes 7 + 5 + 4, a bit 4 + 3 + 1, no 5 + 3 + 0; 8 responses skipped the question
    assert (summary.helped_yes, summary.helped_a_bit, summary.helped_no) == (16, 8, 8)
    assert summary.helped_share == pytest.approx((16 + 8) / 32) == 0.75


def test_take_aways_are_sorted_alphabetically_not_by_arrival(summary: Summary) -> None:
    assert summary.text_withheld is False
    assert summary.takeaways == [
        "Consequent zijn",
        "Een slaapritueel",
        "Fijn om te horen dat anderen het ook lastig vinden",
        "Gezellig",
        "Grenzen mogen",
        "Ik ben niet de enige",
        "Koffie en herkenning",
        "minder schermen voor het slapen",
        "Rustig blijven",
        "Te kort",
        "Vaste bedtijd helpt",
    ]


def test_topic_wishes_are_grouped_by_similarity_biggest_first(summary: Summary) -> None:
    assert summary.wishes == [
        ("Schermtijd", 5),  # Schermtijd ×3, schermtijd, Schermtijd!
        ("Pubers", 3),  # Pubers ×2, pubers
        ("Zindelijkheid", 2),
        ("Broertjes en zusjes", 1),
    ]


def test_scores_by_kind_keeps_webinars_and_inloopmomenten_apart() -> None:
    by_kind = scores_by_kind(three_sessions(), forty_responses())
    assert list(by_kind) == ["webinar", "inloop"]
    assert [(day, count) for day, _, count in by_kind["webinar"]] == [
        (SLEEP_DAY, 18),
        (LIMITS_DAY, 13),
    ]
    assert [(day, count) for day, _, count in by_kind["inloop"]] == [(INLOOP_DAY, 5)]


def test_scores_over_time_gives_average_and_count_per_session_day() -> None:
    points = scores_over_time(list(reversed(forty_responses()[:-1])))
    assert [(day, count) for day, _, count in points] == [
        (SLEEP_DAY, 18),
        (LIMITS_DAY, 13),
        (INLOOP_DAY, 5),
    ]
    # 69 = 5*6 + 4*6 + 3*4 + 2 + 1; 47 = 5*4 + 4*4 + 3*2 + 2*2 + 1; 21 = 5*2 + 4*2 + 3
    assert [average for _, average, _ in points] == pytest.approx([69 / 18, 47 / 13, 21 / 5])


def test_nothing_to_summarise_gives_no_rates_and_an_empty_distribution() -> None:
    empty = summarize([], [])
    assert empty.responses == 0
    assert empty.response_rate is None
    assert empty.average_score is None
    assert empty.helped_share is None
    assert empty.score_distribution == {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}
    assert empty.text_withheld is True


def test_a_score_outside_one_to_five_is_refused() -> None:
    with pytest.raises(ValueError, match=r"score must be 1\.\.5"):
        FeedbackAnswer("ref-4711", SLEEP_DAY, 6, None, None, None)


# --- privacy --------------------------------------------------------------------------


def test_texts_are_withheld_below_five_responses_but_figures_stay() -> None:
    assert MIN_RESPONSES_FOR_TEXT == 5
    small = summarize(three_sessions(), _answers_with_texts(4))
    assert small.text_withheld is True
    assert small.takeaways == []
    assert small.wishes == []
    assert small.responses == 4
    assert small.average_score == 4
    assert small.helped_share == 1


def test_texts_are_shown_from_five_responses_on() -> None:
    enough = summarize(three_sessions(), _answers_with_texts(5))
    assert enough.text_withheld is False
    assert len(enough.takeaways) == 5
    assert sum(count for _, count in enough.wishes) == 5


def test_a_parent_who_only_gives_a_score_counts_with_a_score_and_no_text() -> None:
    answers = [*_answers_with_texts(5), FeedbackAnswer("ref-4713", INLOOP_DAY, 1, None, None, None)]
    result = summarize(three_sessions(), answers)
    assert result.responses == 6
    assert result.score_distribution[1] == 1
    assert result.average_score == pytest.approx((4 * 5 + 1) / 6)
    assert result.helped_share == 1  # the score-only answer is not a "no"
    assert len(result.takeaways) == 5
    assert "" not in result.takeaways
    assert sum(count for _, count in result.wishes) == 5


def test_withheld_texts_say_why_in_the_message(t: Translator) -> None:
    answers = [
        FeedbackAnswer("ref-4713", INLOOP_DAY, 4, YES, "Mijn dochter Noor slaapt slecht", None)
    ]
    text = format_summary(summarize(three_sessions(), answers), t, "nl", "Inloop")
    assert "Noor" not in text
    assert "Minder dan 5 reacties" in text
    assert "Gemiddelde score: <b>4,0</b>" in text


# --- the Telegram message -------------------------------------------------------------


def test_dutch_message_shows_the_figures_formatted_for_dutch(
    summary: Summary, t: Translator
) -> None:
    text = format_summary(summary, t, "nl", "Maart & april")
    assert text.startswith("📊 <b>Maart &amp; april</b>")
    assert "Sessies: 3 · deelnemers: 48" in text
    assert "Vragen: 24 ingestuurd, 21 beantwoord" in text
    assert "Reacties: 40 op 50 verzoeken (80%)" in text
    assert "Gemiddelde score: <b>3,8</b> (aantal scores: 36)" in text
    assert "Praten met andere ouders hielp: <b>75%</b> (ja 16 · een beetje 8 · nee 8)" in text
    assert "• Schermtijd (5×)" in text
    assert "• Vaste bedtijd helpt" in text
    assert "…" not in text  # nothing had to be cut


def test_score_distribution_is_a_text_bar_chart_highest_score_first(
    summary: Summary, t: Translator
) -> None:
    text = format_summary(summary, t, "en", "March")
    bars = [line for line in text.splitlines() if line[:1].isdigit()]
    assert bars == [
        "5 😄 ▇▇▇▇▇▇▇▇▇▇ 12",
        "4 🙂 ▇▇▇▇▇▇▇▇▇▇ 12",
        "3 😐 ▇▇▇▇▇▇ 7",  # 7/12 of 10 blocks = 5.8
        "2 🙁 ▇▇▇ 3",  # 2.5 rounds up
        "1 😞 ▇▇ 2",
    ]


def test_english_message_uses_english_numbers(summary: Summary, t: Translator) -> None:
    text = format_summary(summary, t, "en", "March")
    assert "Average score: <b>3.8</b> (number of scores: 36)" in text
    assert "Responses: 40 to 50 requests (80%)" in text


def test_parent_text_is_escaped_in_the_message(t: Translator) -> None:
    answers = [
        FeedbackAnswer("ref-4711", SLEEP_DAY, 3, None, f"<b>boos</b> & blij {n}", None)
        for n in range(5)
    ]
    text = format_summary(summarize(three_sessions(), answers), t, "nl", "<i>x</i>")
    assert "&lt;b&gt;boos&lt;/b&gt; &amp; blij 0" in text
    assert "<i>" not in text


def _telegram_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _unlike_any_other(seed: int) -> str:
    """A long wish no similarity measure would group with another one."""
    rng = random.Random(seed)
    return " ".join("".join(rng.choices(string.ascii_lowercase, k=7)) for _ in range(40))


def test_five_hundred_long_take_aways_are_cut_to_fit_one_message(t: Translator) -> None:
    answers = [
        FeedbackAnswer(
            "ref-4711", SLEEP_DAY, n % 5 + 1, YES,
            f"Take-away {n:03d} 👍 " + "heel lang verhaal & meer " * 20,
            _unlike_any_other(n) if n < 60 else None,
        )
        for n in range(500)
    ]  # fmt: skip
    result = summarize(three_sessions(), answers)
    for language in ("nl", "en"):
        text = format_summary(result, t, language, "Heel 2025 " * 40)
        assert _telegram_length(text) <= MESSAGE_LIMIT
        shown = text.count("• Take-away")
        assert 0 < shown < 500
        wishes_shown = len(text.split("\n• ")) - 1 - shown
        assert wishes_shown > 0
        more = [line for line in text.splitlines() if line.startswith("…")]
        assert f" {500 - shown} " in more[0]
        if wishes_shown < len(result.wishes):
            assert f" {len(result.wishes) - wishes_shown} " in more[1]


# --- translations ---------------------------------------------------------------------


def _catalogue(language: str) -> dict[str, str]:
    entries, *_ = load_po(LOCALES_DIR / language / "LC_MESSAGES" / "summary.po", language)
    return {key: entry.forms[0] for key, entry in entries.items()}


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def test_summary_texts_exist_in_dutch_and_english_with_the_same_placeholders() -> None:
    dutch, english = _catalogue("nl"), _catalogue("en")
    assert set(dutch) == set(english)
    for key in dutch:
        assert _placeholders(dutch[key]) == _placeholders(english[key]), key


def test_every_summary_text_the_code_uses_is_in_both_catalogues(t: Translator) -> None:
    used: set[str] = set()

    class Recording(Translator):
        def __call__(self, language, key, /, **params):
            used.add(key)
            return super().__call__(language, key, **params)

    recording = Recording()
    format_summary(summarize(three_sessions(), forty_responses()), recording, "nl", "x")
    format_summary(summarize([], []), recording, "nl", "x")
    format_summary(summarize(three_sessions(), _answers_with_texts(4)), recording, "nl", "x")
    for language in ("nl", "en"):
        assert used <= set(_catalogue(language))


# --- parents who write Turkish or Arabic ----------------------------------------------


def test_feedback_in_turkish_and_arabic_counts_and_is_shown_as_written(t: Translator) -> None:
    """The summary does not depend on the language a parent answered in."""
    day = INLOOP_DAY
    turkish_wish, arabic_wish = "Ekran süresi ve ödevler", "النوم عند الأطفال"
    answers = [
        FeedbackAnswer("ref-4713", day, 5, YES, "Diğer annelerle konuşmak çok iyi geldi", None),
        FeedbackAnswer("ref-4713", day, 4, A_BIT, "شكرًا، تعلمت الكثير <3", arabic_wish),
        FeedbackAnswer("ref-4713", day, 2, NO, None, arabic_wish),
        FeedbackAnswer("ref-4713", day, 4, YES, None, turkish_wish),
        FeedbackAnswer("ref-4713", day, 3, None, "Rustig blijven", "Schermtijd"),
    ]
    result = summarize(three_sessions()[2:], answers)
    assert result.responses == 5
    assert result.scored == 5
    assert result.average_score == pytest.approx(18 / 5)
    assert result.helped_share == pytest.approx(3 / 4)
    # The same Arabic wish twice is one topic, counted twice; text exactly as written.
    assert (arabic_wish, 2) in result.wishes
    assert (turkish_wish, 1) in result.wishes
    message = format_summary(result, t, "nl", "Inloop Overvecht")
    assert "Diğer annelerle konuşmak çok iyi geldi" in message
    assert "شكرًا، تعلمت الكثير &lt;3" in message  # as written, only HTML-escaped
    # Arabic inside the Dutch message is isolated, so the line keeps reading left to right.
    assert f"\u2068{arabic_wish}\u2069 (2×)" in message
    assert f"{turkish_wish} (1×)" in message
    # A coordinator whose own language is Arabic reads the staff summary in English.
    assert "Average score" in format_summary(result, t, "ar", "Inloop Overvecht")


def test_a_one_person_inloops_text_stays_out_of_a_period_summary_as_in_the_csv() -> None:
    from bot.feedback.export import export_csv

    answers = [
        *[
            FeedbackAnswer("ref-4711", SLEEP_DAY, 4, YES, f"Slaap-tip {n}", f"Slaapwens {n}")
            for n in range(5)
        ],
        FeedbackAnswer("ref-4713", INLOOP_DAY, 2, YES, "Alleen ik was er, Fatma", "Meer koffie"),
    ]
    result = summarize(three_sessions(), answers)
    assert result.responses == 6
    assert len(result.takeaways) == 5
    assert not any("Fatma" in text for text in result.takeaways)
    assert result.text_withheld is True  # and the message says some texts are held back
    exported = export_csv(three_sessions(), answers).decode("utf-8-sig")
    assert "Fatma" not in exported
    assert "Slaap-tip 3" in exported

"""The CSV export: opens in Dutch Excel, holds no ids, and cannot run formulas."""

from __future__ import annotations

import csv
import io
import random

import pytest

from bot.core.i18n import Translator
from bot.feedback.export import (
    DEFAULT_HEADER,
    DEFAULT_WORDS,
    csv_header,
    csv_words,
    export_csv,
    neutralise,
)
from bot.feedback.records import FeedbackAnswer, Helped
from tests.test_feedback_summary import (
    INLOOP_DAY,
    SLEEP_DAY,
    forty_responses,
    three_sessions,
)


def parse(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_export_parses_back_with_a_header_and_one_row_per_response() -> None:
    rows = parse(export_csv(three_sessions(), forty_responses()))
    assert rows[0] == list(DEFAULT_HEADER)
    assert len(rows) == 1 + 40
    assert {len(row) for row in rows} == {8}
    first = rows[1]
    assert first[:4] == ["Goed slapen", "slaap", "webinar", "2025-03-04"]


def test_export_has_no_id_like_column_or_value() -> None:
    data = export_csv(three_sessions(), forty_responses())
    rows = parse(data)
    assert not any("id" in name.lower() or "ref" in name.lower() for name in rows[0])
    assert b"ref-47" not in data  # session references stay inside the bot
    assert "Andere sessie" not in data.decode("utf-8-sig")  # answers to other sessions


def test_row_order_does_not_depend_on_the_order_answers_came_in() -> None:
    answers = forty_responses()
    shuffled = answers[:]
    random.Random(7).shuffle(shuffled)
    assert export_csv(three_sessions(), shuffled) == export_csv(three_sessions(), answers)


def test_rows_are_grouped_by_session_day() -> None:
    rows = parse(export_csv(three_sessions(), forty_responses()))[1:]
    days = [row[3] for row in rows]
    assert days == sorted(days)
    assert days.count("2025-03-04") == 20


def test_values_are_written_plainly() -> None:
    rows = parse(export_csv(three_sessions(), forty_responses()))[1:]
    assert {row[4] for row in rows} == {"", "1", "2", "3", "4", "5"}
    assert {row[5] for row in rows} == {"", "ja", "een beetje", "nee"}
    gezellig = [
        "Inloop Overvecht", "ontmoeting", "inloopmoment", "2025-03-13", "", "ja", "Gezellig", "",
    ]  # fmt: skip
    assert gezellig in rows


@pytest.mark.parametrize(
    "dangerous", ['=HYPERLINK("http://x")', "+31612345678", "-2+3", "@SUM(A1)", "\t=1+1"]
)
def test_formula_injection_is_neutralised_with_a_leading_apostrophe(dangerous: str) -> None:
    answers = [
        FeedbackAnswer("ref-4713", INLOOP_DAY, 3, Helped.NO, dangerous, dangerous) for _ in range(5)
    ]
    rows = parse(export_csv(three_sessions(), answers))[1:]
    assert {row[6] for row in rows} == {"'" + dangerous.strip()}
    assert {row[7] for row in rows} == {"'" + dangerous.strip()}


def test_coordinator_titles_are_neutralised_too() -> None:
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("Slapen = rust") == "Slapen = rust"


def test_texts_of_a_session_with_fewer_than_five_responses_are_left_out() -> None:
    answers = [
        FeedbackAnswer("ref-4711", SLEEP_DAY, 4, Helped.YES, "Mijn zoon Daan", "Daan")
        for _ in range(4)
    ]
    rows = parse(export_csv(three_sessions(), answers))[1:]
    assert len(rows) == 4
    assert {(row[4], row[6], row[7]) for row in rows} == {("4", "", "")}


def test_a_score_only_answer_is_a_row_with_empty_text_cells() -> None:
    answers = [FeedbackAnswer("ref-4713", INLOOP_DAY, 2, None, None, None)]
    rows = parse(export_csv(three_sessions(), answers))[1:]
    assert rows == [
        ["Inloop Overvecht", "ontmoeting", "inloopmoment", "2025-03-13", "2", "", "", ""]
    ]


def test_multiline_text_with_semicolons_survives_the_round_trip() -> None:
    text = 'Rust; regelmaat\nen "grenzen"'
    answers = [FeedbackAnswer("ref-4711", SLEEP_DAY, 5, None, text, None) for _ in range(5)]
    rows = parse(export_csv(three_sessions(), answers))[1:]
    assert {row[6] for row in rows} == {text}


def test_the_default_header_is_the_dutch_translation() -> None:
    t = Translator()
    assert csv_header(t, "nl") == DEFAULT_HEADER
    english = csv_header(t, "en")
    rows = parse(export_csv(three_sessions(), [], header=english))
    assert rows == [list(english)]


def test_headers_and_values_are_in_one_language() -> None:
    t = Translator()
    assert csv_words(t, "nl") == DEFAULT_WORDS
    english = export_csv(
        three_sessions(),
        forty_responses(),
        header=csv_header(t, "en"),
        words=csv_words(t, "en"),
    )
    rows = parse(english)
    assert rows[0][5] == "Other parents helped"
    assert {row[5] for row in rows[1:]} == {"", "yes", "a bit", "no"}
    assert {row[2] for row in rows[1:]} == {"webinar", "walk-in session"}

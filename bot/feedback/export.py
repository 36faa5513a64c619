"""The anonymised feedback as a CSV file coordinators open in (Dutch) Excel.

UTF-8 with a byte-order mark (without it Excel guesses a legacy code page and mangles
"één"), semicolon-separated (Dutch Excel uses the comma as decimal separator and expects
semicolons), CRLF line ends. One row per response; no parent, request or Telegram id.

Row order: sorted by session (day, title, reference), then by the answer's own content.
Storage hands answers over in the order they arrived, and that order, kept across two
sessions, could tie a parent's rows together ("the third answer each time"). A seeded
shuffle would hide it too, but a seed either comes from the data (and can be replayed)
or is random (and the same export differs each time). Sorting by content depends only
on the values in the row itself, so the position of a row says nothing the row does not.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from bot.core.i18n import Translator
from bot.feedback.records import FeedbackAnswer, FeedbackSession, clean_text
from bot.feedback.summary import sessions_with_texts

COLUMN_KEYS = ("title", "theme", "kind", "day", "score", "helped", "takeaway", "wish")
DEFAULT_HEADER = (
    "Sessie", "Thema", "Soort", "Datum", "Score", "Andere ouders hielpen", "Neemt mee",
    "Onderwerpwens",
)  # fmt: skip
# The coded values in the cells (session kind, "did other parents help"), in Dutch unless
# the coordinator's words are passed: a file with Dutch headers and English "a_bit" is
# hard to read in either language.
VALUE_KEYS = ("webinar", "inloop", "yes", "a_bit", "no")
DEFAULT_WORDS = {
    "webinar": "webinar", "inloop": "inloopmoment", "yes": "ja", "a_bit": "een beetje", "no": "nee",
}  # fmt: skip
# A cell starting with one of these is run as a formula by Excel and LibreOffice
# (OWASP "CSV injection"); tab and carriage return can hide such a start.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HELPED_ORDER = {None: 0, "yes": 1, "a_bit": 2, "no": 3}


def csv_header(t: Translator, language: str) -> tuple[str, ...]:
    """Column names in the coordinator's language (``summary.csv.*``)."""
    return tuple(t(language, f"summary.csv.{key}") for key in COLUMN_KEYS)


def csv_words(t: Translator, language: str) -> dict[str, str]:
    """The coded cell values in the coordinator's language (``summary.csv.value.*``)."""
    return {key: t(language, f"summary.csv.value.{key}") for key in VALUE_KEYS}


def neutralise(cell: str) -> str:
    """Make a text cell inert in spreadsheets: a leading apostrophe before a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def export_csv(
    sessions: Sequence[FeedbackSession],
    answers: Sequence[FeedbackAnswer],
    *,
    header: Sequence[str] = DEFAULT_HEADER,
    words: Mapping[str, str] = DEFAULT_WORDS,
) -> bytes:
    """One row per response to one of `sessions`; answers to other sessions are left out.

    Free text of a session with fewer than `MIN_RESPONSES_FOR_TEXT` responses is left
    empty, for the same reason the summary withholds it: in a small inloop group the
    coordinator would recognise the parent, and here the text sits next to their score.
    """
    if len(header) != len(COLUMN_KEYS):
        raise ValueError(f"header needs {len(COLUMN_KEYS)} columns, got {len(header)}")
    by_ref = {session.ref: session for session in sessions}
    responses = [a for a in answers if a.session_ref in by_ref and a.is_response]
    shown = sessions_with_texts(responses)  # the summary's rule, per session

    rows = [
        _row(by_ref[answer.session_ref], answer, answer.session_ref in shown, words)
        for answer in responses
    ]
    rows.sort(key=lambda row: row[0])

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(name) for name in header])
    writer.writerows(cells for _, cells in rows)
    return buffer.getvalue().encode("utf-8-sig")


def _row(
    session: FeedbackSession, answer: FeedbackAnswer, texts_shown: bool, words: Mapping[str, str]
) -> tuple[tuple[object, ...], list[str]]:
    """One response's cells, and the key that sorts it among the others: by session, then
    by the row's own content (see the module)."""
    takeaway = (answer.takeaway or "").strip() if texts_shown else ""
    wish = (answer.wish or "").strip() if texts_shown else ""
    sort_key = (
        session.day, session.title, session.ref,
        answer.score or 0, HELPED_ORDER[answer.helped],
        clean_text(takeaway).casefold(), clean_text(wish).casefold(), takeaway, wish,
    )  # fmt: skip
    cells = [
        neutralise(session.title),
        neutralise(session.theme),
        words.get(session.kind, session.kind),
        session.day.isoformat(),
        "" if answer.score is None else str(answer.score),
        "" if answer.helped is None else words.get(answer.helped.value, answer.helped.value),
        neutralise(takeaway),
        neutralise(wish),
    ]
    return sort_key, cells

"""Monitor figures (issue 24): per organisation and per wijk, for a period.

Pure domain code: `gather` (bot.monitor.report) hands in the period's webinars, inloop
series, visits, cancellations and feedback; `compute` adds them up per organisation and
per wijk. Small-group protection is applied here, so every output (document, CSV,
chat) gets it: a figure about people is only shown when at least `MIN_PEOPLE` people are
behind it (the same five as the feedback summaries' `MIN_RESPONSES_FOR_TEXT`), and a
question group's text only when at least five parents asked it. Counts of events
(webinars, sessions, cancellations) are not about people and are always shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.feedback.records import FeedbackAnswer, FeedbackSession
from bot.feedback.summary import MIN_RESPONSES_FOR_TEXT, summarize

MIN_PEOPLE = MIN_RESPONSES_FOR_TEXT
TOP_GROUPS = 3  # question groups listed per webinar


def protected(value: float | int | None, people: int) -> float | int | None:
    """`value`, or None when fewer than MIN_PEOPLE people are behind it."""
    return value if people >= MIN_PEOPLE else None


@dataclass(frozen=True)
class WebinarInput:
    id: int
    title: str
    day: date
    organisation: str
    wijk: str
    participants: int
    askers: int
    asked: int
    answered: int
    grouped: int
    replay_notices: int
    session_ref: str
    groups: Sequence[tuple[int, str | None]] = ()  # (distinct parents, text), biggest first


@dataclass(frozen=True)
class SeriesInput:
    id: int
    title: str
    organisation: str
    wijk: str
    sessions: int  # held in the period (cancelled ones not counted)
    visits: int  # "was je erbij?" answered yes
    cancellations: int
    session_refs: frozenset[str] = frozenset()


@dataclass
class Totals:
    """Raw sums for one organisation or wijk (or everything); `row` protects them."""

    webinars: int = 0
    participants: int = 0
    askers: int = 0
    asked: int = 0
    answered: int = 0
    grouped: int = 0
    replay_notices: int = 0
    series: int = 0
    sessions: int = 0
    visits: int = 0
    cancellations: int = 0
    refs: set[str] = field(default_factory=set)

    def add_webinar(self, webinar: WebinarInput) -> None:
        self.webinars += 1
        self.participants += webinar.participants
        self.askers += webinar.askers
        self.asked += webinar.asked
        self.answered += webinar.answered
        self.grouped += webinar.grouped
        self.replay_notices += webinar.replay_notices
        self.refs.add(webinar.session_ref)

    def add_series(self, series: SeriesInput) -> None:
        self.series += 1
        self.sessions += series.sessions
        self.visits += series.visits
        self.cancellations += series.cancellations
        self.refs |= series.session_refs


@dataclass(frozen=True)
class Row:
    """The figures shown for one organisation, wijk, webinar or the total: None where
    fewer than five people are behind a figure."""

    name: str
    webinars: int
    participants: int | None
    asked: int | None
    answered: int | None
    grouped: int | None
    replay_notices: int | None
    series: int
    sessions: int
    visits: int | None
    cancellations: int
    responses: int | None
    response_rate: float | None
    mean_score: float | None
    helped_share: float | None


def row_of(
    name: str,
    totals: Totals,
    sessions: Sequence[FeedbackSession],
    answers: Sequence[FeedbackAnswer],
) -> Row:
    mine = [s for s in sessions if s.ref in totals.refs]
    summary = summarize(mine, answers)
    helped_answers = summary.helped_yes + summary.helped_a_bit + summary.helped_no
    return Row(
        name=name,
        webinars=totals.webinars,
        participants=_int(protected(totals.participants, totals.participants)),
        asked=_int(protected(totals.asked, totals.askers)),
        answered=_int(protected(totals.answered, totals.askers)),
        grouped=_int(protected(totals.grouped, totals.askers)),
        replay_notices=_int(protected(totals.replay_notices, totals.replay_notices)),
        series=totals.series,
        sessions=totals.sessions,
        visits=_int(protected(totals.visits, totals.visits)),
        cancellations=totals.cancellations,
        responses=_int(protected(summary.responses, summary.responses)),
        response_rate=protected(summary.response_rate, summary.responses),
        mean_score=protected(summary.average_score, summary.scored),
        helped_share=protected(summary.helped_share, helped_answers),
    )


def _int(value: float | int | None) -> int | None:
    return None if value is None else int(value)


@dataclass(frozen=True)
class WebinarLine:
    """One webinar in the document: its figures and its most asked question groups."""

    title: str
    day: date
    organisation: str
    wijk: str
    row: Row
    # (parents, text), only groups of five or more; text None once retention removed it
    top_groups: list[tuple[int, str | None]]


@dataclass(frozen=True)
class MonitorReport:
    first: date
    last: date
    total: Row
    organisations: list[Row]
    wijken: list[Row]
    webinars: list[WebinarLine]


def _by(
    names: Iterable[tuple[str, WebinarInput | SeriesInput]],
) -> dict[str, Totals]:
    result: dict[str, Totals] = {}
    for name, item in names:
        _add(result.setdefault(name, Totals()), item)
    return result


def _add(totals: Totals, item: WebinarInput | SeriesInput) -> None:
    if isinstance(item, WebinarInput):
        totals.add_webinar(item)
    else:
        totals.add_series(item)


def compute(
    first: date,
    last: date,
    webinars: Sequence[WebinarInput],
    series: Sequence[SeriesInput],
    sessions: Sequence[FeedbackSession],
    answers: Sequence[FeedbackAnswer],
    *,
    no_organisation: str,
    citywide: str,
    total_name: str,
) -> MonitorReport:
    """The period's figures; `no_organisation` and `citywide` name the blanks."""
    items: list[WebinarInput | SeriesInput] = [*webinars, *series]
    organisations = _by((item.organisation or no_organisation, item) for item in items)
    wijken = _by((item.wijk or citywide, item) for item in items)
    everything = Totals()
    for item in items:
        _add(everything, item)
    lines = [
        _webinar_line(webinar, sessions, answers, no_organisation, citywide) for webinar in webinars
    ]
    return MonitorReport(
        first=first,
        last=last,
        total=row_of(total_name, everything, sessions, answers),
        organisations=[
            row_of(name, totals, sessions, answers)
            for name, totals in sorted(organisations.items())
        ],
        wijken=[row_of(name, totals, sessions, answers) for name, totals in sorted(wijken.items())],
        webinars=lines,
    )


def _webinar_line(
    webinar: WebinarInput,
    sessions: Sequence[FeedbackSession],
    answers: Sequence[FeedbackAnswer],
    no_organisation: str,
    citywide: str,
) -> WebinarLine:
    """One webinar's figures, with its biggest groups of questions (those big enough to
    name no one)."""
    one = Totals()
    one.add_webinar(webinar)
    top = [(n, text) for n, text in webinar.groups if n >= MIN_PEOPLE]
    return WebinarLine(
        title=webinar.title,
        day=webinar.day,
        organisation=webinar.organisation or no_organisation,
        wijk=webinar.wijk or citywide,
        row=row_of(webinar.title, one, sessions, answers),
        top_groups=top[:TOP_GROUPS],
    )

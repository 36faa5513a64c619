"""Gathering the monitor figures of a period from storage (for `ouderbot report` and
`/monitor`): the real webinars that started in it, the inloop sessions held in it (up
to now), their visits and cancellations, and the feedback of those sessions."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.i18n import Translator
from bot.feedback.requests import inloop_ref
from bot.inloop.records import InloopSeries
from bot.inloop.recurrence import occurrences
from bot.monitor.document import csv_document, file_stem, html_document
from bot.monitor.figures import MonitorReport, SeriesInput, WebinarInput, compute
from bot.services import Repositories


def half_year_of(day: date) -> tuple[date, date]:
    """The half-year (1 January – 30 June or 1 July – 31 December) that holds `day`."""
    if day.month <= 6:
        return date(day.year, 1, 1), date(day.year, 6, 30)
    return date(day.year, 7, 1), date(day.year, 12, 31)


async def gather(
    repos: Repositories,
    zone: ZoneInfo,
    t: Translator,
    language: str,
    first: date,
    last: date,
    now: datetime,
) -> MonitorReport:
    monitor = repos.monitor
    start = datetime.combine(first, time(0), zone)
    end = datetime.combine(last + timedelta(days=1), time(0), zone)
    webinars = []
    for counts in await monitor.webinars(start, end):
        groups = await monitor.question_groups(counts.id)
        webinars.append(
            WebinarInput(
                id=counts.id,
                title=counts.title,
                day=counts.starts_at.astimezone(zone).date(),
                organisation=counts.organisation,
                wijk=counts.wijk,
                participants=counts.participants,
                askers=counts.askers,
                asked=counts.asked,
                answered=counts.answered,
                grouped=counts.grouped,
                replay_notices=counts.replay_notices,
                session_ref=counts.session_ref,
                groups=[(group.parents, group.text) for group in groups],
            )
        )
    visits = await monitor.inloop_visits(first, last)
    cancelled = await monitor.cancellations(first, last)
    series_inputs = []
    until = min(end, now)
    for series in await repos.inloop.all_series():
        skipped = cancelled.get(series.id, set())
        held = _held_days(series, zone, (start, until), (first, last), skipped)
        if not held and not skipped:
            continue  # the series did not run in this period
        series_inputs.append(
            SeriesInput(
                id=series.id,
                title=series.title,
                organisation=series.organiser,
                wijk=series.wijk,
                sessions=len(held),
                visits=visits.get(series.id, 0),
                cancellations=len(cancelled.get(series.id, set())),
                session_refs=frozenset(inloop_ref(series.id, day) for day in held),
            )
        )
    sessions = await repos.feedback.sessions_between(first, last)
    answers = await repos.feedback.answers_of(sessions)
    return compute(
        first,
        last,
        webinars,
        series_inputs,
        sessions,
        answers,
        no_organisation=t(language, "monitor.no_organisation"),
        citywide=t(language, "monitor.citywide"),
        total_name=t(language, "monitor.level.total"),
    )


def _held_days(
    series: InloopSeries,
    zone: ZoneInfo,
    moments: tuple[datetime, datetime],
    days: tuple[date, date],
    skipped: set[date],
) -> list[date]:
    """The days of the period the series met: its occurrences from the first of
    `moments` until the second (now, if the period is not over), not cancelled."""
    start, until = moments
    if until <= start:
        return []
    first, last = days
    return [
        occurrence.day
        for occurrence in occurrences(
            series.rule, zone, start_after=start - timedelta(seconds=1), until=until
        )
        if first <= occurrence.day <= last and occurrence.day not in skipped
    ]


def files(report: MonitorReport, t: Translator, language: str) -> list[tuple[str, bytes]]:
    """(file name, bytes) of the document and the CSV."""
    stem = file_stem(report)
    return [
        (f"{stem}.html", html_document(report, t, language)),
        (f"{stem}.csv", csv_document(report, t, language)),
    ]

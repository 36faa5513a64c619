"""Occurrences of an inloop series, computed from its rule in local (Europe/Amsterdam) time.

A series is held as a rule, never as a list of dates: the dates follow from the rule, and
an open-ended series (no last date) is simply an endless, lazy sequence.

Times are wall-clock times in the series' time zone. A session "at 10:00" is at 10:00
local time in winter and in summer, so its UTC instant moves by an hour when the clocks
change (in 2026: Sunday 29 March and Sunday 25 October).

Wall-clock times that do not exist, or exist twice, on a changeover day are resolved the
way RFC 5545 (iCalendar, section 3.3.5) does, which is also Python's ``fold=0``:

* a time in the spring gap (02:00-02:59 on the last Sunday of March) is read with the
  offset from before the gap, so 02:30 becomes 03:30 summer time (01:30 UTC);
* a time that occurs twice (02:00-02:59 on the last Sunday of October) means the first
  one, still in summer time, so 02:30 is 00:30 UTC.

Only the end of a session that starts in the spring gap could then fall before its start;
``ends_at`` is never earlier than ``starts_at``.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from itertools import count
from zoneinfo import ZoneInfo

# A session lasts less than a day; this margin lets `next_occurrence` find one that has
# started but not yet ended, even across a clock change.
_LONGEST_SESSION = timedelta(days=2)


class Recurrence(StrEnum):
    """How often a series repeats; the values are the words coordinators write in the CSV."""

    WEEKLY = "wekelijks"
    BIWEEKLY = "tweewekelijks"
    MONTHLY = "maandelijks"


@dataclass(frozen=True)
class SeriesRule:
    """When an inloop series meets.

    ``first_date`` is the first session and fixes the weekday. ``last_date`` (inclusive)
    ends the series; ``None`` means it runs on. ``start`` and ``end`` are naive local
    wall-clock times on the same day.

    * ``WEEKLY``: every 7 days from ``first_date``.
    * ``BIWEEKLY``: every 14 days from ``first_date``.
    * ``MONTHLY``: the same n-th weekday of every month as ``first_date`` (a first date on
      the 2nd Wednesday of its month gives the 2nd Wednesday of every month). A first date
      that is the 5th such weekday of its month means "the last <weekday> of the month",
      because most months have no 5th one.
    """

    first_date: date
    start: time
    end: time
    recurrence: Recurrence
    last_date: date | None = None

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("start and end are local wall-clock times without a time zone")
        if self.end <= self.start:
            raise ValueError("a session must end after it starts")
        if self.last_date is not None and self.last_date < self.first_date:
            raise ValueError("last_date is before first_date")

    @property
    def weekday(self) -> int:
        """The weekday the series meets on, Monday being 0 (as `date.weekday`)."""
        return self.first_date.weekday()

    @property
    def is_last_weekday(self) -> bool:
        """True for a monthly series on the last <weekday> of the month."""
        return self.recurrence is Recurrence.MONTHLY and _week_of_month(self.first_date) == 5


@dataclass(frozen=True)
class Occurrence:
    """One session of a series: its local date, and its start and end as aware UTC times."""

    day: date
    starts_at: datetime
    ends_at: datetime


def occurrences(
    rule: SeriesRule,
    tz: ZoneInfo,
    *,
    start_after: datetime,
    until: datetime | None = None,
) -> Iterator[Occurrence]:
    """The occurrences that start after ``start_after``, in order, lazily.

    The window is half-open: a start equal to ``start_after`` is excluded, a start equal
    to ``until`` is included, so consecutive windows ``(a, b]``, ``(b, c]`` neither miss
    nor repeat an occurrence. Without ``until`` and without ``rule.last_date`` the
    iterator never ends; take from it with `itertools.islice` or a loop that breaks.
    """
    _require_aware(start_after, "start_after")
    if until is not None:
        _require_aware(until, "until")
    # Start looking a day early: the local date of `start_after` may differ from its UTC
    # date, and skipping ahead avoids walking from a first date years in the past.
    from_day = start_after.astimezone(tz).date() - timedelta(days=1)
    for day in _days_from(rule, from_day):
        occurrence = _occurrence(rule, tz, day)
        if occurrence.starts_at <= start_after:
            continue
        if until is not None and occurrence.starts_at > until:
            return
        yield occurrence


def next_occurrence(rule: SeriesRule, tz: ZoneInfo, now: datetime) -> Occurrence | None:
    """The first occurrence that has not ended at ``now`` (``ends_at > now``).

    A session that is under way is still "next": a parent looking at ``/inloop`` at
    10:30 for a 10:00-11:30 session should see today's, not next week's. ``None`` when
    the series is over.
    """
    _require_aware(now, "now")
    for occurrence in occurrences(rule, tz, start_after=now - _LONGEST_SESSION):
        if occurrence.ends_at > now:
            return occurrence
    return None


def occurrence_on(rule: SeriesRule, tz: ZoneInfo, day: date) -> Occurrence | None:
    """The occurrence on local date ``day``, or ``None`` when the series does not meet then."""
    if day < rule.first_date or (rule.last_date is not None and day > rule.last_date):
        return None
    if rule.recurrence is Recurrence.MONTHLY:
        if day != _monthly_day(rule, day.year, day.month):
            return None
    elif (day - rule.first_date).days % _step_days(rule.recurrence) != 0:
        return None
    return _occurrence(rule, tz, day)


def local_instant(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of wall-clock ``clock`` on ``day`` in ``tz`` (RFC 5545 resolution)."""
    # fold=0 explicitly: a caller's time(…, fold=1) must not change the answer.
    local = datetime.combine(day, clock.replace(fold=0, tzinfo=None)).replace(tzinfo=tz)
    return local.astimezone(UTC)


def _occurrence(rule: SeriesRule, tz: ZoneInfo, day: date) -> Occurrence:
    starts_at = local_instant(day, rule.start, tz)
    ends_at = max(local_instant(day, rule.end, tz), starts_at)
    return Occurrence(day=day, starts_at=starts_at, ends_at=ends_at)


def _days_from(rule: SeriesRule, from_day: date) -> Iterator[date]:
    """The rule's local dates on or after ``from_day``, in order, up to ``last_date``."""
    if rule.recurrence is Recurrence.MONTHLY:
        days = _monthly_days(rule, from_day)
    else:
        days = _stepped_days(rule, from_day)
    for day in days:
        if rule.last_date is not None and day > rule.last_date:
            return
        yield day


def _stepped_days(rule: SeriesRule, from_day: date) -> Iterator[date]:
    step = _step_days(rule.recurrence)
    behind = (from_day - rule.first_date).days
    first_index = max(0, -(-behind // step))  # ceiling division: first index on/after
    for index in count(first_index):
        yield rule.first_date + timedelta(days=index * step)


def _monthly_days(rule: SeriesRule, from_day: date) -> Iterator[date]:
    year, month = rule.first_date.year, rule.first_date.month
    if (from_day.year, from_day.month) > (year, month):
        year, month = from_day.year, from_day.month
    while True:
        day = _monthly_day(rule, year, month)
        if day >= rule.first_date:
            yield day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _monthly_day(rule: SeriesRule, year: int, month: int) -> date:
    weekday = rule.first_date.weekday()
    week = _week_of_month(rule.first_date)
    if week == 5:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (week - 1))


def _week_of_month(day: date) -> int:
    """1 for the first <weekday> of its month, ..., 5 for a fifth."""
    return (day.day - 1) // 7 + 1


def _step_days(recurrence: Recurrence) -> int:
    return 14 if recurrence is Recurrence.BIWEEKLY else 7


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")

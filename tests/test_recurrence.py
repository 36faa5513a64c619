"""Occurrences of inloop series: weekly, every two weeks, monthly, across clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import islice, pairwise
from zoneinfo import ZoneInfo

import pytest

from bot.inloop.recurrence import (
    Occurrence,
    Recurrence,
    SeriesRule,
    local_instant,
    next_occurrence,
    occurrence_on,
    occurrences,
)

AMS = ZoneInfo("Europe/Amsterdam")
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def rule(
    first: date,
    recurrence: Recurrence = Recurrence.WEEKLY,
    start: time = time(10, 0),
    end: time = time(11, 30),
    last: date | None = None,
) -> SeriesRule:
    return SeriesRule(first_date=first, start=start, end=end, recurrence=recurrence, last_date=last)


def days(items: list[Occurrence]) -> list[date]:
    return [item.day for item in items]


def test_weekly_session_keeps_local_time_across_spring_change() -> None:
    # Wednesdays around Sunday 29 March 2026, when the clocks go forward.
    series = rule(date(2026, 3, 18), last=date(2026, 4, 1))
    found = list(occurrences(series, AMS, start_after=LONG_AGO))
    assert days(found) == [date(2026, 3, 18), date(2026, 3, 25), date(2026, 4, 1)]
    assert [o.starts_at for o in found] == [
        utc(2026, 3, 18, 9),
        utc(2026, 3, 25, 9),
        utc(2026, 4, 1, 8),
    ]
    assert [o.ends_at for o in found] == [
        utc(2026, 3, 18, 10, 30),
        utc(2026, 3, 25, 10, 30),
        utc(2026, 4, 1, 9, 30),
    ]
    assert all(o.starts_at.astimezone(AMS).time() == time(10, 0) for o in found)


def test_weekly_session_keeps_local_time_across_autumn_change() -> None:
    # Thursdays around Sunday 25 October 2026, when the clocks go back.
    series = rule(date(2026, 10, 22), start=time(19, 0), end=time(20, 0), last=date(2026, 10, 29))
    found = list(occurrences(series, AMS, start_after=LONG_AGO))
    assert [o.starts_at for o in found] == [utc(2026, 10, 22, 17), utc(2026, 10, 29, 18)]
    assert all(o.starts_at.tzinfo is UTC and o.ends_at.tzinfo is UTC for o in found)


def test_sunday_series_on_the_changeover_days_themselves() -> None:
    spring = rule(date(2026, 3, 29), start=time(10), end=time(11), last=date(2026, 3, 29))
    autumn = rule(date(2026, 10, 25), start=time(10), end=time(11), last=date(2026, 10, 25))
    assert next(occurrences(spring, AMS, start_after=LONG_AGO)).starts_at == utc(2026, 3, 29, 8)
    assert next(occurrences(autumn, AMS, start_after=LONG_AGO)).starts_at == utc(2026, 10, 25, 9)


def test_time_in_the_spring_gap_moves_forward_by_the_gap() -> None:
    # 02:30 does not exist on 29 March 2026; RFC 5545 reads it as 03:30 summer time.
    assert local_instant(date(2026, 3, 29), time(2, 30), AMS) == utc(2026, 3, 29, 1, 30)
    assert local_instant(date(2026, 3, 29), time(2, 30, fold=1), AMS) == utc(2026, 3, 29, 1, 30)


def test_time_that_occurs_twice_in_autumn_means_the_first() -> None:
    # 02:30 happens twice on 25 October 2026; the first is still summer time (UTC+2).
    assert local_instant(date(2026, 10, 25), time(2, 30), AMS) == utc(2026, 10, 25, 0, 30)
    assert local_instant(date(2026, 10, 25), time(2, 30, fold=1), AMS) == utc(2026, 10, 25, 0, 30)


def test_session_starting_in_the_spring_gap_never_ends_before_it_starts() -> None:
    series = rule(date(2026, 3, 29), start=time(2, 30), end=time(3, 0), last=date(2026, 3, 29))
    only = next(occurrences(series, AMS, start_after=LONG_AGO))
    assert only.ends_at >= only.starts_at


def test_biweekly_is_every_fourteen_days() -> None:
    series = rule(date(2026, 12, 3), Recurrence.BIWEEKLY)
    found = list(islice(occurrences(series, AMS, start_after=LONG_AGO), 4))
    assert days(found) == [
        date(2026, 12, 3),
        date(2026, 12, 17),
        date(2026, 12, 31),
        date(2027, 1, 14),
    ]


def test_monthly_follows_the_nth_weekday_of_the_month() -> None:
    # 2 December 2026 is the first Wednesday of December.
    series = rule(date(2026, 12, 2), Recurrence.MONTHLY)
    found = list(islice(occurrences(series, AMS, start_after=LONG_AGO), 4))
    assert days(found) == [date(2026, 12, 2), date(2027, 1, 6), date(2027, 2, 3), date(2027, 3, 3)]
    assert all(day.weekday() == 2 for day in days(found))


def test_monthly_on_a_fourth_weekday_stays_fourth_even_when_a_fifth_exists() -> None:
    # 24 December 2026 is the 4th Thursday; December 2026 has a 5th (the 31st).
    series = rule(date(2026, 12, 24), Recurrence.MONTHLY)
    found = list(islice(occurrences(series, AMS, start_after=LONG_AGO), 3))
    assert days(found) == [date(2026, 12, 24), date(2027, 1, 28), date(2027, 2, 25)]


def test_monthly_from_a_fifth_weekday_means_the_last_weekday() -> None:
    # 29 January 2027 is the 5th Friday of January: "the last Friday of every month".
    series = rule(date(2027, 1, 29), Recurrence.MONTHLY)
    assert series.is_last_weekday
    found = list(islice(occurrences(series, AMS, start_after=LONG_AGO), 4))
    assert days(found) == [
        date(2027, 1, 29),
        date(2027, 2, 26),
        date(2027, 3, 26),
        date(2027, 4, 30),
    ]


def test_monthly_crosses_the_year_end() -> None:
    series = rule(date(2026, 11, 10), Recurrence.MONTHLY)  # 2nd Tuesday
    found = list(islice(occurrences(series, AMS, start_after=LONG_AGO), 3))
    assert days(found) == [date(2026, 11, 10), date(2026, 12, 8), date(2027, 1, 12)]


def test_last_date_is_inclusive() -> None:
    series = rule(date(2026, 12, 1), last=date(2026, 12, 15))
    assert days(list(occurrences(series, AMS, start_after=LONG_AGO))) == [
        date(2026, 12, 1),
        date(2026, 12, 8),
        date(2026, 12, 15),
    ]


def test_last_date_that_is_not_a_session_day_still_bounds_the_series() -> None:
    series = rule(date(2026, 12, 1), Recurrence.BIWEEKLY, last=date(2026, 12, 28))
    assert days(list(occurrences(series, AMS, start_after=LONG_AGO))) == [
        date(2026, 12, 1),
        date(2026, 12, 15),
    ]


def test_start_after_is_exclusive_and_until_inclusive() -> None:
    series = rule(date(2026, 12, 1))  # Tuesdays 10:00 local = 09:00 UTC
    first_start = utc(2026, 12, 1, 9)
    after_first = list(
        occurrences(series, AMS, start_after=first_start, until=utc(2026, 12, 15, 9))
    )
    assert days(after_first) == [date(2026, 12, 8), date(2026, 12, 15)]


def test_windows_that_touch_neither_miss_nor_repeat_an_occurrence() -> None:
    series = rule(date(2026, 12, 1))
    edges = [utc(2026, 11, 30), utc(2026, 12, 8, 9), utc(2026, 12, 20), utc(2027, 1, 5, 9)]
    pieces = [
        day
        for a, b in pairwise(edges)
        for day in days(list(occurrences(series, AMS, start_after=a, until=b)))
    ]
    assert pieces == [date(2026, 12, d) for d in (1, 8, 15, 22, 29)] + [date(2027, 1, 5)]


def test_occurrences_skip_to_start_after_in_a_long_running_series() -> None:
    series = rule(date(2020, 1, 7))  # Tuesdays since 2020
    found = next(occurrences(series, AMS, start_after=utc(2026, 12, 2)))
    assert found.day == date(2026, 12, 8)


def test_occurrences_before_the_first_date_start_at_the_first_date() -> None:
    series = rule(date(2027, 1, 6), Recurrence.MONTHLY)
    assert next(occurrences(series, AMS, start_after=utc(2026, 12, 1))).day == date(2027, 1, 6)


def test_iteration_is_lazy_without_a_last_date() -> None:
    series = rule(date(2026, 12, 1))
    stream = occurrences(series, AMS, start_after=LONG_AGO)
    thousand = list(islice(stream, 1000))
    assert thousand[-1].day == date(2026, 12, 1) + timedelta(weeks=999)
    assert next(stream).day == date(2026, 12, 1) + timedelta(weeks=1000)


def test_occurrences_refuse_naive_datetimes() -> None:
    series = rule(date(2026, 12, 1))
    naive = datetime(2026, 12, 1)  # noqa: DTZ001 (naive on purpose: it must be refused)
    with pytest.raises(ValueError, match="timezone-aware"):
        next(occurrences(series, AMS, start_after=naive))
    with pytest.raises(ValueError, match="timezone-aware"):
        next(occurrences(series, AMS, start_after=LONG_AGO, until=naive))
    with pytest.raises(ValueError, match="timezone-aware"):
        next_occurrence(series, AMS, naive)


def test_next_occurrence_before_during_and_after_a_session() -> None:
    series = rule(date(2026, 12, 1))  # 10:00-11:30 local = 09:00-10:30 UTC

    def next_day(now: datetime) -> date | None:
        found = next_occurrence(series, AMS, now)
        return found.day if found else None

    assert next_day(utc(2026, 11, 1)) == date(2026, 12, 1)
    assert next_day(utc(2026, 12, 1, 8, 59)) == date(2026, 12, 1)
    assert next_day(utc(2026, 12, 1, 10)) == date(2026, 12, 1)  # under way: still today's
    assert next_day(utc(2026, 12, 1, 10, 30)) == date(2026, 12, 8)  # just ended


def test_next_occurrence_is_none_when_the_series_is_over() -> None:
    series = rule(date(2026, 12, 1), last=date(2026, 12, 8))
    assert next_occurrence(series, AMS, utc(2026, 12, 8, 10, 30)) is None


def test_occurrence_on_a_session_day_and_on_other_days() -> None:
    weekly = rule(date(2026, 12, 1), last=date(2026, 12, 29))
    found = occurrence_on(weekly, AMS, date(2026, 12, 15))
    assert found == Occurrence(date(2026, 12, 15), utc(2026, 12, 15, 9), utc(2026, 12, 15, 10, 30))
    assert occurrence_on(weekly, AMS, date(2026, 12, 16)) is None
    assert occurrence_on(weekly, AMS, date(2026, 11, 24)) is None  # before the first date
    assert occurrence_on(weekly, AMS, date(2027, 1, 5)) is None  # after the last date


def test_occurrence_on_for_biweekly_and_last_weekday_series() -> None:
    biweekly = rule(date(2026, 12, 1), Recurrence.BIWEEKLY)
    assert occurrence_on(biweekly, AMS, date(2026, 12, 15)) is not None
    assert occurrence_on(biweekly, AMS, date(2026, 12, 8)) is None
    last_friday = rule(date(2027, 1, 29), Recurrence.MONTHLY)
    assert occurrence_on(last_friday, AMS, date(2027, 2, 26)) is not None
    assert occurrence_on(last_friday, AMS, date(2027, 2, 19)) is None


def test_rule_refuses_end_before_start_and_last_before_first() -> None:
    with pytest.raises(ValueError, match="must end after it starts"):
        rule(date(2026, 12, 1), start=time(11), end=time(10))
    with pytest.raises(ValueError, match="last_date is before first_date"):
        rule(date(2026, 12, 1), last=date(2026, 11, 30))


def test_recurrence_values_are_the_csv_words() -> None:
    assert [r.value for r in Recurrence] == ["wekelijks", "tweewekelijks", "maandelijks"]
    assert rule(date(2026, 12, 2)).weekday == 2

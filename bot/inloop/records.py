"""Plain records of inloop series shared by storage and the domain (they import neither)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bot.inloop.recurrence import Occurrence, SeriesRule


class ReminderKind(StrEnum):
    EVENING = "evening"  # the evening before
    BEFORE = "before"  # shortly before the start


@dataclass(frozen=True)
class InloopSeries:
    """A walk-in series: what, where, and its rule (local dates and times). ``key``
    identifies it across imports of the programme (see bot.inloop.programme_csv.series_key);
    ``id`` is its row id once stored, 0 before."""

    title: str
    theme: str
    wijk: str
    location: str
    organiser: str
    rule: SeriesRule
    key: str = ""
    id: int = 0


@dataclass(frozen=True)
class PlannedReminder:
    series: InloopSeries
    occurrence: Occurrence
    kind: ReminderKind
    due_at: datetime

    @property
    def key_prefix(self) -> str:
        """The dedup key without the user id; each subscriber's row appends theirs."""
        return f"{occurrence_prefix(self.series.id, self.occurrence.day)}{self.kind.value}:"


def occurrence_prefix(series_id: int, day: date) -> str:
    """What every reminder key of one occurrence starts with (``rem:{series}:{date}:``)."""
    return f"rem:{series_id}:{day.isoformat()}:"


def series_prefix(series_id: int) -> str:
    return f"rem:{series_id}:"

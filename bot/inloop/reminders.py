"""Inloop reminders: which reminders an occurrence gets, what they say, and the scheduler.

Reminders are rows in the durable outbox (see storage.outbox and bot.delivery.dispatcher), never
timers in memory. The scheduler only *materialises* them: once a minute it computes the
occurrences of every series in the next `HORIZON` and queues, for every subscriber, the
evening-before and the shortly-before reminder of each, with a dedup key
(``rem:{series}:{date}:{kind}:{user}``) so that running the pass again, after a restart
or twice at once, queues nothing twice. The dispatcher sends them when they fall due.

Rules (settings.reminders):

* the evening-before reminder is due at ``evening_before`` local time on the day before
  the occurrence (off when ""), the other one ``before_start_minutes`` before the start
  (off when 0); local times follow the clock changes of the configured zone;
* a reminder that fell due before the parent subscribed is not sent (subscribing at 20:00
  still gets the one-hour reminder, not yesterday evening's);
* every reminder expires at the occurrence's start: one that fell due while the bot was
  down is sent late if the session has not started yet, and dropped (and counted) if it
  has;
* a cancelled occurrence gets no reminders; unsubscribing or cancelling withdraws the
  pending ones (storage.inloop does both in the same transaction as the change).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.config import ReminderSettings
from bot.core import callbacks
from bot.core.clock import Clock
from bot.core.models import OutgoingMessage
from bot.core.rendering import moment
from bot.inloop.records import (
    InloopSeries,
    PlannedReminder,
    ReminderKind,
)
from bot.inloop.recurrence import (
    Occurrence,
    local_instant,
    next_occurrence,
    occurrences,
)
from bot.runtime.background import PeriodicPass
from storage.inloop import InloopRepository

log = logging.getLogger(__name__)

# Occurrences starting this far ahead get their reminders queued. It must exceed the
# longest lead time (an evening-before reminder at 00:00 for a session at 23:59 is just
# under 48 hours ahead); with the defaults a reminder is queued a day or more early.
HORIZON = timedelta(hours=48)
PASS_INTERVAL_SECONDS = 60.0


@dataclass(frozen=True)
class ReminderPolicy:
    """When reminders go: ``evening`` local time the day before (None: off), and
    ``before_minutes`` before the start (0: off)."""

    evening: time | None = time(19, 0)
    before_minutes: int = 60

    @classmethod
    def from_settings(cls, settings: ReminderSettings) -> ReminderPolicy:
        return cls(settings.evening_time, settings.before_start_minutes)


def reminder_times(
    occurrence: Occurrence, zone: ZoneInfo, policy: ReminderPolicy
) -> list[tuple[ReminderKind, datetime]]:
    """The reminders one occurrence gets, with their due instants (UTC)."""
    times: list[tuple[ReminderKind, datetime]] = []
    if policy.evening is not None:
        due = local_instant(occurrence.day - timedelta(days=1), policy.evening, zone)
        if due < occurrence.starts_at:
            times.append((ReminderKind.EVENING, due))
    if policy.before_minutes > 0:
        times.append(
            (ReminderKind.BEFORE, occurrence.starts_at - timedelta(minutes=policy.before_minutes))
        )
    return times


def plan_reminders(
    series: InloopSeries,
    zone: ZoneInfo,
    policy: ReminderPolicy,
    *,
    now: datetime,
    horizon: timedelta = HORIZON,
) -> list[PlannedReminder]:
    """Every reminder of the occurrences that start within ``(now, now + horizon]``.

    Reminders already due are included: whether they still go out is decided per
    subscriber (not if they subscribed after it fell due) and by their expiry (the start).
    """
    planned = []
    for occurrence in occurrences(series.rule, zone, start_after=now, until=now + horizon):
        for kind, due_at in reminder_times(occurrence, zone, policy):
            planned.append(PlannedReminder(series, occurrence, kind, due_at))
    return planned


# ------------------------------------------------------------------ messages


def _params(series: InloopSeries, occurrence: Occurrence, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "title": series.title,
        "when": moment(occurrence.starts_at),
        "end": occurrence.ends_at.astimezone(zone).strftime("%H:%M"),
        "location": series.location,
        "wijk": series.wijk,
    }


def reminder_message(plan: PlannedReminder, user_id: int, zone: ZoneInfo) -> OutgoingMessage:
    key = "inloop.reminder.evening" if plan.kind is ReminderKind.EVENING else "inloop.reminder.soon"
    return OutgoingMessage(
        user_id=user_id,
        kind="inloop.reminder",
        key=key,
        params=_params(plan.series, plan.occurrence, zone),
        buttons=[[("inloop.button.stop_reminders", callbacks.INLOOP_STOP.data(plan.series.id))]],
        dedup_key=f"{plan.key_prefix}{user_id}",
    )


def cancellation_message(
    series: InloopSeries, occurrence: Occurrence, reason: str, user_id: int, zone: ZoneInfo
) -> OutgoingMessage:
    return OutgoingMessage(
        user_id=user_id,
        kind="inloop.cancelled",
        key="inloop.cancelled.notice",
        params={**_params(series, occurrence, zone), "reason": reason},
        dedup_key=f"cancel:{series.id}:{occurrence.day.isoformat()}:{user_id}",
    )


def announcement_message(
    series: InloopSeries, announcement_id: int, text: str, user_id: int
) -> OutgoingMessage:
    return OutgoingMessage(
        user_id=user_id,
        kind="inloop.announcement",
        key="inloop.announce.message",
        params={"title": series.title, "wijk": series.wijk, "text": text},
        dedup_key=f"msg:{announcement_id}:{user_id}",
    )


# ------------------------------------------------------------ what parents see


@dataclass(frozen=True)
class Wijk:
    """A neighbourhood with series that still meet; ``ref`` is the id of one of its series
    (short, stable callback data for "show this wijk")."""

    name: str
    ref: int
    series: list[tuple[InloopSeries, Occurrence]]


def upcoming_by_wijk(series: list[InloopSeries], zone: ZoneInfo, now: datetime) -> list[Wijk]:
    """Series that have a next occurrence, grouped by wijk (case-insensitively), sorted."""
    groups: dict[str, list[tuple[InloopSeries, Occurrence]]] = {}
    names: dict[str, str] = {}
    for one in series:
        upcoming = next_occurrence(one.rule, zone, now)
        if upcoming is None:
            continue
        folded = one.wijk.casefold()
        names.setdefault(folded, one.wijk)
        groups.setdefault(folded, []).append((one, upcoming))
    wijken = []
    for folded, members in groups.items():
        members.sort(key=lambda pair: (pair[1].starts_at, pair[0].title))
        wijken.append(Wijk(names[folded], min(s.id for s, _ in members), members))
    return sorted(wijken, key=lambda w: w.name.casefold())


def upcoming_occurrences(
    series: InloopSeries, zone: ZoneInfo, now: datetime, limit: int
) -> list[Occurrence]:
    """The next ``limit`` occurrences that have not started."""
    found = []
    for occurrence in occurrences(series.rule, zone, start_after=now):
        found.append(occurrence)
        if len(found) >= limit:
            break
    return found


def day_number(day: date) -> int:
    """A date as a short integer for callback data: 2026-12-01 -> 20261201."""
    return day.year * 10000 + day.month * 100 + day.day


def day_from_number(number: int) -> date | None:
    try:
        return date(number // 10000, number // 100 % 100, number % 100)
    except ValueError:
        return None


# ---------------------------------------------------------------- scheduler


class ReminderScheduler:
    """Queues the reminders of upcoming occurrences, once a minute (and on `wake`)."""

    def __init__(
        self,
        inloop: InloopRepository,
        clock: Clock,
        zone: ZoneInfo,
        policy: ReminderPolicy,
        on_queued: Callable[[], None],
        interval: float = PASS_INTERVAL_SECONDS,
    ):
        self.inloop = inloop
        self.clock = clock
        self.zone = zone
        self.policy = policy
        self.on_queued = on_queued
        self.interval = interval
        self.queued_total = 0
        self.job = PeriodicPass("ouderbot-reminders", self.run_pass, interval)
        self._lock = asyncio.Lock()

    def wake(self) -> None:
        self.job.wake()

    async def run_pass(self) -> int:
        """Queue every reminder due to be queued now; returns how many rows were added."""
        async with self._lock:
            now = self.clock.now()
            plans = [
                plan
                for series in await self.inloop.all_series()
                for plan in plan_reminders(series, self.zone, self.policy, now=now)
            ]
            if not plans:
                return 0
            added = await self.inloop.queue_reminders(plans, self._message, now)
            if added:
                self.queued_total += added
                log.info("queued %d inloop reminders", added)
                self.on_queued()
            return added

    def _message(self, plan: PlannedReminder, user_id: int) -> OutgoingMessage:
        return reminder_message(plan, user_id, self.zone)

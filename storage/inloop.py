"""Inloop series, subscriptions, cancelled occurrences, announcements, coordinator drafts.

Every change that affects what parents will receive queues (or withdraws) the outbox rows
in the same transaction, so a crash can never leave a subscription without its
reminders, a cancellation without its notices, or a withdrawn reminder still pending.
Reminder rows are recognised by their dedup key, ``rem:{series}:{date}:{kind}:{user}``
(see bot.inloop.reminders).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import aiosqlite

from bot.core.models import OutgoingMessage
from bot.inloop.records import InloopSeries, PlannedReminder, occurrence_prefix, series_prefix
from bot.inloop.recurrence import Occurrence, Recurrence, SeriesRule
from storage.db import Database
from storage.outbox import enqueue
from storage.timefmt import from_db, to_db
from storage.webinars import WebinarDraft, upsert_webinars

BuildReminder = Callable[[PlannedReminder, int], OutgoingMessage]
# A reminder due this soon may already be in the dispatcher's hands: leave it alone.
_IN_FLIGHT_MARGIN = timedelta(minutes=1)


@dataclass(frozen=True)
class CoordinatorDraft:
    """A coordinator's half-finished /afgelasten (``cancel``) or /bericht (``announce``)."""

    user_id: int
    action: str
    series_id: int
    day: date | None
    started_at: datetime
    text: str | None = None  # an announcement typed and previewed, not sent yet


def _series(row: aiosqlite.Row) -> InloopSeries:
    return InloopSeries(
        id=row["id"],
        title=row["title"],
        theme=row["theme"],
        wijk=row["wijk"],
        location=row["location"],
        organiser=row["organiser"],
        rule=SeriesRule(
            first_date=date.fromisoformat(row["first_date"]),
            start=time.fromisoformat(row["start_time"]),
            end=time.fromisoformat(row["end_time"]),
            recurrence=Recurrence(row["recurrence"]),
            last_date=None if row["last_date"] is None else date.fromisoformat(row["last_date"]),
        ),
        key=row["import_key"],
    )


def _series_values(draft: InloopSeries) -> tuple[object, ...]:
    rule = draft.rule
    return (
        draft.title,
        draft.theme,
        draft.wijk,
        draft.location,
        draft.organiser,
        rule.first_date.isoformat(),
        None if rule.last_date is None else rule.last_date.isoformat(),
        rule.start.strftime("%H:%M"),
        rule.end.strftime("%H:%M"),
        rule.recurrence.value,
    )


_SERIES_COLUMNS = (
    "title, theme, wijk, location, organiser, first_date, last_date, start_time, end_time,"
    " recurrence"
)


def _prefix_range(prefix: str) -> tuple[str, str]:
    """Bounds of the keys starting with ``prefix`` (which ends in ":"), for the index."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


async def _cancel_pending(conn: aiosqlite.Connection, prefix: str, user_id: int | None) -> int:
    low, high = _prefix_range(prefix)
    sql = (
        "UPDATE outbox SET state = 'cancelled' WHERE state = 'pending'"
        " AND dedup_key >= ? AND dedup_key < ?"
    )
    params: tuple[object, ...] = (low, high)
    if user_id is not None:
        sql += " AND user_id = ?"
        params += (user_id,)
    cursor = await conn.execute(sql, params)
    return cursor.rowcount


async def _subscriber_ids(conn: aiosqlite.Connection, series_id: int) -> list[int]:
    cursor = await conn.execute(
        "SELECT s.user_id FROM inloop_subscriptions s JOIN users u ON u.id = s.user_id"
        " WHERE s.series_id = ? AND u.active = 1 ORDER BY s.subscribed_at, s.user_id",
        (series_id,),
    )
    return [row[0] for row in await cursor.fetchall()]


async def _is_cancelled(conn: aiosqlite.Connection, series_id: int, day: date) -> bool:
    cursor = await conn.execute(
        "SELECT 1 FROM inloop_cancellations WHERE series_id = ? AND day = ?",
        (series_id, day.isoformat()),
    )
    return await cursor.fetchone() is not None


async def upsert_series(
    conn: aiosqlite.Connection, drafts: Sequence[InloopSeries], now: datetime
) -> tuple[int, int]:
    """Inside the caller's transaction: insert new series, update changed ones by import
    key. Returns (added, changed).

    A changed series' reminders that are not about to go out are removed, so the next
    scheduler pass queues them again with the new time or place.
    """
    added = changed = 0
    for draft in drafts:
        values = _series_values(draft)
        cursor = await conn.execute(
            f"SELECT id, {_SERIES_COLUMNS} FROM inloop_series WHERE import_key = ?",
            (draft.key,),
        )
        row = await cursor.fetchone()
        if row is None:
            await conn.execute(
                f"INSERT INTO inloop_series (import_key, {_SERIES_COLUMNS}, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (draft.key, *values, to_db(now), to_db(now)),
            )
            added += 1
        elif tuple(row)[1:] != values:
            await conn.execute(
                "UPDATE inloop_series SET title = ?, theme = ?, wijk = ?, location = ?,"
                " organiser = ?, first_date = ?, last_date = ?, start_time = ?,"
                " end_time = ?, recurrence = ?, updated_at = ? WHERE id = ?",
                (*values, to_db(now), row["id"]),
            )
            low, high = _prefix_range(series_prefix(row["id"]))
            await conn.execute(
                "DELETE FROM outbox WHERE state = 'pending' AND dedup_key >= ?"
                " AND dedup_key < ? AND due_at > ?",
                (low, high, to_db(now + _IN_FLIGHT_MARGIN)),
            )
            changed += 1
    return added, changed


@dataclass(frozen=True)
class ProgrammeCounts:
    """(added, changed) of webinars and of series."""

    webinars: tuple[int, int]
    series: tuple[int, int]


class InloopRepository:
    def __init__(self, db: Database):
        self.db = db

    # ------------------------------------------------------------ series

    async def upsert_series(self, drafts: Sequence[InloopSeries], now: datetime) -> tuple[int, int]:
        """Insert new series, update changed ones by import key. Returns (added, changed).
        (See `upsert_series`.)"""

        async def op(conn: aiosqlite.Connection) -> tuple[int, int]:
            return await upsert_series(conn, drafts, now)

        return await self.db.write(op)

    async def import_programme(
        self, webinars: Sequence[WebinarDraft], series: Sequence[InloopSeries], now: datetime
    ) -> ProgrammeCounts:
        """A programme's webinars and series, in one transaction: all of it or nothing."""

        async def op(conn: aiosqlite.Connection) -> ProgrammeCounts:
            webinar_counts = await upsert_webinars(conn, webinars)
            series_counts = await upsert_series(conn, series, now)
            return ProgrammeCounts(webinar_counts, series_counts)

        return await self.db.write(op)

    async def all_series(self) -> list[InloopSeries]:
        rows = await self.db.fetch_all("SELECT * FROM inloop_series ORDER BY wijk, title, id")
        return [_series(row) for row in rows]

    async def get(self, series_id: int) -> InloopSeries | None:
        row = await self.db.fetch_one("SELECT * FROM inloop_series WHERE id = ?", (series_id,))
        return None if row is None else _series(row)

    # ----------------------------------------------------- subscriptions

    async def subscribed_ids(self, user_id: int) -> set[int]:
        rows = await self.db.fetch_all(
            "SELECT series_id FROM inloop_subscriptions WHERE user_id = ?", (user_id,)
        )
        return {row["series_id"] for row in rows}

    async def subscriber_count(self, series_id: int) -> int:
        return int(
            await self.db.fetch_value(
                "SELECT count(*) FROM inloop_subscriptions s JOIN users u ON u.id = s.user_id"
                " WHERE s.series_id = ? AND u.active = 1",
                (series_id,),
            )
        )

    async def subscribe(
        self,
        series_id: int,
        user_id: int,
        now: datetime,
        plans: Sequence[PlannedReminder],
        build: BuildReminder,
    ) -> bool:
        """Subscribe and queue this parent's upcoming reminders at once. True if new.

        Reminders withdrawn by an earlier "stop" (or when the parent had blocked the bot)
        are queued again: the same dedup key, back to pending.
        """

        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO inloop_subscriptions (series_id, user_id, subscribed_at)"
                " VALUES (?, ?, ?)",
                (series_id, user_id, to_db(now)),
            )
            await self._queue(conn, plans, build, now, only_user=user_id)
            return cursor.rowcount > 0

        return await self.db.write(op)

    async def unsubscribe(self, series_id: int, user_id: int) -> bool:
        """End a subscription and withdraw the reminders queued for it. True if it existed."""

        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "DELETE FROM inloop_subscriptions WHERE series_id = ? AND user_id = ?",
                (series_id, user_id),
            )
            await _cancel_pending(conn, series_prefix(series_id), user_id)
            return cursor.rowcount > 0

        return await self.db.write(op)

    # ---------------------------------------------------------- reminders

    async def queue_reminders(
        self, plans: Sequence[PlannedReminder], build: BuildReminder, now: datetime
    ) -> int:
        """Queue the planned reminders for every subscriber that lacks them. Idempotent."""

        async def op(conn: aiosqlite.Connection) -> int:
            return await self._queue(conn, plans, build, now, only_user=None)

        return await self.db.write(op, marks_update=False)

    async def _queue(
        self,
        conn: aiosqlite.Connection,
        plans: Sequence[PlannedReminder],
        build: BuildReminder,
        now: datetime,
        *,
        only_user: int | None,
    ) -> int:
        added = 0
        cancelled: dict[tuple[int, date], bool] = {}
        for plan in plans:
            occurrence_key = (plan.series.id, plan.occurrence.day)
            if occurrence_key not in cancelled:
                cancelled[occurrence_key] = await _is_cancelled(conn, *occurrence_key)
            if cancelled[occurrence_key]:
                continue
            # Active subscribers who subscribed before it fell due and lack the row (the
            # anti-join runs on the unique index, so a pass over thousands is cheap).
            sql = (
                "SELECT s.user_id FROM inloop_subscriptions s JOIN users u ON u.id = s.user_id"
                " WHERE s.series_id = ? AND u.active = 1 AND s.subscribed_at < ?"
            )
            params: tuple[object, ...] = (plan.series.id, to_db(plan.due_at))
            if only_user is not None:
                sql += " AND s.user_id = ?"
                params += (only_user,)
            else:
                sql += " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dedup_key = ? || s.user_id)"
                params += (plan.key_prefix,)
            cursor = await conn.execute(sql, params)
            for (user_id,) in await cursor.fetchall():
                message = build(plan, user_id)
                expires_at = plan.occurrence.starts_at
                if await enqueue(conn, message, due_at=plan.due_at, now=now, expires_at=expires_at):
                    added += 1
                elif only_user is not None:
                    revived = await conn.execute(
                        "UPDATE outbox SET state = 'pending', due_at = ?, expires_at = ?"
                        " WHERE dedup_key = ? AND state = 'cancelled'",
                        (to_db(plan.due_at), to_db(expires_at), message.dedup_key),
                    )
                    added += revived.rowcount
        return added

    # ---------------------------------------------------- cancellations

    async def cancelled_days(self, series_id: int) -> set[date]:
        rows = await self.db.fetch_all(
            "SELECT day FROM inloop_cancellations WHERE series_id = ?", (series_id,)
        )
        return {date.fromisoformat(row["day"]) for row in rows}

    async def cancel_occurrence(
        self,
        series: InloopSeries,
        occurrence: Occurrence,
        reason: str,
        cancelled_by: int,
        now: datetime,
        build: Callable[[int], OutgoingMessage],
    ) -> int | None:
        """Cancel one occurrence: withdraw its reminders, queue a notice to every
        subscriber, end the coordinator's draft. None if it was cancelled before;
        otherwise how many parents will be told."""

        async def op(conn: aiosqlite.Connection) -> int | None:
            await conn.execute("DELETE FROM coordinator_drafts WHERE user_id = ?", (cancelled_by,))
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO inloop_cancellations"
                " (series_id, day, reason, cancelled_by, cancelled_at) VALUES (?, ?, ?, ?, ?)",
                (series.id, occurrence.day.isoformat(), reason, cancelled_by, to_db(now)),
            )
            if cursor.rowcount == 0:
                return None
            await _cancel_pending(conn, occurrence_prefix(series.id, occurrence.day), None)
            told = 0
            for user_id in await _subscriber_ids(conn, series.id):
                told += await enqueue(
                    conn, build(user_id), due_at=now, now=now, expires_at=occurrence.ends_at
                )
            return told

        return await self.db.write(op)

    # ----------------------------------------------------- announcements

    async def announce(
        self,
        series: InloopSeries,
        text: str,
        created_by: int,
        now: datetime,
        build: Callable[[int, int], OutgoingMessage],
    ) -> int:
        """Store an announcement and queue it to every subscriber (``build(id, user)``);
        ends the coordinator's draft. Returns how many parents will get it."""

        async def op(conn: aiosqlite.Connection) -> int:
            await conn.execute("DELETE FROM coordinator_drafts WHERE user_id = ?", (created_by,))
            cursor = await conn.execute(
                "INSERT INTO inloop_announcements (series_id, text, created_by, created_at)"
                " VALUES (?, ?, ?, ?)",
                (series.id, text, created_by, to_db(now)),
            )
            announcement_id = cursor.lastrowid
            assert announcement_id is not None
            sent = 0
            for user_id in await _subscriber_ids(conn, series.id):
                sent += await enqueue(conn, build(announcement_id, user_id), due_at=now, now=now)
            return sent

        return await self.db.write(op)

    # ------------------------------------------------- coordinator drafts

    async def start_draft(
        self, user_id: int, action: str, series_id: int, day: date | None, now: datetime
    ) -> None:
        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT INTO coordinator_drafts (user_id, action, series_id, day, started_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
                " action = excluded.action, series_id = excluded.series_id,"
                " day = excluded.day, started_at = excluded.started_at",
                (user_id, action, series_id, None if day is None else day.isoformat(), to_db(now)),
            )

        await self.db.write(op)

    async def draft(self, user_id: int) -> CoordinatorDraft | None:
        row = await self.db.fetch_one(
            "SELECT * FROM coordinator_drafts WHERE user_id = ?", (user_id,)
        )
        if row is None:
            return None
        return CoordinatorDraft(
            user_id=row["user_id"],
            action=row["action"],
            series_id=row["series_id"],
            day=None if row["day"] is None else date.fromisoformat(row["day"]),
            started_at=from_db(row["started_at"]),
            text=row["text"],
        )

    async def keep_draft_text(self, user_id: int, text: str) -> None:
        """The announcement as typed, kept for its preview until "Versturen"."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "UPDATE coordinator_drafts SET text = ? WHERE user_id = ?", (text, user_id)
            )

        await self.db.write(op)

    async def clear_draft(self, user_id: int, *, marks_update: bool = True) -> bool:
        """Forget the draft. ``marks_update=False`` when it is not the update's effect (a
        new command leaves the half-finished step; the command itself is the effect)."""

        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "DELETE FROM coordinator_drafts WHERE user_id = ?", (user_id,)
            )
            return cursor.rowcount > 0

        return await self.db.write(op, marks_update=marks_update)

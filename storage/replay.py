"""Replay moments: when the recording started, when each question was put to the speaker,
and the one replay notice per parent (see migrations/0011_replay_moments_monitor_practice.sql)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.core.models import OutgoingMessage
from storage.db import Database
from storage.outbox import enqueue
from storage.timefmt import from_db, from_db_optional, to_db


@dataclass(frozen=True)
class AskedQuestion:
    """One question of a parent, as the replay notice needs it: how it ended (its own
    state, or that of the question it was merged into) and when it was put live."""

    asker_id: int
    ended: str  # 'live', 'written' or 'not_reached'
    asked_at: datetime | None  # for 'live': when it was marked asked


# Every question of a webinar with the question it finally belongs to (itself, or the
# question it was merged into, followed to the end of the chain).
_MOMENTS = """
WITH RECURSIVE chain(id, root) AS (
    SELECT id, id FROM questions WHERE webinar_id = ? AND merged_into IS NULL
    UNION ALL
    SELECT q.id, c.root FROM questions q JOIN chain c ON q.merged_into = c.id
)
SELECT q.asker_id, r.state AS root_state, r.answered_how, r.answered_at
FROM chain c JOIN questions q ON q.id = c.id JOIN questions r ON r.id = c.root
WHERE q.asker_id IS NOT NULL AND q.asker_id > 0 AND q.state != 'withdrawn'
ORDER BY q.id
"""


class ReplayRepository:
    def __init__(self, db: Database):
        self.db = db

    async def start_recording(self, webinar_id: int, now: datetime) -> datetime:
        """Note that the recording runs since `now`; the first tap counts (a second tap
        changes nothing, so a mis-tap later cannot move every moment). Returns the start."""

        async def op(conn: aiosqlite.Connection) -> datetime:
            await conn.execute(
                "UPDATE webinars SET recording_started_at = ?"
                " WHERE id = ? AND recording_started_at IS NULL",
                (to_db(now), webinar_id),
            )
            cursor = await conn.execute(
                "SELECT recording_started_at FROM webinars WHERE id = ?", (webinar_id,)
            )
            row = await cursor.fetchone()
            assert row is not None
            return from_db(row[0])

        return await self.db.write(op)

    async def set_replay_url(self, webinar_id: int, url: str) -> None:
        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute("UPDATE webinars SET replay_url = ? WHERE id = ?", (url, webinar_id))

        await self.db.write(op)

    async def due(self) -> list[int]:
        """Real webinars that closed, have a replay link, and whose notices are not queued."""
        rows = await self.db.fetch_all(
            "SELECT id FROM webinars WHERE state = 'closed' AND replay_url IS NOT NULL"
            " AND replay_url != '' AND replay_notified_at IS NULL AND practice_of IS NULL"
            " ORDER BY closed_at, id"
        )
        return [row["id"] for row in rows]

    async def notified_at(self, webinar_id: int) -> datetime | None:
        value = await self.db.fetch_value(
            "SELECT replay_notified_at FROM webinars WHERE id = ?", (webinar_id,)
        )
        return from_db_optional(value)

    async def asked_questions(self, webinar_id: int) -> list[AskedQuestion]:
        rows = await self.db.fetch_all(_MOMENTS, (webinar_id,))
        result = []
        for row in rows:
            if row["root_state"] == "answered" and row["answered_how"] == "live":
                ended, at = "live", from_db_optional(row["answered_at"])
            elif row["root_state"] == "answered":
                ended, at = "written", None
            else:
                ended, at = "not_reached", None
            result.append(AskedQuestion(row["asker_id"], ended, at))
        return result

    async def parents(self, webinar_id: int) -> list[int]:
        """Parents who joined (not staff, not simulated), in the order they joined."""
        rows = await self.db.fetch_all(
            "SELECT p.user_id FROM participants p WHERE p.webinar_id = ? AND p.user_id > 0"
            " AND NOT EXISTS (SELECT 1 FROM roles r WHERE r.user_id = p.user_id)"
            " ORDER BY p.joined_at, p.user_id",
            (webinar_id,),
        )
        return [row["user_id"] for row in rows]

    async def queue_notices(
        self, webinar_id: int, build: Callable[[], list[OutgoingMessage]], now: datetime
    ) -> int | None:
        """Queue the webinar's notices once: None when they were queued before; else how
        many were queued (each parent once: their dedup key is per webinar and parent)."""

        async def op(conn: aiosqlite.Connection) -> int | None:
            cursor = await conn.execute(
                "UPDATE webinars SET replay_notified_at = ?"
                " WHERE id = ? AND replay_notified_at IS NULL",
                (to_db(now), webinar_id),
            )
            if cursor.rowcount == 0:
                return None
            added = 0
            for message in build():
                added += await enqueue(conn, message, due_at=now, now=now)
            await conn.execute(
                "UPDATE webinars SET replay_notices = ? WHERE id = ?", (added, webinar_id)
            )
            return added

        return await self.db.write(op)

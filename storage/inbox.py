"""The inbox: updates stored before Telegram is told they arrived, gone once handled."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.core.models import ChatMessage
from storage.db import Database, in_one_call
from storage.outbox import enqueue_chat_message_now
from storage.timefmt import to_db


@dataclass(frozen=True)
class StoredUpdate:
    update_id: int
    chat_id: int
    user_id: int | None
    payload: str  # the update's JSON as Telegram sent it


async def finish_update(
    conn: aiosqlite.Connection, update_id: int, messages: Sequence[ChatMessage], now: datetime
) -> None:
    """Inside the update's transaction: what it says, its processed mark, its row gone
    (one call to SQLite's thread)."""

    def rows(raw: sqlite3.Connection) -> None:
        for number, message in enumerate(messages):
            # The dedup key names the update: were it ever handled again, nothing doubles.
            enqueue_chat_message_now(raw, message, dedup_key=f"u{update_id}:{number}", now=now)
        raw.execute("INSERT OR IGNORE INTO processed_updates (update_id) VALUES (?)", (update_id,))
        raw.execute("DELETE FROM inbox WHERE update_id = ?", (update_id,))

    await in_one_call(conn, rows)


class Inbox:
    def __init__(self, db: Database):
        self.db = db

    async def store(self, updates: Sequence[StoredUpdate], now: datetime) -> list[int]:
        """Store a batch in one commit (and one call to SQLite's thread); returns the ids
        that are new (not handled before)."""
        received = to_db(now)

        def rows(raw: sqlite3.Connection) -> list[int]:
            fresh = []
            for update in updates:
                cursor = raw.execute(
                    "SELECT 1 FROM processed_updates WHERE update_id = ?", (update.update_id,)
                )
                if cursor.fetchone() is not None:
                    continue
                cursor = raw.execute(
                    "INSERT OR IGNORE INTO inbox (update_id, chat_id, user_id, payload,"
                    " received_at) VALUES (?, ?, ?, ?, ?)",
                    (update.update_id, update.chat_id, update.user_id, update.payload, received),
                )
                if cursor.rowcount > 0:
                    fresh.append(update.update_id)
            return fresh

        async def op(conn: aiosqlite.Connection) -> list[int]:
            return await in_one_call(conn, rows)

        return await self.db.write(op, marks_update=False)

    async def waiting(self) -> list[StoredUpdate]:
        """Updates stored but not handled yet (after a crash), oldest first."""
        rows = await self.db.fetch_all(
            "SELECT update_id, chat_id, user_id, payload FROM inbox ORDER BY update_id"
        )
        return [
            StoredUpdate(row["update_id"], row["chat_id"], row["user_id"], row["payload"])
            for row in rows
        ]

    async def drop(self, update_id: int) -> None:
        """An update that cannot be handled (it does not parse): not tried again."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute("DELETE FROM inbox WHERE update_id = ?", (update_id,))

        await self.db.write(op, marks_update=False)

    async def forget_received_before(self, moment: datetime) -> int:
        """Retention: an update still here after this long will never be handled."""

        async def op(conn: aiosqlite.Connection) -> int:
            cursor = await conn.execute("DELETE FROM inbox WHERE received_at < ?", (to_db(moment),))
            return cursor.rowcount

        return await self.db.write(op, marks_update=False)

"""The durable outbox: messages written before they are sent, marked once Telegram took them."""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.core.models import (
    ChatMessage,
    OutgoingMessage,
    ParamValue,
    Priority,
    is_simulated,
    priority_of,
)
from storage.db import Database, in_one_call
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class OutboxRow:
    id: int
    user_id: int  # the chat it goes to (a private chat's id is the user's id)
    kind: str
    key: str | None  # a planner's row: rendered at send time; else `text` is ready
    params: dict[str, ParamValue]
    buttons: list[list[tuple[str, str]]]
    due_at: datetime
    expires_at: datetime | None
    attempts: int
    method: str = "message"
    priority: int = Priority.BROADCAST
    purpose: str | None = None
    text: str = ""
    markup: dict[str, object] | None = None
    target_message_id: int | None = None  # the message an 'edit' or 'markup' row changes
    filename: str | None = None
    html: bool = True


async def enqueue(
    conn: aiosqlite.Connection,
    message: OutgoingMessage,
    *,
    due_at: datetime,
    now: datetime,
    expires_at: datetime | None = None,
) -> bool:
    """Queue `message` inside the caller's transaction. False if its dedup key was queued
    before, or it is for a simulated parent of a practice webinar (never sent)."""
    if is_simulated(message.user_id):
        return False
    payload = json.dumps(
        {"key": message.key, "params": message.params, "buttons": message.buttons},
        ensure_ascii=False,
    )
    cursor = await conn.execute(
        "INSERT OR IGNORE INTO outbox (dedup_key, user_id, kind, payload, due_at, expires_at,"
        " created_at, priority) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            message.dedup_key,
            message.user_id,
            message.kind,
            payload,
            to_db(due_at),
            None if expires_at is None else to_db(expires_at),
            to_db(now),
            int(priority_of(message.kind)),
        ),
    )
    return cursor.rowcount > 0


async def enqueue_chat_message(
    conn: aiosqlite.Connection, message: ChatMessage, *, dedup_key: str, now: datetime
) -> bool:
    """Queue a message a handler rendered, inside the caller's transaction."""

    def row(raw: sqlite3.Connection) -> bool:
        return enqueue_chat_message_now(raw, message, dedup_key=dedup_key, now=now)

    return await in_one_call(conn, row)


def enqueue_chat_message_now(
    raw: sqlite3.Connection, message: ChatMessage, *, dedup_key: str, now: datetime
) -> bool:
    """`enqueue_chat_message` on SQLite's thread (see storage.db.in_one_call)."""
    if is_simulated(message.chat_id):
        return False
    payload = json.dumps(
        {
            "text": message.text,
            "markup": message.markup,
            "message_id": message.message_id,
            "filename": message.filename,
            "html": message.html,
        },
        ensure_ascii=False,
    )
    cursor = raw.execute(
        "INSERT OR IGNORE INTO outbox (dedup_key, user_id, kind, payload, due_at, created_at,"
        " method, priority, file, purpose, waits_for)"
        " VALUES (?, ?, 'chat', ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            dedup_key,
            message.chat_id,
            payload,
            to_db(now),
            to_db(now),
            message.method,
            int(message.priority),
            message.file,
            message.purpose,
            message.waits_for,
        ),
    )
    return cursor.rowcount > 0


_COLUMNS = "id, user_id, kind, payload, due_at, expires_at, attempts, method, priority, purpose"


def _row(row: aiosqlite.Row) -> OutboxRow:
    payload = json.loads(row["payload"])
    return OutboxRow(
        id=row["id"],
        user_id=row["user_id"],
        kind=row["kind"],
        key=payload.get("key"),
        params=payload.get("params", {}),
        buttons=[[(label, data) for label, data in line] for line in payload.get("buttons", [])],
        due_at=from_db(row["due_at"]),
        expires_at=None if row["expires_at"] is None else from_db(row["expires_at"]),
        attempts=row["attempts"],
        method=row["method"],
        priority=row["priority"],
        purpose=row["purpose"],
        text=payload.get("text", ""),
        markup=payload.get("markup"),
        target_message_id=payload.get("message_id"),
        filename=payload.get("filename"),
        html=payload.get("html", True),
    )


class OutboxRepository:
    def __init__(self, db: Database):
        self.db = db

    async def add(
        self,
        messages: list[OutgoingMessage],
        *,
        due_at: datetime,
        now: datetime,
        expires_at: datetime | None = None,
    ) -> int:
        async def op(conn: aiosqlite.Connection) -> int:
            added = 0
            for message in messages:
                added += await enqueue(conn, message, due_at=due_at, now=now, expires_at=expires_at)
            return added

        return await self.db.write(op)

    async def due(self, now: datetime, limit: int, *, after_id: int = 0) -> list[OutboxRow]:
        """Pending rows due by `now` (with an id above `after_id`), first to go first.
        A row waiting for a retry keeps the later rows of its chat back (order)."""
        rows = await self.db.fetch_all(
            f"SELECT {_COLUMNS} FROM outbox AS o WHERE state = 'pending' AND due_at <= ?"
            " AND id > ? AND NOT EXISTS (SELECT 1 FROM outbox AS earlier"
            " WHERE earlier.user_id = o.user_id AND earlier.state = 'pending'"
            " AND earlier.attempts > 0 AND earlier.id < o.id AND earlier.due_at > ?)"
            " AND (o.waits_for IS NULL OR NOT EXISTS (SELECT 1 FROM outbox AS first"
            " WHERE first.state = 'pending' AND first.dedup_key >= o.waits_for"
            " AND first.dedup_key < o.waits_for || '~'))"
            " ORDER BY priority, due_at, id LIMIT ?",
            (to_db(now), after_id, to_db(now), limit),
        )
        return [_row(row) for row in rows]

    async def file_of(self, row_id: int) -> bytes | None:
        value = await self.db.fetch_value("SELECT file FROM outbox WHERE id = ?", (row_id,))
        return None if value is None else bytes(value)

    async def mark_delivered(self, row_id: int, message_id: int | None, now: datetime) -> None:
        """Telegram took the row: mark it, keep the message id, drop the file's bytes.
        A handler's message (its texts, its chat) is deleted: nothing needs it any more."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute("DELETE FROM outbox WHERE id = ? AND kind = 'chat'", (row_id,))
            await conn.execute(
                "UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1,"
                " message_id = ?, file = NULL WHERE id = ? AND state = 'pending'",
                (to_db(now), message_id, row_id),
            )

        await self.db.write(op, marks_update=False)

    async def next_due_at(self) -> datetime | None:
        value = await self.db.fetch_value("SELECT min(due_at) FROM outbox WHERE state = 'pending'")
        return None if value is None else from_db(value)

    async def mark_sent(self, ids: list[int], now: datetime) -> None:
        await self._set_state(ids, "sent", now)

    async def mark_dropped(self, ids: list[int], now: datetime) -> None:
        await self._set_state(ids, "dropped", now)

    async def mark_failed(self, ids: list[int], now: datetime) -> None:
        await self._set_state(ids, "failed", now)

    async def _set_state(self, ids: list[int], state: str, now: datetime) -> None:
        if not ids:
            return

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.executemany(
                "UPDATE outbox SET state = ?, sent_at = ?, attempts = attempts + 1, file = NULL,"
                " payload = CASE WHEN kind = 'chat' THEN '{}' ELSE payload END"
                " WHERE id = ? AND state = 'pending'",
                [(state, to_db(now), row_id) for row_id in ids],
            )

        await self.db.write(op, marks_update=False)

    async def retry_later(self, row_id: int, due_at: datetime) -> None:
        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "UPDATE outbox SET due_at = ?, attempts = attempts + 1"
                " WHERE id = ? AND state = 'pending'",
                (to_db(due_at), row_id),
            )

        await self.db.write(op, marks_update=False)

    async def cancel_for_user(self, user_id: int) -> None:
        """A parent who blocked the bot gets nothing more."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "UPDATE outbox SET state = 'cancelled' WHERE user_id = ? AND state = 'pending'",
                (user_id,),
            )
            await conn.execute("UPDATE users SET active = 0 WHERE id = ?", (user_id,))

        await self.db.write(op, marks_update=False)

    async def add_chat_messages(
        self,
        messages: list[ChatMessage],
        now: datetime,
        still_wanted: Callable[[ChatMessage], bool] | None = None,
    ) -> None:
        """Queue rendered messages outside any update (the panel refresher, a direct call).
        `still_wanted` is asked once the writer is free, just before each is queued."""

        async def op(conn: aiosqlite.Connection) -> None:
            for message in messages:
                if still_wanted is None or still_wanted(message):
                    key = f"chat:{_unique()}"
                    await enqueue_chat_message(conn, message, dedup_key=key, now=now)

        await self.db.write(op, marks_update=False)

    async def counts(self) -> dict[str, int]:
        rows = await self.db.fetch_all("SELECT state, count(*) AS n FROM outbox GROUP BY state")
        return {row["state"]: row["n"] for row in rows}


_serial = itertools.count()
_process = os.urandom(6).hex()


def _unique() -> str:
    """A dedup key no other row has (this process's random tag and a counter)."""
    return f"{_process}:{next(_serial)}"

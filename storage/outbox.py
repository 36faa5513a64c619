"""The durable outbox: messages written before they are sent, marked once Telegram took them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.core.models import OutgoingMessage, ParamValue
from storage.db import Database
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class OutboxRow:
    id: int
    user_id: int
    kind: str
    key: str
    params: dict[str, ParamValue]
    buttons: list[list[tuple[str, str]]]
    due_at: datetime
    expires_at: datetime | None
    attempts: int


async def enqueue(
    conn: aiosqlite.Connection,
    message: OutgoingMessage,
    *,
    due_at: datetime,
    now: datetime,
    expires_at: datetime | None = None,
) -> bool:
    """Queue `message` inside the caller's transaction. False if its dedup key was queued before."""
    payload = json.dumps(
        {"key": message.key, "params": message.params, "buttons": message.buttons},
        ensure_ascii=False,
    )
    cursor = await conn.execute(
        "INSERT OR IGNORE INTO outbox (dedup_key, user_id, kind, payload, due_at, expires_at,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            message.dedup_key,
            message.user_id,
            message.kind,
            payload,
            to_db(due_at),
            None if expires_at is None else to_db(expires_at),
            to_db(now),
        ),
    )
    return cursor.rowcount > 0


def _row(row: aiosqlite.Row) -> OutboxRow:
    payload = json.loads(row["payload"])
    return OutboxRow(
        id=row["id"],
        user_id=row["user_id"],
        kind=row["kind"],
        key=payload["key"],
        params=payload["params"],
        buttons=[[(label, data) for label, data in line] for line in payload["buttons"]],
        due_at=from_db(row["due_at"]),
        expires_at=None if row["expires_at"] is None else from_db(row["expires_at"]),
        attempts=row["attempts"],
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

    async def due(self, now: datetime, limit: int) -> list[OutboxRow]:
        rows = await self.db.fetch_all(
            "SELECT * FROM outbox WHERE state = 'pending' AND due_at <= ? ORDER BY due_at, id"
            " LIMIT ?",
            (to_db(now), limit),
        )
        return [_row(row) for row in rows]

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
                "UPDATE outbox SET state = ?, sent_at = ?, attempts = attempts + 1"
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

    async def counts(self) -> dict[str, int]:
        rows = await self.db.fetch_all("SELECT state, count(*) AS n FROM outbox GROUP BY state")
        return {row["state"]: row["n"] for row in rows}

"""The queue-panel message each gespreksleider has per webinar (see handlers.panels)."""

from __future__ import annotations

import aiosqlite

from storage.db import Database


class PanelRepository:
    """The queue-panel message each gespreksleider has per webinar."""

    def __init__(self, db: Database):
        self.db = db

    async def set(self, webinar_id: int, chat_id: int, message_id: int) -> None:
        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT OR REPLACE INTO panels (webinar_id, chat_id, message_id) VALUES (?, ?, ?)",
                (webinar_id, chat_id, message_id),
            )

        await self.db.write(op)

    async def of_webinar(self, webinar_id: int) -> list[tuple[int, int]]:
        rows = await self.db.fetch_all(
            "SELECT chat_id, message_id FROM panels WHERE webinar_id = ?", (webinar_id,)
        )
        return [(row["chat_id"], row["message_id"]) for row in rows]

    async def drop(self, webinar_id: int, chat_id: int) -> None:
        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "DELETE FROM panels WHERE webinar_id = ? AND chat_id = ?", (webinar_id, chat_id)
            )

        await self.db.write(op, marks_update=False)

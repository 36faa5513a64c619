"""Which Telegram updates have had their effect (see storage.db for how they are marked)."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.db import Database
from storage.timefmt import to_db


class UpdateLog:
    def __init__(self, db: Database):
        self.db = db

    async def is_processed(self, update_id: int) -> bool:
        row = await self.db.fetch_one(
            "SELECT 1 FROM processed_updates WHERE update_id = ?", (update_id,)
        )
        return row is not None

    async def mark_processed(self, update_id: int) -> None:
        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT OR IGNORE INTO processed_updates (update_id) VALUES (?)", (update_id,)
            )

        await self.db.write(op, marks_update=False)

    async def forget_before(self, moment: datetime) -> int:
        """Telegram redelivers for at most a day; older ids need not be remembered."""

        async def op(conn: aiosqlite.Connection) -> int:
            cursor = await conn.execute(
                "DELETE FROM processed_updates WHERE processed_at < ?", (to_db(moment),)
            )
            return cursor.rowcount

        return await self.db.write(op, marks_update=False)

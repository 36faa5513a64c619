"""The queue-panel message each gespreksleider has per webinar (see handlers.panels)."""

from __future__ import annotations

import aiosqlite

from storage.db import Database

Message = tuple[int, int]  # (chat id, message id)


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

    async def add_card(self, webinar_id: int, chat_id: int, message_id: int) -> None:
        """Remember a question card shown to a gespreksleider (ended when the webinar closes)."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT OR IGNORE INTO question_cards (chat_id, message_id, webinar_id)"
                " VALUES (?, ?, ?)",
                (chat_id, message_id, webinar_id),
            )

        await self.db.write(op, marks_update=False)

    async def add_question_card(self, question_id: int, chat_id: int, message_id: int) -> None:
        """Remember a question card with its question (the "qcard" purpose)."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT OR IGNORE INTO question_cards (chat_id, message_id, webinar_id,"
                " question_id) SELECT ?, ?, webinar_id, id FROM questions WHERE id = ?",
                (chat_id, message_id, question_id),
            )

        await self.db.write(op, marks_update=False)

    async def take_cards(self, webinar_id: int, chat_id: int) -> list[int]:
        """The message ids of this chat's question cards of a webinar, forgotten from now
        on (a new card supersedes them: their buttons are taken away)."""

        async def op(conn: aiosqlite.Connection) -> list[int]:
            cursor = await conn.execute(
                "DELETE FROM question_cards WHERE webinar_id = ? AND chat_id = ?"
                " RETURNING message_id",
                (webinar_id, chat_id),
            )
            return [int(row[0]) for row in await cursor.fetchall()]

        return await self.db.write(op)

    async def forget_card(self, chat_id: int, message_id: int) -> None:
        """A card whose buttons were taken away already: nothing ends it again."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "DELETE FROM question_cards WHERE chat_id = ? AND message_id = ?",
                (chat_id, message_id),
            )

        await self.db.write(op)

    async def take_all(self, webinar_id: int) -> tuple[list[Message], list[Message]]:
        """The (chat, message) of every panel and card of a webinar, forgotten from now on:
        (panels, cards). Called once when the webinar closes."""

        async def op(conn: aiosqlite.Connection) -> tuple[list[Message], list[Message]]:
            found: list[list[Message]] = []
            for table in ("panels", "question_cards"):
                cursor = await conn.execute(
                    f"DELETE FROM {table} WHERE webinar_id = ? RETURNING chat_id, message_id",
                    (webinar_id,),
                )
                found.append([(row[0], row[1]) for row in await cursor.fetchall()])
            return found[0], found[1]

        return await self.db.write(op, marks_update=False)

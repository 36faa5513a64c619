"""Webinars and who joined them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.core.models import OutgoingMessage, Webinar, WebinarState
from storage.db import Database
from storage.outbox import enqueue
from storage.timefmt import from_db, from_db_optional, to_db

# Parents who joined a webinar: gespreksleiders and coordinators join too, but are staff.
_PARENTS_OF_WEBINAR = (
    "SELECT p.user_id FROM participants p WHERE p.webinar_id = ?"
    " AND NOT EXISTS (SELECT 1 FROM roles r WHERE r.user_id = p.user_id)"
)


def _webinar(row: aiosqlite.Row) -> Webinar:
    return Webinar(
        id=row["id"],
        code=row["code"],
        title=row["title"],
        theme=row["theme"],
        starts_at=from_db(row["starts_at"]),
        ends_at=from_db(row["ends_at"]),
        replay_url=row["replay_url"],
        state=WebinarState(row["state"]),
        recording_started_at=from_db_optional(row["recording_started_at"]),
        organisation=row["organisation"],
        wijk=row["wijk"],
        practice_of=row["practice_of"],
        closed_at=from_db(row["closed_at"]) if row["closed_at"] else None,
        closed_by=row["closed_by"],
    )


@dataclass(frozen=True)
class WebinarDraft:
    """A webinar as the programme file describes it."""

    code: str
    title: str
    theme: str
    starts_at: datetime
    ends_at: datetime
    replay_url: str | None
    organisation: str = ""
    wijk: str = ""


async def upsert_webinars(
    conn: aiosqlite.Connection, drafts: Sequence[WebinarDraft]
) -> tuple[int, int]:
    """Inside the caller's transaction: insert new webinars, update changed ones by code.
    Returns (added, changed)."""
    added = changed = 0
    for draft in drafts:
        values = (
            draft.title,
            draft.theme,
            to_db(draft.starts_at),
            to_db(draft.ends_at),
            draft.replay_url,
            draft.organisation,
            draft.wijk,
        )
        cursor = await conn.execute(
            "SELECT title, theme, starts_at, ends_at, replay_url, organisation, wijk"
            " FROM webinars WHERE code = ?",
            (draft.code,),
        )
        row = await cursor.fetchone()
        if row is None:
            await conn.execute(
                "INSERT INTO webinars (code, title, theme, starts_at, ends_at, replay_url,"
                " organisation, wijk) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (draft.code, *values),
            )
            added += 1
        elif tuple(row) != values:
            await conn.execute(
                "UPDATE webinars SET title = ?, theme = ?, starts_at = ?, ends_at = ?,"
                " replay_url = ?, organisation = ?, wijk = ? WHERE code = ?",
                (*values, draft.code),
            )
            changed += 1
    return added, changed


class WebinarRepository:
    def __init__(self, db: Database):
        self.db = db

    async def by_code(self, code: str) -> Webinar | None:
        """A real webinar by its code: a practice webinar (/oefenen) is nobody's to join."""
        row = await self.db.fetch_one(
            "SELECT * FROM webinars WHERE code = ? AND practice_of IS NULL", (code.lower(),)
        )
        return None if row is None else _webinar(row)

    async def by_id(self, webinar_id: int) -> Webinar | None:
        row = await self.db.fetch_one("SELECT * FROM webinars WHERE id = ?", (webinar_id,))
        return None if row is None else _webinar(row)

    async def with_muted(self, webinar_id: int, user_id: int) -> tuple[Webinar | None, bool]:
        """The webinar, and whether this user is muted in it (one query: runs per question)."""
        row = await self.db.fetch_one(
            "SELECT w.*, coalesce(p.muted, 0) AS muted_flag FROM webinars w"
            " LEFT JOIN participants p ON p.webinar_id = w.id AND p.user_id = ?"
            " WHERE w.id = ?",
            (user_id, webinar_id),
        )
        if row is None:
            return None, False
        return _webinar(row), bool(row["muted_flag"])

    async def upsert(self, drafts: list[WebinarDraft]) -> tuple[int, int]:
        """Insert new webinars, update changed ones by code. Returns (added, changed)."""

        async def op(conn: aiosqlite.Connection) -> tuple[int, int]:
            return await upsert_webinars(conn, drafts)

        return await self.db.write(op)

    async def set_state(
        self,
        webinar_id: int,
        state: WebinarState,
        now: datetime,
        notify: Callable[[list[int]], list[OutgoingMessage]] | None = None,
        by: int | None = None,
    ) -> bool:
        """Move a webinar to `state`; False when it already was there. On closing,
        `notify` builds messages for the parents who joined (not gespreksleiders or
        coordinators), queued in the same transaction."""
        column = {WebinarState.OPEN: "opened_at", WebinarState.CLOSED: "closed_at"}[state]

        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                f"UPDATE webinars SET state = ?, {column} = ? WHERE id = ? AND state != ?",
                (state.value, to_db(now), webinar_id, state.value),
            )
            changed = cursor.rowcount > 0
            if state is WebinarState.CLOSED and changed:
                await conn.execute(
                    "UPDATE webinars SET closed_by = ? WHERE id = ?", (by, webinar_id)
                )
            if state is WebinarState.CLOSED:
                # Parents leave a closed webinar: their next text is not a question for it.
                await conn.execute(
                    "UPDATE users SET current_webinar = NULL WHERE current_webinar = ?",
                    (webinar_id,),
                )
                await conn.execute(
                    "DELETE FROM answer_drafts WHERE question_id IN"
                    " (SELECT id FROM questions WHERE webinar_id = ?)",
                    (webinar_id,),
                )
                # A question a gespreksleider still held was not put to the speaker: it
                # ends unanswered like the rest of the queue, held by nobody, so no
                # button of its card can finish it after the webinar ended.
                await conn.execute(
                    "UPDATE questions SET state = 'open', claimed_by = NULL, claimed_at = NULL"
                    " WHERE webinar_id = ? AND state = 'claimed'",
                    (webinar_id,),
                )
                if changed and notify is not None:
                    cursor = await conn.execute(_PARENTS_OF_WEBINAR, (webinar_id,))
                    parents = [row[0] for row in await cursor.fetchall()]
                    for message in notify(parents):
                        await enqueue(conn, message, due_at=now, now=now)
            return changed

        return await self.db.write(op)

    async def reopen(self, webinar_id: int, now: datetime, closed_since: datetime) -> bool:
        """Open a webinar closed at or after `closed_since` again; its parents who joined
        no other webinar since are in it again. False when it is not (or long) closed."""

        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "UPDATE webinars SET state = 'open', opened_at = ?, closed_at = NULL,"
                " closed_by = NULL WHERE id = ? AND state = 'closed' AND closed_at >= ?",
                (to_db(now), webinar_id, to_db(closed_since)),
            )
            if cursor.rowcount == 0:
                return False
            await conn.execute(
                "UPDATE users SET current_webinar = ? WHERE current_webinar IS NULL"
                " AND id IN (SELECT user_id FROM participants WHERE webinar_id = ?)",
                (webinar_id, webinar_id),
            )
            return True

        return await self.db.write(op)

    async def last_joined(self, user_id: int) -> Webinar | None:
        """The webinar this user joined last (closed or not)."""
        row = await self.db.fetch_one(
            "SELECT w.* FROM webinars w JOIN participants p ON p.webinar_id = w.id"
            " WHERE p.user_id = ? ORDER BY p.joined_at DESC, w.id DESC LIMIT 1",
            (user_id,),
        )
        return None if row is None else _webinar(row)

    async def moderators_of(self, webinar_id: int) -> list[int]:
        """The gespreksleiders and coordinators who joined (opened or moderate) it."""
        rows = await self.db.fetch_all(
            "SELECT DISTINCT p.user_id FROM participants p JOIN roles r ON r.user_id = p.user_id"
            " WHERE p.webinar_id = ? ORDER BY p.user_id",
            (webinar_id,),
        )
        return [int(row[0]) for row in rows]

    async def join(self, webinar_id: int, user_id: int, now: datetime) -> bool:
        """Make `webinar_id` the user's current webinar. True if they joined it just now."""

        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO participants (webinar_id, user_id, joined_at)"
                " VALUES (?, ?, ?)",
                (webinar_id, user_id, to_db(now)),
            )
            await conn.execute(
                "UPDATE users SET current_webinar = ? WHERE id = ?", (webinar_id, user_id)
            )
            return cursor.rowcount > 0

        return await self.db.write(op)

    async def has_joined(self, webinar_id: int, user_id: int) -> bool:
        """Whether the user joined (a gespreksleider: opened) this webinar."""
        value = await self.db.fetch_value(
            "SELECT 1 FROM participants WHERE webinar_id = ? AND user_id = ?",
            (webinar_id, user_id),
        )
        return value is not None

    async def participant_ids(self, webinar_id: int) -> list[int]:
        rows = await self.db.fetch_all(
            "SELECT user_id FROM participants WHERE webinar_id = ? ORDER BY joined_at",
            (webinar_id,),
        )
        return [row["user_id"] for row in rows]

    async def participant_count(self, webinar_id: int) -> int:
        """Parents who joined: gespreksleiders and coordinators join too, but do not count."""
        rows = await self.db.fetch_all(_PARENTS_OF_WEBINAR, (webinar_id,))
        return len(rows)

    async def is_muted(self, webinar_id: int, user_id: int) -> bool:
        value = await self.db.fetch_value(
            "SELECT muted FROM participants WHERE webinar_id = ? AND user_id = ?",
            (webinar_id, user_id),
        )
        return bool(value)

    async def mute(self, webinar_id: int, user_id: int, muted: bool = True) -> None:
        """Pause (or, with `muted` False, allow again) a parent's questions in a webinar."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "UPDATE participants SET muted = ? WHERE webinar_id = ? AND user_id = ?",
                (int(muted), webinar_id, user_id),
            )

        await self.db.write(op)

    async def not_closed_between(self, start: datetime, end: datetime) -> list[Webinar]:
        """Webinars starting in [start, end) that are not closed, by start time."""
        rows = await self.db.fetch_all(
            "SELECT * FROM webinars WHERE state != 'closed' AND starts_at >= ? AND starts_at < ?"
            " AND practice_of IS NULL ORDER BY starts_at, id",
            (to_db(start), to_db(end)),
        )
        return [_webinar(row) for row in rows]

    async def codes(self) -> list[tuple[str, str, int]]:
        """(code, title, id) of every webinar that is not closed: for suggestions."""
        rows = await self.db.fetch_all(
            "SELECT code, title, id FROM webinars WHERE state != 'closed' ORDER BY starts_at"
        )
        return [(str(row[0]), str(row[1]), int(row[2])) for row in rows]

    async def themes_not_closed(self) -> list[str]:
        """The themes of the webinars that may still get questions (to read their
        lexicons at start, not during the first question burst)."""
        rows = await self.db.fetch_all(
            "SELECT DISTINCT theme FROM webinars WHERE state != 'closed' AND theme != ''"
        )
        return [str(row["theme"]) for row in rows]

    async def upcoming(self, now: datetime, limit: int = 10) -> list[Webinar]:
        rows = await self.db.fetch_all(
            "SELECT * FROM webinars WHERE state != 'closed' AND ends_at > ?"
            " AND practice_of IS NULL ORDER BY starts_at LIMIT ?",
            (to_db(now), limit),
        )
        return [_webinar(row) for row in rows]

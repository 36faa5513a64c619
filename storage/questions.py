"""Questions in a webinar's queue: asking, ranking, claiming, finishing, voting.

The queue order of `/volgende` lives here as SQL (``RANKING``) so that claiming the next
question is one statement: SQLite has one writer, so two gespreksleiders pulling at the
same moment are served one after the other and never get the same question.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.core.models import OutgoingMessage, Question, QuestionState, QueueCounts
from storage.db import Database
from storage.outbox import enqueue
from storage.timefmt import from_db, to_db

# "Later" questions come after all others; then most votes, most similar, oldest.
RANKING = "deferred ASC, votes DESC, similar_count DESC, id ASC"

Notify = Callable[[list[int]], list[OutgoingMessage]]


def _question(row: aiosqlite.Row) -> Question:
    return Question(
        id=row["id"],
        webinar_id=row["webinar_id"],
        asker_id=row["asker_id"],
        text=row["text"],
        shown_name=row["shown_name"],
        state=QuestionState(row["state"]),
        visible=bool(row["visible"]),
        votes=row["votes"],
        similar_count=row["similar_count"],
        deferred=bool(row["deferred"]),
        claimed_by=row["claimed_by"],
        merged_into=row["merged_into"],
        created_at=from_db(row["created_at"]),
    )


@dataclass(frozen=True)
class AddedQuestion:
    question: Question
    created: bool  # False: this message was stored before (a redelivered update)
    position: int  # 1-based place in the queue when it was asked


async def _enqueue_all(
    conn: aiosqlite.Connection, messages: list[OutgoingMessage], now: datetime
) -> None:
    for message in messages:
        await enqueue(conn, message, due_at=now, now=now)


class QuestionRepository:
    def __init__(self, db: Database):
        self.db = db

    async def get(self, question_id: int) -> Question | None:
        row = await self.db.fetch_one("SELECT * FROM questions WHERE id = ?", (question_id,))
        return None if row is None else _question(row)

    async def add(
        self,
        *,
        webinar_id: int,
        asker_id: int,
        source_msg: int,
        text: str,
        shown_name: str | None,
        similar_count: int = 0,
        bump: Sequence[int] = (),
        now: datetime,
    ) -> AddedQuestion:
        """Store a question once per parent message: it has `similar_count` similar ones, and
        the questions in `bump` count one more similar question."""

        async def op(conn: aiosqlite.Connection) -> tuple[Question, bool]:
            cursor = await conn.execute(
                "INSERT INTO questions (webinar_id, asker_id, source_msg, text, shown_name,"
                " similar_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (asker_id, source_msg) DO NOTHING RETURNING *",
                (webinar_id, asker_id, source_msg, text, shown_name, similar_count, to_db(now)),
            )
            row = await cursor.fetchone()
            if row is None:  # stored before: the same message delivered again
                cursor = await conn.execute(
                    "SELECT * FROM questions WHERE asker_id = ? AND source_msg = ?",
                    (asker_id, source_msg),
                )
                existing = await cursor.fetchone()
                assert existing is not None
                return _question(existing), False
            if bump:
                marks = ",".join("?" * len(bump))
                await conn.execute(
                    f"UPDATE questions SET similar_count = similar_count + 1"
                    f" WHERE id IN ({marks}) AND webinar_id = ?",
                    (*bump, webinar_id),
                )
            return _question(row), True

        question, created = await self.db.write(op)
        # Counted after the commit, on the reader: it need not hold up other writes.
        return AddedQuestion(question, created, await self.position(question))

    async def position(self, question: Question) -> int:
        """1-based place of `question` in its queue, as /volgende would serve it."""
        return await self._position(question)

    async def _position(self, question: Question) -> int:
        value = await self.db.fetch_value(
            "SELECT count(*) FROM questions WHERE webinar_id = ? AND state = 'open' AND ("
            " deferred < ? OR (deferred = ? AND (votes > ? OR (votes = ? AND ("
            " similar_count > ? OR (similar_count = ? AND id < ?))))))",
            (
                question.webinar_id,
                int(question.deferred),
                int(question.deferred),
                question.votes,
                question.votes,
                question.similar_count,
                question.similar_count,
                question.id,
            ),
        )
        return int(value or 0) + 1

    async def claim_next(
        self, webinar_id: int, moderator_id: int, now: datetime
    ) -> Question | None:
        """Give the best open question to this gespreksleider, and only to them.

        A question this gespreksleider still held, without pressing any of its buttons,
        goes back to the queue as "later": nothing stays stuck with someone who moved
        on, and pulling again and again walks the whole queue instead of offering the
        same two questions in turn.
        """

        async def op(conn: aiosqlite.Connection) -> Question | None:
            cursor = await conn.execute(
                "UPDATE questions SET state = 'open', claimed_by = NULL, claimed_at = NULL,"
                " deferred = 1"
                " WHERE webinar_id = ? AND state = 'claimed' AND claimed_by = ? RETURNING id",
                (webinar_id, moderator_id),
            )
            released = [row[0] for row in await cursor.fetchall()]
            # Skip what was just put back (pulling "next" means "another one"), unless
            # nothing else is waiting.
            for skip in (released, []):
                excluded = f" AND id NOT IN ({','.join('?' * len(skip))})" if skip else ""
                cursor = await conn.execute(
                    "UPDATE questions SET state = 'claimed', claimed_by = ?, claimed_at = ?"
                    " WHERE id = (SELECT id FROM questions WHERE webinar_id = ? AND state = 'open'"
                    f"{excluded} ORDER BY {RANKING} LIMIT 1) RETURNING *",
                    (moderator_id, to_db(now), webinar_id, *skip),
                )
                row = await cursor.fetchone()
                if row is not None:
                    return _question(row)
            return None

        return await self.db.write(op)

    async def claim(
        self,
        question_id: int,
        webinar_id: int,
        moderator_id: int,
        now: datetime,
        *,
        deferred: bool | None = None,
    ) -> Question | None:
        """Give this one question to this gespreksleider, if it is still waiting (the board's
        pick; the same one-statement claim as `claim_next`, so a pick and a /volgende never
        both get it). A question they held goes back to its place in the queue. With
        `deferred` the question's "later" mark is set too (undoing "later" or "back").
        A question this gespreksleider removed counts as waiting for them (undoing a
        removal). None if someone else has it or it is finished."""

        async def op(conn: aiosqlite.Connection) -> Question | None:
            cursor = await conn.execute(
                "SELECT 1 FROM questions WHERE id = ? AND webinar_id = ? AND (state = 'open'"
                " OR (state = 'removed' AND claimed_by = ?))",
                (question_id, webinar_id, moderator_id),
            )
            if await cursor.fetchone() is None:
                return None
            await conn.execute(
                "UPDATE questions SET state = 'open', claimed_by = NULL, claimed_at = NULL"
                " WHERE webinar_id = ? AND state = 'claimed' AND claimed_by = ? AND id != ?",
                (webinar_id, moderator_id, question_id),
            )
            cursor = await conn.execute(
                "UPDATE questions SET state = 'claimed', claimed_by = ?, claimed_at = ?,"
                " deferred = CASE WHEN ? IS NULL THEN deferred ELSE ? END"
                " WHERE id = ? AND (state = 'open' OR (state = 'removed' AND claimed_by = ?))"
                " RETURNING *",
                (
                    moderator_id,
                    to_db(now),
                    deferred,
                    deferred,
                    question_id,
                    moderator_id,
                ),
            )
            row = await cursor.fetchone()
            return None if row is None else _question(row)

        return await self.db.write(op)

    async def held_by(self, webinar_id: int, moderator_id: int) -> Question | None:
        """The question this gespreksleider holds in this webinar, if any."""
        row = await self.db.fetch_one(
            "SELECT * FROM questions WHERE webinar_id = ? AND state = 'claimed'"
            " AND claimed_by = ? ORDER BY claimed_at DESC, id DESC LIMIT 1",
            (webinar_id, moderator_id),
        )
        return None if row is None else _question(row)

    async def last_asked(self, webinar_id: int) -> Question | None:
        """The question asked live most recently: the one being discussed now."""
        row = await self.db.fetch_one(
            "SELECT * FROM questions WHERE webinar_id = ? AND state = 'answered'"
            " AND answered_how = 'live' ORDER BY answered_at DESC, id DESC LIMIT 1",
            (webinar_id,),
        )
        return None if row is None else _question(row)

    async def unmerge(
        self, question_id: int, moderator_id: int, others: Sequence[int]
    ) -> list[int]:
        """Undo `merge`: the questions merged into this gespreksleider's claimed question
        wait in the queue again, with their votes. Returns the ids that came back."""
        if not others:
            return []

        async def op(conn: aiosqlite.Connection) -> list[int]:
            cursor = await conn.execute(
                "SELECT 1 FROM questions WHERE id = ? AND state = 'claimed' AND claimed_by = ?",
                (question_id, moderator_id),
            )
            if await cursor.fetchone() is None:
                return []
            marks = ",".join("?" * len(others))
            cursor = await conn.execute(
                "UPDATE questions SET state = 'open', merged_into = NULL"
                f" WHERE id IN ({marks}) AND merged_into = ? AND state = 'merged'"
                " RETURNING id, votes",
                (*others, question_id),
            )
            back = await cursor.fetchall()
            if back:
                await conn.execute(
                    "UPDATE questions SET votes = max(0, votes - ?) WHERE id = ?",
                    (sum(row[1] for row in back), question_id),
                )
            return [row[0] for row in back]

        return await self.db.write(op)

    async def release(self, question_id: int, moderator_id: int, *, defer: bool) -> bool:
        """Back to the queue (`defer`: to the end of it, as "later")."""

        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "UPDATE questions SET state = 'open', claimed_by = NULL, claimed_at = NULL,"
                " deferred = CASE WHEN ? THEN 1 ELSE deferred END"
                " WHERE id = ? AND state = 'claimed' AND claimed_by = ?",
                (int(defer), question_id, moderator_id),
            )
            return cursor.rowcount > 0

        return await self.db.write(op)

    async def remove(self, question_id: int, moderator_id: int) -> bool:
        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "UPDATE questions SET state = 'removed', claimed_by = ?"
                " WHERE id = ? AND state = 'claimed' AND claimed_by = ?",
                (moderator_id, question_id, moderator_id),
            )
            return cursor.rowcount > 0

        return await self.db.write(op)

    async def mark_answered(
        self, question_id: int, moderator_id: int, how: str, now: datetime, notify: Notify
    ) -> list[int] | None:
        """Finish a claimed question and queue the news for its askers (and the askers of
        questions merged into it) in the same transaction. None if not this
        gespreksleider's claimed question."""

        async def op(conn: aiosqlite.Connection) -> list[int] | None:
            cursor = await conn.execute(
                "UPDATE questions SET state = 'answered', answered_at = ?, answered_how = ?"
                " WHERE id = ? AND state = 'claimed' AND claimed_by = ? RETURNING asker_id",
                (to_db(now), how, question_id, moderator_id),
            )
            row = await cursor.fetchone()
            if row is None:
                return None
            cursor = await conn.execute(
                "SELECT asker_id FROM questions WHERE merged_into = ? AND asker_id IS NOT NULL",
                (question_id,),
            )
            askers = [row[0]] if row[0] is not None else []
            askers += [merged[0] for merged in await cursor.fetchall() if merged[0] not in askers]
            await conn.execute("DELETE FROM answer_drafts WHERE question_id = ?", (question_id,))
            await _enqueue_all(conn, notify(askers), now)
            return askers

        return await self.db.write(op)

    async def merge(self, question_id: int, moderator_id: int, others: Sequence[int]) -> list[int]:
        """Fold open questions into the claimed one; their votes count for it.
        Returns the ids that were merged."""
        if not others:
            return []

        async def op(conn: aiosqlite.Connection) -> list[int]:
            cursor = await conn.execute(
                "SELECT webinar_id FROM questions WHERE id = ? AND state = 'claimed'"
                " AND claimed_by = ?",
                (question_id, moderator_id),
            )
            owner = await cursor.fetchone()
            if owner is None:
                return []
            marks = ",".join("?" * len(others))
            cursor = await conn.execute(
                f"UPDATE questions SET state = 'merged', merged_into = ? WHERE id IN ({marks})"
                " AND id != ? AND webinar_id = ? AND state = 'open' RETURNING id, votes",
                (question_id, *others, question_id, owner[0]),
            )
            merged = await cursor.fetchall()
            if merged:
                await conn.execute(
                    "UPDATE questions SET votes = votes + ? WHERE id = ?",
                    (sum(row[1] for row in merged), question_id),
                )
            return [row[0] for row in merged]

        return await self.db.write(op)

    async def withdraw(self, question_id: int, asker_id: int) -> bool:
        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "UPDATE questions SET state = 'withdrawn' WHERE id = ? AND asker_id = ?"
                " AND state IN ('open', 'claimed')",
                (question_id, asker_id),
            )
            return cursor.rowcount > 0

        return await self.db.write(op)

    async def set_visible(self, question_id: int, moderator_id: int, visible: bool) -> bool:
        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "UPDATE questions SET visible = ? WHERE id = ? AND claimed_by = ?"
                " AND state = 'claimed'",
                (int(visible), question_id, moderator_id),
            )
            return cursor.rowcount > 0

        return await self.db.write(op)

    async def vote(self, question_id: int, user_id: int, now: datetime) -> bool:
        """One "ik wil dit ook weten" per parent per visible, unanswered question."""

        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "SELECT 1 FROM questions q JOIN webinars w ON w.id = q.webinar_id"
                " WHERE q.id = ? AND q.visible = 1 AND q.state IN ('open', 'claimed')"
                " AND w.state = 'open' AND (q.asker_id IS NULL OR q.asker_id != ?)",
                (question_id, user_id),
            )
            if await cursor.fetchone() is None:
                return False
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO votes (question_id, user_id, voted_at) VALUES (?, ?, ?)",
                (question_id, user_id, to_db(now)),
            )
            if cursor.rowcount == 0:
                return False
            await conn.execute(
                "UPDATE questions SET votes = votes + 1 WHERE id = ?", (question_id,)
            )
            return True

        return await self.db.write(op)

    async def counts(self, webinar_id: int) -> QueueCounts:
        rows = await self.db.fetch_all(
            "SELECT state, count(*) AS n FROM questions WHERE webinar_id = ? GROUP BY state",
            (webinar_id,),
        )
        found = {row["state"]: row["n"] for row in rows}
        return QueueCounts(
            **{state: found.get(state, 0) for state in QueueCounts.__dataclass_fields__}
        )

    async def top_open(self, webinar_id: int, limit: int) -> list[Question]:
        rows = await self.db.fetch_all(
            f"SELECT * FROM questions WHERE webinar_id = ? AND state = 'open' ORDER BY {RANKING}"
            " LIMIT ?",
            (webinar_id, limit),
        )
        return [_question(row) for row in rows]

    async def unanswered(self, webinar_id: int) -> list[Question]:
        rows = await self.db.fetch_all(
            f"SELECT * FROM questions WHERE webinar_id = ? AND state IN ('open', 'claimed')"
            f" ORDER BY {RANKING}",
            (webinar_id,),
        )
        return [_question(row) for row in rows]

    async def visible_open(self, webinar_id: int, limit: int) -> list[Question]:
        rows = await self.db.fetch_all(
            "SELECT * FROM questions WHERE webinar_id = ? AND visible = 1"
            f" AND state IN ('open', 'claimed') ORDER BY {RANKING} LIMIT ?",
            (webinar_id, limit),
        )
        return [_question(row) for row in rows]

    async def still_open(self, question_ids: Sequence[int]) -> set[int]:
        """Those of `question_ids` still waiting in the queue."""
        if not question_ids:
            return set()
        marks = ",".join("?" * len(question_ids))
        rows = await self.db.fetch_all(
            f"SELECT id FROM questions WHERE id IN ({marks}) AND state = 'open'",
            tuple(question_ids),
        )
        return {row["id"] for row in rows}

    async def comparable(self, webinar_id: int) -> list[tuple[int, str]]:
        """(id, text) of the questions new ones are compared with: those still waiting."""
        rows = await self.db.fetch_all(
            "SELECT id, text FROM questions WHERE webinar_id = ? AND state IN ('open', 'claimed')"
            " AND text IS NOT NULL ORDER BY id",
            (webinar_id,),
        )
        return [(row["id"], row["text"]) for row in rows]

    async def open_of_asker(self, webinar_id: int, asker_id: int) -> list[Question]:
        rows = await self.db.fetch_all(
            "SELECT * FROM questions WHERE webinar_id = ? AND asker_id = ?"
            " AND state IN ('open', 'claimed') ORDER BY id",
            (webinar_id, asker_id),
        )
        return [_question(row) for row in rows]

    async def recent_count_by(self, asker_id: int, since: datetime) -> int:
        return int(
            await self.db.fetch_value(
                "SELECT count(*) FROM questions WHERE asker_id = ? AND created_at >= ?",
                (asker_id, to_db(since)),
            )
        )

    async def start_written_answer(
        self, question_id: int, moderator_id: int, now: datetime
    ) -> bool:
        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "SELECT 1 FROM questions WHERE id = ? AND state = 'claimed' AND claimed_by = ?",
                (question_id, moderator_id),
            )
            if await cursor.fetchone() is None:
                return False
            await conn.execute(
                "INSERT OR REPLACE INTO answer_drafts (moderator_id, question_id, started_at)"
                " VALUES (?, ?, ?)",
                (moderator_id, question_id, to_db(now)),
            )
            return True

        return await self.db.write(op)

    async def pending_written_answer(self, moderator_id: int) -> int | None:
        value = await self.db.fetch_value(
            "SELECT question_id FROM answer_drafts WHERE moderator_id = ?", (moderator_id,)
        )
        return None if value is None else int(value)

    async def cancel_written_answer(self, moderator_id: int) -> None:
        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute("DELETE FROM answer_drafts WHERE moderator_id = ?", (moderator_id,))

        await self.db.write(op)

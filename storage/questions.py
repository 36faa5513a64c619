"""Questions in a webinar's queue: asking, ranking, claiming, finishing, voting.

The queue order of `/volgende` lives here as SQL (``RANKING``) so that claiming the next
question is one statement: SQLite has one writer, so two gespreksleiders pulling at the
same moment are served one after the other and never get the same question.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.core.models import OutgoingMessage, Question, QuestionState, QueueCounts
from storage.db import Database, in_one_call
from storage.outbox import enqueue
from storage.timefmt import from_db, to_db

# "Later" questions come after all others; then most parents: votes plus the distinct
# other parents in the question's group (`similar_count`, kept by the question desk);
# then the oldest.
RANKING = "deferred ASC, votes + similar_count DESC, id ASC"

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
        number=row["number"] or 0,
        answered_how=row["answered_how"] if "answered_how" in row.keys() else None,  # noqa: SIM118
        reserved_by=row["reserved_by"] if "reserved_by" in row.keys() else None,  # noqa: SIM118
    )


@dataclass(frozen=True)
class AddedQuestion:
    question: Question
    created: bool  # False: this message was stored before (a redelivered update)
    position: int  # 1-based place in the queue when it was asked


@dataclass(frozen=True)
class MergedRow:
    """A question merged into another, as its card and the board list it."""

    id: int
    number: int
    text: str
    asker_id: int | None
    merge_id: int


@dataclass(frozen=True)
class IndexedQuestion:
    id: int
    asker_id: int | None
    text: str
    features: str | None
    group_key: int | None


async def _set_group_count(
    conn: aiosqlite.Connection, webinar_id: int, group_key: int, count: int
) -> None:
    def rows(raw: sqlite3.Connection) -> None:
        _set_group_count_now(raw, webinar_id, group_key, count)

    await in_one_call(conn, rows)


def _set_group_count_now(
    raw: sqlite3.Connection, webinar_id: int, group_key: int, count: int
) -> None:
    raw.execute(
        "UPDATE questions SET similar_count = ? WHERE webinar_id = ? AND group_key = ?"
        " AND state IN ('open', 'claimed') AND similar_count != ?",
        (count, webinar_id, group_key, count),
    )


_POSITION = (
    "SELECT count(*) FROM questions WHERE webinar_id = ? AND state = 'open' AND ("
    " deferred < ? OR (deferred = ? AND (votes + similar_count > ?"
    " OR (votes + similar_count = ? AND id < ?))))"
)


def _position_params(question: Question) -> tuple[int, ...]:
    weight = question.votes + question.similar_count
    deferred = int(question.deferred)
    return (question.webinar_id, deferred, deferred, weight, weight, question.id)


def _position_now(raw: sqlite3.Connection, question: Question) -> int:
    """1-based place of `question` in its queue, on SQLite's thread."""
    row = raw.execute(_POSITION, _position_params(question)).fetchone()
    return int(row[0] or 0) + 1


async def _enqueue_all(
    conn: aiosqlite.Connection, messages: list[OutgoingMessage], now: datetime
) -> None:
    for message in messages:
        await enqueue(conn, message, due_at=now, now=now)


@dataclass(frozen=True)
class Restored:
    previous: str  # "answered" or "removed"
    how: str | None  # "live" or "written" for an answered one
    held: bool  # held by the gespreksleider again (else waiting in the queue)
    corrected: int  # askers who had been told it was asked, and now hear otherwise


async def _take_back_notices(conn: aiosqlite.Connection, prefix: str) -> list[int]:
    """Cancel the not yet sent notices whose dedup key starts with `prefix`; return who
    got one already. The rows go, so the same notice can be queued again later."""
    await conn.execute(
        "UPDATE outbox SET state = 'cancelled' WHERE dedup_key >= ? AND dedup_key < ?"
        " AND state = 'pending'",
        (prefix, prefix + "~"),
    )
    cursor = await conn.execute(
        "SELECT user_id FROM outbox WHERE dedup_key >= ? AND dedup_key < ? AND state = 'sent'",
        (prefix, prefix + "~"),
    )
    told = [int(row[0]) for row in await cursor.fetchall()]
    await conn.execute(
        "DELETE FROM outbox WHERE dedup_key >= ? AND dedup_key < ?"
        " AND state IN ('sent', 'cancelled')",
        (prefix, prefix + "~"),
    )
    return told


async def _free_reserved(conn: aiosqlite.Connection, webinar_id: int, moderator_id: int) -> None:
    """The questions kept for this gespreksleider ("Neem deze groep") wait for anyone again."""
    await conn.execute(
        "UPDATE questions SET reserved_by = NULL WHERE webinar_id = ? AND reserved_by = ?",
        (webinar_id, moderator_id),
    )


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
        similar_count: int | Callable[[], int] = 0,
        bump: Sequence[int] = (),
        features: str | None = None,
        group_key: int | None = None,
        now: datetime,
    ) -> AddedQuestion:
        """Store a question once per parent message: it has `similar_count` similar ones, and
        the questions in `bump` count one more similar question. With `group_key`, every
        open question of that group gets `similar_count` instead (the distinct other
        parents of a group are the same number for each of its members). A callable
        `similar_count` is asked once this update holds the writer: nothing else is
        stored between its answer and the question."""

        def rows(raw: sqlite3.Connection, similar_count: int) -> AddedQuestion:
            row = raw.execute(
                "INSERT INTO questions (webinar_id, number, asker_id, source_msg, text,"
                " shown_name, similar_count, created_at, features, group_key) VALUES (?, (SELECT"
                " coalesce(max(number), 0) + 1 FROM questions WHERE webinar_id = ?),"
                " ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (asker_id, source_msg) DO NOTHING RETURNING *",
                (
                    webinar_id,
                    webinar_id,
                    asker_id,
                    source_msg,
                    text,
                    shown_name,
                    similar_count,
                    to_db(now),
                    features,
                    group_key,
                ),
            ).fetchone()
            if row is None:  # stored before: the same message delivered again
                existing = raw.execute(
                    "SELECT * FROM questions WHERE asker_id = ? AND source_msg = ?",
                    (asker_id, source_msg),
                ).fetchone()
                assert existing is not None
                question = _question(existing)
                return AddedQuestion(question, False, _position_now(raw, question))
            if bump:
                marks = ",".join("?" * len(bump))
                raw.execute(
                    f"UPDATE questions SET similar_count = similar_count + 1"
                    f" WHERE id IN ({marks}) AND webinar_id = ?",
                    (*bump, webinar_id),
                )
            if group_key is not None:
                _set_group_count_now(raw, webinar_id, group_key, similar_count)
            question = _question(row)
            return AddedQuestion(question, True, _position_now(raw, question))

        async def op(conn: aiosqlite.Connection) -> AddedQuestion:
            count = similar_count() if callable(similar_count) else similar_count
            # One call to SQLite's thread: the question, its group's count, its place.
            return await in_one_call(conn, lambda raw: rows(raw, count))

        return await self.db.write(op)

    async def position(self, question: Question) -> int:
        """1-based place of `question` in its queue, as /volgende would serve it."""
        return await self._position(question)

    async def _position(self, question: Question) -> int:
        value = await self.db.fetch_value(_POSITION, _position_params(question))
        return int(value or 0) + 1

    async def claim_next(
        self, webinar_id: int, moderator_id: int, now: datetime
    ) -> Question | None:
        """Give the best open question to this gespreksleider, and only to them.

        A question this gespreksleider still held, without pressing any of its buttons,
        goes back to the queue as "later": nothing stays stuck with someone who moved
        on, and pulling again and again walks the whole queue instead of offering the
        same two questions in turn.

        Only someone who opened (joined) the webinar can pull from its queue: a crafted
        button with another webinar's id gets nothing.
        """

        async def op(conn: aiosqlite.Connection) -> Question | None:
            cursor = await conn.execute(
                "SELECT 1 FROM participants WHERE webinar_id = ? AND user_id = ?",
                (webinar_id, moderator_id),
            )
            if await cursor.fetchone() is None:
                return None
            cursor = await conn.execute(
                "UPDATE questions SET state = 'open', claimed_by = NULL, claimed_at = NULL,"
                " deferred = 1"
                " WHERE webinar_id = ? AND state = 'claimed' AND claimed_by = ? RETURNING id",
                (webinar_id, moderator_id),
            )
            released = [row[0] for row in await cursor.fetchall()]
            if released:  # moving on: the group kept with the old question is free again
                await _free_reserved(conn, webinar_id, moderator_id)
            # Skip what was just put back (pulling "next" means "another one"), unless
            # nothing else is waiting.
            for skip in (released, []):
                excluded = f" AND id NOT IN ({','.join('?' * len(skip))})" if skip else ""
                cursor = await conn.execute(
                    "UPDATE questions SET state = 'claimed', claimed_by = ?, claimed_at = ?,"
                    " reserved_by = NULL"
                    " WHERE id = (SELECT id FROM questions WHERE webinar_id = ? AND state = 'open'"
                    " AND (reserved_by IS NULL OR reserved_by = ?)"
                    f"{excluded} ORDER BY {RANKING} LIMIT 1) RETURNING *",
                    (moderator_id, to_db(now), webinar_id, moderator_id, *skip),
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
                " OR (state = 'removed' AND claimed_by = ?))"
                " AND (reserved_by IS NULL OR reserved_by = ?)",
                (question_id, webinar_id, moderator_id, moderator_id),
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
                " reserved_by = NULL, deferred = CASE WHEN ? IS NULL THEN deferred ELSE ? END"
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

    async def release(self, question_id: int, moderator_id: int, *, defer: bool) -> bool:
        """Back to the queue (`defer`: to the end of it, as "later")."""

        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "UPDATE questions SET state = 'open', claimed_by = NULL, claimed_at = NULL,"
                " deferred = CASE WHEN ? THEN 1 ELSE deferred END"
                " WHERE id = ? AND state = 'claimed' AND claimed_by = ? RETURNING webinar_id",
                (int(defer), question_id, moderator_id),
            )
            row = await cursor.fetchone()
            if row is not None:
                await _free_reserved(conn, int(row[0]), moderator_id)
            return row is not None

        return await self.db.write(op)

    async def remove(self, question_id: int, moderator_id: int) -> bool:
        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "UPDATE questions SET state = 'removed', claimed_by = ?"
                " WHERE id = ? AND state = 'claimed' AND claimed_by = ? RETURNING webinar_id",
                (moderator_id, question_id, moderator_id),
            )
            row = await cursor.fetchone()
            if row is not None:
                await _free_reserved(conn, int(row[0]), moderator_id)
            return row is not None

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
            await conn.execute(
                "UPDATE questions SET reserved_by = NULL WHERE reserved_by = ? AND state = 'open'"
                " AND webinar_id = (SELECT webinar_id FROM questions WHERE id = ?)",
                (moderator_id, question_id),
            )
            await _enqueue_all(conn, notify(askers), now)
            return askers

        return await self.db.write(op)

    async def merge(
        self, question_id: int, moderator_id: int, others: Sequence[int], now: datetime
    ) -> tuple[int, list[int]] | None:
        """Fold open questions into the claimed one; their votes count for it. Nobody is
        told anything. Returns (merge id, the ids merged), None if nothing was merged."""
        if not others:
            return None

        async def op(conn: aiosqlite.Connection) -> tuple[int, list[int]] | None:
            cursor = await conn.execute(
                "SELECT webinar_id FROM questions WHERE id = ? AND state = 'claimed'"
                " AND claimed_by = ?",
                (question_id, moderator_id),
            )
            owner = await cursor.fetchone()
            if owner is None:
                return None
            cursor = await conn.execute(
                "INSERT INTO question_merges (into_id, moderator_id, merged_at)"
                " VALUES (?, ?, ?) RETURNING id",
                (question_id, moderator_id, to_db(now)),
            )
            row = await cursor.fetchone()
            assert row is not None
            merge_id = int(row[0])
            marks = ",".join("?" * len(others))
            cursor = await conn.execute(
                f"UPDATE questions SET state = 'merged', merged_into = ?, merge_id = ?,"
                f" reserved_by = NULL WHERE id IN ({marks}) AND id != ? AND webinar_id = ?"
                " AND state = 'open' AND (reserved_by IS NULL OR reserved_by = ?)"
                " RETURNING id, votes",
                (question_id, merge_id, *others, question_id, owner[0], moderator_id),
            )
            merged = await cursor.fetchall()
            if not merged:
                await conn.execute("DELETE FROM question_merges WHERE id = ?", (merge_id,))
                return None
            moved = sum(row[1] for row in merged)
            await conn.execute(
                "UPDATE questions SET votes = votes + ? WHERE id = ?", (moved, question_id)
            )
            await conn.execute(
                "UPDATE question_merges SET votes_moved = ? WHERE id = ?", (moved, merge_id)
            )
            return merge_id, sorted(row[0] for row in merged)

        return await self.db.write(op)

    async def undo_merge(
        self, merge_id: int, moderator_id: int, now: datetime
    ) -> tuple[int, list[int]] | None:
        """Put every question of a merge back in the queue as it was, and take their votes
        back; only while the question they went into is still this gespreksleider's.
        Nobody is told anything. Returns (the question merged into, the ids restored)."""

        async def op(conn: aiosqlite.Connection) -> tuple[int, list[int]] | None:
            cursor = await conn.execute(
                "SELECT m.into_id, m.votes_moved FROM question_merges m"
                " JOIN questions q ON q.id = m.into_id"
                " WHERE m.id = ? AND m.undone_at IS NULL AND q.state = 'claimed'"
                " AND q.claimed_by = ?",
                (merge_id, moderator_id),
            )
            row = await cursor.fetchone()
            if row is None:
                return None
            into_id, moved = int(row[0]), int(row[1])
            cursor = await conn.execute(
                "UPDATE questions SET state = 'open', merged_into = NULL, merge_id = NULL"
                " WHERE merge_id = ? AND state = 'merged' RETURNING id",
                (merge_id,),
            )
            restored = sorted(r[0] for r in await cursor.fetchall())
            await conn.execute(
                "UPDATE questions SET votes = max(0, votes - ?) WHERE id = ?", (moved, into_id)
            )
            await conn.execute(
                "UPDATE question_merges SET undone_at = ? WHERE id = ?", (to_db(now), merge_id)
            )
            return into_id, restored

        return await self.db.write(op)

    async def reserve(self, webinar_id: int, moderator_id: int, question_ids: Sequence[int]) -> int:
        """Keep these waiting questions for this gespreksleider ("Neem deze groep"): no
        colleague's /volgende, pick or group tap gets them until the question the
        gespreksleider holds is finished or handed back. Returns how many were kept."""
        if not question_ids:
            return 0
        marks = ",".join("?" * len(question_ids))

        async def op(conn: aiosqlite.Connection) -> int:
            cursor = await conn.execute(
                f"UPDATE questions SET reserved_by = ? WHERE id IN ({marks})"
                " AND webinar_id = ? AND state = 'open' AND reserved_by IS NULL",
                (moderator_id, *question_ids, webinar_id),
            )
            return cursor.rowcount

        return await self.db.write(op)

    async def finished(self, webinar_id: int, limit: int) -> list[Question]:
        """Answered and removed questions, the most recently finished first."""
        rows = await self.db.fetch_all(
            "SELECT * FROM questions WHERE webinar_id = ? AND state IN ('answered', 'removed')"
            " ORDER BY coalesce(answered_at, claimed_at, created_at) DESC, id DESC LIMIT ?",
            (webinar_id, limit),
        )
        return [_question(row) for row in rows]

    async def restore(
        self,
        question_id: int,
        webinar_id: int,
        moderator_id: int,
        now: datetime,
        correction: Notify,
    ) -> Restored | None:
        """An answered or removed question back: held by this gespreksleider (waiting in
        the queue if they hold one already). "Asked" taken back: the askers' notices not
        sent yet are cancelled, those who got one get `correction`, in one transaction;
        the question can be asked (or answered) again and its askers are told again."""

        async def op(conn: aiosqlite.Connection) -> Restored | None:
            cursor = await conn.execute(
                "SELECT state, answered_how FROM questions WHERE id = ? AND webinar_id = ?"
                " AND state IN ('answered', 'removed')",
                (question_id, webinar_id),
            )
            row = await cursor.fetchone()
            if row is None:
                return None
            cursor = await conn.execute(
                "SELECT 1 FROM questions WHERE webinar_id = ? AND state = 'claimed'"
                " AND claimed_by = ?",
                (webinar_id, moderator_id),
            )
            held = await cursor.fetchone() is None
            await conn.execute(
                "UPDATE questions SET state = ?, claimed_by = ?, claimed_at = ?,"
                " answered_at = NULL, answered_how = NULL WHERE id = ?",
                (
                    "claimed" if held else "open",
                    moderator_id if held else None,
                    to_db(now) if held else None,
                    question_id,
                ),
            )
            told: list[int] = []
            if row["answered_how"] == "live":
                told = await _take_back_notices(conn, f"asked:{question_id}:")
                await _enqueue_all(conn, correction(told), now)
            elif row["answered_how"] == "written":
                await conn.execute(
                    "DELETE FROM outbox WHERE dedup_key >= ? AND dedup_key < ? AND state = 'sent'",
                    (f"written:{question_id}:", f"written:{question_id}:~"),
                )
            return Restored(str(row["state"]), row["answered_how"], held, len(told))

        return await self.db.write(op)

    async def merged_into(self, question_id: int) -> list[MergedRow]:
        """The questions merged into this one (not undone), oldest merge first."""
        rows = await self.db.fetch_all(
            "SELECT id, number, text, asker_id, merge_id FROM questions"
            " WHERE merged_into = ? AND state = 'merged' ORDER BY merge_id, id",
            (question_id,),
        )
        return [
            MergedRow(
                int(row["id"]),
                row["number"] or 0,
                row["text"] or "",
                row["asker_id"],
                int(row["merge_id"] or 0),
            )
            for row in rows
        ]

    async def last_merge(self, question_id: int) -> int | None:
        """The newest merge into this question that was not undone."""
        value = await self.db.fetch_value(
            "SELECT max(id) FROM question_merges WHERE into_id = ? AND undone_at IS NULL",
            (question_id,),
        )
        return None if value is None else int(value)

    async def set_group_count(self, webinar_id: int, group_key: int, count: int) -> None:
        """Every waiting question of a group has `count` distinct other parents."""

        async def op(conn: aiosqlite.Connection) -> None:
            await _set_group_count(conn, webinar_id, group_key, count)

        await self.db.write(op)

    async def set_group_key(self, question_ids: Sequence[int], group_key: int) -> None:
        """These questions are now in the group `group_key` (two groups became one)."""
        if not question_ids:
            return

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.executemany(
                "UPDATE questions SET group_key = ? WHERE id = ?",
                [(group_key, question_id) for question_id in question_ids],
            )

        await self.db.write(op)

    async def set_features(self, rows: Sequence[tuple[int, str, int]]) -> None:
        """Store (id, features, group key) computed for questions that had none."""
        if not rows:
            return

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.executemany(
                # Not for a question whose text was erased meanwhile (features are the
                # text's words: storage.privacy clears them with it).
                "UPDATE questions SET features = ?, group_key = ? WHERE id = ?"
                " AND text IS NOT NULL",
                [(features, group, question_id) for question_id, features, group in rows],
            )

        await self.db.write(op)

    async def indexed(self, webinar_id: int) -> tuple[str, list[IndexedQuestion]]:
        """The webinar's theme and what the grouping index keeps of its waiting questions."""
        theme = await self.db.fetch_value("SELECT theme FROM webinars WHERE id = ?", (webinar_id,))
        rows = await self.db.fetch_all(
            "SELECT id, asker_id, text, features, group_key FROM questions"
            " WHERE webinar_id = ? AND state IN ('open', 'claimed') AND text IS NOT NULL"
            " ORDER BY id",
            (webinar_id,),
        )
        return str(theme or ""), [
            IndexedQuestion(
                row["id"], row["asker_id"], row["text"], row["features"], row["group_key"]
            )
            for row in rows
        ]

    async def merged_features(self) -> list[tuple[str, list[str]]]:
        """Per merge still in force: the webinar's theme and the stored grouping features of
        the questions it made one (the claimed one and those folded in). Features only,
        never texts; they are cleared with the texts (retention, erasure), so a merge
        teaches only while its questions are kept."""
        rows = await self.db.fetch_all(
            "SELECT m.id AS merge_id, w.theme AS theme, q.features AS features"
            " FROM question_merges m"
            " JOIN questions q ON q.merge_id = m.id OR q.id = m.into_id"
            " JOIN webinars w ON w.id = q.webinar_id"
            " WHERE m.undone_at IS NULL AND q.features IS NOT NULL AND q.text IS NOT NULL"
            " ORDER BY m.id, q.id"
        )
        merges: dict[int, tuple[str, list[str]]] = {}
        for row in rows:
            merges.setdefault(row["merge_id"], (str(row["theme"]), []))[1].append(row["features"])
        return list(merges.values())

    async def texts(self, question_ids: Sequence[int]) -> dict[int, str]:
        """The texts of these questions, by id."""
        if not question_ids:
            return {}
        marks = ",".join("?" * len(question_ids))
        rows = await self.db.fetch_all(
            f"SELECT id, text FROM questions WHERE id IN ({marks})", tuple(question_ids)
        )
        return {row["id"]: row["text"] or "" for row in rows}

    async def numbers(self, question_ids: Sequence[int]) -> dict[int, int]:
        """The per-webinar numbers of these questions (what people see), by id."""
        if not question_ids:
            return {}
        marks = ",".join("?" * len(question_ids))
        rows = await self.db.fetch_all(
            f"SELECT id, number FROM questions WHERE id IN ({marks})", tuple(question_ids)
        )
        return {row["id"]: row["number"] for row in rows}

    async def pull(self, question_id: int, moderator_id: int, now: datetime) -> Question | None:
        """Pull this open question from the chat (a group on /rij), like `claim_next`: one
        statement, so two gespreksleiders never get the same question, and a question they
        still held goes back to the queue as "later"."""

        async def op(conn: aiosqlite.Connection) -> Question | None:
            cursor = await conn.execute(
                "UPDATE questions SET state = 'claimed', claimed_by = ?, claimed_at = ?,"
                " reserved_by = NULL WHERE id = ? AND state = 'open'"
                " AND (reserved_by IS NULL OR reserved_by = ?) RETURNING *",
                (moderator_id, to_db(now), question_id, moderator_id),
            )
            row = await cursor.fetchone()
            if row is None:
                return None
            await conn.execute(
                "UPDATE questions SET state = 'open', claimed_by = NULL, claimed_at = NULL,"
                " deferred = 1 WHERE webinar_id = ? AND state = 'claimed' AND claimed_by = ?"
                " AND id != ?",
                (row["webinar_id"], moderator_id, question_id),
            )
            return _question(row)

        return await self.db.write(op)

    async def withdraw(self, question_id: int, asker_id: int) -> bool:
        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "UPDATE questions SET state = 'withdrawn' WHERE id = ? AND asker_id = ?"
                " AND state IN ('open', 'claimed') AND webinar_id IN"
                " (SELECT id FROM webinars WHERE state != 'closed')",
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
        """One "ik wil dit ook weten" per parent per unanswered question of a webinar they
        joined that parents may see (shown, or asked by more than one parent)."""

        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "SELECT 1 FROM questions q JOIN webinars w ON w.id = q.webinar_id"
                " JOIN participants p ON p.webinar_id = q.webinar_id AND p.user_id = ?"
                " WHERE q.id = ? AND (q.visible = 1 OR q.similar_count >= 1)"
                " AND q.state IN ('open', 'claimed')"
                " AND w.state = 'open' AND (q.asker_id IS NULL OR q.asker_id != ?)",
                (user_id, question_id, user_id),
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

    async def answered_in_writing(self, webinar_id: int) -> int:
        value = await self.db.fetch_value(
            "SELECT count(*) FROM questions WHERE webinar_id = ? AND state = 'answered'"
            " AND answered_how = 'written'",
            (webinar_id,),
        )
        return int(value or 0)

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

    async def for_other_parents(self, webinar_id: int, user_id: int, limit: int) -> list[Question]:
        """What other parents may see and back ("ik wil dit ook weten"), without names:
        questions a gespreksleider showed, and one question of each group that more than
        one parent asked (a common question, not one parent's own story); never the
        parent's own questions. In queue order."""
        rows = await self.db.fetch_all(
            "SELECT * FROM questions WHERE webinar_id = ? AND state IN ('open', 'claimed')"
            " AND (visible = 1 OR similar_count >= 1) AND (asker_id IS NULL OR asker_id != ?)"
            f" ORDER BY visible DESC, {RANKING} LIMIT ?",
            (webinar_id, user_id, limit * 8),
        )
        chosen: list[Question] = []
        groups: set[int] = set()
        for row in rows:
            group = row["group_key"] if row["group_key"] is not None else -row["id"]
            if group in groups and not row["visible"]:
                continue
            groups.add(group)
            chosen.append(_question(row))
            if len(chosen) == limit:
                break
        return chosen

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

    async def open_of_asker(self, webinar_id: int, asker_id: int) -> list[Question]:
        rows = await self.db.fetch_all(
            "SELECT * FROM questions WHERE webinar_id = ? AND asker_id = ?"
            " AND state IN ('open', 'claimed') ORDER BY id",
            (webinar_id, asker_id),
        )
        return [_question(row) for row in rows]

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

    async def save_answer_draft(self, moderator_id: int, question_id: int, text: str) -> bool:
        """Keep the typed answer for its preview; False if the draft was given up."""

        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "UPDATE answer_drafts SET text = ? WHERE moderator_id = ? AND question_id = ?",
                (text, moderator_id, question_id),
            )
            return cursor.rowcount > 0

        return await self.db.write(op)

    async def answer_draft(self, moderator_id: int, question_id: int) -> str | None:
        """The answer typed for this question and not sent yet (None: nothing typed)."""
        value = await self.db.fetch_value(
            "SELECT text FROM answer_drafts WHERE moderator_id = ? AND question_id = ?",
            (moderator_id, question_id),
        )
        return None if value is None else str(value)

    async def asker_texts(self, question_id: int) -> dict[int, str]:
        """Each asker's own words: of this question and of those merged into it (an asker
        of several: the oldest)."""
        rows = await self.db.fetch_all(
            "SELECT asker_id, text FROM questions WHERE (id = ? OR merged_into = ?)"
            " AND asker_id IS NOT NULL AND text IS NOT NULL ORDER BY id DESC",
            (question_id, question_id),
        )
        return {int(row[0]): str(row[1]) for row in rows}

    async def pending_written_answer(self, moderator_id: int) -> int | None:
        value = await self.db.fetch_value(
            "SELECT question_id FROM answer_drafts WHERE moderator_id = ?", (moderator_id,)
        )
        return None if value is None else int(value)

    async def cancel_written_answer(self, moderator_id: int) -> None:
        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute("DELETE FROM answer_drafts WHERE moderator_id = ?", (moderator_id,))

        await self.db.write(op)

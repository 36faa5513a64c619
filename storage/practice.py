"""Practice webinars (/oefenen): the webinar row marked `practice_of`, its script's
progress, the simulated parents (negative ids: no Telegram user has one, and the outbox
queues nothing for them), and the facts of the trainee's report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

from storage.db import Database
from storage.timefmt import from_db, from_db_optional, to_db

PRACTICE_HOURS = 2  # how long a practice webinar is scheduled for (it ends when closed)


@dataclass(frozen=True)
class PracticeSession:
    webinar_id: int
    trainee_id: int
    bank: str
    seed: int
    parents: int
    started_at: datetime
    next_item: int


@dataclass(frozen=True)
class PracticeFacts:
    """What happened in one practice webinar, for the trainee's report."""

    started_at: datetime
    first_action_at: datetime | None  # the first pull, merge or answer
    joined: int  # simulated parents who joined
    asked: int  # simulated questions that arrived
    answered_live: int
    answered_written: int
    removed: int
    merges: list[tuple[str, list[str]]]  # (label of the question kept, labels merged in)
    left: list[str]  # labels of the questions still waiting


def _session(row: aiosqlite.Row) -> PracticeSession:
    return PracticeSession(
        webinar_id=row["webinar_id"],
        trainee_id=row["trainee_id"],
        bank=row["bank"],
        seed=row["seed"],
        parents=row["parents"],
        started_at=from_db(row["started_at"]),
        next_item=row["next_item"],
    )


class PracticeRepository:
    def __init__(self, db: Database):
        self.db = db

    async def start(
        self,
        trainee_id: int,
        *,
        code: str,
        title: str,
        theme: str,
        seed: int,
        parents: int,
        now: datetime,
    ) -> int:
        """An open practice webinar the trainee has joined (their current webinar)."""

        async def op(conn: aiosqlite.Connection) -> int:
            cursor = await conn.execute(
                "INSERT INTO webinars (code, title, theme, starts_at, ends_at, state, opened_at,"
                " practice_of) VALUES (?, ?, ?, ?, ?, 'open', ?, ?) RETURNING id",
                (
                    code,
                    title,
                    theme,
                    to_db(now),
                    to_db(now + timedelta(hours=PRACTICE_HOURS)),
                    to_db(now),
                    trainee_id,
                ),
            )
            row = await cursor.fetchone()
            assert row is not None
            webinar_id = int(row[0])
            await conn.execute(
                "INSERT INTO practice_sessions (webinar_id, trainee_id, bank, seed, parents,"
                " started_at) VALUES (?, ?, ?, ?, ?, ?)",
                (webinar_id, trainee_id, theme, seed, parents, to_db(now)),
            )
            await conn.execute(
                "INSERT OR IGNORE INTO participants (webinar_id, user_id, joined_at)"
                " VALUES (?, ?, ?)",
                (webinar_id, trainee_id, to_db(now)),
            )
            await conn.execute(
                "UPDATE users SET current_webinar = ? WHERE id = ?", (webinar_id, trainee_id)
            )
            return webinar_id

        return await self.db.write(op)

    async def running(self) -> list[PracticeSession]:
        rows = await self.db.fetch_all(
            "SELECT s.* FROM practice_sessions s JOIN webinars w ON w.id = s.webinar_id"
            " WHERE w.state = 'open' ORDER BY s.webinar_id"
        )
        return [_session(row) for row in rows]

    async def running_of(self, trainee_id: int) -> PracticeSession | None:
        row = await self.db.fetch_one(
            "SELECT s.* FROM practice_sessions s JOIN webinars w ON w.id = s.webinar_id"
            " WHERE w.state = 'open' AND s.trainee_id = ? ORDER BY s.webinar_id DESC LIMIT 1",
            (trainee_id,),
        )
        return None if row is None else _session(row)

    async def join(self, webinar_id: int, user_id: int, language: str, now: datetime) -> None:
        """A simulated parent (negative id) who agreed to the notice and joined."""
        assert user_id < 0, "only simulated parents join a practice webinar this way"

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT OR IGNORE INTO users (id, language, consent_version, consent_at,"
                " current_webinar, created_at, last_seen_at) VALUES (?, ?, 1, ?, ?, ?, ?)",
                (user_id, language, to_db(now), webinar_id, to_db(now), to_db(now)),
            )
            await conn.execute(
                "INSERT OR IGNORE INTO participants (webinar_id, user_id, joined_at)"
                " VALUES (?, ?, ?)",
                (webinar_id, user_id, to_db(now)),
            )

        await self.db.write(op)

    async def label(self, question_id: int, label: str) -> None:
        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT OR IGNORE INTO practice_questions (question_id, label) VALUES (?, ?)",
                (question_id, label),
            )

        await self.db.write(op)

    async def advance(self, webinar_id: int, next_item: int) -> None:
        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "UPDATE practice_sessions SET next_item = max(next_item, ?) WHERE webinar_id = ?",
                (next_item, webinar_id),
            )

        await self.db.write(op)

    async def facts(self, webinar_id: int) -> PracticeFacts | None:
        session = await self.db.fetch_one(
            "SELECT started_at FROM practice_sessions WHERE webinar_id = ?", (webinar_id,)
        )
        if session is None:
            return None
        first = await self.db.fetch_value(
            "SELECT min(t) FROM (SELECT min(claimed_at) AS t FROM questions WHERE webinar_id = ?"
            " UNION ALL SELECT min(answered_at) FROM questions WHERE webinar_id = ?"
            " UNION ALL SELECT min(m.merged_at) FROM question_merges m"
            " JOIN questions q ON q.id = m.into_id WHERE q.webinar_id = ?)",
            (webinar_id, webinar_id, webinar_id),
        )
        rows = await self.db.fetch_all(
            "SELECT q.id, q.state, q.answered_how, q.merge_id, coalesce(p.label, '') AS label"
            " FROM questions q LEFT JOIN practice_questions p ON p.question_id = q.id"
            " WHERE q.webinar_id = ? ORDER BY q.id",
            (webinar_id,),
        )
        merges = await self.db.fetch_all(
            "SELECT m.id, m.into_id FROM question_merges m JOIN questions q ON q.id = m.into_id"
            " WHERE q.webinar_id = ? AND m.undone_at IS NULL ORDER BY m.id",
            (webinar_id,),
        )
        joined = await self.db.fetch_value(
            "SELECT count(*) FROM participants WHERE webinar_id = ? AND user_id < 0",
            (webinar_id,),
        )
        return PracticeFacts(
            started_at=from_db(session["started_at"]),
            first_action_at=from_db_optional(first),
            joined=joined or 0,
            asked=len(rows),
            answered_live=_answered(rows, "live"),
            answered_written=_answered(rows, "written"),
            removed=sum(1 for r in rows if r["state"] == "removed"),
            merges=_merged_labels(rows, merges),
            left=[r["label"] for r in rows if r["state"] in ("open", "claimed")],
        )


def _answered(rows: list[aiosqlite.Row], how: str) -> int:
    """How many of the questions were answered this way ("live", "written")."""
    return sum(1 for r in rows if r["state"] == "answered" and r["answered_how"] == how)


def _merged_labels(
    rows: list[aiosqlite.Row], merges: list[aiosqlite.Row]
) -> list[tuple[str, list[str]]]:
    """Per merge still in place: the label of the question merged into, and those of the
    questions merged into it."""
    label_of = {row["id"]: row["label"] for row in rows}
    return [
        (label_of.get(m["into_id"], ""), [r["label"] for r in rows if r["merge_id"] == m["id"]])
        for m in merges
    ]

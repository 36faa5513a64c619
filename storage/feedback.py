"""Feedback sessions, requests and answers (see migrations/0003_feedback.sql).

An answer row points at its request, never at a parent; the request points at the parent
until it is unlinked (retention) or erased (`forget_user`). The figures per session are
kept on the session row, so erasing parents leaves the aggregate counts as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Literal

import aiosqlite

from bot.core.models import OutgoingMessage
from bot.feedback.records import TEXT_STEPS, Decide, FeedbackAnswer, FeedbackSession, Helped, Step
from storage.db import Database
from storage.outbox import enqueue
from storage.timefmt import from_db, to_db

# (request id, user id) -> the request's first message
MessageFor = Callable[[int, int], OutgoingMessage]
AnswerField = Literal["score", "helped", "takeaway", "wish"]
_FIELDS = ("score", "helped", "takeaway", "wish")


@dataclass(frozen=True)
class FeedbackRequest:
    id: int
    session_id: int
    user_id: int | None
    step: Step
    expires_at: datetime
    title: str
    day: date


@dataclass(frozen=True)
class AnswerOutcome:
    """What pressing a button or typing an answer did."""

    status: Literal["saved", "unchanged", "expired", "unknown"]
    request: FeedbackRequest | None = None
    previous: Step | None = None


def _session(row: aiosqlite.Row) -> FeedbackSession:
    return FeedbackSession(
        id=row["id"],
        ref=row["ref"],
        kind=row["kind"],
        title=row["title"],
        theme=row["theme"],
        day=date.fromisoformat(row["day"]),
        ended_at=from_db(row["ended_at"]),
        participants=row["participants"],
        questions_asked=row["questions_asked"],
        questions_answered=row["questions_answered"],
        requests_sent=row["requests_sent"],
    )


def _request(row: aiosqlite.Row) -> FeedbackRequest:
    return FeedbackRequest(
        id=row["id"],
        session_id=row["session_id"],
        user_id=row["user_id"],
        step=Step(row["step"]),
        expires_at=from_db(row["expires_at"]),
        title=row["title"],
        day=date.fromisoformat(row["day"]),
    )


_REQUEST = (
    "SELECT r.id, r.session_id, r.user_id, r.step, r.expires_at, s.title, s.day"
    " FROM feedback_requests r JOIN feedback_sessions s ON s.id = r.session_id"
)


class FeedbackRepository:
    def __init__(self, db: Database):
        self.db = db
        # Parents who may have a free-text question pending: a cache so that the text
        # router (every message a parent sends) does not query the database for everyone.
        # Only ever too big, never too small: a miss is confirmed in the database.
        self._awaiting_text: set[int] = set()
        self._awaiting_loaded = False

    # -- creating requests ---------------------------------------------------------------

    async def open_session(
        self,
        draft: FeedbackSession,
        recipients: Sequence[int],
        first_step: Step,
        now: datetime,
        expires_at: datetime,
        *,
        counts_as_sent: bool,
        message_for: MessageFor,
    ) -> int:
        """Record the session and one request plus its outbox message per recipient.

        All in one transaction, and only the first time for a session: returns 0 when the
        session was recorded before (a second /sluit, a restart's catch-up).
        """

        async def op(conn: aiosqlite.Connection) -> int:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO feedback_sessions (ref, kind, title, theme, day, ended_at,"
                " participants, questions_asked, questions_answered)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    draft.ref,
                    draft.kind,
                    draft.title,
                    draft.theme,
                    draft.day.isoformat(),
                    to_db(draft.ended_at),
                    draft.participants,
                    draft.questions_asked,
                    draft.questions_answered,
                ),
            )
            if cursor.rowcount == 0:
                return 0
            session_id = cursor.lastrowid
            created = 0
            for user_id in dict.fromkeys(recipients):
                cursor = await conn.execute(
                    "INSERT OR IGNORE INTO feedback_requests (session_id, user_id, step,"
                    " created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                    (session_id, user_id, first_step.value, to_db(now), to_db(expires_at)),
                )
                if cursor.rowcount == 0 or cursor.lastrowid is None:
                    continue
                await enqueue(
                    conn,
                    message_for(cursor.lastrowid, user_id),
                    due_at=now,
                    now=now,
                    expires_at=expires_at,
                )
                created += 1
            if counts_as_sent:
                await conn.execute(
                    "UPDATE feedback_sessions SET requests_sent = ? WHERE id = ?",
                    (created, session_id),
                )
            return created

        return await self.db.write(op)

    async def has_session(self, ref: str) -> bool:
        return (
            await self.db.fetch_value("SELECT 1 FROM feedback_sessions WHERE ref = ?", (ref,))
            is not None
        )

    async def closed_webinars_without_session(self, since: datetime) -> list[int]:
        rows = await self.db.fetch_all(
            "SELECT id FROM webinars WHERE state = 'closed' AND closed_at >= ?"
            " AND practice_of IS NULL"
            " AND ('w:' || id) NOT IN (SELECT ref FROM feedback_sessions) ORDER BY closed_at",
            (to_db(since),),
        )
        return [row["id"] for row in rows]

    async def inloop_subscribers(self, series_id: int, ended_at: datetime) -> list[int]:
        """Active parents subscribed to an inloop series before an occurrence ended."""
        rows = await self.db.fetch_all(
            "SELECT s.user_id FROM inloop_subscriptions s JOIN users u ON u.id = s.user_id"
            " WHERE s.series_id = ? AND u.active = 1 AND s.subscribed_at <= ? ORDER BY s.user_id",
            (series_id, to_db(ended_at)),
        )
        return [row["user_id"] for row in rows]

    async def outbox_has_prefix(self, prefix: str) -> bool:
        """Whether a message whose dedup key starts with `prefix` was ever queued."""
        high = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return (
            await self.db.fetch_value(
                "SELECT 1 FROM outbox WHERE dedup_key >= ? AND dedup_key < ? LIMIT 1",
                (prefix, high),
            )
            is not None
        )

    # -- answering -----------------------------------------------------------------------

    async def answer(
        self,
        request_id: int,
        user_id: int,
        now: datetime,
        decide: Decide,
        field: AnswerField | None = None,
        value: int | str | None = None,
    ) -> AnswerOutcome:
        """Save one answer (or a skip) and move the request on, as `decide` says.

        Only the parent the request belongs to, only before it expires. Answering again
        overwrites the earlier answer: one answer row per request.
        """
        if field is not None and field not in _FIELDS:
            raise ValueError(f"unknown answer field {field!r}")

        async def op(conn: aiosqlite.Connection) -> AnswerOutcome:
            cursor = await conn.execute(_REQUEST + " WHERE r.id = ?", (request_id,))
            row = await cursor.fetchone()
            if row is None or row["user_id"] != user_id:
                return AnswerOutcome("unknown")
            request = _request(row)
            if request.expires_at <= now:
                return AnswerOutcome("expired", request)
            new_step = decide(request.step)
            if new_step is None:
                return AnswerOutcome("unchanged", request)
            if field is not None:
                await conn.execute(
                    f"INSERT INTO feedback_answers (session_id, request_id, {field})"
                    f" VALUES (?, ?, ?) ON CONFLICT (request_id) DO UPDATE SET"
                    f" {field} = excluded.{field}",
                    (request.session_id, request.id, value),
                )
            if new_step is not request.step:
                await conn.execute(
                    "UPDATE feedback_requests SET step = ? WHERE id = ?",
                    (new_step.value, request.id),
                )
                if request.step is Step.ATTENDANCE and new_step is Step.SCORE:
                    # "Yes, I was there": a participant, and a feedback request sent.
                    await conn.execute(
                        "UPDATE feedback_sessions SET participants = participants + 1,"
                        " requests_sent = requests_sent + 1 WHERE id = ?",
                        (request.session_id,),
                    )
            return AnswerOutcome("saved", replace(request, step=new_step), request.step)

        outcome = await self.db.write(op)
        if outcome.request is not None and outcome.request.step in TEXT_STEPS:
            self._awaiting_text.add(user_id)
        return outcome

    async def text_step_of(self, user_id: int, now: datetime) -> FeedbackRequest | None:
        """The request whose free-text question this parent's next message answers."""
        if not self._awaiting_loaded:
            rows = await self.db.fetch_all(
                "SELECT DISTINCT user_id FROM feedback_requests"
                " WHERE step IN ('takeaway', 'wish') AND expires_at > ?",
                (to_db(now),),
            )
            self._awaiting_text |= {row["user_id"] for row in rows}
            self._awaiting_loaded = True
        if user_id not in self._awaiting_text:
            return None
        row = await self.db.fetch_one(
            _REQUEST + " WHERE r.user_id = ? AND r.step IN ('takeaway', 'wish')"
            " AND r.expires_at > ? ORDER BY r.id DESC LIMIT 1",
            (user_id, to_db(now)),
        )
        if row is None:
            self._awaiting_text.discard(user_id)
            return None
        return _request(row)

    async def button_step_of(self, user_id: int, now: datetime) -> FeedbackRequest | None:
        """This parent's newest request still waiting for a button (were you there, a
        score, did it help); only asked for parents outside a webinar."""
        row = await self.db.fetch_one(
            _REQUEST + " WHERE r.user_id = ? AND r.step IN ('attendance', 'score', 'helped')"
            " AND r.expires_at > ? ORDER BY r.id DESC LIMIT 1",
            (user_id, to_db(now)),
        )
        return None if row is None else _request(row)

    # -- reading for summaries -----------------------------------------------------------

    async def session(self, session_id: int) -> FeedbackSession | None:
        row = await self.db.fetch_one("SELECT * FROM feedback_sessions WHERE id = ?", (session_id,))
        return None if row is None else _session(row)

    async def recent_sessions(self, limit: int) -> list[FeedbackSession]:
        rows = await self.db.fetch_all(
            "SELECT * FROM feedback_sessions ORDER BY ended_at DESC, id DESC LIMIT ?", (limit,)
        )
        return [_session(row) for row in rows]

    async def recent_themes(self, limit: int) -> list[tuple[str, int]]:
        """(theme, id of its latest session), the most recently used themes first."""
        rows = await self.db.fetch_all(
            "SELECT theme, max(id) AS latest FROM feedback_sessions WHERE theme != ''"
            " GROUP BY lower(theme) ORDER BY max(ended_at) DESC LIMIT ?",
            (limit,),
        )
        return [(row["theme"], row["latest"]) for row in rows]

    async def sessions_with_theme(self, theme: str) -> list[FeedbackSession]:
        rows = await self.db.fetch_all(
            "SELECT * FROM feedback_sessions WHERE lower(theme) = lower(?) ORDER BY day, id",
            (theme,),
        )
        return [_session(row) for row in rows]

    async def sessions_between(self, first: date, last: date) -> list[FeedbackSession]:
        """Sessions held on `first` .. `last` (local dates, both included)."""
        rows = await self.db.fetch_all(
            "SELECT * FROM feedback_sessions WHERE day BETWEEN ? AND ? ORDER BY day, id",
            (first.isoformat(), last.isoformat()),
        )
        return [_session(row) for row in rows]

    async def answers_of(self, sessions: Sequence[FeedbackSession]) -> list[FeedbackAnswer]:
        """The answers to `sessions`, without anything that says who gave them."""
        by_id = {session.id: session for session in sessions}
        if not by_id:
            return []
        marks = ",".join("?" * len(by_id))
        rows = await self.db.fetch_all(
            f"SELECT session_id, score, helped, takeaway, wish FROM feedback_answers"
            f" WHERE session_id IN ({marks}) ORDER BY id",
            tuple(by_id),
        )
        return [
            FeedbackAnswer(
                session_ref=by_id[row["session_id"]].ref,
                day=by_id[row["session_id"]].day,
                score=row["score"],
                helped=None if row["helped"] is None else Helped(row["helped"]),
                takeaway=row["takeaway"],
                wish=row["wish"],
            )
            for row in rows
        ]

    # -- privacy ---------------------------------------------------------------------------

    async def of_user(self, user_id: int) -> list[tuple[FeedbackRequest, FeedbackAnswer | None]]:
        """Everything kept about one parent's feedback (for /mijngegevens)."""
        rows = await self.db.fetch_all(
            "SELECT r.id, r.session_id, r.user_id, r.step, r.expires_at, s.title, s.day, s.ref,"
            " a.id AS answer_id, a.score, a.helped, a.takeaway, a.wish"
            " FROM feedback_requests r JOIN feedback_sessions s ON s.id = r.session_id"
            " LEFT JOIN feedback_answers a ON a.request_id = r.id"
            " WHERE r.user_id = ? ORDER BY s.day, r.id",
            (user_id,),
        )
        found = []
        for row in rows:
            answer = None
            if row["answer_id"] is not None:
                answer = FeedbackAnswer(
                    session_ref=row["ref"],
                    day=date.fromisoformat(row["day"]),
                    score=row["score"],
                    helped=None if row["helped"] is None else Helped(row["helped"]),
                    takeaway=row["takeaway"],
                    wish=row["wish"],
                )
            found.append((_request(row), answer))
        return found

    async def forget_user(self, user_id: int, *, delete_answers: bool) -> None:
        """Erase a parent's requests (/vergeetmij). Their answers are deleted too, or (with
        `delete_answers=False`) kept without any link to them. Session counts stay."""

        async def op(conn: aiosqlite.Connection) -> None:
            if delete_answers:
                await conn.execute(
                    "DELETE FROM feedback_answers WHERE request_id IN"
                    " (SELECT id FROM feedback_requests WHERE user_id = ?)",
                    (user_id,),
                )
            # The answers' request_id becomes NULL (ON DELETE SET NULL): unlinked.
            await conn.execute("DELETE FROM feedback_requests WHERE user_id = ?", (user_id,))

        await self.db.write(op)
        self._awaiting_text.discard(user_id)

    async def unlink_sessions_ended_before(self, moment: datetime) -> int:
        """Retention: requests of sessions that ended before `moment` no longer name the
        parent, so their answers are anonymous from then on."""

        async def op(conn: aiosqlite.Connection) -> int:
            cursor = await conn.execute(
                "UPDATE feedback_requests SET user_id = NULL WHERE user_id IS NOT NULL"
                " AND session_id IN (SELECT id FROM feedback_sessions WHERE ended_at < ?)",
                (to_db(moment),),
            )
            return cursor.rowcount

        if (
            await self.db.fetch_value(
                "SELECT 1 FROM feedback_requests r JOIN feedback_sessions s ON s.id = r.session_id"
                " WHERE r.user_id IS NOT NULL AND s.ended_at < ? LIMIT 1",
                (to_db(moment),),
            )
            is None
        ):
            return 0  # the usual case: no write (and no transaction) every half minute
        return await self.db.write(op, marks_update=False)

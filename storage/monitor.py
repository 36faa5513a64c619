"""What the monitor figures read (bot.monitor): webinars of a period with their counts,
their question groups, and inloop visits. Practice webinars (/oefenen) are never read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from storage.db import Database
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class WebinarCounts:
    """One real webinar of the period, counted from its rows (parents only)."""

    id: int
    title: str
    theme: str
    organisation: str
    wijk: str
    starts_at: datetime
    closed: bool
    participants: int
    askers: int  # distinct parents who asked (the base of the question figures)
    asked: int
    answered: int
    grouped: int  # questions that shared a group with another question, or were merged
    replay_notices: int
    session_ref: str  # its feedback session, 'w:<id>'


@dataclass(frozen=True)
class QuestionGroup:
    """A group of alike questions of one webinar: how many distinct parents, and the text
    of its first question that still has one (None once retention removed the texts)."""

    webinar_id: int
    parents: int
    questions: int
    text: str | None


# The group every question finally belongs to: a merged question counts in the group of
# the question it went into; a question without a group (or a general one) is its own.
_GROUPS = """
WITH RECURSIVE chain(id, root) AS (
    SELECT id, id FROM questions WHERE webinar_id = ? AND merged_into IS NULL
    UNION ALL
    SELECT q.id, c.root FROM questions q JOIN chain c ON q.merged_into = c.id
),
clusters AS (
    SELECT CASE WHEN r.group_key IS NULL OR r.group_key < 0 THEN -r.id - 1
                ELSE r.group_key END AS cluster,
           count(DISTINCT q.asker_id) AS parents, count(*) AS questions,
           min(CASE WHEN q.text IS NOT NULL THEN q.id END) AS first_with_text,
           min(q.id) AS first_id
    FROM chain c JOIN questions q ON q.id = c.id JOIN questions r ON r.id = c.root
    WHERE q.state NOT IN ('withdrawn', 'removed') AND q.asker_id > 0
    GROUP BY cluster
)
SELECT k.parents, k.questions, x.text AS first_text
FROM clusters k LEFT JOIN questions x ON x.id = k.first_with_text
ORDER BY k.parents DESC, k.questions DESC, k.first_id
"""


class MonitorRepository:
    def __init__(self, db: Database):
        self.db = db

    async def webinars(self, start: datetime, end: datetime) -> list[WebinarCounts]:
        """Real webinars starting in [start, end), with their counts."""
        rows = await self.db.fetch_all(
            """
            SELECT w.*,
              (SELECT count(*) FROM participants p WHERE p.webinar_id = w.id AND p.user_id > 0
                 AND NOT EXISTS (SELECT 1 FROM roles r WHERE r.user_id = p.user_id))
                AS n_participants,
              (SELECT count(DISTINCT q.asker_id) FROM questions q
                 WHERE q.webinar_id = w.id AND q.asker_id > 0 AND q.state != 'withdrawn')
                AS n_askers,
              (SELECT count(*) FROM questions q WHERE q.webinar_id = w.id
                 AND q.state != 'withdrawn') AS n_asked,
              (SELECT count(*) FROM questions q WHERE q.webinar_id = w.id
                 AND q.state = 'answered') AS n_answered,
              (SELECT count(*) FROM questions q WHERE q.webinar_id = w.id AND (
                 q.state = 'merged' OR EXISTS (SELECT 1 FROM questions o
                   WHERE o.webinar_id = w.id AND o.id != q.id AND o.group_key = q.group_key
                   AND q.group_key >= 0 AND o.state != 'withdrawn'))
                 AND q.state != 'withdrawn') AS n_grouped,
              (SELECT s.participants FROM feedback_sessions s WHERE s.ref = 'w:' || w.id)
                AS kept_participants
            FROM webinars w
            WHERE w.practice_of IS NULL AND w.starts_at >= ? AND w.starts_at < ?
            ORDER BY w.starts_at, w.id
            """,
            (to_db(start), to_db(end)),
        )
        return [
            WebinarCounts(
                id=row["id"],
                title=row["title"],
                theme=row["theme"],
                organisation=row["organisation"],
                wijk=row["wijk"],
                starts_at=from_db(row["starts_at"]),
                closed=row["state"] == "closed",
                # The count taken at closing stays when parents are erased later.
                participants=max(row["n_participants"], row["kept_participants"] or 0),
                askers=row["n_askers"],
                asked=row["n_asked"],
                answered=row["n_answered"],
                grouped=row["n_grouped"],
                replay_notices=row["replay_notices"],
                session_ref=f"w:{row['id']}",
            )
            for row in rows
        ]

    async def question_groups(self, webinar_id: int) -> list[QuestionGroup]:
        rows = await self.db.fetch_all(_GROUPS, (webinar_id,))
        return [
            QuestionGroup(webinar_id, row["parents"], row["questions"], row["first_text"])
            for row in rows
        ]

    async def inloop_visits(self, first: date, last: date) -> dict[int, int]:
        """Per inloop series: the parents who said "yes, I was there" for an occurrence on
        `first` .. `last` (a request past the attendance step that was not 'absent')."""
        rows = await self.db.fetch_all(
            "SELECT s.ref, count(*) AS n FROM feedback_requests r"
            " JOIN feedback_sessions s ON s.id = r.session_id"
            " WHERE s.kind = 'inloop' AND s.day BETWEEN ? AND ?"
            " AND r.step NOT IN ('attendance', 'absent') GROUP BY s.ref",
            (first.isoformat(), last.isoformat()),
        )
        visits: dict[int, int] = {}
        for row in rows:
            series_id = int(row["ref"].split(":")[1])
            visits[series_id] = visits.get(series_id, 0) + row["n"]
        return visits

    async def cancellations(self, first: date, last: date) -> dict[int, set[date]]:
        rows = await self.db.fetch_all(
            "SELECT series_id, day FROM inloop_cancellations WHERE day BETWEEN ? AND ?",
            (first.isoformat(), last.isoformat()),
        )
        result: dict[int, set[date]] = {}
        for row in rows:
            result.setdefault(row["series_id"], set()).add(date.fromisoformat(row["day"]))
        return result

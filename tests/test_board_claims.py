"""Claiming one chosen question (the board's pick) against /volgende's claim of the next
one, at the storage level with a real SQLite file: nobody ever shares a question."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.core.models import QuestionState
from storage.db import Database
from storage.questions import QuestionRepository
from storage.users import UserRepository
from storage.webinars import WebinarDraft, WebinarRepository

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PARENT = 3  # asks every question of the queue


async def a_queue(tmp_path: Path, size: int) -> tuple[Database, QuestionRepository, int]:
    db = await Database.open(tmp_path / "db.sqlite3")
    webinars = WebinarRepository(db)
    await webinars.upsert([WebinarDraft("w", "W", "t", NOW, NOW + timedelta(hours=1), None)])
    webinar = await webinars.by_code("w")
    assert webinar is not None
    # Gespreksleiders 1 and 2 opened the webinar: only they may pull from its queue.
    for moderator in (1, 2):
        await UserRepository(db).ensure(moderator, "nl", NOW)
        await webinars.join(webinar.id, moderator, NOW)
    questions = QuestionRepository(db)
    await UserRepository(db).ensure(PARENT, "nl", NOW)
    for n in range(size):
        await questions.add(
            webinar_id=webinar.id, asker_id=PARENT, source_msg=n, text=f"vraag {n}",
            shown_name=None, now=NOW,
        )  # fmt: skip
    return db, questions, webinar.id


async def test_many_gespreksleiders_picking_one_question_at_once_give_it_to_one(
    tmp_path: Path,
) -> None:
    db, questions, webinar_id = await a_queue(tmp_path, 3)
    try:
        target = (await questions.top_open(webinar_id, 1))[0].id
        won = await asyncio.gather(
            *(questions.claim(target, webinar_id, moderator, NOW) for moderator in range(1, 11))
        )
        winners = [q.claimed_by for q in won if q is not None]
        assert len(winners) == 1
        stored = await questions.get(target)
        assert stored is not None
        assert stored.claimed_by == winners[0]
    finally:
        await db.close()


async def test_picks_and_pulls_at_the_same_time_never_share_a_question(tmp_path: Path) -> None:
    db, questions, webinar_id = await a_queue(tmp_path, 30)
    try:
        held: dict[int, int] = {}
        for _ in range(10):
            top = (await questions.top_open(webinar_id, 1))[0].id
            picked, pulled = await asyncio.gather(
                questions.claim(top, webinar_id, 1, NOW),
                questions.claim_next(webinar_id, 2, NOW),
            )
            assert picked is None or pulled is None or picked.id != pulled.id
            for moderator in (1, 2):
                mine = await questions.held_by(webinar_id, moderator)
                if mine is not None:
                    held[moderator] = mine.id
            assert len(set(held.values())) == len(held)
        claimed = [
            q for q in await questions.unanswered(webinar_id) if q.state is QuestionState.CLAIMED
        ]
        assert sorted(q.claimed_by or 0 for q in claimed) == [1, 2]  # one each, never more
    finally:
        await db.close()


async def test_picking_another_question_puts_the_held_one_back_in_its_place(
    tmp_path: Path,
) -> None:
    db, questions, webinar_id = await a_queue(tmp_path, 3)
    try:
        first, second, _ = await questions.top_open(webinar_id, 3)
        assert await questions.claim(first.id, webinar_id, 1, NOW) is not None
        assert await questions.claim(second.id, webinar_id, 1, NOW) is not None
        back = await questions.get(first.id)
        assert back is not None
        assert back.state is QuestionState.OPEN
        assert not back.deferred
        assert (await questions.top_open(webinar_id, 1))[0].id == first.id
    finally:
        await db.close()

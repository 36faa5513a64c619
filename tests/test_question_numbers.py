"""Questions are numbered per webinar, in storage and across the 0008 migration."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.db import Database, _migrations, _split_statements
from storage.questions import QuestionRepository
from storage.users import UserRepository
from storage.webinars import WebinarDraft, WebinarRepository

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


async def test_each_webinar_numbers_its_questions_from_one(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "numbers.sqlite3")
    try:
        webinars = WebinarRepository(db)
        drafts = [
            WebinarDraft(code, code, "", NOW, NOW + timedelta(hours=1), None) for code in "ab"
        ]
        await webinars.upsert(drafts)
        ids = [(await webinars.by_code(code)).id for code in "ab"]  # type: ignore[union-attr]
        await UserRepository(db).ensure(1, "nl", NOW)
        questions = QuestionRepository(db)
        numbers = []
        for message, webinar_id in enumerate([ids[0], ids[0], ids[1], ids[0], ids[1]]):
            added = await questions.add(
                webinar_id=webinar_id,
                asker_id=1,
                source_msg=message,
                text=f"vraag {message}",
                shown_name=None,
                now=NOW,
            )
            numbers.append((webinar_id, added.question.number))
        assert numbers == [(ids[0], 1), (ids[0], 2), (ids[1], 1), (ids[0], 3), (ids[1], 2)]
    finally:
        await db.close()


async def test_the_migration_numbers_existing_questions_in_asking_order(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    numbering = next(n for n, script in _migrations() if "ADD COLUMN number" in script)
    for number, script in _migrations():
        if number >= numbering:  # the database as it was before questions had numbers
            break
        for statement in _split_statements(script):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {number}")
    moment = NOW.isoformat()
    for webinar_id in (1, 2):
        conn.execute(
            "INSERT INTO webinars (id, code, title, starts_at, ends_at) VALUES (?, ?, ?, ?, ?)",
            (webinar_id, f"w{webinar_id}", "t", moment, moment),
        )
    for question_id, webinar_id in [(5, 1), (6, 2), (9, 1), (11, 2), (12, 1)]:
        conn.execute(
            "INSERT INTO questions (id, webinar_id, text, created_at) VALUES (?, ?, 'q', ?)",
            (question_id, webinar_id, moment),
        )
    conn.commit()
    conn.close()

    db = await Database.open(path)
    try:
        rows = await db.fetch_all("SELECT id, webinar_id, number FROM questions ORDER BY id")
        assert [tuple(row) for row in rows] == [
            (5, 1, 1),
            (6, 2, 1),
            (9, 1, 2),
            (11, 2, 2),
            (12, 1, 3),
        ]
    finally:
        await db.close()

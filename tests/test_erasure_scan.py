"""Erasure that erases: after /vergeetmij and after retention, no byte of a question's
text (its words, its three-letter chunks as the grouping engine keeps them) nor of its
asker's name is left in any file of the database: the main file, the -wal and -shm
files, while the bot runs and after it stopped, and in a backup made afterwards with
`ouderbot backup`.

The question is made of invented words, so that their chunks occur nowhere else; chunks
that the database held before the question was asked (in a title, a key) are left out
of the scan, and the scan is shown to find what it looks for before the erasure.
"""

from __future__ import annotations

import asyncio
import html
import json
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import Ouderbot
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.localapi import FakeUser, LocalBotApi
from storage.db import Database
from storage.privacy import PrivacyRepository
from tests.bot_process import write_config
from tests.helpers import (
    MODERATOR_IDS,
    add_webinar,
    close_webinar,
    eventually,
    make_moderator,
    start_bot,
)
from tests.test_backup import run_cli
from tests.test_privacy import ask, data_of, has, join

pytestmark = pytest.mark.slow  # `ouderbot backup` runs in a process of its own

QUESTION = "Qyzvexa jorxwupt zwixtyrm vyqolzen?"
NAME = "Xabyqzo"
PARENT = 5_550_321_654


def words(text: str) -> set[str]:
    return {word.strip("?,.").lower() for word in text.split()}


def chunks(text: str) -> set[str]:
    """Every three-letter chunk of every word (lower-cased, as the features keep them)."""
    return {word[i : i + 3] for word in words(text) for i in range(len(word) - 2)}


def database_files(database: Path) -> list[Path]:
    """The database's files: the main one and whatever SQLite keeps beside it."""
    return sorted(database.parent.glob(database.name + "*"))


def found(files: list[Path], needles: set[str]) -> list[str]:
    """(file: needle) for each needle whose bytes occur in a file, in any letter case."""
    hits = []
    for path in files:
        data = path.read_bytes().lower()
        hits += [f"{path.name}: {needle}" for needle in sorted(needles) if needle.encode() in data]
    return hits


def config_for(settings: Settings, folder: Path) -> Path:
    return write_config(
        folder / "ouderbot.toml",
        settings.telegram.base_url,
        settings.telegram.base_file_url,
        settings.storage.database,
    )


async def backup_files(settings: Settings, folder: Path) -> list[Path]:
    """A backup made with `ouderbot backup` (its own process), and its files."""
    destination = folder / "backup" / "kopie.sqlite3"
    done = await asyncio.to_thread(
        run_cli, config_for(settings, folder), "backup", str(destination)
    )
    assert done.returncode == 0, done.stderr
    return database_files(destination)


async def parent_asked_with_name_shown(
    bot: Ouderbot, api: LocalBotApi, settings: Settings
) -> tuple[FakeUser, FakeUser, set[str]]:
    """The question asked and seen on the gespreksleider's card; returns the parent, the
    gespreksleider and the chunks the database held before (left out of every scan)."""
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert")
    await make_moderator(bot, moderator.id)
    await add_webinar(bot, "nachtrust", "Rustige nachten")
    moderator.send("/open nachtrust")
    await moderator.wait_for(has("open voor vragen"))
    await api.wait_until_idle()
    database = settings.storage.database
    already = {hit.split(": ")[1] for hit in found(database_files(database), chunks(QUESTION))}
    assert len(already) <= len(chunks(QUESTION)) // 5  # the scan stays meaningful

    parent = api.user(PARENT, first_name=NAME)
    welcome = await join(parent, "nachtrust", first_time=True)
    parent.press(welcome, data_of(parent, welcome, ":p:name:"))
    await eventually(lambda: api.unanswered_callback_queries() == [])
    await ask(parent, QUESTION)
    moderator.send("/volgende")
    await moderator.wait_for(has("jorxwupt"))
    await api.wait_until_idle()
    await bot.services.db.checkpoint()  # so that the main file itself holds them now
    # The scan finds what it looks for: the words, the name, the chunks (the features).
    files = database_files(database)
    assert {hit.split(": ")[1] for hit in found(files, words(QUESTION) | {NAME.lower()})} == (
        words(QUESTION) | {NAME.lower()}
    )
    assert found(files, chunks(QUESTION) - already) != []
    features = "SELECT features FROM questions WHERE asker_id = ?"
    with closing(sqlite3.connect(database)) as conn:
        assert conn.execute(features, (PARENT,)).fetchone()[0]
    return parent, moderator, already


async def test_forget_me_leaves_no_word_chunk_or_name_of_the_question_in_any_file(
    settings: Settings, clock: ManualClock, api: LocalBotApi, tmp_path: Path
) -> None:
    bot = await start_bot(settings, clock, api)
    database = settings.storage.database
    needles = words(QUESTION) | {NAME.lower()} | chunks(QUESTION) | chunks(NAME)
    try:
        parent, _, already = await parent_asked_with_name_shown(bot, api, settings)
        needles -= already
        parent.send("/vergeetmij")
        confirm = await parent.wait_for(has("Alles wissen?"))
        parent.tap("🗑 Ja, wis alles", confirm)
        await parent.wait_for(has("We hebben alles gewist"))
        await api.wait_until_idle()
        assert found(database_files(database), needles) == []
        assert found(await backup_files(settings, tmp_path), needles) == []
    finally:
        await bot.stop()
    assert found(database_files(database), needles) == []


async def test_retention_leaves_no_word_or_chunk_of_the_question_in_any_file(
    settings: Settings, clock: ManualClock, api: LocalBotApi, tmp_path: Path
) -> None:
    bot = await start_bot(settings, clock, api)
    database = settings.storage.database
    needles = words(QUESTION) | chunks(QUESTION)
    try:
        _, moderator, already = await parent_asked_with_name_shown(bot, api, settings)
        needles -= already
        await close_webinar(moderator)
        await moderator.wait_for(has("is gesloten"))
        await api.wait_until_idle()
        clock.advance(timedelta(days=31))
        report = await bot.retention.run()
        assert report.question_texts == 1
        await api.wait_until_idle()
        assert found(database_files(database), needles) == []
        with closing(sqlite3.connect(database)) as conn:
            row = conn.execute(
                "SELECT text, shown_name, features FROM questions WHERE asker_id = ?", (PARENT,)
            ).fetchone()
        assert row == (None, None, None)  # the row stays (the counts), nothing of the text
        assert found(await backup_files(settings, tmp_path), needles) == []
    finally:
        await bot.stop()
    assert found(database_files(database), needles) == []


async def test_erasure_clears_a_panel_line_quoting_the_question_shortened_and_escaped(
    database_path: Path,
) -> None:
    """A queue panel waiting to be sent to a gespreksleider quotes the question cut at
    80 characters and HTML-escaped: that quote goes with the question, the rest stays."""
    text = "Mijn zoon <Qyzvexa> & zijn vriendje jorxwupten elke avond, " * 3
    with closing(sqlite3.connect(database_path)) as conn:
        conn.execute(
            "INSERT INTO users (id, created_at, last_seen_at) VALUES (?, 'x', 'x'), (?, 'x', 'x')",
            (PARENT, MODERATOR_IDS[0]),
        )
        conn.execute(
            "INSERT INTO webinars (id, code, title, starts_at, ends_at) VALUES (1, 'w', 'W', 'x', 'x')"
        )
        conn.execute(
            "INSERT INTO questions (webinar_id, asker_id, text, created_at, number)"
            " VALUES (1, ?, ?, 'x', 1)",
            (PARENT, text),
        )
        line = "1. " + html.escape(text[:79], quote=False) + "…"
        conn.execute(
            "INSERT INTO outbox (dedup_key, user_id, kind, payload, due_at, created_at)"
            " VALUES ('panel', ?, 'chat', ?, 'x', 'x')",
            (MODERATOR_IDS[0], json.dumps({"text": f"Rij\\n{line}", "html": True})),
        )
        conn.commit()
    db = await Database.open(database_path)
    try:
        await PrivacyRepository(db).erase(PARENT)
        payload = await db.fetch_value("SELECT payload FROM outbox WHERE dedup_key = 'panel'")
    finally:
        await db.close()
    assert "Qyzvexa" not in payload
    assert json.loads(payload)["html"] is True  # the rest of the message stays
    assert found(database_files(database_path), {"qyzvexa", "jorxwupten"}) == []

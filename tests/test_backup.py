"""`ouderbot backup DEST`: an online backup that is consistent while parents keep writing."""

from __future__ import annotations

import asyncio
import sqlite3
import stat
import subprocess
import tempfile
from contextlib import closing
from pathlib import Path

import pytest

from bot.app import Ouderbot
from bot.localapi import LocalBotApi
from storage.db import Database, backup
from storage.users import UserRepository
from tests.bot_process import ROOT, ouderbot_env, run_ouderbot, write_config
from tests.helpers import START, TOKEN, eventually
from tests.test_bad_input import parent_in_webinar

pytestmark = pytest.mark.slow  # starts processes (run first, see tests/conftest.py)

PARENTS = range(6001, 6041)


def question_ids(database: Path) -> set[int]:
    with closing(sqlite3.connect(database)) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM questions")}


def integrity(database: Path) -> str:
    with closing(sqlite3.connect(database)) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


async def test_a_backup_taken_while_parents_ask_is_whole_and_has_every_earlier_question(
    bot: Ouderbot, api: LocalBotApi, tmp_path: Path
) -> None:
    database = bot.services.settings.storage.database
    parents = [await parent_in_webinar(bot, api, user_id) for user_id in PARENTS]
    for parent in parents:
        parent.send(f"Eerste vraag van ouder {parent.id}")
    await eventually(lambda: len(question_ids(database)) == len(PARENTS))

    for parent in parents:  # the second wave is in flight while the backup runs
        parent.send(f"Tweede vraag van ouder {parent.id}")
    await eventually(lambda: len(question_ids(database)) > len(PARENTS))
    committed_before = question_ids(database)
    destination = tmp_path / "backup" / "ouderbot-backup.sqlite3"
    destination.parent.mkdir()
    await backup(database, destination)
    await eventually(lambda: len(question_ids(database)) == 2 * len(PARENTS))

    assert integrity(destination) == "ok"
    in_backup = question_ids(destination)
    assert committed_before <= in_backup <= question_ids(database)


def run_cli(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`ouderbot --config <config> <args>` in a process of its own (tests.bot_process)."""
    env = ouderbot_env(OUDERBOT_TOKEN=TOKEN)
    with tempfile.TemporaryDirectory() as folder:
        return run_ouderbot(["--config", str(config), *args], env, ROOT, Path(folder) / "cli")


async def seeded_database(path: Path) -> None:
    db = await Database.open(path)
    try:
        await UserRepository(db).ensure(7001, "nl", START)
    finally:
        await db.close()


async def test_the_backup_command_writes_a_copy_and_refuses_to_overwrite_one(
    tmp_path: Path,
) -> None:
    database = tmp_path / "ouderbot.sqlite3"
    await seeded_database(database)
    config = write_config(tmp_path / "ouderbot.toml", "http://127.0.0.1:9/bot",
                          "http://127.0.0.1:9/file/bot", database)  # fmt: skip
    destination = tmp_path / "kopie.sqlite3"

    done = await asyncio.to_thread(run_cli, config, "backup", str(destination))
    assert done.returncode == 0, done.stderr
    assert str(destination) in done.stdout
    assert integrity(destination) == "ok"
    with closing(sqlite3.connect(destination)) as conn:
        assert conn.execute("SELECT id FROM users").fetchall() == [(7001,)]

    again = await asyncio.to_thread(run_cli, config, "backup", str(destination))
    assert again.returncode != 0
    assert again.stderr.strip().count("\n") == 0
    assert "already exists" in again.stderr
    assert str(destination) in again.stderr


async def test_the_backup_command_refuses_a_database_that_does_not_exist(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "verkeerd.sqlite3"
    config = write_config(tmp_path / "ouderbot.toml", "http://127.0.0.1:9/bot",
                          "http://127.0.0.1:9/file/bot", missing)  # fmt: skip
    done = await asyncio.to_thread(run_cli, config, "backup", str(tmp_path / "kopie.sqlite3"))
    assert done.returncode != 0
    assert not missing.exists()


async def test_the_backup_command_makes_the_folder_the_readme_names(tmp_path: Path) -> None:
    """README: `ouderbot backup backups/ouderbot-$(date +%F).sqlite3`, on a fresh install
    where backups/ does not exist yet."""
    database = tmp_path / "ouderbot.sqlite3"
    await seeded_database(database)
    config = write_config(tmp_path / "ouderbot.toml", "http://127.0.0.1:9/bot",
                          "http://127.0.0.1:9/file/bot", database)  # fmt: skip
    destination = tmp_path / "backups" / "ouderbot-2026-12-01.sqlite3"
    done = await asyncio.to_thread(run_cli, config, "backup", str(destination))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert integrity(destination) == "ok"


async def test_a_backup_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    database = tmp_path / "ouderbot.sqlite3"
    await seeded_database(database)
    config = write_config(tmp_path / "ouderbot.toml", "http://127.0.0.1:9/bot",
                          "http://127.0.0.1:9/file/bot", database)  # fmt: skip
    destination = tmp_path / "backups" / "kopie.sqlite3"
    done = await asyncio.to_thread(run_cli, config, "backup", str(destination))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(destination.stat().st_mode) == 0o600
    assert integrity(destination) == "ok"

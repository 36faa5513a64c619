"""The database check at start: an empty file where the database should be, and a
damaged index that quick_check passes, are refused before the bot runs on them."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from storage.db import Database, DatabaseUnusable
from tests.test_cli import PROGRAMME, import_config, one_line_error, run_cli


async def test_a_new_path_gets_a_new_database_at_its_first_start(tmp_path: Path) -> None:
    database = tmp_path / "data" / "ouderbot.sqlite3"
    db = await Database.open(database)
    await db.close()
    assert database.stat().st_size > 0
    assert sorted(p.name for p in database.parent.iterdir()) == ["ouderbot.sqlite3"]
    await (await Database.open(database)).close()  # and opens again


async def test_a_first_start_that_did_not_finish_leaves_no_file_in_the_databases_place(
    tmp_path: Path,
) -> None:
    database = tmp_path / "ouderbot.sqlite3"
    (tmp_path / "ouderbot.sqlite3.new").write_bytes(b"")  # what a kill mid-creation leaves
    await (await Database.open(database)).close()
    assert not (tmp_path / "ouderbot.sqlite3.new").exists()
    with closing(sqlite3.connect(database)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] > 0


async def test_an_empty_file_where_the_database_should_be_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "ouderbot.sqlite3"
    database.write_bytes(b"")
    with pytest.raises(DatabaseUnusable, match="empty"):
        await Database.open(database)
    assert database.stat().st_size == 0  # not turned into a new database


def damaged_index(database: Path) -> None:
    """A database whose index inbox_user no longer matches its table (the index's
    definition changed under it): every page is sound, only the index is wrong."""
    with closing(sqlite3.connect(database)) as conn:
        conn.execute(
            "INSERT INTO inbox (update_id, chat_id, user_id, payload, received_at)"
            " VALUES (1, 5, 7, '{}', '2026-12-01T09:00:00+00:00')"
        )
        conn.commit()
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = 'CREATE INDEX inbox_user ON inbox (chat_id)'"
            " WHERE name = 'inbox_user'"
        )
        conn.commit()
    with closing(sqlite3.connect(database)) as conn:
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]


async def test_a_damaged_index_that_quick_check_passes_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "ouderbot.sqlite3"
    await (await Database.open(database)).close()
    damaged_index(database)
    with pytest.raises(DatabaseUnusable, match="damaged"):
        await Database.open(database)


@pytest.mark.parametrize("spoil", ["empty", "damaged index"])
async def test_ouderbot_run_on_such_a_file_is_one_line_and_a_failure(
    tmp_path: Path, spoil: str
) -> None:
    database = tmp_path / "db.sqlite3"
    if spoil == "empty":
        database.write_bytes(b"")
    else:
        await (await Database.open(database)).close()
        damaged_index(database)
    config = import_config(tmp_path, database)
    (tmp_path / "programma.csv").write_bytes(PROGRAMME)
    result = run_cli(
        "--config", str(config), "run", env_extra={"OUDERBOT_TOKEN": "1:abcdefghijklmnop"}
    )
    line = one_line_error(result)
    assert line.startswith(f"ouderbot: database {database}:"), line

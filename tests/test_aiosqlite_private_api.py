"""storage.db.in_one_call relies on two private names of aiosqlite's Connection
(`_execute`, `_conn`): aiosqlite has no public way to run several statements in one hop
to its thread. This test fails with a clear message when a new aiosqlite renames them,
before anything else breaks in a less readable way."""

from __future__ import annotations

import inspect
import sqlite3
from pathlib import Path

import aiosqlite

from storage.db import in_one_call

MESSAGE = (
    "aiosqlite {version} changed its private API that storage.db.in_one_call uses: {what}."
    " Adapt in_one_call (or pin aiosqlite) before upgrading."
)


def test_aiosqlite_still_has_the_private_names_in_one_call_uses() -> None:
    version = getattr(aiosqlite, "__version__", "?")
    execute = getattr(aiosqlite.Connection, "_execute", None)
    assert execute is not None, MESSAGE.format(version=version, what="no Connection._execute")
    assert inspect.iscoroutinefunction(execute), MESSAGE.format(
        version=version, what="Connection._execute is no longer a coroutine function"
    )
    parameters = list(inspect.signature(execute).parameters)
    assert parameters[:2] == ["self", "fn"], MESSAGE.format(
        version=version, what=f"Connection._execute takes {parameters}"
    )


async def test_in_one_call_runs_on_the_plain_sqlite3_connection(tmp_path: Path) -> None:
    async with aiosqlite.connect(tmp_path / "x.sqlite3") as conn:

        def work(plain: sqlite3.Connection) -> int:
            assert isinstance(plain, sqlite3.Connection), "Connection._conn is not sqlite3"
            plain.execute("CREATE TABLE t (x INTEGER)")
            plain.executemany("INSERT INTO t VALUES (?)", [(1,), (2,)])
            return int(plain.execute("SELECT sum(x) FROM t").fetchone()[0])

        assert await in_one_call(conn, work) == 3

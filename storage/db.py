"""The SQLite database: connections, pragmas, migrations, and group-committed writes.

Two aiosqlite connections share one file in WAL mode. The *writer* runs every change
through `Database.write`: operations queue up and the writer task applies all queued
operations in one transaction (each inside its own savepoint, so one failing operation
does not undo the others) and commits once. Under a burst of 1,000 questions a second
this turns 1,000 fsyncs into a few dozen, while each caller still learns whether *its*
change is durable before it acknowledges anything to a parent. The *reader* serves
queries that need no transaction.

When an update is being handled (see `bot.delivery.updates`), the first committed operation also
records the update's id in ``processed_updates`` in the same transaction: a redelivered
update is then recognised and skipped, so its effect happens once.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

log = logging.getLogger(__name__)

T = TypeVar("T")
Operation = Callable[[aiosqlite.Connection], Awaitable[T]]


@dataclass
class UpdateInProgress:
    """The Telegram update the current task handles; `recorded` once its id is committed."""

    update_id: int
    recorded: bool = False


# Set by bot.delivery.updates for the task that handles an update.
current_update: contextvars.ContextVar[UpdateInProgress | None] = contextvars.ContextVar(
    "current_update", default=None
)


class StorageError(Exception):
    """A change could not be made durable (disk full, read-only file, locked database)."""


class DatabaseUnusable(StorageError):
    """The file cannot serve as the bot's database: damaged, not a database, read-only."""


@dataclass
class _Pending:
    operation: Operation[Any]
    future: asyncio.Future[Any]
    update: UpdateInProgress | None
    marks_update: bool


def _migrations() -> list[tuple[int, str]]:
    """Numbered SQL files in storage/migrations, in order: (number, script)."""
    folder = resources.files("storage") / "migrations"
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [number for number, _ in found]
    if len(set(numbers)) != len(numbers) or (numbers and numbers[0] != 1):
        raise RuntimeError(f"migrations must start at 0001 and be numbered uniquely: {numbers}")
    return found


async def _configure(conn: aiosqlite.Connection, busy_timeout_ms: int) -> None:
    await conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    await conn.execute("PRAGMA foreign_keys = ON")
    await conn.execute("PRAGMA synchronous = FULL")
    # Erased rows (a parent's /vergeetmij, retention) are overwritten on disk, not left in
    # free pages where a copy of the file would still hold them.
    await conn.execute("PRAGMA secure_delete = ON")


async def migrate(conn: aiosqlite.Connection) -> int:
    """Apply the migrations above PRAGMA user_version, each in one transaction."""
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    current = int(row[0]) if row else 0
    for number, script in _migrations():
        if number <= current:
            continue
        # executescript would commit on its own; run the statements in one explicit
        # transaction so a failing migration leaves the previous version intact.
        await conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _split_statements(script):
                await conn.execute(statement)
            await conn.execute(f"PRAGMA user_version = {number}")
            await conn.commit()
        except BaseException:
            await conn.rollback()
            raise
        log.info("database migrated to version %d", number)
        current = number
    return current


async def _check_whole(conn: aiosqlite.Connection) -> None:
    """PRAGMA quick_check: a damaged or truncated file is refused before anything runs on
    it. (quick_check checks the structure of every page, as integrity_check does, but
    skips matching the indexes against their tables, so it stays fast on a large file.)"""
    async with conn.execute("PRAGMA quick_check") as cursor:
        rows = await cursor.fetchall()
    problems = [str(row[0]) for row in rows]
    if problems != ["ok"]:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise sqlite3.DatabaseError(f"database is damaged: {problems[0]}{more}")


async def _check_writable(conn: aiosqlite.Connection) -> None:
    """A file SQLite opened read-only would let the bot start and then refuse every
    change: write the header once (the same value) so that shows now."""
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    version = int(row[0]) if row else 0
    await conn.execute("BEGIN IMMEDIATE")
    try:
        await conn.execute(f"PRAGMA user_version = {version}")
        await conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            await conn.execute("ROLLBACK")
        raise


def _split_statements(script: str) -> list[str]:
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise RuntimeError("a migration ends with an incomplete statement")
    return statements


class Database:
    """One SQLite file: a group-committing writer and a reader. Open with `Database.open`."""

    def __init__(self, path: Path, writer: aiosqlite.Connection, reader: aiosqlite.Connection):
        self.path = path
        self._writer = writer
        self.reader = reader
        self._queue: list[_Pending] = []
        self._wake = asyncio.Event()
        self._closing = False
        self._task: asyncio.Task[None] | None = None
        self._checkpoints: list[asyncio.Future[None]] = []

    @classmethod
    async def open(cls, path: Path, *, busy_timeout_ms: int = 5000) -> Database:
        """Open (or create) the database, check it is whole and writable, migrate it.

        Raises `DatabaseUnusable` with a one-line reason when it is damaged, not a
        database, or cannot be written.
        """
        path = Path(path)
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, sqlite3 adds nothing.
        writer = await aiosqlite.connect(path, isolation_level=None)
        try:
            writer.row_factory = aiosqlite.Row
            await _configure(writer, busy_timeout_ms)
            await _check_whole(writer)
            async with writer.execute("PRAGMA journal_mode = WAL") as cursor:
                mode = await cursor.fetchone()
            if mode is None or str(mode[0]).lower() != "wal":
                log.warning("SQLite did not switch to WAL mode (got %s)", mode)
            await migrate(writer)
            await _check_writable(writer)
            reader = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.DatabaseError as error:
            await writer.close()
            raise DatabaseUnusable(f"{path}: {error}") from error
        except BaseException:
            await writer.close()
            raise
        reader.row_factory = aiosqlite.Row
        await _configure(reader, busy_timeout_ms)
        database = cls(path, writer, reader)
        database._task = asyncio.create_task(database._write_loop(), name="ouderbot-db-writer")
        return database

    async def close(self) -> None:
        """Finish queued writes, empty the WAL into the main file, then close both
        connections (an open one hangs the exit)."""
        self._closing = True
        self._wake.set()
        if self._task is not None:
            await self._task
            self._task = None
        await self.reader.close()
        with contextlib.suppress(sqlite3.Error):
            await self._truncate_wal()
        await self._writer.close()

    async def checkpoint(self) -> None:
        """Copy the WAL into the main file and truncate it, between two transactions.

        After an erasure the -wal file still holds the pages as they were before it;
        with secure_delete on, the main file does not, so after this no copy of the
        erased rows is left in any file of the database.
        """
        if self._closing:
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._checkpoints.append(future)
        self._wake.set()
        await future

    async def _truncate_wal(self) -> None:
        async with self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cursor:
            row = await cursor.fetchone()
        if row is not None and row[0]:
            log.warning("the WAL could not be emptied: a reader was busy")

    async def _run_checkpoints(self) -> None:
        waiting, self._checkpoints = self._checkpoints, []
        try:
            await self._truncate_wal()
        except sqlite3.Error as error:
            for future in waiting:
                _settle(future, error=StorageError(str(error)))
            return
        for future in waiting:
            _settle(future)

    async def write(self, operation: Operation[T], *, marks_update: bool = True) -> T:
        """Run `operation` inside a committed transaction and return its result.

        Raises the operation's own exception (its changes rolled back), or StorageError
        when the commit itself failed. `marks_update=False` is for preparatory writes
        (creating a user row on first contact) that are not the update's effect.
        """
        if self._closing:
            raise StorageError("database is closing")
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._queue.append(_Pending(operation, future, current_update.get(), marks_update))
        self._wake.set()
        return await future

    # Each read runs as one call on the reader's thread (execute, fetch all, close), so
    # no statement stays open between awaits. An open statement would pin the reader's
    # WAL snapshot, and a later query from another task could then miss a commit it
    # already waited for (an outbox row sent twice, seen in tests before this).
    async def fetch_all(self, sql: str, params: tuple[Any, ...] = ()) -> list[aiosqlite.Row]:
        return list(await self.reader.execute_fetchall(sql, params))

    async def fetch_one(self, sql: str, params: tuple[Any, ...] = ()) -> aiosqlite.Row | None:
        rows = list(await self.reader.execute_fetchall(sql, params))
        return rows[0] if rows else None

    async def fetch_value(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        row = await self.fetch_one(sql, params)
        return None if row is None else row[0]

    async def ping(self) -> None:
        """Ask the database a trivial question; raises when it cannot answer (health check)."""
        await self.fetch_value("SELECT 1")

    async def _write_loop(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            if self._queue:
                batch, self._queue = self._queue, []
                await self._apply(batch)
            if self._checkpoints:
                await self._run_checkpoints()
            if not self._queue and self._closing:
                return

    async def _apply(self, batch: list[_Pending]) -> None:
        """Commit a batch in one transaction.

        Optimistic: the operations run back to back with no savepoints (each statement
        is a hop to SQLite's thread, and under a burst those hops are the bottleneck).
        If one operation fails, the batch is rolled back and each operation is retried
        in a transaction of its own, so only the failing one reports its failure.
        """
        conn = self._writer
        try:
            await conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            self._fail_all(batch, error)
            return
        results: list[Any] = []
        try:
            for item in batch:
                results.append(await item.operation(conn))
            marks = {
                item.update.update_id: item.update
                for item in batch
                if item.marks_update and item.update is not None
            }
            if marks:
                await conn.executemany(
                    "INSERT OR IGNORE INTO processed_updates (update_id) VALUES (?)",
                    [(update_id,) for update_id in marks],
                )
        except Exception as error:  # an operation's own failure
            await self._rollback_quietly()
            if len(batch) == 1:
                _settle(batch[0].future, error=_as_storage_error(error))
            else:
                for item in batch:
                    await self._apply([item])
            return
        try:
            await conn.execute("COMMIT")
        except sqlite3.Error as error:
            await self._rollback_quietly()
            self._fail_all(batch, error)
            return
        for update in marks.values():
            update.recorded = True
        for item, result in zip(batch, results, strict=True):
            _settle(item.future, result=result)

    async def _rollback_quietly(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            await self._writer.execute("ROLLBACK")

    @staticmethod
    def _fail_all(batch: list[_Pending], error: BaseException) -> None:
        log.error("database commit failed for %d operations: %s", len(batch), error)
        for item in batch:
            if not item.future.done():
                item.future.set_exception(StorageError(str(error)))


def _settle(
    future: asyncio.Future[Any], *, result: Any = None, error: BaseException | None = None
) -> None:
    if future.done():  # the caller went away (cancelled); nothing to tell
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


def _as_storage_error(error: BaseException) -> BaseException:
    """SQLite's operational errors (full, read-only, I/O) become StorageError."""
    if isinstance(error, sqlite3.OperationalError | sqlite3.DatabaseError) and not isinstance(
        error, sqlite3.IntegrityError
    ):
        return StorageError(str(error))
    return error


def _check_backup_paths(database_path: Path, destination: Path) -> None:
    if destination.exists():
        raise FileExistsError(destination)
    if not Path(database_path).is_file():
        # Connecting would create an empty database and "back it up" successfully.
        raise FileNotFoundError(database_path)


async def backup(database_path: Path, destination: Path) -> None:
    """Copy a live database with SQLite's online backup API (consistent while writes go on)."""
    destination = Path(destination)
    _check_backup_paths(database_path, destination)
    # "backups/ouderbot-2026-12-01.sqlite3" in a fresh installation: make the folder.
    destination.parent.mkdir(parents=True, exist_ok=True)
    async with aiosqlite.connect(database_path) as source, aiosqlite.connect(destination) as target:
        await source.backup(target)

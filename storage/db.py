"""The SQLite database: connections, pragmas, migrations, and group-committed writes.

Two aiosqlite connections share one file in WAL mode. The *writer* runs every change
through `Database.write`, one writer at a time (an asyncio lock, first come first
served), each operation in a savepoint of one open transaction; the transaction is
committed when nobody waits for the writer any more. Under a burst this turns hundreds of
fsyncs into a few, while each caller still learns whether *its* change is durable before
anything depends on it. The *reader* serves queries that need no transaction.

An update being handled (see `bot.delivery.updates`) holds the writer from its first
write to its end: its writes, the messages it queues, its id in ``processed_updates``
and the removal of its inbox row are committed together (`finish_update`). A crash
either keeps all of it or none, so a redelivered update is skipped only when its
acknowledgement is in the outbox too. Handlers send nothing themselves (their messages
are outbox rows), so holding the writer costs no network time.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import os
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from bot.core.models import ChatMessage

log = logging.getLogger(__name__)

T = TypeVar("T")
Operation = Callable[[aiosqlite.Connection], Awaitable[T]]


async def in_one_call(conn: aiosqlite.Connection, function: Callable[[sqlite3.Connection], T]) -> T:
    """Run `function` with the plain sqlite3 connection on `conn`'s own thread: several
    statements for one hop to that thread and back. Each `await conn.execute(...)` (and
    each `fetchone`) is such a hop, which costs more CPU than a small statement itself
    (bench/micro_questions.py). For the hot paths: an update's inbox rows, its question,
    its last rows. Inside an operation given to `Database.write` it is part of that
    operation's savepoint, like its other statements."""
    # aiosqlite runs its own calls so (`_execute`); it has no public name for it.
    run: Callable[..., Awaitable[T]] = conn._execute
    return await run(function, conn._conn)


@dataclass
class UpdateInProgress:
    """The Telegram update the current task handles.

    Its first write takes the writer (`holding`) and opens a savepoint; every later write
    of the update goes into it, and nothing of it is committed before `Database.finish_update`
    adds the update's last rows (the messages it causes, its processed mark, its inbox row
    gone) and commits: an update's effect and what it says about it are durable together,
    or not at all. `recorded` once that commit happened."""

    update_id: int
    recorded: bool = False
    holding: bool = False
    generation: int = -1  # which transaction the savepoint is in
    # What the handlers queued to send (bot.core.models.ChatMessage), committed at the end.
    messages: list[ChatMessage] = field(default_factory=list)
    # Telegram calls put off until the commit (bot.delivery.telegram_bot), by a key.
    after_commit: dict[str, Callable[[], Awaitable[object]]] = field(default_factory=dict)


# Set by bot.delivery.updates for the task that handles an update.
current_update: contextvars.ContextVar[UpdateInProgress | None] = contextvars.ContextVar(
    "current_update", default=None
)


class StorageError(Exception):
    """A change could not be made durable (disk full, read-only file, locked database)."""


class DatabaseUnusable(StorageError):
    """The file cannot serve as the bot's database: damaged, not a database, read-only."""


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
        def apply(raw: sqlite3.Connection, script: str = script, number: int = number) -> None:
            for statement in _split_statements(script):
                raw.execute(statement)
            raw.execute(f"PRAGMA user_version = {number}")

        await conn.execute("BEGIN IMMEDIATE")
        try:
            await in_one_call(conn, apply)  # one hop to SQLite's thread, not one a statement
            await conn.commit()
        except BaseException:
            await conn.rollback()
            raise
        log.info("database migrated to version %d", number)
        current = number
    return current


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


# Up to this size the start-up check is PRAGMA integrity_check: it also matches every
# index against its table, which quick_check skips, so a damaged index is refused before
# a query returns wrong rows through it. It reads the whole file: about 4 s for 60 MB on
# a small server. A larger file (years of outbox rows) gets quick_check only, and a log
# line saying so; run `sqlite3 FILE "PRAGMA integrity_check"` on it at a quiet moment.
INTEGRITY_CHECK_MAX_BYTES = 128 * 1024 * 1024


async def _check_whole(conn: aiosqlite.Connection, size: int) -> None:
    """A damaged or truncated file (or, up to INTEGRITY_CHECK_MAX_BYTES, a damaged index)
    is refused before anything runs on it."""
    full = size <= INTEGRITY_CHECK_MAX_BYTES
    if not full:
        log.info("database over %d MB: quick_check only", INTEGRITY_CHECK_MAX_BYTES >> 20)
    async with conn.execute(f"PRAGMA {'integrity_check' if full else 'quick_check'}") as cursor:
        rows = await cursor.fetchall()
    problems = [str(row[0]) for row in rows]
    if problems != ["ok"]:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise sqlite3.DatabaseError(f"database is damaged: {problems[0]}{more}")


async def _create(path: Path, busy_timeout_ms: int) -> None:
    """A new database at `path` (where no file is): made and migrated under another name,
    then renamed into place, so a file at `path` is always one the bot finished making.
    (An empty file there is then never the bot's own first start: see `Database.open`.)"""
    making = path.with_name(path.name + ".new")
    for leftover in (making, *(making.with_name(making.name + end) for end in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)  # an earlier first start that did not finish
    conn = await aiosqlite.connect(making, isolation_level=None)
    try:
        await _configure(conn, busy_timeout_ms)
        await conn.execute("PRAGMA journal_mode = WAL")
        await migrate(conn)
    finally:
        await conn.close()  # the last connection: SQLite empties and removes the -wal
    making.replace(path)


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


class Database:
    """One SQLite file: a group-committing writer and a reader. Open with `Database.open`."""

    def __init__(self, path: Path, writer: aiosqlite.Connection, reader: aiosqlite.Connection):
        self.path = path
        self._writer = writer
        self.reader = reader
        # Whoever holds the lock may run statements in the open transaction: one update
        # (from its first write to its end) or one independent write at a time. Waiting
        # for it is FIFO, so a commit queued behind N writers commits all N at once.
        self._lock = asyncio.Lock()
        self._generation = 0  # counts transactions; a savepoint belongs to one
        self._in_transaction = False
        self._waiters: list[asyncio.Future[None]] = []
        self._commit_task: asyncio.Task[None] | None = None
        self._checkpoint_after_commit = False  # see `checkpoint`
        self._closing = False
        self._begun_by_savepoint = False  # see `_savepoint`
        # Called after every commit, and when a write starts waiting for the writer while
        # another holds it: tests wait on these (tests/helpers.py `eventually`) instead of
        # polling; a hook must not raise. `writers_waiting` counts the writes queued.
        self.on_change: list[Callable[[], None]] = []
        self.writers_waiting = 0

    @classmethod
    async def open(cls, path: Path, *, busy_timeout_ms: int = 5000) -> Database:
        """Open (or create) the database, check it is whole and writable, migrate it.

        Raises `DatabaseUnusable` with a one-line reason when it is damaged, not a
        database, or cannot be written.
        """
        path = Path(path)
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            try:
                await _create(path, busy_timeout_ms)
            except sqlite3.DatabaseError as error:
                raise DatabaseUnusable(f"{path}: {error}") from error
        elif path.stat().st_size == 0:
            # SQLite would take it as a new, empty database; but the bot makes a new one
            # only where no file is (`_create`), so this is a database that lost its
            # contents (a failed copy, a full disk), not a first start.
            raise DatabaseUnusable(
                f"{path}: the file is empty (0 bytes); restore it from a backup, or remove"
                " it to start with a new, empty database"
            )
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, sqlite3 adds nothing.
        # check_same_thread=False: savepoint statements run on the event loop's thread
        # (see `_savepoint`); everything else on the connection's own thread.
        writer = await aiosqlite.connect(path, isolation_level=None, check_same_thread=False)
        try:
            writer.row_factory = aiosqlite.Row
            await _configure(writer, busy_timeout_ms)
            await _check_whole(writer, path.stat().st_size)
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
        return cls(path, writer, reader)

    async def close(self) -> None:
        """Commit what is open, empty the WAL into the main file, then close both
        connections (an open one hangs the exit)."""
        self._closing = True
        async with self._lock:
            await self._commit()
            with contextlib.suppress(sqlite3.Error):
                await self._truncate_wal()
        if self._commit_task is not None:
            await asyncio.gather(self._commit_task, return_exceptions=True)
        await self.reader.close()
        await self._writer.close()

    async def checkpoint(self) -> None:
        """Copy the WAL into the main file and truncate it, between two transactions.

        After an erasure the -wal file still holds the pages as they were before it;
        with secure_delete on, the main file does not, so after this no copy of the
        erased rows is left in any file of the database. Called while an update holds
        the writer (an erasure is an update's effect), the checkpoint runs right after
        that update's commit: the erasure is not in the main file before then.
        """
        if self._closing:
            return
        unit = current_update.get()
        if unit is not None and unit.holding:
            self._checkpoint_after_commit = True
            return
        async with self._lock:
            await self._commit()
            try:
                await self._truncate_wal()
            except sqlite3.Error as error:
                raise StorageError(str(error)) from error

    async def _truncate_wal(self) -> None:
        async with self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cursor:
            row = await cursor.fetchone()
        if row is not None and row[0]:
            log.warning("the WAL could not be emptied: a reader was busy")

    async def ping(self) -> None:
        """Ask the database a trivial question; raises when it cannot answer (health check)."""
        await self.fetch_value("SELECT 1")

    async def write(self, operation: Operation[T], *, marks_update: bool = True) -> T:
        """Run `operation` in a transaction and return its result.

        Outside an update, the result comes back once it is committed. Inside one (see
        `UpdateInProgress`), the operation joins the update's savepoint and is committed
        by `finish_update`. `marks_update=False` is for preparatory writes (creating a
        user row on first contact) that are not the update's effect: they commit on
        their own, unless the update already holds the writer.

        Raises the operation's own exception (its changes rolled back), or StorageError
        when the database cannot store.
        """
        if self._closing:
            raise StorageError("database is closing")
        unit = current_update.get()
        if unit is not None and (unit.holding or marks_update):
            if not unit.holding:
                await self._hold(unit)
            if unit.generation != self._generation:
                raise StorageError("the update's transaction was lost")
            return await self._nested(operation)
        await self._acquire_writer()
        try:
            await self._begin()
            result = await self._nested(operation)
            waiter = self._waiter()
        finally:
            self._schedule_commit()
            self._lock.release()
        await waiter
        return result

    async def finish_update(self, unit: UpdateInProgress, last: Operation[Any]) -> None:
        """End an update: run `last` (its messages, its mark) with its writes and commit."""
        if not unit.holding:
            await self._hold(unit)
        try:
            if unit.generation != self._generation:
                raise StorageError("the update's transaction was lost")
            await self._nested(last)
            await self._savepoint("RELEASE upd")
            waiter = self._waiter()
        except BaseException:
            await self._abandon(unit)
            raise
        finally:
            unit.holding = False
            self._schedule_commit()
            self._lock.release()
        await waiter
        unit.recorded = True

    async def undo_update(self, unit: UpdateInProgress) -> None:
        """Roll back what the update wrote so far; it keeps the writer (a failed handler:
        the error handler then queues its kind words in a clean savepoint)."""
        if not unit.holding:
            return
        if unit.generation == self._generation and self._writer.in_transaction:
            try:
                await self._writer.execute("ROLLBACK TO upd")
                return
            except sqlite3.Error:
                pass
        unit.generation = -1

    async def abandon_update(self, unit: UpdateInProgress) -> None:
        """Give up the update: its writes are rolled back and the writer is let go."""
        if not unit.holding:
            return
        try:
            await self._abandon(unit)
        finally:
            unit.holding = False
            self._schedule_commit()
            self._lock.release()

    async def _abandon(self, unit: UpdateInProgress) -> None:
        if unit.generation == self._generation and self._writer.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                await self._writer.execute("ROLLBACK TO upd")
                await self._writer.execute("RELEASE upd")

    async def _acquire_writer(self) -> None:
        # A free writer is taken without yielding to other tasks: nobody sees this count
        # then. A held one: the count stays up while this write waits.
        self.writers_waiting += 1
        if self._lock.locked():
            self._changed()
        try:
            await self._lock.acquire()
        finally:
            self.writers_waiting -= 1

    def _changed(self) -> None:
        for hook in self.on_change:
            hook()

    async def _hold(self, unit: UpdateInProgress) -> None:
        await self._acquire_writer()
        try:
            await self._begin()
            await self._savepoint("SAVEPOINT upd")
        except BaseException as error:
            self._schedule_commit()
            self._lock.release()
            raise _as_storage_error(error) from error
        unit.holding = True
        unit.generation = self._generation

    async def _begin(self) -> None:
        if self._in_transaction and self._writer.in_transaction:
            return
        if self._in_transaction:
            # SQLite rolled the transaction back by itself (a full disk does that): what
            # it held is lost; tell those waiting for its commit.
            self._lost("the transaction was rolled back by SQLite")
        try:
            await self._writer.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise StorageError(str(error)) from error
        self._in_transaction = True
        self._begun_by_savepoint = False

    async def _nested(self, operation: Operation[T]) -> T:
        conn = self._writer
        await self._savepoint("SAVEPOINT op")
        try:
            result = await operation(conn)
        except Exception as error:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    await conn.execute("ROLLBACK TO op")
                    await conn.execute("RELEASE op")
            raise _as_storage_error(error) from error
        await self._savepoint("RELEASE op")
        return result

    async def _savepoint(self, sql: str) -> None:
        """SAVEPOINT or RELEASE of a savepoint nested in the open transaction: run here,
        on the event loop's thread, not on the writer's. It touches no file (only a
        COMMIT writes), and the hop to the writer's thread and back cost more than the
        statement: these were 9 of the 26 calls to SQLite per question
        (bench/bench_questions.py). Only whoever holds the writer runs statements on it,
        one at a time, so its thread is idle now. Outside a transaction (SQLite rolled it
        back by itself) SAVEPOINT would begin one and its RELEASE would commit: then
        both go the usual way, through the writer's thread."""
        raw = self._writer._conn
        if raw.in_transaction and not self._begun_by_savepoint:
            raw.execute(sql).close()
            return
        self._begun_by_savepoint = not raw.in_transaction or self._begun_by_savepoint
        await self._writer.execute(sql)
        if not raw.in_transaction:
            self._begun_by_savepoint = False

    def _waiter(self) -> asyncio.Future[None]:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(future)
        return future

    def _schedule_commit(self) -> None:
        if self._commit_task is None or self._commit_task.done():
            self._commit_task = asyncio.create_task(self._commit_soon(), name="ouderbot-db-commit")

    async def _commit_soon(self) -> None:
        # Queued behind everyone waiting for the writer now: they join this commit.
        async with self._lock:
            await self._commit()

    async def _commit(self) -> None:
        if not self._in_transaction:
            return
        waiters, self._waiters = self._waiters, []
        self._in_transaction = False
        self._generation += 1
        try:
            if not self._writer.in_transaction:
                raise StorageError("the transaction was rolled back by SQLite")
            await self._writer.execute("COMMIT")
        except (sqlite3.Error, StorageError) as error:
            with contextlib.suppress(sqlite3.Error):
                await self._writer.execute("ROLLBACK")
            log.error("database commit failed for %d writers: %s", len(waiters), error)
            for future in waiters:
                if not future.done():
                    future.set_exception(StorageError(str(error)))
            return
        if self._checkpoint_after_commit:
            self._checkpoint_after_commit = False
            with contextlib.suppress(sqlite3.Error):
                await self._truncate_wal()
        for future in waiters:
            _settle(future)
        self._changed()

    def _lost(self, reason: str) -> None:
        waiters, self._waiters = self._waiters, []
        self._in_transaction = False
        self._generation += 1
        log.error("database transaction lost (%s) for %d writers", reason, len(waiters))
        for future in waiters:
            if not future.done():
                future.set_exception(StorageError(reason))

    # Each read runs as one call on the reader's thread (execute, fetch all, close), so
    # no statement stays open between awaits. An open statement would pin the reader's
    # WAL snapshot, and a later query from another task could then miss a commit it
    # already waited for (an outbox row sent twice, seen in tests before this).
    # An update that holds the writer reads through it: it sees its own writes.
    def _reading(self) -> aiosqlite.Connection:
        unit = current_update.get()
        if unit is not None and unit.holding:
            return self._writer
        return self.reader

    async def fetch_all(self, sql: str, params: tuple[Any, ...] = ()) -> list[aiosqlite.Row]:
        return list(await self._reading().execute_fetchall(sql, params))

    async def fetch_one(self, sql: str, params: tuple[Any, ...] = ()) -> aiosqlite.Row | None:
        rows = list(await self._reading().execute_fetchall(sql, params))
        return rows[0] if rows else None

    async def fetch_value(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        row = await self.fetch_one(sql, params)
        return None if row is None else row[0]


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
    # The copy holds parents' questions: readable by its owner only, whatever the umask.
    # The file is made with that mode before SQLite writes a byte (O_EXCL: never an
    # existing file); SQLite gives its journal the same mode.
    os.close(os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    async with aiosqlite.connect(database_path) as source, aiosqlite.connect(destination) as target:
        await source.backup(target)
    os.chmod(destination, 0o600)

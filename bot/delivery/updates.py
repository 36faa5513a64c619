"""Getting updates from Telegram so that none is lost and none has its effect twice.

The path of an update: Telegram → `UpdateProcessor.receive` stores it in the inbox
(storage.inbox, one group commit for a batch) → only then is its offset confirmed (the
next getUpdates asks past it) or the webhook answered → a worker per chat handles the
chat's updates in order, chats independently → the handlers' effects, the messages they
queue (outbox rows), the update's processed mark and the removal of its inbox row are
committed in one transaction (storage.db.finish_update) → the outbox dispatcher sends.

A crash before the inbox commit makes Telegram deliver the update again; after it, the
update is handled from the inbox at the next start. A crash during handling commits
nothing of it, so handling it again does it once. Handlers send nothing themselves, so
no chat ever waits for another chat's messages (or for Telegram at all).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from telegram import Update
from telegram.error import (
    Conflict,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import Application

from bot.core.clock import Clock
from storage.db import Database, StorageError, UpdateInProgress, current_update
from storage.inbox import Inbox, StoredUpdate, finish_update
from storage.updates import UpdateLog

log = logging.getLogger(__name__)

# Told when an update's effects could not be committed (the database refuses to store):
# the processor then tells the person directly, the one message that bypasses the outbox.
NotStored = Callable[[Update], Awaitable[None]]


def chat_key(update: Update) -> int:
    chat = update.effective_chat
    user = update.effective_user
    return chat.id if chat else (user.id if user else 0)


class UpdateProcessor:
    """Stores updates in the inbox and handles each at most once, per chat in order."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        db: Database,
        update_log: UpdateLog,
        clock: Clock,
        *,
        on_sent: Callable[[], None] = lambda: None,
        not_stored: NotStored | None = None,
        max_parallel: int = 32,
    ):
        self.application = application
        self.db = db
        self.update_log = update_log
        self.inbox = Inbox(db)
        self.clock = clock
        self.on_sent = on_sent  # wakes the outbox dispatcher
        self.not_stored = not_stored
        self.skipped = 0
        self._queues: dict[int, deque[Update]] = {}
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._idle = asyncio.Event()
        self._idle.set()
        # Enough chats at once to overlap their waits; more does not help a CPU-bound
        # burst (measured with bench/bench_questions.py).
        self._gate = asyncio.Semaphore(max_parallel)

    async def load(self) -> None:
        """Hand the updates a crash left in the inbox to their chats' workers."""
        for stored in await self.inbox.waiting():
            try:
                update = Update.de_json(json.loads(stored.payload), self.application.bot)
            except (ValueError, KeyError, TypeError):
                log.warning("inbox update %d does not parse; dropped", stored.update_id)
                await self.inbox.drop(stored.update_id)
                continue
            self._submit(update)

    async def receive(self, updates: Sequence[Update]) -> None:
        """Store `updates` durably, then queue them for handling. Returns once stored:
        after that, Telegram may be told they arrived."""
        if not updates:
            return
        # As Telegram sent them where the bot kept that (polling), else serialised again.
        raw: dict[int, dict[str, Any]] = getattr(self.application.bot, "raw_updates", {})
        stored = [
            StoredUpdate(
                update.update_id,
                chat_key(update),
                update.effective_user.id if update.effective_user else None,
                json.dumps(raw.get(update.update_id) or update.to_dict(), ensure_ascii=False),
            )
            for update in updates
        ]
        try:
            fresh = set(await self.inbox.store(stored, self.clock.now()))
        except StorageError as error:
            # Nothing can be stored: handle them anyway, so that each person hears that
            # their message was not saved (the handlers' own writes fail the same way).
            log.error("updates could not be stored in the inbox: %s", error)
            fresh = {update.update_id for update in updates}
        for update in updates:
            if update.update_id in fresh:
                self._submit(update)
            else:
                self.skipped += 1
                log.info("update %d was received before; skipped", update.update_id)

    def _submit(self, update: Update) -> None:
        key = chat_key(update)
        self._queues.setdefault(key, deque()).append(update)
        if key not in self._workers:
            self._idle.clear()
            self._workers[key] = asyncio.create_task(
                self._work(key), name=f"ouderbot-chat-{key % 1000}"
            )

    async def _work(self, key: int) -> None:
        queue = self._queues[key]
        try:
            async with self._gate:
                while queue:
                    update = queue[0]
                    try:
                        await self.handle(update)
                    except Exception:
                        # process_update passed handler errors to the error handler; this
                        # is the pipeline's own failure (storage closed). The update stays
                        # in the inbox and is handled at the next start.
                        log.exception("update %d could not be handled", update.update_id)
                    queue.popleft()
        finally:
            del self._workers[key]
            if not queue:
                self._queues.pop(key, None)
            if not self._workers:
                self._idle.set()

    @property
    def busy(self) -> bool:
        """Updates stored and not handled yet."""
        return bool(self._workers)

    @property
    def chats_waiting(self) -> int:
        """Chats with updates stored and not handled yet (a burst: many)."""
        return len(self._workers)

    async def wait_idle(self) -> None:
        """Until every stored update was handled (or given up)."""
        await self._idle.wait()

    async def handle(self, update: Update) -> None:
        unit = UpdateInProgress(update.update_id)
        token = current_update.set(unit)
        try:
            await self.application.process_update(update)
            messages = list(unit.messages)
            now = self.clock.now()

            async def last(conn: Any) -> None:
                await finish_update(conn, update.update_id, messages, now)

            try:
                await self.db.finish_update(unit, last)
            except StorageError:
                log.error("update %d could not be stored", update.update_id)
                if self.not_stored is not None:
                    await self.not_stored(update)
                return
        finally:
            await self.db.abandon_update(unit)  # only if an error left it holding
            current_update.reset(token)
            for call in unit.after_commit.values():  # button answers, menus: now
                try:
                    await call()
                except TelegramError as error:
                    log.warning("a put-off Telegram call failed: %s", type(error).__name__)
        if messages:
            self.on_sent()


# The longest wait between two getUpdates attempts that failed (seconds).
POLL_RETRY_CAP = 1.0


class DurablePoller:
    """Long polling that confirms updates only after they were stored in the inbox."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        processor: UpdateProcessor,
        poll_timeout: int = 10,
    ):
        self.application = application
        self.processor = processor
        self.poll_timeout = poll_timeout
        self._stopping = asyncio.Event()
        self.offset: int | None = None

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        bot = self.application.bot
        failures = 0
        while not self._stopping.is_set():
            fetch = asyncio.ensure_future(
                bot.get_updates(
                    offset=self.offset,
                    timeout=self.poll_timeout,
                    allowed_updates=Update.ALL_TYPES,
                    read_timeout=self.poll_timeout + 10,
                )
            )
            stopper = asyncio.ensure_future(self._stopping.wait())
            done, _ = await asyncio.wait({fetch, stopper}, return_when=asyncio.FIRST_COMPLETED)
            stopper.cancel()
            if fetch not in done:
                fetch.cancel()
                break
            try:
                updates = fetch.result()
            except (InvalidToken, Conflict):
                raise
            except RetryAfter as error:
                await asyncio.sleep(
                    float(
                        error.retry_after
                        if isinstance(error.retry_after, int)
                        else error.retry_after.total_seconds()
                    )
                )
                continue
            except (TimedOut, NetworkError) as error:
                # Short waits (at most POLL_RETRY_CAP): after an outage, parents are heard
                # within a second or two of Telegram being reachable again. One line at
                # the first failure and one when it works again, not one per attempt.
                failures += 1
                wait = min(POLL_RETRY_CAP, 0.25 * 2 ** min(failures, 6))
                if failures == 1:
                    log.warning(
                        "getUpdates failed (%s); retrying every %.0f s or sooner",
                        type(error).__name__,
                        POLL_RETRY_CAP,
                    )
                await asyncio.sleep(wait)
                continue
            if failures:
                log.warning("getUpdates works again after %d failed attempts", failures)
            failures = 0
            if not updates:
                continue
            # Stored before confirmed: the next getUpdates (with this offset) confirms.
            await self.processor.receive(updates)
            self.offset = updates[-1].update_id + 1
        await self._confirm()

    async def _confirm(self) -> None:
        """Tell Telegram what was handled, so a clean restart does not see it again."""
        if self.offset is None:
            return
        try:
            await self.application.bot.get_updates(offset=self.offset, timeout=0, limit=1)
        except Exception as error:  # the next start re-reads; handled ones are skipped
            log.warning("could not confirm the last updates on shutdown: %s", type(error).__name__)

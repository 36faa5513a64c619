"""Getting updates from Telegram so that none is lost and none has its effect twice.

python-telegram-bot's own Updater confirms a batch of updates (by asking for the next
offset) as soon as it has fetched them, before they are handled; a crash then loses
them. `DurablePoller` asks for the next offset only after every update of the batch
has been handled and its effects committed. A crash before that makes Telegram deliver
the batch again, and `UpdateProcessor` skips the updates whose effects are already in
the database (their ids are recorded in the same transaction as the effect; see
storage.db).

Updates of one chat are handled in order; different chats are handled concurrently,
which is what keeps acknowledgements fast when 150 parents ask at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application

from storage.db import UpdateInProgress, current_update
from storage.updates import UpdateLog

log = logging.getLogger(__name__)


class UpdateProcessor:
    """Handles one update at most once, whatever way it arrived (polling or webhook)."""

    def __init__(self, application: Application[Any, Any, Any, Any, Any, Any], log_: UpdateLog):
        self.application = application
        self.update_log = log_
        self.skipped = 0
        # With polling, Telegram numbers updates in increasing order and within one run
        # never delivers one twice (our offset moves on after each batch). So only ids up
        # to the highest one recorded before this run can be redeliveries; newer ones
        # need no look-up. (A webhook may be retried at any time: always looked up.)
        self._checked_up_to: int | None = None

    async def load(self) -> None:
        self._checked_up_to = await self.update_log.highest()

    async def handle(self, update: Update, *, polled: bool = False) -> None:
        maybe_seen = (
            not polled or self._checked_up_to is None or update.update_id <= self._checked_up_to
        )
        if maybe_seen and await self.update_log.is_processed(update.update_id):
            self.skipped += 1
            log.info("update %d was handled before; skipped", update.update_id)
            return
        in_progress = UpdateInProgress(update.update_id)
        token = current_update.set(in_progress)
        try:
            await self.application.process_update(update)
        finally:
            current_update.reset(token)
        if not in_progress.recorded:
            # The handlers wrote nothing that recorded it (a /help): record it now.
            await self.update_log.mark_processed(update.update_id)

    async def handle_batch(self, updates: Sequence[Update], max_parallel: int = 32) -> None:
        by_chat: dict[int, list[Update]] = defaultdict(list)
        for update in updates:
            chat = update.effective_chat
            user = update.effective_user
            key = chat.id if chat else (user.id if user else 0)
            by_chat[key].append(update)
        # Enough chats at once to overlap their waits (SQLite, Telegram); more does not
        # help a CPU-bound burst (measured with bench/bench_questions.py at 4, 8, 16, 64
        # and 256) and only lengthens httpx's connection-pool queue.
        gate = asyncio.Semaphore(max_parallel)

        async def in_order(chat_updates: list[Update]) -> None:
            async with gate:
                for update in chat_updates:
                    try:
                        await self.handle(update, polled=True)
                    except Exception:
                        # process_update already passed handler errors to the error
                        # handler; this is the pipeline's own failure (storage closed).
                        log.exception("update %d could not be handled", update.update_id)

        await asyncio.gather(*(in_order(group) for group in by_chat.values()))


class DurablePoller:
    """Long polling that confirms updates only after they were handled."""

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
                failures += 1
                wait = min(30.0, 0.5 * 2 ** min(failures, 6))
                log.warning(
                    "getUpdates failed (%s); retrying in %.1f s", type(error).__name__, wait
                )
                await asyncio.sleep(wait)
                continue
            failures = 0
            if not updates:
                continue
            await self.processor.handle_batch(updates)
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

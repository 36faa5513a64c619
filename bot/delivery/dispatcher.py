"""Sends what the outbox says is due, at a pace Telegram accepts, and marks it sent.

One dispatcher per process. It wakes when something is queued (`wake`), when the job
queue ticks, or when the next row falls due. Every row is marked only after Telegram
accepted it, so a crash or a restart resumes where it stopped; rows that fell due while
the bot was down are sent late, unless they expired (a reminder for a session that has
started), in which case they are dropped and counted.

Telegram errors: 429 waits the `retry_after` it asks for and tries again; a timeout or a
server error retries later with back-off; 403 (the parent blocked the bot) marks the
parent inactive and cancels what else was queued for them.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.core.clock import Clock
from bot.core.i18n import Translator
from bot.core.rendering import render
from bot.runtime.background import BackgroundLoop
from storage.outbox import OutboxRepository, OutboxRow
from storage.users import UserRepository

log = logging.getLogger(__name__)

BACKOFF = [5, 30, 120, 600, 1800]
MAX_ATTEMPTS = 8


@dataclass
class DispatchStats:
    sent: int = 0
    dropped: int = 0
    failed: int = 0
    blocked: int = 0
    retried: int = 0
    rate_limited: int = 0


class Pacer:
    """Spaces sends `1/rate` seconds apart (monotonic time), across concurrent senders."""

    def __init__(self, rate: float):
        self.interval = 1.0 / rate
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def slot(self) -> None:
        async with self._lock:
            now = time.monotonic()
            wait = self._next - now
            self._next = max(now, self._next) + self.interval
        if wait > 0:
            await asyncio.sleep(wait)

    def pause(self, seconds: float) -> None:
        self._next = max(self._next, time.monotonic() + seconds)


class OutboxDispatcher:
    def __init__(
        self,
        bot: Bot,
        outbox: OutboxRepository,
        users: UserRepository,
        translator: Translator,
        clock: Clock,
        zone_name: str,
        messages_per_second: float,
        concurrency: int = 4,
    ):
        from zoneinfo import ZoneInfo

        self.bot = bot
        self.outbox = outbox
        self.users = users
        self.t = translator
        self.clock = clock
        self.zone = ZoneInfo(zone_name)
        self.pacer = Pacer(messages_per_second)
        self.concurrency = concurrency
        self.stats = DispatchStats()
        # Every second too, not only when woken: the clock may be moved by tests or the demo.
        self._loop = BackgroundLoop("ouderbot-outbox", self.send_due, interval=1.0)
        self._pass_lock = asyncio.Lock()

    def wake(self) -> None:
        self._loop.wake()

    def start(self) -> None:
        self._loop.start()

    @property
    def is_running(self) -> bool:
        """True while the sending loop is alive (the webhook's /healthz reports it)."""
        return self._loop.is_running

    @property
    def _stopping(self) -> bool:
        return self._loop.stopping

    async def stop(self) -> None:
        """Finish the message in flight (and mark it), then stop."""
        await self._loop.stop()

    async def send_due(self, batch_size: int = 200) -> int:
        """Send everything due now; returns how many were sent. Safe to call any time."""
        async with self._pass_lock:
            total = 0
            while not self._stopping:
                rows = await self.outbox.due(self.clock.now(), batch_size)
                if not rows:
                    break
                queue: asyncio.Queue[OutboxRow] = asyncio.Queue()
                for row in rows:
                    queue.put_nowait(row)
                results = await asyncio.gather(
                    *(self._worker(queue) for _ in range(self.concurrency))
                )
                sent = sum(results)
                total += sent
                if sent == 0 and all(r.due_at > self.clock.now() for r in rows):
                    break
                if sent == 0:
                    # Everything in this batch was retried later or dropped: no busy loop.
                    break
            return total

    async def _worker(self, queue: asyncio.Queue[OutboxRow]) -> int:
        sent = 0
        while not queue.empty() and not self._stopping:
            row = queue.get_nowait()
            if await self._deliver(row):
                sent += 1
        return sent

    async def _deliver(self, row: OutboxRow) -> bool:
        now = self.clock.now()
        if row.expires_at is not None and row.expires_at <= now:
            await self.outbox.mark_dropped([row.id], now)
            self.stats.dropped += 1
            log.info("outbox row %d (%s) expired unsent; dropped", row.id, row.kind)
            return False
        user = await self.users.get(row.user_id)
        if user is None or not user.active:
            await self.outbox.mark_failed([row.id], now)
            self.stats.failed += 1
            return False
        text = render(self.t, user.language, self.zone, row.key, row.params)
        markup = None
        if row.buttons:
            markup = InlineKeyboardMarkup(
                [
                    [
                        InlineKeyboardButton(self.t(user.language, label), callback_data=data)
                        for label, data in line
                    ]
                    for line in row.buttons
                ]
            )
        while True:
            await self.pacer.slot()
            try:
                await self.bot.send_message(
                    row.user_id, text, parse_mode=ParseMode.HTML, reply_markup=markup
                )
            except RetryAfter as error:
                wait = _seconds(error.retry_after)
                self.stats.rate_limited += 1
                self.pacer.pause(wait)
                log.warning("Telegram asked to slow down for %.1f s", wait)
                continue
            except Forbidden:
                await self.outbox.cancel_for_user(row.user_id)
                self.stats.blocked += 1
                log.info("user %d blocked the bot; marked inactive", row.user_id)
                return False
            except (TimedOut, NetworkError) as error:
                if isinstance(error, BadRequest):
                    await self.outbox.mark_failed([row.id], self.clock.now())
                    self.stats.failed += 1
                    log.error("outbox row %d rejected by Telegram: %s", row.id, error.message)
                    return False
                return await self._retry_later(row, type(error).__name__)
            await self.outbox.mark_sent([row.id], self.clock.now())
            self.stats.sent += 1
            return True

    async def _retry_later(self, row: OutboxRow, reason: str) -> bool:
        if row.attempts + 1 >= MAX_ATTEMPTS:
            await self.outbox.mark_failed([row.id], self.clock.now())
            self.stats.failed += 1
            log.error("outbox row %d given up after %d attempts (%s)", row.id, MAX_ATTEMPTS, reason)
            return False
        delay = BACKOFF[min(row.attempts, len(BACKOFF) - 1)]
        await self.outbox.retry_later(row.id, self.clock.now() + timedelta(seconds=delay))
        self.stats.retried += 1
        log.warning("outbox row %d: %s; retrying in %d s", row.id, reason, delay)
        return False


def _seconds(retry_after: int | timedelta) -> float:
    if isinstance(retry_after, timedelta):
        return retry_after.total_seconds()
    return float(retry_after)

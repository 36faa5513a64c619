"""Sends what the outbox holds, at a pace Telegram accepts, and marks it sent.

Every message the bot sends is an outbox row (replies, acknowledgements, cards, panel
edits, notices, reminders, broadcasts, files); only answers to button presses
(answerCallbackQuery) go directly, because they must come within seconds and mean
nothing later. One dispatcher per process. It wakes when something is queued (`wake`),
when the job queue ticks, or when the next row falls due.

Order: lower priority number first (a reply to what a person just did, then a notice
about their own question, then broadcasts), then due time, then queueing order; one
chat's rows go in order. The pacer (bot.delivery.pacing) keeps to Telegram's limits.
The job queue wakes the dispatcher when the next row falls due (a reminder); it also
looks every second, because the clock may be moved (tests, the demo).

In flight: up to `in_flight` requests at once (telegram.requests_in_flight, default 8),
each to a different chat, all within the pacer's limits. At Telegram's distance (50-100
ms a request) one at a time would reach about 12 messages a second; 8 reach the 28/s
pace. Each request is its own task: when it ends and its row is marked, its slot takes
the next row at once, so a request that hangs holds only its own chat and one slot.

Telegram errors: 429 holds back only that chat for `retry_after` (the row stays first
in its chat's line); a server error, or a send unanswered after the send timeout while
other requests were answered, retries that chat later with back-off; 403 (the person
blocked the bot) marks them inactive and cancels what else was queued for them. When
Telegram cannot be reached at all (connection refused or dropped, or every request
timing out), no attempt is counted: the rows keep their place and one request goes every
PROBE_SECONDS; the first one answered ends the outage and sending resumes at once.
Nobody is told to try again because Telegram was busy: the message just goes later.

Duplicates: a row is marked sent (committed) after Telegram accepted it, and its chat's
slot is free only after that commit. A kill can fall between Telegram accepting a
message and its mark being committed for at most the rows in flight, which are sent
again after the restart: at most `in_flight` duplicates per kill (8 by default; 1 with
requests_in_flight = 1). Never a loss: a row is only marked after Telegram took it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, InputFile, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import Job, JobQueue

from bot.core.clock import Clock
from bot.core.i18n import Translator
from bot.core.models import User
from bot.core.rendering import render
from bot.delivery.aiohttp_request import Unreachable
from bot.delivery.pacing import Pacer, RealTimer, Timer
from bot.delivery.splitting import split_html
from bot.delivery.telegram_bot import OuderbotBot
from storage.outbox import OutboxRepository, OutboxRow
from storage.users import UserRepository

log = logging.getLogger(__name__)

BACKOFF = [5, 30, 120, 600, 1800]
# While Telegram cannot be reached, one request goes this often (seconds): the first
# that is answered ends the outage and sending resumes at once.
PROBE_SECONDS = 1.0
MAX_ATTEMPTS = 8
LOAD_LIMIT = 2000
RELOAD_SECONDS = 1.0  # a pass re-reads what is due at least this often

# Called with (ref, chat id, message id) once a row with purpose "<name>:<ref>" was sent.
Recorder = Callable[[int, int, int], Awaitable[None]]


@dataclass
class DispatchStats:
    sent: int = 0
    dropped: int = 0
    failed: int = 0
    blocked: int = 0
    retried: int = 0
    rate_limited: int = 0


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
        *,
        chat_rate: float = 1.0,
        chat_burst: float = 8.0,
        timer: Timer | None = None,
        paced: bool = True,
        in_flight: int = 8,
    ):
        from zoneinfo import ZoneInfo

        self.bot = bot
        self.outbox = outbox
        self.users = users
        self.t = translator
        self.clock = clock
        self.zone = ZoneInfo(zone_name)
        self.timer = timer or RealTimer()
        self.pacer = Pacer(
            self.timer,
            overall_rate=messages_per_second,
            chat_rate=chat_rate,
            chat_burst=chat_burst,
            paced=paced,
        )
        self.in_flight = max(1, in_flight)
        # The row id and send task of each chat with a request in flight (one per chat).
        self._flying: dict[int, tuple[int, asyncio.Task[None]]] = {}
        self._loaded_at = float("-inf")
        self._sent_in_pass = 0
        self._last_answer = float("-inf")  # when Telegram last answered (timer seconds)
        self._outage_since: float | None = None
        self._probe_at = 0.0
        self.stats = DispatchStats()
        self.recorders: dict[str, Recorder] = {}
        self.on_not_found: dict[str, Recorder] = {}
        self._pending: list[OutboxRow] = []
        self._max_loaded = 0
        self._woken = False
        self._wake = asyncio.Event()
        self._pass_lock = asyncio.Lock()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None
        # Set by the composition root: wakes the dispatcher when the next row falls due.
        self.job_queue: JobQueue[Any] | None = None
        self._due_job: Job[Any] | None = None

    def wake(self) -> None:
        self._woken = True
        self._wake.set()

    @property
    def busy(self) -> bool:
        """Something was queued or is being sent (rows due later do not count)."""
        return (
            self._woken
            or self._pass_lock.locked()
            or bool(self._flying)
            or any(not self.pacer.held(row.user_id) for row in self._pending)
        )

    def start(self) -> None:
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name="ouderbot-outbox")

    @property
    def outage(self) -> bool:
        """Telegram could not be reached and has not answered since."""
        return self._outage_since is not None

    @property
    def is_running(self) -> bool:
        """True while the sending loop is alive (the webhook's /healthz reports it)."""
        return self._task is not None and not self._task.done()

    async def stop(self) -> None:
        """Finish the requests in flight (and mark them), then stop. A send that hangs
        holds this up to the send timeout (telegram.send_timeout_seconds)."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            await self._task
            self._task = None
        self._pending, self._woken = [], False  # the rows stay in SQLite for the next start

    async def _run(self) -> None:
        while not self._stopping:
            hint = 1.0
            try:
                async with self._pass_lock:
                    _, hint = await self._send_ready()
                await self._wake_when_due()
            except Exception:
                log.exception("the outbox pass failed; trying again")
            # Every second too, not only when woken: the clock may be moved (tests, demo)
            # and rows queued by another process's planner fall due.
            await self.timer.wait(self._wake, max(0.01, min(hint, 1.0)))
            self._wake.clear()

    async def _wake_when_due(self) -> None:
        """Ask the job queue to wake us when the next row (a reminder) falls due."""
        if self.job_queue is None:
            return
        due = await self.outbox.next_due_at()
        now = self.clock.now()
        if due is None or due <= now:
            return
        if self._due_job is not None:
            with contextlib.suppress(LookupError):  # it ran (and went) meanwhile
                self._due_job.schedule_removal()
        self._due_job = self.job_queue.run_once(
            self._woken_by_job, (due - now).total_seconds(), name="ouderbot-outbox-due"
        )

    async def _woken_by_job(self, _: object) -> None:
        self._due_job = None
        self.wake()

    async def send_due(self) -> int:
        """Send everything due now that no chat limit holds back; returns how many."""
        async with self._pass_lock:
            sent, _ = await self._send_ready()
            return sent

    async def _load(self, *, full: bool) -> None:
        self._woken = False
        if full:
            await self._load_all()
        elif not await self._load_newer():
            # Woken for a row this did not find (its id was reused, see `_load_all`): a
            # full load now, not at the next tick a second later (a reply waited for it).
            await self._load(full=True)
            return
        if self._pending:
            self._max_loaded = max(self._max_loaded, max(row.id for row in self._pending))

    async def _load_all(self) -> None:
        """The due rows afresh, but those in flight."""
        flying = {row_id for row_id, _ in self._flying.values()}
        due = await self.outbox.due(self.clock.now(), LOAD_LIMIT)
        self._pending = [row for row in due if row.id not in flying]
        self._loaded_at = self.timer.monotonic()
        # SQLite gives a new row the highest id + 1: once the newest rows were sent
        # and deleted, new ones get ids at or below what was loaded before.
        self._max_loaded = max((row.id for row in due), default=0)

    async def _load_newer(self) -> bool:
        """The due rows newer than those loaded, in their place in the line; False when
        there were none."""
        known = {row.id for row in self._pending}
        fresh = await self.outbox.due(self.clock.now(), LOAD_LIMIT, after_id=self._max_loaded)
        if not fresh:
            return False
        self._pending.extend(row for row in fresh if row.id not in known)
        self._pending.sort(key=lambda row: (row.priority, row.due_at, row.id))
        return True

    def _pick(self, busy: set[int] | None = None) -> tuple[OutboxRow | None, float]:
        """The first row whose chat may get a message now (and is not in `busy`: a
        request to it is in flight), or how long until one may."""
        seen: set[int] = set(busy) if busy else set()
        hint = 1.0
        for row in self._pending:
            if row.user_id in seen:
                continue  # a chat's rows go in order
            seen.add(row.user_id)
            wait = self.pacer.chat_wait(row.user_id)
            if wait <= 0:
                return row, 0.0
            hint = min(hint, wait)
        return None, hint

    async def _send_ready(self) -> tuple[int, float]:
        """Send what may go now, up to `in_flight` requests at once (to different chats),
        each marked as soon as Telegram took it; returns once nothing may go now and no
        request is in flight, with how long until something may."""
        self._sent_in_pass = 0
        await self._load(full=True)
        hint = 1.0
        while not self._stopping:
            if self.timer.monotonic() - self._loaded_at >= RELOAD_SECONDS:
                # A long pass (steady traffic) also picks up rows that fell due meanwhile
                # (a chat put off by back-off, a reminder), not only newly queued ones.
                await self._load(full=True)
            elif self._woken:
                await self._load(full=False)
            slot = self._slot_wait()
            if slot > 0:
                if not self._flying and not self._pending:
                    break
                await self._idle(slot)  # a request ends (its task wakes us) or a probe is due
                continue
            row, hint = self._pick(set(self._flying))
            if row is None:
                if not self._flying:
                    break
                await self._idle(hint)
                continue
            pace = self.pacer.overall_wait()
            if pace > 0:
                await self._idle(pace)
                continue
            self._pending.remove(row)
            self.pacer.take(row.user_id)
            self._launch(row)
        await self._drain()
        return self._sent_in_pass, hint

    async def _idle(self, seconds: float) -> None:
        """Until woken (something queued, a request ended) or `seconds` have passed."""
        await self.timer.wait(self._wake, max(0.001, min(seconds, 1.0)))
        self._wake.clear()

    def _slot_wait(self) -> float:
        """0 when another request may start now; else how long until one may. During an
        outage one request (the probe) goes at a time, once a PROBE_SECONDS."""
        if self._outage_since is None:
            return 0.0 if len(self._flying) < self.in_flight else 1.0
        if self._flying:
            return 1.0
        return max(0.0, self._probe_at - self.timer.monotonic())

    def _launch(self, row: OutboxRow) -> None:
        task = asyncio.create_task(self._fly(row), name="ouderbot-outbox-send")
        self._flying[row.user_id] = (row.id, task)

    async def _fly(self, row: OutboxRow) -> None:
        """One row's request and its mark; the chat stays busy (no second request to it)
        until the mark is committed, so at most `in_flight` rows are sent and unmarked."""
        try:
            self._sent_in_pass += await self._deliver(row, taken=True)
        except Exception:
            # The row stays pending in SQLite; the next full load finds it again.
            log.exception("outbox row %d could not be sent or marked", row.id)
        finally:
            self._flying.pop(row.user_id, None)
            self._wake.set()

    async def _drain(self) -> None:
        """Wait for the requests in flight to end and be marked (stop, end of a pass)."""
        while self._flying:
            await asyncio.gather(
                *(task for _, task in self._flying.values()), return_exceptions=True
            )

    async def _deliver(self, row: OutboxRow, *, taken: bool = False) -> bool:
        """Send one row and mark it (or put it back, hold its chat, or give it up)."""
        user = await self.users.get(row.user_id)
        if await self._undeliverable(row, user):
            return False
        if not taken:
            self.pacer.take(row.user_id)
        started = self.timer.monotonic()
        try:
            message = await self._call(row, user.language if user else self.t.default_language)
        except RetryAfter as error:
            self._reached()
            self._hold_back(row, _seconds(error.retry_after))
            return False
        except Forbidden:
            self._reached()
            await self._blocked(row)
            return False
        except BadRequest as error:
            self._reached()
            return await self._rejected(row, error)
        except (TimedOut, NetworkError) as error:
            if self._unreachable(error, started):
                # Telegram was not reached (nothing was answered since this request
                # went): no attempt is counted; the row waits first in its chat's line
                # and one request a PROBE_SECONDS finds out when Telegram is back.
                self._pending.insert(0, row)
                self._begin_outage()
                return False
            self._reached()  # a 5xx, or this chat's request hung while others went
            return await self._retry_later(row, type(error).__name__)
        self._reached()
        await self._delivered(row, _message_id(message))
        self.stats.sent += 1
        return True

    def _hold_back(self, row: OutboxRow, wait: float) -> None:
        """Telegram asked to wait (429): this chat only, the row first in its line."""
        self.stats.rate_limited += 1
        self.pacer.hold(row.user_id, wait)
        self._pending.insert(0, row)  # still first in its chat's line
        log.warning("Telegram held a chat back for %.1f s", wait)

    async def _blocked(self, row: OutboxRow) -> None:
        """The person blocked the bot (403): nothing more is sent to them."""
        if row.user_id > 0:
            await self.outbox.cancel_for_user(row.user_id)
        else:
            await self.outbox.mark_failed([row.id], self.clock.now())
        self.stats.blocked += 1
        log.info("chat %d blocked the bot; marked inactive", row.user_id)

    async def _rejected(self, row: OutboxRow, error: BadRequest) -> bool:
        """Telegram refused the request (400): given up, unless the edit it asked for
        was already there (then it counts as delivered)."""
        if "not modified" in error.message:  # the message says it already
            await self._delivered(row, None)
            return True
        await self.outbox.mark_failed([row.id], self.clock.now())
        self.stats.failed += 1
        await self._purpose(row, self.on_not_found, 0)
        log.error("outbox row %d rejected by Telegram: %s", row.id, error.message)
        return False

    def _unreachable(self, error: NetworkError, started: float) -> bool:
        if isinstance(error, Unreachable):
            return True
        return isinstance(error, TimedOut) and self._last_answer < started

    def _begin_outage(self) -> None:
        now = self.timer.monotonic()
        self._probe_at = now + PROBE_SECONDS
        if self._outage_since is None:
            self._outage_since = now
            log.warning("Telegram cannot be reached; trying again every %.0f s", PROBE_SECONDS)

    def _reached(self) -> None:
        """Telegram answered a request: an outage (if any) is over, sending resumes now."""
        self._last_answer = self.timer.monotonic()
        if self._outage_since is not None:
            log.warning(
                "Telegram reached again after %.1f s", self._last_answer - self._outage_since
            )
            self._outage_since = None
            self._wake.set()

    async def _undeliverable(self, row: OutboxRow, user: User | None) -> bool:
        """Expired (dropped) or for someone who left (failed): marked so, not sent."""
        now = self.clock.now()
        if row.expires_at is not None and row.expires_at <= now:
            await self.outbox.mark_dropped([row.id], now)
            self.stats.dropped += 1
            log.info("outbox row %d (%s) expired unsent; dropped", row.id, row.kind)
            return True
        if (user is None and row.key is not None) or (user is not None and not user.active):
            await self.outbox.mark_failed([row.id], now)
            self.stats.failed += 1
            return True
        return False

    async def _delivered(self, row: OutboxRow, message_id: int | None) -> None:
        await self.outbox.mark_delivered(row.id, message_id, self.clock.now())
        if message_id is not None:
            await self._purpose(row, self.recorders, message_id)

    async def _purpose(self, row: OutboxRow, table: dict[str, Recorder], message_id: int) -> None:
        if not row.purpose or ":" not in row.purpose:
            return
        name, _, ref = row.purpose.partition(":")
        recorder = table.get(name)
        if recorder is not None and ref.lstrip("-").isdigit():
            await recorder(int(ref), row.user_id, message_id)

    async def _call(self, row: OutboxRow, language: str) -> object:
        if row.key is not None:
            return await self._send_planned(row, row.key, language)
        if row.method == "message":
            return await self._send_text(
                row.user_id, row.text, html=row.html, markup=row.markup or None, preview=False
            )
        return await self._send_with_bot(row)

    async def _send_planned(self, row: OutboxRow, key: str, language: str) -> object:
        """A planner's row: rendered now, in the recipient's language. Over Telegram's
        limit (a long written answer with its question) it goes in parts, the buttons
        with the last; a kill between parts repeats this row's parts."""
        text = render(self.t, language, self.zone, key, row.params)
        markup = self._planned_buttons(row, language)
        parts = split_html(text)
        for part in parts[:-1]:
            await self._send_text(row.user_id, part, html=True)
        return await self._send_text(row.user_id, parts[-1], html=True, markup=markup)

    def _planned_buttons(self, row: OutboxRow, language: str) -> dict[str, object] | None:
        """A planner's buttons as reply markup, their labels translated; None: none."""
        if not row.buttons:
            return None
        return {
            "inline_keyboard": [
                [{"text": self.t(language, label), "callback_data": data} for label, data in line]
                for line in row.buttons
            ]
        }

    async def _send_with_bot(self, row: OutboxRow) -> object:
        """An edit, a file or a message through the bot's own methods."""
        bot = self.bot
        markup = InlineKeyboardMarkup.de_json(row.markup, bot) if row.markup else None
        parse_mode = ParseMode.HTML if row.html else None
        if row.method == "edit":
            return await bot.edit_message_text(
                row.text,
                chat_id=row.user_id,
                message_id=row.target_message_id,
                parse_mode=parse_mode,
                reply_markup=markup,
                disable_web_page_preview=True,
            )
        if row.method == "markup":
            return await bot.edit_message_reply_markup(
                chat_id=row.user_id, message_id=row.target_message_id, reply_markup=markup
            )
        if row.method in ("document", "photo"):
            return await self._send_file(row, parse_mode, markup)
        return await bot.send_message(
            row.user_id,
            row.text,
            parse_mode=parse_mode,
            reply_markup=markup,
            disable_web_page_preview=True,
        )

    async def _send_file(
        self, row: OutboxRow, parse_mode: ParseMode | None, markup: InlineKeyboardMarkup | None
    ) -> object:
        data = await self.outbox.file_of(row.id) or b""
        upload = InputFile(data, filename=row.filename or "bestand")
        send = self.bot.send_photo if row.method == "photo" else self.bot.send_document
        return await send(
            row.user_id,
            upload,
            caption=row.text or None,
            parse_mode=parse_mode,
            reply_markup=markup,
        )

    async def _send_text(
        self,
        chat_id: int,
        text: str,
        *,
        html: bool,
        markup: dict[str, object] | None = None,
        preview: bool = True,
    ) -> object:
        """sendMessage with the markup as stored (a dict), the answer as a dict (see
        OuderbotBot.send_message_dict)."""
        params: dict[str, object] = {"chat_id": chat_id, "text": text}
        if html:
            params["parse_mode"] = ParseMode.HTML.value
        if markup is not None:
            params["reply_markup"] = markup
        if not preview:
            params["link_preview_options"] = {"is_disabled": True}
        if isinstance(self.bot, OuderbotBot):
            return await self.bot.send_message_dict(params)
        return await self.bot.send_message(  # a plain Bot (not used by the app)
            chat_id,
            text,
            parse_mode=ParseMode.HTML if html else None,
            reply_markup=InlineKeyboardMarkup.de_json(markup, self.bot) if markup else None,
            disable_web_page_preview=not preview or None,
        )

    async def _retry_later(self, row: OutboxRow, reason: str) -> bool:
        if row.attempts + 1 >= MAX_ATTEMPTS:
            await self.outbox.mark_failed([row.id], self.clock.now())
            self.stats.failed += 1
            log.error("outbox row %d given up after %d attempts (%s)", row.id, MAX_ATTEMPTS, reason)
            return False
        delay = BACKOFF[min(row.attempts, len(BACKOFF) - 1)]
        await self.outbox.retry_later(row.id, self.clock.now() + timedelta(seconds=delay))
        # The chat's later rows wait too, so that they do not overtake this one.
        self._pending = [other for other in self._pending if other.user_id != row.user_id]
        self.stats.retried += 1
        log.warning("outbox row %d: %s; retrying in %d s", row.id, reason, delay)
        return False


def _seconds(retry_after: int | timedelta) -> float:
    if isinstance(retry_after, timedelta):
        return retry_after.total_seconds()
    return float(retry_after)


def _message_id(message: object) -> int | None:
    """The id of the message Telegram answered with (a parsed Message or a plain dict)."""
    if isinstance(message, Message):
        return message.message_id
    if isinstance(message, dict) and isinstance(message.get("message_id"), int):
        return int(message["message_id"])
    return None

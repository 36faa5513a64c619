"""Helpers for end-to-end tests: a bot wired to the local Bot API server, acting users."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import time
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.app import Ouderbot, button_routes, create_bot
from bot.config import Settings, settings_from_mapping
from bot.core import callbacks
from bot.core.clock import Clock, ManualClock
from bot.delivery.pacing import Timer
from bot.localapi import LocalBotApi, RequestRecord
from bot.runtime.background import PeriodicPass
from storage.db import Database
from storage.webinars import WebinarDraft

TOKEN = "123456:LOCAL-TEST-TOKEN-abcdefghij"
COORDINATOR_ID = 900_001
MODERATOR_IDS = (800_001, 800_002)
# A Tuesday in December 2026, 09:00 UTC (10:00 in Utrecht).
START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


# How much faster than real time the flood limits run in the end-to-end tests.
FAST = 10.0


class FastTimer:
    """Monotonic time running `speed` times faster than the wall clock.

    The `api` fixture's flood limits and the bot's pacer and panel throttle share one,
    so Telegram's limits stay on (per second of this timer: 30 overall, one a chat, ...)
    while a test that sends 300 paced messages waits 1 s instead of 10. Sharing matters:
    a bot on real time against limits on this one would only send too slowly (safe), a
    bot on this one against real-time limits too fast (429s)."""

    def __init__(self, speed: float = FAST) -> None:
        self.speed = speed
        self._origin = time.monotonic()

    def monotonic(self) -> float:
        return self._origin + (time.monotonic() - self._origin) * self.speed

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds / self.speed)

    def seconds_between(self, earlier: float, later: float) -> float:
        """This timer's seconds between two readings of `time.monotonic()` (such as the
        local server's request records)."""
        return (later - earlier) * self.speed

    async def wait(self, event: asyncio.Event, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout=seconds / self.speed)


# Which timer each `limited_api` server's limits run on: `start_bot` gives the bot the
# same one.
_LIMITS_TIMERS: weakref.WeakKeyDictionary[LocalBotApi, FastTimer] = weakref.WeakKeyDictionary()


def limited_api(timer: FastTimer, **options: Any) -> LocalBotApi:
    """A local Bot API server with Telegram's flood limits on, timed by `timer`."""
    server = LocalBotApi(
        token=TOKEN,
        bot_username="ouderbot_test",
        rate_limits=True,
        limits_clock=timer.monotonic,
        # Idle once the bot reports nothing to do and no request came for 50 ms (the
        # bot's own busy checks carry the rest; see `start_bot`).
        quiet_period=0.05,
        **options,
    )
    _LIMITS_TIMERS[server] = timer
    return server


@contextlib.asynccontextmanager
async def running_api(timer: FastTimer) -> AsyncIterator[LocalBotApi]:
    """The `api` fixture: Telegram's flood limits on, as Telegram has them. The bot keeps
    to them itself (its outbox pacer), and `running_bot` fails a test in which Telegram
    answered 429."""
    server = limited_api(timer)
    watch(server)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@contextlib.asynccontextmanager
async def running_bot(
    settings: Settings, clock: ManualClock, api: LocalBotApi
) -> AsyncIterator[Ouderbot]:
    """The `bot` fixture: the real bot, checked afterwards for requests Telegram refused."""
    running = await start_bot(settings, clock, api)
    yield running
    await running.stop()
    # Every request the bot made must have been one Telegram accepts (a 403 from a parent
    # who blocked the bot is Telegram's answer to a valid request, not a rejection).
    refused = [(r.method, r.description) for r in api.rejections if r.status != 403]
    assert refused == [], refused
    assert api.unanswered_callback_queries() == []
    # Every button the bot sent can be pressed: its data names a declared, routed action.
    assert unrouted_buttons(api.requests) == [], unrouted_buttons(api.requests)


def sent_button_data(requests: list[RequestRecord]) -> list[str]:
    """The callback data of every inline button in the bot's requests (sent or edited)."""
    found: list[str] = []
    for request in requests:
        markup = request.params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        for row in (markup or {}).get("inline_keyboard", []):
            found.extend(button["callback_data"] for button in row if "callback_data" in button)
    return found


def unrouted_buttons(requests: list[RequestRecord]) -> list[str]:
    """The button data in `requests` that no route of the bot would take."""
    routed = {one.action for one in button_routes()}
    unrouted = []
    for data in sent_button_data(requests):
        try:
            if callbacks.parse(data).action in routed:
                continue
        except callbacks.BadCallback:
            pass
        unrouted.append(data)
    return unrouted


def make_settings(database: Path, api: LocalBotApi, **overrides: Any) -> Settings:
    data: dict[str, Any] = {
        "telegram": {
            "base_url": api.base_url,
            "base_file_url": api.base_file_url,
            "poll_timeout_seconds": 1,
            "request_timeout_seconds": 5,
        },
        "storage": {"database": str(database)},
        "roles": {"coordinators": [COORDINATOR_ID]},
        "webinars": {"panel_refresh_seconds": 0.5},
    }
    for section, values in overrides.items():
        if isinstance(values, dict):
            data.setdefault(section, {}).update(values)
        else:
            data[section] = values
    return settings_from_mapping(data, {"OUDERBOT_TOKEN": TOKEN})


async def start_bot(settings: Settings, clock: Clock, api: LocalBotApi | None = None) -> Ouderbot:
    timer: Timer | None = _LIMITS_TIMERS.get(api) if api is not None else None
    bot = await create_bot(settings, token=TOKEN, clock=clock, timer=timer)
    watch_bot(bot, api)
    await bot.start()
    if api is not None:
        # The bot confirms updates once stored, before handling them: the server's
        # wait_until_idle also waits until the bot has handled and sent what it has.
        api.busy_checks.append(bot.busy)
    return bot


async def add_webinar(
    bot: Ouderbot,
    code: str = "slapen",
    title: str = "Slapen zonder strijd",
    starts_in: timedelta = timedelta(hours=1),
    replay_url: str | None = None,
) -> int:
    now = bot.services.clock.now()
    await bot.services.repos.webinars.upsert(
        [
            WebinarDraft(
                code=code,
                title=title,
                theme="slapen",
                starts_at=now + starts_in,
                ends_at=now + starts_in + timedelta(hours=1, minutes=30),
                replay_url=replay_url,
            )
        ]
    )
    webinar = await bot.services.repos.webinars.by_code(code)
    assert webinar is not None
    return webinar.id


async def make_moderator(bot: Ouderbot, user_id: int) -> None:
    from bot.core.models import Role

    await bot.services.repos.users.ensure(user_id, "nl", bot.services.clock.now())
    await bot.services.repos.users.grant_role(
        user_id, Role.MODERATOR, COORDINATOR_ID, bot.services.clock.now()
    )


async def webinar_opened_by_gert(bot: Ouderbot, api: LocalBotApi, code: str = "slapen") -> Any:
    """Webinar `code` in the programme, opened for questions by gespreksleider Gert."""
    await add_webinar(bot, code)
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert", language_code="nl")
    await make_moderator(bot, moderator.id)
    moderator.send(f"/open {code}")
    await moderator.wait_for(lambda m: "open voor vragen" in m["text"])
    return moderator


async def parents_asked(bot: Ouderbot, api: LocalBotApi, questions: list[str]) -> list[Any]:
    """One parent per question (consented, joined to "slapen"), each acknowledged."""
    services = bot.services
    webinar = await services.repos.webinars.by_code("slapen")
    assert webinar is not None
    parents = []
    for number, text in enumerate(questions):
        user_id = 20_000 + number
        await services.repos.users.ensure(user_id, "nl", services.clock.now())
        await services.repos.users.record_consent(user_id, 1, services.clock.now())
        await services.repos.webinars.join(webinar.id, user_id, services.clock.now())
        parent = api.user(user_id, first_name=f"Ouder{number}", language_code="nl")
        parent.send(text)
        await parent.wait_for(lambda m: "in de rij" in m["text"])
        parents.append(parent)
    return parents


class Changes:
    """A count bumped whenever something a test may wait for has changed: the local Bot
    API server recorded a request or had updates confirmed, the database committed (or
    a write began waiting for the writer). `eventually` re-checks its condition then."""

    def __init__(self) -> None:
        self.count = 0
        self._bumped = asyncio.Event()

    def bump(self) -> None:
        self.count += 1
        bumped, self._bumped = self._bumped, asyncio.Event()
        bumped.set()

    async def since(self, count: int, seconds: float) -> None:
        """Return once the count has moved past `count`, or after `seconds`."""
        if self.count == count:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._bumped.wait(), seconds)


# The changes of each event loop (one a test): the servers and databases of a test bump
# the one of the loop they run in (`watch`, `watch_database`).
_CHANGES: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Changes] = (
    weakref.WeakKeyDictionary()
)


def changes() -> Changes:
    """The running event loop's `Changes`."""
    return _CHANGES.setdefault(asyncio.get_running_loop(), Changes())


def watch(api: LocalBotApi) -> None:
    """Let `eventually` re-check when `api` records a request or has updates confirmed."""
    bump = changes().bump
    if bump not in api.on_change:
        api.on_change.append(bump)


def watch_database(database: Database) -> None:
    """Let `eventually` re-check when `database` commits or a write waits for its writer."""
    bump = changes().bump
    if bump not in database.on_change:
        database.on_change.append(bump)


def watch_bot(bot: Ouderbot, api: LocalBotApi | None = None) -> None:
    """Let `eventually` re-check after the bot's database commits, after each periodic
    pass (a pass may change only the planner's own state, as retention's `checks`), and
    on `api`'s changes."""
    watch_database(bot.services.db)
    for service in bot.background:
        if isinstance(service, PeriodicPass):
            service.step = _bumping_after(service.step, changes())
    if api is not None:
        watch(api)


def _bumping_after(
    step: Callable[[], Awaitable[object]], watched: Changes
) -> Callable[[], Awaitable[object]]:
    async def step_then_bump() -> object:
        try:
            return await step()
        finally:
            watched.bump()

    return step_then_bump


async def eventually(check: Callable[[], Any], timeout: float = 10.0, what: str = "") -> Any:
    """Wait until `check()` returns something truthy (awaiting it if it is a coroutine).

    It is checked now and again after each change (`Changes`): no timer, so a condition
    nothing watched can make true fails after `timeout` seconds, naming the condition
    (`what`, or the check's source line)."""
    watched = changes()
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        seen = watched.count
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return result
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            raise AssertionError(
                f"not met within {timeout} s ({watched.count} changes seen): "
                f"{what or _source_of(check)}"
            )
        await watched.since(seen, remaining)


def _source_of(check: Callable[[], Any]) -> str:
    try:
        return inspect.getsource(check).strip()
    except (OSError, TypeError):
        return repr(check)


def texts(user: Any) -> list[str]:
    return [m.get("text") or m.get("caption") or "" for m in user.messages]


async def write_answer(moderator: Any, text: str) -> dict[str, Any]:
    """Type a written answer after ✍️ and tap 📤 Versturen under its preview."""
    moderator.send(text)
    # A long preview comes in parts; the buttons are under the last.
    preview = await moderator.wait_for(
        lambda m: any(data and ":w:send:" in data for _, data in moderator.buttons(m))
    )
    send = next(data for _, data in moderator.buttons(preview) if data and ":w:send:" in data)
    moderator.press(preview, send)
    return dict(preview)


async def close_webinar(moderator: Any) -> None:
    """/sluit, then 🔒 Ja, sluiten under the question it asks."""
    moderator.send("/sluit")
    ask = await moderator.wait_for(
        lambda m: any(data and ":s:yes:" in data for _, data in moderator.buttons(m))
    )
    yes = next(data for _, data in moderator.buttons(ask) if data and ":s:yes:" in data)
    moderator.press(ask, yes)


async def withdraw_question(parent: Any, ack: dict[str, Any]) -> None:
    """ "Vraag intrekken" under the acknowledgement, then "Ja, intrekken"."""
    parent.press(ack, next(d for _, d in parent.buttons(ack) if d and ":p:withdraw:" in d))
    asked = await parent.wait_for(
        lambda m: any(d and ":p:withdrawyes:" in d for _, d in parent.buttons(m))
    )
    parent.press(asked, next(d for _, d in parent.buttons(asked) if d and ":p:withdrawyes:" in d))

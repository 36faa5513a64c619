"""How fast the bot may send: Telegram's limits as token buckets, on an injected timer.

Telegram allows a bot about 30 messages a second overall and about one a second per
private chat (short bursts allowed; about 20 a minute per group) and answers 429 with
`retry_after` beyond that. The pacer keeps under those limits, so 429s stay rare; a chat
Telegram holds back anyway is held here for `retry_after`, and only that chat.

`paced=False` is for a self-hosted Bot API server without those limits (benchmarks):
nothing waits then except a chat held back by a 429.

Time comes from a `Timer` (monotonic seconds and a sleep), so tests can drive it.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Protocol


class Timer(Protocol):
    def monotonic(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...

    async def wait(self, event: asyncio.Event, seconds: float) -> None:
        """Until `event` is set or `seconds` have passed, whichever comes first."""
        ...


class RealTimer:
    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def wait(self, event: asyncio.Event, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout=seconds)


class _Bucket:
    __slots__ = ("capacity", "rate", "tokens", "updated")

    def __init__(self, capacity: float, rate: float, now: float):
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.updated = now

    def wait(self, now: float) -> float:
        if now > self.updated:
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
            self.updated = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


class Pacer:
    """One bucket overall and one per chat; `hold` keeps one chat back for a while."""

    def __init__(
        self,
        timer: Timer,
        *,
        overall_rate: float = 28.0,
        overall_burst: float = 5.0,
        chat_rate: float = 1.0,
        chat_burst: float = 3.0,
        group_rate: float = 20 / 60,
        group_burst: float = 3.0,
        paced: bool = True,
    ):
        self.timer = timer
        self.paced = paced
        self._overall = _Bucket(overall_burst, overall_rate, timer.monotonic())
        self._chat_shape = (chat_burst, chat_rate)
        self._group_shape = (group_burst, group_rate)
        self._chats: dict[int, _Bucket] = {}
        self._held: dict[int, float] = {}

    def overall_wait(self) -> float:
        if not self.paced:
            return 0.0
        return self._overall.wait(self.timer.monotonic())

    def chat_wait(self, chat: int) -> float:
        """Seconds until a message to `chat` may go as far as that chat is concerned."""
        now = self.timer.monotonic()
        held = self._held.get(chat)
        if held is not None:
            if held > now:
                return held - now
            del self._held[chat]
        if not self.paced:
            return 0.0
        bucket = self._chats.get(chat)
        return 0.0 if bucket is None else bucket.wait(now)

    def take(self, chat: int) -> None:
        if not self.paced:
            return
        now = self.timer.monotonic()
        bucket = self._chats.get(chat)
        if bucket is None:
            capacity, rate = self._group_shape if chat < 0 else self._chat_shape
            bucket = self._chats[chat] = _Bucket(capacity, rate, now)
            if len(self._chats) > 10_000:  # forget full buckets of quiet chats
                self._forget_full(now)
        bucket.wait(now)
        bucket.tokens -= 1
        self._overall.wait(now)
        self._overall.tokens -= 1

    def hold(self, chat: int, seconds: float) -> None:
        """Telegram said 429 for `chat`: nothing goes to it for `seconds`."""
        self._held[chat] = max(self._held.get(chat, 0.0), self.timer.monotonic() + seconds)

    def held(self, chat: int) -> bool:
        return self._held.get(chat, 0.0) > self.timer.monotonic()

    def _forget_full(self, now: float) -> None:
        for chat, bucket in list(self._chats.items()):
            if bucket.wait(now) == 0 and bucket.tokens >= bucket.capacity:
                del self._chats[chat]

"""Telegram's flood limits, approximated with token buckets.

Telegram documents about 30 messages a second overall, about one a second per chat
(short bursts allowed) and 20 a minute per group. Exceeding them gives HTTP 429 with
``retry_after``. The buckets here reproduce that shape so a bot's throttling can be tested.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from .errors import ApiError

__all__ = ["RateLimiter", "TokenBucket"]


class TokenBucket:
    """``capacity`` tokens, refilled continuously at ``rate`` tokens a second."""

    __slots__ = ("capacity", "rate", "tokens", "updated")

    def __init__(self, capacity: float, rate: float, now: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.updated = now

    def refill(self, now: float) -> None:
        if now > self.updated:
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
            self.updated = now

    def wait_time(self) -> float:
        """Seconds until one token is available (0 when one is available now)."""
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


class RateLimiter:
    """A global bucket plus one bucket per chat; a message takes a token from both."""

    def __init__(
        self,
        global_capacity: float = 30,
        global_rate: float = 30,
        chat_capacity: float = 10,
        chat_rate: float = 1,
        group_capacity: float = 20,
        group_rate: float = 20 / 60,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._clock = clock
        self._global = TokenBucket(global_capacity, global_rate, self._now())
        self._chat_shape = (chat_capacity, chat_rate)
        self._group_shape = (group_capacity, group_rate)
        self._chats: dict[int | str, TokenBucket] = {}

    def _now(self) -> float:
        return self._clock()

    def acquire(self, chat_id: int | str | None) -> None:
        """Take a token for one message to ``chat_id`` or raise a 429 ApiError."""
        now = self._now()
        buckets = [self._global]
        if chat_id is not None:
            chat = self._chats.get(chat_id)
            if chat is None:
                is_group = isinstance(chat_id, int) and chat_id < 0
                capacity, rate = self._group_shape if is_group else self._chat_shape
                chat = self._chats[chat_id] = TokenBucket(capacity, rate, now)
            buckets.append(chat)
        wait = 0.0
        for bucket in buckets:
            bucket.refill(now)
            wait = max(wait, bucket.wait_time())
        if wait > 0:
            retry_after = max(1, math.ceil(wait - 1e-9))  # no 3 for 2.0000000001
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)
        for bucket in buckets:
            bucket.tokens -= 1

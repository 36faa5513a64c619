"""Per-parent limits, so one person (or a stuck client) cannot flood the queue or the bot."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field


@dataclass
class _Window:
    times: deque[float] = field(default_factory=deque)
    warned_at: float | None = None


class SlidingWindowLimiter:
    """At most `limit` events per `seconds` per key; memory is bounded by active keys."""

    def __init__(self, limit: int, seconds: float):
        self.limit = limit
        self.seconds = seconds
        self._windows: dict[int, _Window] = {}

    def allow(self, key: int, now: float) -> bool:
        window = self._windows.setdefault(key, _Window())
        while window.times and window.times[0] <= now - self.seconds:
            window.times.popleft()
        if len(window.times) >= self.limit:
            return False
        window.times.append(now)
        if len(self._windows) > 50_000:
            self._forget_idle(now)
        return True

    def first_refusal(self, key: int, now: float) -> bool:
        """True at most once per window: a parent is told once, not at every message (nor
        at every refusal that follows a message let through at the window's edge)."""
        window = self._windows.setdefault(key, _Window())
        if window.warned_at is not None and window.warned_at > now - self.seconds:
            return False
        window.warned_at = now
        return True

    def _forget_idle(self, now: float) -> None:
        for key in [
            k for k, w in self._windows.items() if not w.times or w.times[-1] <= now - self.seconds
        ]:
            del self._windows[key]

"""Log lines for refused web requests, at most one a minute per reason, with a count.

The webhook and the board answer bad requests (a wrong secret, initData that proves
nothing, a body that is not an update) with 400/401/403. Each deserves a log line for
whoever runs the bot, but a flood of them (200 wrong secrets in a tenth of a second)
must not flood the log: the first refusal of a reason is logged at once, later ones of
that reason are counted and logged as one line with their number once a minute has
passed since the last line (when the next one comes). Reasons are fixed phrases, never
request content.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

INTERVAL_SECONDS = 60.0


class RefusalLog:
    def __init__(
        self,
        logger: logging.Logger,
        *,
        interval: float = INTERVAL_SECONDS,
        now: Callable[[], float] = time.monotonic,
    ):
        self.logger = logger
        self.interval = interval
        self.now = now
        # reason -> (when its last line was written, refusals since then not logged)
        self._reasons: dict[str, tuple[float, int]] = {}

    def refused(self, reason: str) -> None:
        """Note one refused request; logs a line unless one for `reason` went out lately."""
        now = self.now()
        last = self._reasons.get(reason)
        if last is not None and now - last[0] < self.interval:
            self._reasons[reason] = (last[0], last[1] + 1)
            return
        if last is not None and last[1]:
            self.logger.warning(
                "%s (%d more since the last such line, %.0f s ago)",
                reason,
                last[1],
                now - last[0],
            )
        else:
            self.logger.warning("%s", reason)
        self._reasons[reason] = (now, 0)
        if len(self._reasons) > 100:  # fixed phrases: a handful; never grows without bound
            self._reasons.clear()


# Deeper than any Telegram update or board request (an update with a reply to a message
# with its keyboard is about a dozen levels): refused before anything walks it.
MAX_JSON_DEPTH = 64


def json_beyond_limits(value: object, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when `value` (parsed JSON) nests lists and objects deeper than `limit`, or
    holds an integer SQLite cannot store (an id of 2^63 or more would fail later, as an
    OverflowError, where it is stored); walked without recursion, so a hostile body
    cannot exhaust the stack here."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: list[object] = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            if isinstance(item, int) and not -(2**63) <= item < 2**63:
                return True
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False

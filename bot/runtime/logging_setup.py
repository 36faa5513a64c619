"""Logging: ids and counts only, at every level.

Third-party libraries log what the bot must not: python-telegram-bot at DEBUG writes
every request's parameters and every update (question texts, first names, invite links
with their tokens), httpx/httpcore log request URLs (which hold the bot token), aiosqlite
logs SQL parameters. They are held at a level where they say none of that, whatever
level the bot runs at (`ouderbot --log-level DEBUG` only makes Ouderbot's own loggers
talk more); the token filter is a second line of defence."""

from __future__ import annotations

import logging
import re
from typing import TextIO

_TOKEN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")


class RedactTokens(logging.Filter):
    """The bot token out of the message and out of a logged exception's traceback (an
    error from the HTTP layer may quote the request URL, which holds it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _TOKEN.search(message):
            record.msg = _TOKEN.sub("<token>", message)
            record.args = ()
        if record.exc_info and not record.exc_text:
            # The formatter uses exc_text when it is set, instead of formatting anew.
            record.exc_text = _TOKEN.sub("<token>", _TRACEBACKS.formatException(record.exc_info))
        return True


_TRACEBACKS = logging.Formatter()


# The lowest level at which each of these says nothing about people or the token.
THIRD_PARTY_FLOORS = {
    "telegram": logging.INFO,  # DEBUG: request parameters, return values, whole updates
    "httpx": logging.WARNING,  # INFO: request URLs, with the token
    "httpcore": logging.WARNING,
    "aiosqlite": logging.WARNING,  # DEBUG: SQL parameters (question texts)
    "apscheduler": logging.WARNING,
    "aiohttp.access": logging.WARNING,  # INFO: request lines (the webhook path)
    "aiohttp.client": logging.WARNING,  # the outbox's client (bot.delivery.aiohttp_request)
    "aiohttp.server": logging.WARNING,
    "asyncio": logging.INFO,
}
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def quiet_third_party_loggers() -> None:
    """Hold the loggers above at their floor, however the bot is started (the CLI, the
    demo, tests), so the composition root calls this too."""
    for name, floor in THIRD_PARTY_FLOORS.items():
        logging.getLogger(name).setLevel(floor)


def configure_logging(level: int | str = logging.INFO, *, stream: TextIO | None = None) -> None:
    """Log to `stream` (stderr by default) at `level`, third-party loggers held back."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactTokens())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    quiet_third_party_loggers()

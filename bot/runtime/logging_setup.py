"""Logging: ids and counts only. httpx logs request URLs, which contain the bot token,
so it is held at WARNING; the token filter is a second line of defence."""

from __future__ import annotations

import logging
import re

_TOKEN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")


class RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _TOKEN.search(message):
            record.msg = _TOKEN.sub("<token>", message)
            record.args = ()
        return True


def quiet_third_party_loggers() -> None:
    """httpx/httpcore log request URLs (which hold the token) at INFO; aiosqlite logs SQL
    parameters (message texts) at DEBUG. None of them may go below WARNING, however the
    bot is started (the CLI, the demo, tests), so the composition root calls this too."""
    for noisy in ("httpx", "httpcore", "aiosqlite", "apscheduler", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def configure_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactTokens())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    quiet_third_party_loggers()

"""The health check: is the bot able to do its work? For Docker's HEALTHCHECK, systemd or
a monitoring system, in polling mode as in webhook mode.

`health_report` says whether the database answers, whether the outbox dispatcher runs,
how many messages wait to be sent and, in polling mode, whether the poller still runs.
The webhook's server answers it at `GET /healthz` (bot.delivery.webhook); `HealthServer`
answers it at `GET /healthz` on `[health] listen` (a local address) in any mode. Counts
only: no text, name or id.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

from aiohttp import web

from bot.delivery.dispatcher import OutboxDispatcher
from bot.services import Services

log = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
HEALTH_TIMEOUT_SECONDS = 2.0


class Watched(Protocol):
    """What the health check reads of the running bot (bot.app.Ouderbot)."""

    services: Services
    dispatcher: OutboxDispatcher

    @property
    def polling(self) -> bool | None:
        """True while the poller runs, False once it stopped; None in webhook mode."""
        ...


async def health_report(bot: Watched) -> dict[str, object]:
    """The database answers, the dispatcher runs, what waits to be sent (and the poller)."""
    database = "ok"
    pending: int | None = None
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT_SECONDS):
            await bot.services.db.ping()
            pending = (await bot.services.repos.outbox.counts()).get("pending", 0)
    except Exception as error:
        database = "error"
        log.warning("health check: the database did not answer (%s)", type(error).__name__)
    report: dict[str, object] = {
        "database": database,
        "dispatcher": "running" if bot.dispatcher.is_running else "stopped",
        "pending_outbox": pending,
    }
    if bot.polling is not None:
        report["poller"] = "running" if bot.polling else "stopped"
    return report


def healthy(report: dict[str, object]) -> bool:
    return (
        report["database"] == "ok"
        and report["dispatcher"] == "running"
        and report.get("poller", "running") == "running"
    )


async def answer_health(bot: Watched) -> web.Response:
    report = await health_report(bot)
    return web.json_response(report, status=200 if healthy(report) else 503)


class HealthServer:
    """`GET /healthz` on its own local address (`[health] listen`): 200 or 503."""

    def __init__(self, bot: Watched, host: str, port: int):
        self.bot = bot
        self.host = host
        self.port = port  # the bound port once started (useful with port 0)
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        async def health(request: web.Request) -> web.Response:
            return await answer_health(self.bot)

        app = web.Application()
        app.router.add_get(HEALTH_PATH, health)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        if self._runner.addresses:
            self.port = int(self._runner.addresses[0][1])
        log.info("health check: listening on %s:%d%s", self.host, self.port, HEALTH_PATH)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}{HEALTH_PATH}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

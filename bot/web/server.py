"""The bot's web server in polling mode: the board on `[web] listen`.

In webhook mode the webhook's server (bot.delivery.webhook) carries the board's routes
instead, so there is one server either way.
"""

from __future__ import annotations

import logging

from aiohttp import web

from bot.config import WebSettings
from bot.web.routes import BoardDeps, add_board_routes

log = logging.getLogger(__name__)


class BoardServer:
    def __init__(self, web_settings: WebSettings, deps: BoardDeps):
        self.settings = web_settings
        self.deps = deps
        self._runner: web.AppRunner | None = None
        self.port = web_settings.port  # the bound port once started (useful with port 0)

    async def start(self) -> None:
        app = web.Application()
        add_board_routes(app, self.deps)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.host, self.settings.port)
        await site.start()
        addresses = self._runner.addresses
        if addresses:
            self.port = int(addresses[0][1])
        log.info("board: listening on %s:%d/app/", self.settings.host, self.port)

    @property
    def local_url(self) -> str:
        return f"http://{self.settings.host}:{self.port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

"""Webhook mode: Telegram POSTs each update to us instead of the bot polling for it.

`ouderbot run --webhook` calls `serve_webhook`. The web server (`build_web_app`) has two
routes:

``POST <path of telegram.webhook_url>`` (``/telegram`` when the URL has no path)
    Telegram's update. The ``X-Telegram-Bot-Api-Secret-Token`` header must equal the
    secret from ``OUDERBOT_WEBHOOK_SECRET`` (missing: 401, wrong: 403; nothing is
    handled). The update is stored in the inbox (committed) *before* we answer 200, and
    handled after: Telegram redelivers an update it got no 2xx for, so a crash before
    the commit loses nothing, and `UpdateProcessor` skips a redelivered update that it
    stored or handled already.

``GET /healthz``
    ``{"database": "ok", "dispatcher": "running", "pending_outbox": N}`` with 200, or
    503 when the database does not answer or the outbox dispatcher has stopped. For a
    load balancer or a monitoring check; it reveals counts only (bot.runtime.health,
    which also serves it on `[health] listen` in polling mode).

Updates of one chat are handled one after the other (Telegram may deliver them over
parallel connections; see bot.delivery.updates); different chats are handled
concurrently. Stopping removes
nothing at Telegram: the webhook stays set, so updates that arrive during a restart
wait at Telegram until we are back.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
from typing import Any, Protocol
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.config import WEBHOOK_SECRET_ENV, ConfigError, Settings
from bot.delivery.dispatcher import OutboxDispatcher
from bot.delivery.updates import UpdateProcessor
from bot.runtime.health import HEALTH_PATH, answer_health
from bot.runtime.refusals import RefusalLog, json_beyond_limits
from bot.services import Services
from bot.web.routes import BoardDeps, add_board_routes


class Ouderbot(Protocol):
    """What the webhook server needs of the running bot (bot.app.Ouderbot); declared
    here so that this module does not import the composition root that imports it."""

    application: Application[Any, Any, Any, Any, Any, Any]
    services: Services
    processor: UpdateProcessor
    dispatcher: OutboxDispatcher

    @property
    def polling(self) -> bool | None: ...

    async def start(self, *, polling: bool = True) -> None: ...

    async def stop(self) -> None: ...

    def board_deps(self) -> BoardDeps: ...


log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_PATH = "/telegram"
# What Telegram accepts as a secret_token (setWebhook): 1-256 of these characters.
SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,256}")


def _looks_like_update(data: object) -> bool:
    """Telegram's shape: an integer update_id that SQLite can store (0 to 2^63 - 1), every
    other field an object, nested no deeper than a real update, no integer (a chat id)
    past SQLite's. Anything else (a string "message", update_id "abc" or 2^63, a thousand
    nested objects) is a bad request, not a failure of ours."""
    if not isinstance(data, dict) or type(data.get("update_id")) is not int:
        return False
    if not 0 <= data["update_id"] < 2**63 or json_beyond_limits(data):
        return False
    return all(isinstance(value, dict) for key, value in data.items() if key != "update_id")


def webhook_path(url: str) -> str:
    """The path Telegram posts to: the webhook URL's own path (a reverse proxy passes it
    through unchanged), or /telegram."""
    path = urlsplit(url).path.rstrip("/")
    return path or DEFAULT_PATH


def webhook_secret(settings: Settings) -> str:
    """The secret token, checked; raises ConfigError (one line) when webhook mode cannot run."""
    telegram = settings.telegram
    if telegram.webhook_secret is None or not telegram.webhook_secret.get_secret_value():
        raise ConfigError(
            f"webhook mode needs a secret: set the environment variable {WEBHOOK_SECRET_ENV}"
        )
    secret = telegram.webhook_secret.get_secret_value()
    if not SECRET_PATTERN.fullmatch(secret):
        raise ConfigError(
            f"{WEBHOOK_SECRET_ENV} may hold only A-Z, a-z, 0-9, _ and - (1 to 256 characters)"
        )
    if not telegram.webhook_url.startswith(("https://", "http://")):
        raise ConfigError(
            "webhook mode needs telegram.webhook_url: the https:// address Telegram posts to"
        )
    return secret


def build_web_app(bot: Ouderbot, secret: str, path: str = DEFAULT_PATH) -> web.Application:
    """The aiohttp application: the update endpoint at `path` and /healthz."""
    expected = secret.encode()
    refusals = RefusalLog(log)  # one line a minute per reason, with a count

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            refusals.refused("webhook request without the secret token refused")
            return web.Response(status=401)
        if not hmac.compare_digest(given.encode(errors="surrogateescape"), expected):
            refusals.refused("webhook request with a wrong secret token refused")
            return web.Response(status=403)
        try:
            data = await request.json()
            update = Update.de_json(data, bot.application.bot) if _looks_like_update(data) else None
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            update = None  # RecursionError: JSON nested deeper than the parser's stack
        if update is None:
            refusals.refused("webhook request without a readable update refused")
            return web.Response(status=400)
        try:
            await bot.processor.receive([update])
        except Exception:
            # The pipeline itself failed (say, the database is closing): no 200, so
            # Telegram delivers the update again later.
            log.exception("update %d could not be handled", update.update_id)
            return web.Response(status=500)
        return web.Response(status=200)

    async def health(request: web.Request) -> web.Response:
        return await answer_health(bot)

    app = web.Application()
    app.router.add_post(path, receive)
    app.router.add_get(HEALTH_PATH, health)
    if bot.services.settings.web is not None:
        add_board_routes(app, bot.board_deps())
    return app


class WebhookServer:
    """The bot (not polling) behind an aiohttp site that Telegram posts to."""

    def __init__(self, bot: Ouderbot, settings: Settings):
        self.bot = bot
        self.settings = settings
        self.secret = webhook_secret(settings)
        self.path = webhook_path(settings.telegram.webhook_url)
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        """Start the bot, listen, then tell Telegram where to post (in that order, so the
        first delivery finds us ready)."""
        telegram = self.settings.telegram
        await self.bot.start(polling=False)
        self._runner = web.AppRunner(
            build_web_app(self.bot, self.secret, self.path), access_log=None
        )
        await self._runner.setup()
        # With [web] set, its `listen` is the one web server's address (webhook and board).
        host, port = telegram.webhook_listen, telegram.webhook_port
        if self.settings.web is not None:
            host, port = self.settings.web.host, self.settings.web.port
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        await self.bot.application.bot.set_webhook(
            url=telegram.webhook_url,
            secret_token=self.secret,
            allowed_updates=Update.ALL_TYPES,
        )
        log.info("webhook mode: listening on %s:%d%s", host, port, self.path)

    async def stop(self) -> None:
        """Stop listening (finishing requests in flight), then stop the bot. The webhook
        stays registered at Telegram, which keeps new updates until we are back."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        await self.bot.stop()


async def serve_webhook(bot: Ouderbot, settings: Settings, stop: asyncio.Event) -> None:
    """Run `bot` in webhook mode until `stop` is set."""
    try:
        server = WebhookServer(bot, settings)
    except ConfigError:
        await bot.stop()  # close the database create_bot opened
        raise
    try:
        await server.start()
        await stop.wait()
    finally:
        await server.stop()

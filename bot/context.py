"""The typed callback context handlers receive: `context.services`, `context.member`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol

from telegram.ext import Application, CallbackContext, ExtBot

from bot.core.models import User, Webinar
from bot.delivery.dispatcher import OutboxDispatcher
from bot.services import Services

if TYPE_CHECKING:
    from bot.practice.runner import PracticeRunner
    from bot.webinar.replay import ReplayPlanner


class PanelRefresher(Protocol):
    """Keeps the gespreksleiders' queue panels (/rij) current. Implemented in
    handlers.panels; declared here so that bot/ needs nothing from handlers/."""

    def touch(self, webinar_id: int) -> None:
        """Something in this webinar's queue changed: refresh its panels soon."""

    def shown(self, webinar_id: int, chat_id: int, text: str) -> None:
        """A panel with this text was sent to this chat (no edit needed for the same)."""

    async def refresh_now(self, webinar_id: int) -> None:
        """Refresh this webinar's panels at once."""

    async def end_webinar(self, webinar: Webinar) -> None:
        """The webinar closed: its panels show it, its question cards lose their buttons."""

    async def end_cards(self, webinar_id: int, chat_id: int) -> None:
        """A gespreksleider's question cards of a webinar lose their buttons (superseded)."""

    async def end(self, chat_id: int, message_id: int, text: str) -> None:
        """Turn a panel that will not be refreshed again into `text`, without buttons."""

    async def stop(self) -> None:
        """Cancel pending refreshes (at shutdown)."""


class AppState:
    """The application's bot_data: one typed object instead of a dict of string keys.
    Filled by the composition root (bot.app.create_bot)."""

    services: Services
    panels: PanelRefresher
    dispatcher: OutboxDispatcher
    replay: ReplayPlanner
    practice: PracticeRunner

    def __init__(self) -> None:
        self.bot_username = ""
        # Features that react to a webinar closing (feedback requests) register here.
        self.on_webinar_closed: list[Callable[[BotContext, Webinar], Awaitable[None]]] = []


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], AppState]):
    """One per update (python-telegram-bot reuses it across handler groups), so the
    gatekeeper can put the loaded user on it for the handlers that follow."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ):
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self._member: User | None = None

    @property
    def services(self) -> Services:
        return self.bot_data.services

    @property
    def member(self) -> User:
        if self._member is None:
            raise RuntimeError("no user loaded: the gatekeeper did not run for this update")
        return self._member

    @member.setter
    def member(self, user: User) -> None:
        self._member = user

    @property
    def language(self) -> str:
        return self._member.language if self._member else self.services.settings.default_language

    def tr(self, key: str, /, **params: object) -> str:
        """A text in this user's language."""
        return self.services.t(self.language, key, **params)

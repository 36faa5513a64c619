"""The queue panel (/rij): one message per gespreksleider, edited in place.

Whenever the queue changes, `queue_changed` asks for a refresh. Refreshes are coalesced
per webinar: at most one edit per `panel_refresh_seconds`, whatever the traffic, so a
burst of 150 questions costs a handful of edits, not 150 (and no 429s).
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import time
from collections.abc import Callable

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

from bot.context import BotContext
from bot.core import callbacks
from bot.core.i18n import Translator
from bot.core.models import ChatMessage, Question, QueueCounts, Webinar
from bot.core.text_input import shorten
from bot.services import Services
from handlers.common import send_text

log = logging.getLogger(__name__)


def panel_text(
    t: Translator, language: str, webinar: Webinar, counts: QueueCounts, top: list[Question]
) -> str:
    lines = [
        t(
            language,
            "moderation.panel.heading",
            title=webinar.title,
            open=counts.open,
            claimed=counts.claimed,
            answered=counts.answered,
        )
    ]
    if not top:
        lines.append(t(language, "moderation.panel.empty"))
    for number, question in enumerate(top, start=1):
        lines.append(
            t(
                language,
                "moderation.panel.line",
                number=number,
                text=shorten(question.text or "", 140),
                votes=question.votes,
                similar=question.similar_count,
            )
        )
    return "\n".join(lines)


def panel_markup(t: Translator, language: str, webinar_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(language, "moderation.panel.next"),
                    callback_data=callbacks.make("panel", "next", webinar_id),
                ),
                InlineKeyboardButton(
                    t(language, "moderation.panel.refresh"),
                    callback_data=callbacks.make("panel", "refresh", webinar_id),
                ),
            ]
        ]
    )


async def render_panel(services: Services, language: str, webinar: Webinar) -> str:
    counts = await services.repos.questions.counts(webinar.id)
    top = await services.repos.questions.top_open(
        webinar.id, services.settings.webinars.panel_top_questions
    )
    return panel_text(services.t, language, webinar, counts, top)


async def send_panel(
    context: BotContext, webinar: Webinar, chat_id: int, *, refresh_only: bool = False
) -> None:
    services = context.services
    text = await render_panel(services, context.language, webinar)
    markup = panel_markup(services.t, context.language, webinar.id)
    if refresh_only:
        await context.bot_data.panels.refresh_now(webinar.id)
        return
    # The dispatcher records the panel's message id once Telegram took it.
    context.bot_data.panels.shown(webinar.id, chat_id, text)
    await send_text(context, chat_id, text, markup, purpose=f"panel:{webinar.id}")


class PanelRefresher:
    def __init__(self, bot: Bot, services: Services):
        self.bot = bot
        self.services = services
        self._last: dict[int, float] = {}
        self._shown: dict[tuple[int, int], str] = {}  # (webinar, chat): the panel's text
        self.wake: Callable[[], None] = lambda: None  # the outbox dispatcher's
        self._scheduled: dict[int, asyncio.Task[None]] = {}

    def touch(self, webinar_id: int) -> None:
        if webinar_id in self._scheduled:
            return
        interval = self.services.settings.webinars.panel_refresh_seconds
        delay = max(0.0, self._last.get(webinar_id, 0.0) + interval - time.monotonic())
        # A fresh context: the refresh is not part of the update that asked for it.
        self._scheduled[webinar_id] = asyncio.create_task(
            self._later(webinar_id, delay), context=contextvars.Context()
        )

    def shown(self, webinar_id: int, chat_id: int, text: str) -> None:
        self._shown[(webinar_id, chat_id)] = text

    async def _later(self, webinar_id: int, delay: float) -> None:
        try:
            await asyncio.sleep(delay)
            await self.refresh_now(webinar_id)
        except Exception:
            log.exception("panel refresh for webinar %d failed", webinar_id)
        finally:
            self._scheduled.pop(webinar_id, None)

    async def refresh_now(self, webinar_id: int) -> None:
        self._last[webinar_id] = time.monotonic()
        services = self.services
        webinar = await services.repos.webinars.by_id(webinar_id)
        if webinar is None:
            return
        edits = []
        for chat_id, message_id in await services.repos.panels.of_webinar(webinar_id):
            user = await services.repos.users.get(chat_id)
            language = user.language if user else services.settings.default_language
            text = await render_panel(services, language, webinar)
            if self._shown.get((webinar_id, chat_id)) == text:
                continue  # Telegram refuses an edit that changes nothing
            self._shown[(webinar_id, chat_id)] = text
            edits.append(
                ChatMessage(
                    chat_id,
                    method="edit",
                    text=text,
                    markup=panel_markup(services.t, language, webinar_id).to_dict(),
                    message_id=message_id,
                    purpose=f"panel:{webinar_id}",
                )
            )
        if edits:
            # Through the outbox like every message (a gone panel is dropped there).
            await services.repos.outbox.add_chat_messages(edits, services.clock.now())
            self.wake()

    async def stop(self) -> None:
        for task in list(self._scheduled.values()):
            task.cancel()
        await asyncio.gather(*self._scheduled.values(), return_exceptions=True)


def queue_changed(context: BotContext, webinar_id: int) -> None:
    context.bot_data.panels.touch(webinar_id)


__all__ = ["PanelRefresher", "queue_changed", "send_panel"]

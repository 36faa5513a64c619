"""The queue panel (/rij): one message per gespreksleider, edited in place.

Whenever the queue changes, `queue_changed` asks for a refresh. Refreshes are coalesced
per webinar: at most one edit per `panel_refresh_seconds`, whatever the traffic, so a
burst of 150 questions costs a handful of edits, not 150 (and no 429s).
"""

from __future__ import annotations

import asyncio
import logging
import time

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.context import BotContext
from bot.core import callbacks
from bot.core.i18n import Translator
from bot.core.models import Question, QueueCounts, Webinar
from bot.core.text_input import shorten
from bot.services import Services

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
    message = await context.bot.send_message(
        chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup
    )
    await services.repos.panels.set(webinar.id, chat_id, message.message_id)


class PanelRefresher:
    def __init__(self, bot: Bot, services: Services):
        self.bot = bot
        self.services = services
        self._last: dict[int, float] = {}
        self._scheduled: dict[int, asyncio.Task[None]] = {}
        # Panels ended (their holder lost the role): a refresh that read the panel list
        # just before must not bring them back.
        self._ended: set[tuple[int, int]] = set()

    def touch(self, webinar_id: int) -> None:
        if webinar_id in self._scheduled:
            return
        interval = self.services.settings.webinars.panel_refresh_seconds
        delay = max(0.0, self._last.get(webinar_id, 0.0) + interval - time.monotonic())
        self._scheduled[webinar_id] = asyncio.create_task(self._later(webinar_id, delay))

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
        for chat_id, message_id in await services.repos.panels.of_webinar(webinar_id):
            user = await services.repos.users.get(chat_id)
            language = user.language if user else services.settings.default_language
            text = await render_panel(services, language, webinar)
            if (chat_id, message_id) in self._ended:
                continue
            try:
                await self.bot.edit_message_text(
                    text,
                    chat_id=chat_id,
                    message_id=message_id,
                    parse_mode=ParseMode.HTML,
                    reply_markup=panel_markup(services.t, language, webinar_id),
                )
            except BadRequest as error:
                if "not modified" in error.message:
                    continue
                if "not found" in error.message:
                    await services.repos.panels.drop(webinar_id, chat_id)
                    continue
                raise
            except Forbidden:
                await services.repos.panels.drop(webinar_id, chat_id)
            except TelegramError as error:
                log.warning("panel edit failed: %s", type(error).__name__)

    async def end(self, chat_id: int, message_id: int, text: str) -> None:
        """Turn a panel that will not be refreshed again into `text`, without buttons."""
        self._ended.add((chat_id, message_id))
        try:
            await self.bot.edit_message_text(
                text, chat_id=chat_id, message_id=message_id, parse_mode=ParseMode.HTML
            )
        except TelegramError as error:  # gone, blocked: nothing left to end
            log.info("ending a panel failed: %s", type(error).__name__)

    async def stop(self) -> None:
        for task in list(self._scheduled.values()):
            task.cancel()
        await asyncio.gather(*self._scheduled.values(), return_exceptions=True)


def queue_changed(context: BotContext, webinar_id: int) -> None:
    context.bot_data.panels.touch(webinar_id)


__all__ = ["PanelRefresher", "queue_changed", "send_panel"]

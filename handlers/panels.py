"""The queue panel (/rij): one message per gespreksleider, edited in place.

Whenever the queue changes, `queue_changed` asks for a refresh. Refreshes are coalesced
per webinar: at most one edit per `panel_refresh_seconds`, whatever the traffic, so a
burst of 150 questions costs a handful of edits, not 150 (and no 429s). Every edit goes
through the outbox like any message; the dispatcher records a panel's (and a question
card's) message id once Telegram took it.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Callable, Sequence

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo

from bot.context import BotContext
from bot.core import callbacks
from bot.core.i18n import Translator, format_clock
from bot.core.models import ChatMessage, Question, QueueCounts, Webinar, WebinarState
from bot.core.text_input import shorten
from bot.delivery.pacing import RealTimer, Timer
from bot.services import Services
from bot.web.presenter_link import chat_links
from bot.webinar.question_desk import GroupView
from handlers.common import send_text
from storage.db import current_update

log = logging.getLogger(__name__)


PANEL_GROUPS = 6  # groups listed (and given a button) on the panel


def panel_text(
    t: Translator,
    language: str,
    webinar: Webinar,
    counts: QueueCounts,
    top: list[Question],
    groups: Sequence[tuple[GroupView, str]] = (),
    recording: str = "",
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
    if recording:  # replay moments (bot.webinar.replay)
        lines.append(t(language, "replay.rec.line", time=recording))
    if not top:
        lines.append(t(language, "moderation.panel.empty"))
    for rank, question in enumerate(top, start=1):
        lines.append(
            t(
                language,
                "moderation.panel.line",
                rank=rank,
                number=question.number,
                text=shorten(question.text or "", 140),
                votes=question.votes,
                similar=question.similar_count,
            )
        )
    if groups:
        lines.append(t(language, "moderation.panel.groups"))
    for number, (group, text) in enumerate(groups, start=1):
        if group.general:
            lines.append(
                t(
                    language,
                    "moderation.panel.general_line",
                    count=group.size,
                    theme=webinar.theme or webinar.title,
                )
            )
            continue
        lines.append(
            t(
                language,
                "moderation.panel.group_line",
                number=number,
                parents=t.count(language, "moderation.panel.parents", group.parents),
                size=t.count(language, "moderation.panel.questions", group.size),
                text=shorten(text, 80),
            )
        )
    return "\n".join(lines)


def panel_markup(
    t: Translator,
    language: str,
    webinar_id: int,
    groups: Sequence[GroupView] = (),
    links: tuple[str, str] | None = None,
) -> InlineKeyboardMarkup:
    """Buttons for the biggest groups, next and refresh; with `links` (board, presenter
    view) also buttons to open them."""
    web_row = []
    if links is not None:
        web_row = [
            InlineKeyboardButton(t(language, "board.rij_button"), web_app=WebAppInfo(links[0])),
            InlineKeyboardButton(t(language, "board.presenter_button"), url=links[1]),
        ]
    buttons = [
        InlineKeyboardButton(
            t(language, "moderation.panel.general_button", size=group.size)
            if group.general
            else t(language, "moderation.panel.group_button", number=number, parents=group.parents),
            callback_data=callbacks.PANEL_GROUP.data(webinar_id, group.key),
        )
        for number, group in enumerate(groups, start=1)
    ]
    return InlineKeyboardMarkup(
        [
            *([web_row] if web_row else []),
            *(buttons[i : i + 3] for i in range(0, len(buttons), 3)),
            [
                InlineKeyboardButton(
                    t(language, "moderation.panel.next"),
                    callback_data=callbacks.PANEL_NEXT.data(webinar_id),
                ),
                InlineKeyboardButton(
                    t(language, "moderation.panel.refresh"),
                    callback_data=callbacks.PANEL_REFRESH.data(webinar_id),
                ),
                InlineKeyboardButton(
                    t(language, "replay.rec.button"),
                    callback_data=callbacks.RECORDING_START.data(webinar_id),
                ),
            ],
            [
                InlineKeyboardButton(
                    t(language, "moderation.panel.history"),
                    callback_data=callbacks.HISTORY_LIST.data(webinar_id),
                )
            ],
        ]
    )


def web_links(services: Services, bot: Bot, webinar_id: int) -> tuple[str, str] | None:
    web = services.settings.web
    return chat_links(web.public_url, bot.token, webinar_id) if web is not None else None


async def render_panel(
    services: Services, language: str, webinar: Webinar, links: tuple[str, str] | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    counts = await services.repos.questions.counts(webinar.id)
    top = await services.repos.questions.top_open(
        webinar.id, services.settings.webinars.panel_top_questions
    )
    groups = await panel_groups(services, webinar)
    started = webinar.recording_started_at
    recording = (
        format_clock(started.astimezone(services.settings.zone), language) if started else ""
    )
    text = panel_text(services.t, language, webinar, counts, top, groups, recording)
    return text, panel_markup(services.t, language, webinar.id, [g for g, _ in groups], links)


async def panel_groups(services: Services, webinar: Webinar) -> list[tuple[GroupView, str]]:
    """The biggest groups of more than one question (and the general one), with the text
    of each group's first question."""
    views = await services.desk.groups(webinar.id)
    shown = [view for view in views if view.size > 1 and not view.general][:PANEL_GROUPS]
    shown += [view for view in views if view.general]
    texts = await services.repos.questions.texts([view.question_ids[0] for view in shown])
    return [(view, texts.get(view.question_ids[0], "")) for view in shown]


async def send_panel(
    context: BotContext, webinar: Webinar, chat_id: int, *, refresh_only: bool = False
) -> None:
    services = context.services
    links = web_links(services, context.bot, webinar.id)
    text, markup = await render_panel(services, context.language, webinar, links)
    if refresh_only:
        await context.bot_data.panels.refresh_now(webinar.id)
        return
    # The dispatcher records the panel's message id once Telegram took it.
    context.bot_data.panels.shown(webinar.id, chat_id, text)
    await send_text(context, chat_id, text, markup, purpose=f"panel:{webinar.id}")


class PanelRefresher:
    def __init__(self, bot: Bot, services: Services, timer: Timer | None = None):
        self.bot = bot
        self.services = services
        # The throttle's time: injectable, so a test can move it instead of waiting.
        self.timer: Timer = timer or RealTimer()
        self._last: dict[int, float] = {}
        self._shown: dict[tuple[int, int], str] = {}  # (webinar, chat): the panel's text
        self._ended: set[tuple[int, int]] = set()  # (chat, message) of panels that ended
        self.wake: Callable[[], None] = lambda: None  # the outbox dispatcher's
        self._scheduled: dict[int, asyncio.Task[None]] = {}

    def touch(self, webinar_id: int) -> None:
        if webinar_id in self._scheduled:
            return
        interval = self.services.settings.webinars.panel_refresh_seconds
        delay = max(0.0, self._last.get(webinar_id, 0.0) + interval - self.timer.monotonic())
        # A fresh context: the refresh is not part of the update that asked for it.
        self._scheduled[webinar_id] = asyncio.create_task(
            self._later(webinar_id, delay), context=contextvars.Context()
        )

    def shown(self, webinar_id: int, chat_id: int, text: str) -> None:
        self._shown[(webinar_id, chat_id)] = text

    async def _later(self, webinar_id: int, delay: float) -> None:
        this = asyncio.current_task()
        try:
            await self.timer.sleep(delay)
            # A change from now on needs a refresh of its own: this one may read the
            # queue before it (a long refresh, such as one grouping a burst's questions,
            # would otherwise swallow every touch that came while it ran).
            self._scheduled.pop(webinar_id, None)
            await self.refresh_now(webinar_id)
        except Exception:
            log.exception("panel refresh for webinar %d failed", webinar_id)
        finally:
            if self._scheduled.get(webinar_id) is this:
                del self._scheduled[webinar_id]

    async def refresh_now(self, webinar_id: int) -> None:
        self._last[webinar_id] = self.timer.monotonic()
        services = self.services
        webinar = await services.repos.webinars.by_id(webinar_id)
        if webinar is None or webinar.state is WebinarState.CLOSED:
            return  # a closed webinar's panels were ended by `end_webinar`
        links = web_links(services, self.bot, webinar_id)
        edits = []
        for chat_id, message_id in await services.repos.panels.of_webinar(webinar_id):
            if (chat_id, message_id) in self._ended:
                continue
            user = await services.repos.users.get(chat_id)
            language = user.language if user else services.settings.default_language
            text, markup = await render_panel(services, language, webinar, links)
            if self._shown.get((webinar_id, chat_id)) == text:
                continue  # Telegram refuses an edit that changes nothing
            self._shown[(webinar_id, chat_id)] = text
            edits.append(
                ChatMessage(
                    chat_id,
                    method="edit",
                    text=text,
                    markup=markup.to_dict(),
                    message_id=message_id,
                    purpose=f"panel:{webinar_id}",
                )
            )
        # A panel may end while this refresh waits for the database (a revoked
        # gespreksleider's, ended inside the update that holds the writer): its edit
        # must not bring the buttons back after the end's, so whether it ended is asked
        # once the writer is free, just before the edit is queued.
        await self._queue(edits, lambda e: (e.chat_id, e.message_id) not in self._ended)

    async def end(self, chat_id: int, message_id: int, text: str) -> None:
        """Turn a panel that will not be refreshed again into `text`, without buttons."""
        self._ended.add((chat_id, message_id))
        await self._queue([ChatMessage(chat_id, method="edit", text=text, message_id=message_id)])

    async def end_cards(self, webinar_id: int, chat_id: int) -> None:
        """A gespreksleider's question cards of a webinar lose their buttons: what they
        showed was superseded (on the board). Each card is forgotten once ended."""
        cards = await self.services.repos.panels.take_cards(webinar_id, chat_id)
        await self._queue([ChatMessage(chat_id, method="markup", message_id=m) for m in cards])

    async def end_webinar(self, webinar: Webinar) -> None:
        """The webinar closed: its panels show their last counts as closed and every
        question card loses its buttons, so nothing on them can act any more."""
        services = self.services
        scheduled = self._scheduled.pop(webinar.id, None)
        if scheduled is not None:
            scheduled.cancel()
        panels, cards = await services.repos.panels.take_all(webinar.id)
        edits = []
        for chat_id, message_id in panels:
            self._ended.add((chat_id, message_id))
            user = await services.repos.users.get(chat_id)
            language = user.language if user else services.settings.default_language
            text, _ = await render_panel(services, language, webinar)
            text += "\n" + services.t(language, "moderation.panel.closed")
            edits.append(ChatMessage(chat_id, method="edit", text=text, message_id=message_id))
        edits += [
            ChatMessage(chat_id, method="markup", message_id=message_id)
            for chat_id, message_id in cards
        ]
        await self._queue(edits)

    async def _queue(
        self, edits: list[ChatMessage], still_wanted: Callable[[ChatMessage], bool] | None = None
    ) -> None:
        """Through the outbox like every message (a panel that is gone is dropped there)."""
        if edits:
            now = self.services.clock.now()
            await self.services.repos.outbox.add_chat_messages(edits, now, still_wanted)
            self.wake()

    async def stop(self) -> None:
        for task in list(self._scheduled.values()):
            task.cancel()
        await asyncio.gather(*self._scheduled.values(), return_exceptions=True)


def queue_changed(context: BotContext, webinar_id: int) -> None:
    """Refresh the webinar's panels soon: once the update being handled is committed
    (read before, a refresh would show the queue without this update's own change: a
    gespreksleider's /rij stale after their own pull)."""
    panels = context.bot_data.panels
    unit = current_update.get()
    if unit is None:
        panels.touch(webinar_id)
        return

    async def touch() -> None:
        panels.touch(webinar_id)

    unit.after_commit[f"panel:{webinar_id}"] = touch


__all__ = ["PanelRefresher", "queue_changed", "send_panel"]

"""A gespreksleider's commands: /open, /rij, /volgende, /sluit, and the panel's buttons.

The question card and its buttons are in handlers.question_card; written answers in
handlers.written_answer."""

from __future__ import annotations

import html
import logging
from datetime import datetime, time, timedelta

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.core import callbacks
from bot.core.i18n import Raw
from bot.core.models import Role, Webinar, WebinarState
from bot.core.text_input import shorten
from handlers.common import (
    Label,
    chat_id,
    command_argument,
    edit_buttons,
    pressed,
    require_role,
    say,
)
from handlers.panels import queue_changed, send_panel
from handlers.question_card import show_card, webinar_closed

log = logging.getLogger(__name__)


async def current_webinar(update: Update, context: BotContext) -> Webinar | None:
    """The webinar this gespreksleider opened last, if it is still open."""
    webinar_id = context.member.current_webinar
    webinar = await context.services.repos.webinars.by_id(webinar_id) if webinar_id else None
    if webinar is None or webinar.state is not WebinarState.OPEN:
        await say(update, context, "moderation.no_webinar")
        return None
    return webinar


async def open_command(update: Update, context: BotContext) -> None:
    if not await require_role(update, context, Role.MODERATOR):
        return
    services = context.services
    code = command_argument(context).lower()
    if not code:
        await offer_todays_webinars(update, context)
        return
    webinar = await services.repos.webinars.by_code(code)
    if webinar is None:
        await say(update, context, "moderation.open.unknown", code=code)
        return
    await open_webinar(update, context, webinar)


async def offer_todays_webinars(update: Update, context: BotContext) -> None:
    """/open without a code: today's webinars that are not closed, as buttons."""
    services = context.services
    zone = services.settings.zone
    today = services.clock.now().astimezone(zone).date()
    start = datetime.combine(today, time(0), zone)
    webinars = await services.repos.webinars.not_closed_between(
        start, datetime.combine(today + timedelta(days=1), time(0), zone)
    )
    if not webinars:
        await say(update, context, "moderation.open.none_today")
        return
    rows = [
        [
            (
                Label(f"{w.starts_at.astimezone(zone):%H:%M} · {shorten(w.title, 40)}"),
                callbacks.make("o", "open", w.id),
            )
        ]
        for w in webinars
    ]
    await say(update, context, "moderation.open.choose", rows)


async def on_open_button(update: Update, context: BotContext) -> None:
    if not await require_role(update, context, Role.MODERATOR):
        return
    webinar = await context.services.repos.webinars.by_id(callbacks.parse(pressed(update).data).arg)
    await pressed(update).answer()
    if webinar is None:
        await say(update, context, "moderation.open.unknown", code="…")
        return
    await edit_buttons(update, context, [])
    await open_webinar(update, context, webinar)


async def open_webinar(update: Update, context: BotContext, webinar: Webinar) -> None:
    services = context.services
    if webinar.state is WebinarState.CLOSED:
        await say(update, context, "moderation.open.closed", title=webinar.title)
        return
    await services.repos.webinars.set_state(webinar.id, WebinarState.OPEN, services.clock.now())
    await services.repos.webinars.join(webinar.id, context.member.id, services.clock.now())
    link = f"https://t.me/{context.bot_data.bot_username}?start=w-{webinar.code}"
    await say(
        update, context, "moderation.open.done", title=webinar.title, code=webinar.code, link=link
    )


async def queue_command(update: Update, context: BotContext) -> None:
    if not await require_role(update, context, Role.MODERATOR):
        return
    webinar = await current_webinar(update, context)
    if webinar is not None:
        await send_panel(context, webinar, chat_id(update))


async def next_command(update: Update, context: BotContext) -> None:
    if not await require_role(update, context, Role.MODERATOR):
        return
    webinar = await current_webinar(update, context)
    if webinar is not None:
        await pull_next(update, context, webinar)


async def pull_next(update: Update, context: BotContext, webinar: Webinar) -> None:
    card = await context.services.desk.pull_next(webinar, context.member.id)
    queue_changed(context, webinar.id)
    if card is None:
        await say(update, context, "moderation.queue_empty")
        return
    log.info("question %d claimed by a gespreksleider", card.question.id)
    await show_card(update, context, card, edit_in_place=False)


async def pull_group(update: Update, context: BotContext, webinar: Webinar, group_key: int) -> None:
    """A group tapped on /rij: claim its first waiting question, as /volgende would."""
    card = await context.services.desk.pull(webinar, context.member.id, group_key)
    query = update.callback_query
    assert query is not None
    if card is None:
        await query.answer(context.tr("moderation.panel.group_gone"), show_alert=True)
        return
    await query.answer()
    queue_changed(context, webinar.id)
    log.info("question %d claimed by a gespreksleider", card.question.id)
    await show_card(update, context, card, edit_in_place=False)


async def close_command(update: Update, context: BotContext) -> None:
    if not await require_role(update, context, Role.MODERATOR):
        return
    webinar = await current_webinar(update, context)
    if webinar is None:
        return
    services = context.services
    # The replay link goes out from bot.webinar.replay (a hook below), per parent.
    await services.repos.webinars.set_state(webinar.id, WebinarState.CLOSED, services.clock.now())
    context.bot_data.dispatcher.wake()
    await context.bot_data.panels.end_webinar(webinar)
    counts = await services.repos.questions.counts(webinar.id)
    written = await services.repos.questions.answered_in_writing(webinar.id)
    participants = await services.repos.webinars.participant_count(webinar.id)
    unanswered = await services.repos.questions.unanswered(webinar.id)
    # Every question sent in is in exactly one line: the lines add up to the total.
    await say(
        update,
        context,
        "moderation.close.summary",
        title=webinar.title,
        participants=context.services.t.count(
            context.language, "moderation.close.participants", participants
        ),
        total=context.services.t.count(context.language, "moderation.close.total", counts.total),
        live=counts.answered - written,
        written=written,
        merged=counts.merged,
        removed=counts.removed,
        withdrawn=counts.withdrawn,
        unanswered=len(unanswered),
    )
    for chunk in _chunks([shorten(q.text or "", 600) for q in unanswered]):
        await say(update, context, "core.raw", text=Raw(chunk))
    services.desk.forget_webinar(webinar.id)
    for react in context.bot_data.on_webinar_closed:
        await react(context, webinar)


def _chunks(texts: list[str], limit: int = 3500) -> list[str]:
    """Numbered question lines, packed into messages under Telegram's length limit."""
    chunks, current = [], ""
    for number, text in enumerate(texts, start=1):
        line = f"{number}. {html.escape(text, quote=False)}\n"
        if len(current) + len(line) > limit:
            chunks.append(current)
            current = ""
        current += line
    if current:
        chunks.append(current)
    return chunks


async def on_panel_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    if not await require_role(update, context, Role.MODERATOR):
        return
    choice = callbacks.parse(query.data)
    if await webinar_closed(update, context, choice.arg):
        return
    webinar = await context.services.repos.webinars.by_id(choice.arg)
    if webinar is not None and not await context.services.repos.webinars.has_joined(
        webinar.id, context.member.id
    ):  # a crafted button: a webinar this gespreksleider did not open
        webinar = None
    if webinar is None or webinar.state is not WebinarState.OPEN:
        await query.answer(context.tr("moderation.no_webinar"), show_alert=True)
        return
    if choice.action == "group":
        await pull_group(update, context, webinar, choice.args[1])
        return
    await query.answer()
    if choice.action == "next":
        await pull_next(update, context, webinar)
    else:
        await send_panel(context, webinar, chat_id(update), refresh_only=True)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("open", open_command),
    CallbackQueryHandler(on_open_button, pattern=callbacks.pattern("o")),
    CommandHandler("rij", queue_command),
    CommandHandler("volgende", next_command),
    CommandHandler("sluit", close_command),
    CallbackQueryHandler(on_panel_button, pattern=callbacks.pattern("panel")),
]

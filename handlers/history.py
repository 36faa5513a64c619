"""Answered and removed questions: listed (/afgehandeld, or the button under /rij) and
put back with one tap; the same "put back" is the undo under a finished card."""

from __future__ import annotations

import html
import logging

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.core import callbacks
from bot.core.i18n import Raw
from bot.core.models import Question, Role, Webinar, WebinarState
from bot.core.text_input import shorten
from bot.webinar.moderation_actions import ModerationActions
from handlers.common import Label, edit_buttons, pressed, require_role, say
from handlers.moderation import current_webinar
from handlers.question_card import show_card
from handlers.router import route

log = logging.getLogger(__name__)

HISTORY_SIZE = 10
MARKS = {"live": "✅", "written": "✍️", None: "🗑"}


def actions(context: BotContext) -> ModerationActions:
    bot_data = context.bot_data
    return ModerationActions(context.services, bot_data.dispatcher.wake, bot_data.panels.touch)


async def history_command(update: Update, context: BotContext) -> None:
    if not await require_role(update, context, Role.MODERATOR):
        return
    webinar = await current_webinar(update, context)
    if webinar is not None:
        await show_history(update, context, webinar)


async def show_history(update: Update, context: BotContext, webinar: Webinar) -> None:
    finished = await context.services.repos.questions.finished(webinar.id, HISTORY_SIZE)
    if not finished:
        await say(update, context, "moderation.history.none")
        return
    lines = [context.tr("moderation.history.heading", title=webinar.title)]
    rows = []
    for question in finished:
        lines.append(history_line(context, question))
        label = Label(context.tr("moderation.history.restore", number=question.number))
        rows.append([(label, callbacks.HISTORY_RESTORE.data(question.id))])
    await say(update, context, "core.raw", rows, text=Raw("\n".join(lines)))


def history_line(context: BotContext, question: Question) -> str:
    how = question.answered_how if question.state.value == "answered" else None
    state = context.tr(f"moderation.history.{how or 'removed'}")
    text = html.escape(shorten(question.text or "", 120), quote=False)
    return f"{MARKS.get(how, '🗑')} <b>{question.number}</b> {text} · <i>{state}</i>"


async def _joined_open_webinar(
    update: Update, context: BotContext, webinar_id: int
) -> Webinar | None:
    """The webinar, if it is open and this gespreksleider is in it; else the press is
    answered (and its buttons go)."""
    services = context.services
    webinar = await services.repos.webinars.by_id(webinar_id)
    if (
        webinar is None
        or webinar.state is not WebinarState.OPEN
        or not await services.repos.webinars.has_joined(webinar.id, context.member.id)
    ):
        await pressed(update).answer(context.tr("moderation.no_webinar"), show_alert=True)
        await edit_buttons(update, context, [])
        return None
    return webinar


async def list_pressed(update: Update, context: BotContext, webinar_id: int) -> None:
    webinar = await _joined_open_webinar(update, context, webinar_id)
    if webinar is not None:
        await pressed(update).answer()
        await show_history(update, context, webinar)


async def restore_pressed(update: Update, context: BotContext, question_id: int) -> None:
    question = await context.services.repos.questions.get(question_id)
    # An unknown question: "no webinar" (or "gone", should its id be an open webinar's
    # of theirs); nothing is put back.
    webinar_id = question.webinar_id if question is not None else question_id
    webinar = await _joined_open_webinar(update, context, webinar_id)
    if webinar is not None:
        await restore(update, context, webinar, question_id)


async def restore(update: Update, context: BotContext, webinar: Webinar, question_id: int) -> None:
    restored = await actions(context).restore(webinar, question_id, context.member.id)
    if restored is None:
        await pressed(update).answer(context.tr("moderation.history.gone"), show_alert=True)
        return
    log.info("question %d put back by a gespreksleider", question_id)
    await pressed(update).answer(context.tr("moderation.history.restored"))
    await edit_buttons(update, context, [])
    message = pressed(update).message
    if message is not None:  # a finished card's undo: that card has no buttons now
        await context.services.repos.panels.forget_card(message.chat.id, message.message_id)
    if restored.corrected:
        await say(update, context, "moderation.history.corrected", count=restored.corrected)
    question = await context.services.repos.questions.get(question_id)
    if restored.held and question is not None:
        card = await context.services.desk.card(question)
        await show_card(update, context, card, edit_in_place=False)
    else:
        await say(update, context, "moderation.history.queued")


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("afgehandeld", history_command),
]

ROUTES = [
    route(callbacks.HISTORY_LIST, list_pressed),
    route(callbacks.HISTORY_RESTORE, restore_pressed),
]

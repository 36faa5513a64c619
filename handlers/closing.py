"""/sluit and reopening: closing asks first, tells the other gespreksleiders, and the one
who closed it (or a coordinator) can open it again within a day."""

from __future__ import annotations

import html
import logging

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.core import callbacks
from bot.core.choices import yes_no
from bot.core.i18n import Raw
from bot.core.models import ChatMessage, Priority, Role, Webinar, WebinarState
from bot.core.text_input import shorten
from handlers.common import (
    edit,
    edit_buttons,
    pressed,
    queue,
    require_role,
    say,
)
from handlers.moderation import REOPEN_WITHIN, current_webinar, may_reopen
from handlers.offers import offer, translated
from handlers.router import route

log = logging.getLogger(__name__)


async def close_command(update: Update, context: BotContext) -> None:
    """/sluit asks first: closing ends the questions and asks the parents for feedback."""
    if not await require_role(update, context, Role.MODERATOR):
        return
    webinar = await current_webinar(update, context)
    if webinar is None:
        return
    counts = await context.services.repos.questions.counts(webinar.id)
    rows = [
        [
            ("moderation.close.yes", callbacks.CLOSE_YES.data(webinar.id)),
            ("moderation.close.no", callbacks.CLOSE_NO.data(webinar.id)),
        ]
    ]
    await say(
        update, context, "moderation.close.confirm", rows, title=webinar.title, waiting=counts.open
    )
    # "ja" / "nee" typed instead of tapped: the same (handlers.choices).
    prompt = context.tr("moderation.close.confirm", title=webinar.title, waiting=counts.open)
    offer(
        context,
        prompt,
        translated(context, rows),
        yes_no(("close", webinar.id), ("keepopen", webinar.id)),
    )


async def close_typed(update: Update, context: BotContext, webinar_id: int, close: bool) -> None:
    """ "ja" or "nee" typed at /sluit's question: checked as the buttons are."""
    services = context.services
    webinar = await services.repos.webinars.by_id(webinar_id)
    if (
        not context.member.has(Role.MODERATOR)
        or webinar is None
        or webinar.state is not WebinarState.OPEN
        or not await services.repos.webinars.has_joined(webinar.id, context.member.id)
    ):
        await say(update, context, "moderation.no_webinar")
    elif close:
        await close_webinar(update, context, webinar)
    else:
        await say(update, context, "moderation.close.kept", title=webinar.title)


async def _joined_open_webinar(
    update: Update, context: BotContext, webinar_id: int
) -> Webinar | None:
    """The open webinar this gespreksleider is in; else the press is answered here."""
    services = context.services
    webinar = await services.repos.webinars.by_id(webinar_id)
    if webinar is None or not await services.repos.webinars.has_joined(
        webinar.id, context.member.id
    ):  # a crafted button: a webinar this gespreksleider is not in
        await pressed(update).answer(context.tr("moderation.no_webinar"), show_alert=True)
        return None
    if webinar.state is not WebinarState.OPEN:
        await pressed(update).answer(context.tr("moderation.closed_button"), show_alert=True)
        await edit_buttons(update, context, [])
        return None
    return webinar


async def close_pressed(update: Update, context: BotContext, webinar_id: int) -> None:
    webinar = await _joined_open_webinar(update, context, webinar_id)
    if webinar is not None:
        await pressed(update).answer()
        await edit_buttons(update, context, [])
        await close_webinar(update, context, webinar)


async def keep_open_pressed(update: Update, context: BotContext, webinar_id: int) -> None:
    webinar = await _joined_open_webinar(update, context, webinar_id)
    if webinar is not None:
        await pressed(update).answer()
        await edit(update, context, context.tr("moderation.close.kept", title=webinar.title))


async def reopen_pressed(update: Update, context: BotContext, webinar_id: int) -> None:
    webinar = await context.services.repos.webinars.by_id(webinar_id)
    if webinar is None:
        await pressed(update).answer(context.tr("moderation.no_webinar"), show_alert=True)
    else:
        await reopen(update, context, webinar)  # the closer or a coordinator: checked there


async def close_webinar(update: Update, context: BotContext, webinar: Webinar) -> None:
    services = context.services
    # The replay link goes out from bot.webinar.replay (a hook below), per parent.
    await services.repos.webinars.set_state(
        webinar.id, WebinarState.CLOSED, services.clock.now(), by=context.member.id
    )
    await context.bot_data.panels.end_webinar(webinar)
    await send_summary(update, context, webinar)
    await tell_colleagues(context, webinar, "moderation.close.told")
    services.desk.forget_webinar(webinar.id)
    for react in context.bot_data.on_webinar_closed:
        await react(context, webinar)
    context.bot_data.dispatcher.wake()


async def send_summary(update: Update, context: BotContext, webinar: Webinar) -> None:
    services = context.services
    counts = await services.repos.questions.counts(webinar.id)
    written = await services.repos.questions.answered_in_writing(webinar.id)
    participants = await services.repos.webinars.participant_count(webinar.id)
    unanswered = await services.repos.questions.unanswered(webinar.id)
    reopen_row = [("moderation.close.reopen", callbacks.REOPEN.data(webinar.id))]
    # Every question sent in is in exactly one line: the lines add up to the total.
    await say(
        update,
        context,
        "moderation.close.summary",
        [reopen_row],
        title=webinar.title,
        participants=services.t.count(
            context.language, "moderation.close.participants", participants
        ),
        total=services.t.count(context.language, "moderation.close.total", counts.total),
        live=counts.answered - written,
        written=written,
        merged=counts.merged,
        removed=counts.removed,
        withdrawn=counts.withdrawn,
        unanswered=len(unanswered),
    )
    for chunk in _chunks([(q.number, shorten(q.text or "", 600)) for q in unanswered]):
        await say(update, context, "core.raw", text=Raw(chunk))


async def tell_colleagues(context: BotContext, webinar: Webinar, key: str) -> None:
    """The other gespreksleiders in the webinar hear that it closed (or opened again)."""
    services = context.services
    for colleague in await services.repos.webinars.moderators_of(webinar.id):
        if colleague == context.member.id:
            continue
        user = await services.repos.users.get(colleague)
        language = user.language if user is not None else services.settings.default_language
        text = services.t(language, key, title=webinar.title)
        # After the actor's own answer (a notice, not a reply to what they did).
        await queue(context, ChatMessage(colleague, text=text, priority=Priority.NOTICE))


async def reopen(update: Update, context: BotContext, webinar: Webinar) -> None:
    """Open a closed webinar again: by the one who closed it or a coordinator, within a day."""
    services = context.services
    member = context.member
    now = services.clock.now()
    if (
        webinar.state is not WebinarState.CLOSED
        or not may_reopen(context, webinar)
        or not await services.repos.webinars.reopen(webinar.id, now, now - REOPEN_WITHIN)
    ):
        key = (
            "moderation.reopen.open"
            if webinar.state is WebinarState.OPEN
            else "moderation.reopen.no"
        )
        await pressed(update).answer(context.tr(key, title=webinar.title), show_alert=True)
        return
    await pressed(update).answer()
    await edit_buttons(update, context, [])
    await services.repos.webinars.join(webinar.id, member.id, now)
    log.info("webinar %d opened again", webinar.id)
    await say(update, context, "moderation.reopen.done", title=webinar.title)
    await tell_colleagues(context, webinar, "moderation.reopen.told")


def _chunks(questions: list[tuple[int, str]], limit: int = 3500) -> list[str]:
    """Question lines with their numbers (as on the card and the board), packed into
    messages under Telegram's length limit."""
    chunks, current = [], ""
    for number, text in questions:
        line = f"{number}. {html.escape(text, quote=False)}\n"
        if len(current) + len(line) > limit:
            chunks.append(current)
            current = ""
        current += line
    if current:
        chunks.append(current)
    return chunks


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("sluit", close_command),
]

ROUTES = [
    route(callbacks.CLOSE_YES, close_pressed),
    route(callbacks.CLOSE_NO, keep_open_pressed),
    route(callbacks.REOPEN, reopen_pressed),
]

"""A gespreksleider's commands: /open, /rij, /volgende, /sluit, and the panel's buttons.

The question card and its buttons are in handlers.question_card; written answers in
handlers.written_answer."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.core import callbacks
from bot.core.choices import yes_no
from bot.core.i18n import format_day
from bot.core.models import Role, Webinar, WebinarState
from bot.core.text_input import shorten
from bot.webinar.codes import close_codes
from handlers.common import (
    Label,
    chat_id,
    command_argument,
    edit,
    edit_buttons,
    pressed,
    require_role,
    say,
)
from handlers.offers import offer, translated
from handlers.panels import queue_changed, send_panel
from handlers.question_card import show_card, webinar_closed
from handlers.router import route

log = logging.getLogger(__name__)

# How long after /sluit the closer (or a coordinator) can open the webinar again.
REOPEN_WITHIN = timedelta(days=1)


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
        await unknown_code(update, context, code)
        return
    await open_webinar(update, context, webinar)


async def unknown_code(update: Update, context: BotContext, code: str) -> None:
    """An unknown code: the codes it may have meant, as buttons (each asks as /open does)."""
    known = await context.services.repos.webinars.codes()
    ids = {known_code: webinar_id for known_code, _, webinar_id in known}
    suggestions = close_codes(code, [(known_code, title) for known_code, title, _ in known])
    if not suggestions:
        await say(update, context, "moderation.open.unknown", code=code)
        return
    titles = {known_code: title for known_code, title, _ in known}
    rows = [
        [(Label(f"{s} · {shorten(titles[s], 40)}"), callbacks.OPEN.data(ids[s]))]
        for s in suggestions
    ]
    await say(update, context, "moderation.open.unknown_suggest", rows, code=code)


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
                callbacks.OPEN.data(w.id),
            )
        ]
        for w in webinars
    ]
    await say(update, context, "moderation.open.choose", rows)


async def _webinar_pressed(update: Update, context: BotContext, webinar_id: int) -> Webinar | None:
    """The webinar an /open button names (the press answered; None: said it is unknown)."""
    webinar = await context.services.repos.webinars.by_id(webinar_id)
    await pressed(update).answer()
    if webinar is None:
        await say(update, context, "moderation.open.unknown", code="…")
    return webinar


async def open_pressed(update: Update, context: BotContext, webinar_id: int) -> None:
    webinar = await _webinar_pressed(update, context, webinar_id)
    if webinar is not None:
        await edit_buttons(update, context, [])
        await open_webinar(update, context, webinar)


async def open_confirmed(update: Update, context: BotContext, webinar_id: int) -> None:
    """Opening a webinar of another day, after being asked."""
    webinar = await _webinar_pressed(update, context, webinar_id)
    if webinar is not None:
        await edit_buttons(update, context, [])
        await open_webinar(update, context, webinar, confirmed=True)


async def open_declined(update: Update, context: BotContext, webinar_id: int) -> None:
    webinar = await _webinar_pressed(update, context, webinar_id)
    if webinar is not None:
        await edit(update, context, context.tr("moderation.open.not_opened", title=webinar.title))


async def open_webinar(
    update: Update, context: BotContext, webinar: Webinar, *, confirmed: bool = False
) -> None:
    """Open it for questions; a webinar of another day asks first (a typo in the code
    should not open one three weeks away), a closed one offers to reopen."""
    services = context.services
    if webinar.state is WebinarState.CLOSED:
        await closed_webinar(update, context, webinar)
        return
    zone = services.settings.zone
    day = webinar.starts_at.astimezone(zone).date()
    if (
        not confirmed
        and webinar.state is not WebinarState.OPEN
        and day != services.clock.now().astimezone(zone).date()
    ):
        await ask_other_day(update, context, webinar, day)
        return
    await services.repos.webinars.set_state(webinar.id, WebinarState.OPEN, services.clock.now())
    await services.repos.webinars.join(webinar.id, context.member.id, services.clock.now())
    link = f"https://t.me/{context.bot_data.bot_username}?start=w-{webinar.code}"
    await say(
        update, context, "moderation.open.done", title=webinar.title, code=webinar.code, link=link
    )


def may_reopen(context: BotContext, webinar: Webinar) -> bool:
    """The one who closed it, or a coordinator, within a day of the close."""
    member = context.member
    closed_at = webinar.closed_at
    return (
        (member.has(Role.COORDINATOR) or webinar.closed_by == member.id)
        and closed_at is not None
        and closed_at >= context.services.clock.now() - REOPEN_WITHIN
    )


async def closed_webinar(update: Update, context: BotContext, webinar: Webinar) -> None:
    """/open of a closed webinar: the closer (or a coordinator) may open it again."""
    if not may_reopen(context, webinar):
        await say(update, context, "moderation.open.closed", title=webinar.title)
        return
    rows = [[("moderation.close.reopen", callbacks.REOPEN.data(webinar.id))]]
    await say(update, context, "moderation.open.closed_reopen", rows, title=webinar.title)


async def ask_other_day(update: Update, context: BotContext, webinar: Webinar, day: date) -> None:
    rows = [
        [
            ("moderation.open.yes", callbacks.OPEN_YES.data(webinar.id)),
            ("moderation.open.no", callbacks.OPEN_NO.data(webinar.id)),
        ]
    ]
    when = format_day(day, context.language)
    await say(update, context, "moderation.open.confirm", rows, title=webinar.title, day=when)
    # "ja" / "nee" typed instead of tapped: the same (handlers.choices).
    prompt = context.tr("moderation.open.confirm", title=webinar.title, day=when)
    options = yes_no(("open", webinar.id), ("noopen", webinar.id))
    offer(context, prompt, translated(context, rows), options)


async def open_typed(update: Update, context: BotContext, webinar_id: int, yes: bool) -> None:
    """ "ja" or "nee" typed at /open's question about another day."""
    webinar = await context.services.repos.webinars.by_id(webinar_id)
    if not context.member.has(Role.MODERATOR) or webinar is None:
        await say(update, context, "moderation.no_webinar")
    elif yes:
        await open_webinar(update, context, webinar, confirmed=True)
    else:
        await say(update, context, "moderation.open.not_opened", title=webinar.title)


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


async def _panel_webinar(update: Update, context: BotContext, webinar_id: int) -> Webinar | None:
    """The open webinar this gespreksleider is in; else the press is answered here."""
    if await webinar_closed(update, context, webinar_id):
        return None
    webinar = await context.services.repos.webinars.by_id(webinar_id)
    if webinar is not None and not await context.services.repos.webinars.has_joined(
        webinar.id, context.member.id
    ):  # a crafted button: a webinar this gespreksleider did not open
        webinar = None
    if webinar is None or webinar.state is not WebinarState.OPEN:
        await pressed(update).answer(context.tr("moderation.no_webinar"), show_alert=True)
        return None
    return webinar


async def next_pressed(update: Update, context: BotContext, webinar_id: int) -> None:
    webinar = await _panel_webinar(update, context, webinar_id)
    if webinar is not None:
        await pressed(update).answer()
        await pull_next(update, context, webinar)


async def refresh_pressed(update: Update, context: BotContext, webinar_id: int) -> None:
    webinar = await _panel_webinar(update, context, webinar_id)
    if webinar is not None:
        await pressed(update).answer()
        await send_panel(context, webinar, chat_id(update), refresh_only=True)


async def group_pressed(update: Update, context: BotContext, webinar_id: int, key: int) -> None:
    webinar = await _panel_webinar(update, context, webinar_id)
    if webinar is not None:
        await pull_group(update, context, webinar, key)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("open", open_command),
    CommandHandler("rij", queue_command),
    CommandHandler("volgende", next_command),
]

ROUTES = [
    route(callbacks.OPEN, open_pressed),
    route(callbacks.OPEN_YES, open_confirmed),
    route(callbacks.OPEN_NO, open_declined),
    route(callbacks.PANEL_NEXT, next_pressed),
    route(callbacks.PANEL_REFRESH, refresh_pressed),
    route(callbacks.PANEL_GROUP, group_pressed),
]

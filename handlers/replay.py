"""Replay moments: the panel's "⏺ Opname loopt" and a coordinator's `/terugkijken`.

The notices themselves are planned by bot.webinar.replay (after the webinar closes, once
its link is known); these handlers only note the recording's start and the link."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.core import callbacks
from bot.core.i18n import format_clock
from bot.core.models import Role, Webinar, WebinarState
from bot.webinar.replay import ReplayPlanner
from handlers.common import pressed, require_role, say
from handlers.panels import queue_changed
from handlers.router import route

log = logging.getLogger(__name__)

URL_MAX_CHARS = 500  # as the programme's `terugkijken` column


def is_web_link(raw: str) -> bool:
    try:
        parts = urlsplit(raw)
    except ValueError:
        return False
    return (
        parts.scheme.lower() in ("http", "https")
        and bool(parts.hostname)
        and len(raw) <= URL_MAX_CHARS
        and not any(char.isspace() for char in raw)
    )


async def recording_started(update: Update, context: BotContext, webinar_id: int) -> None:
    """The queue panel's "⏺ Opname loopt": the recording of this webinar started now."""
    query = pressed(update)
    services = context.services
    webinar = await services.repos.webinars.by_id(webinar_id)
    if (
        webinar is None
        or webinar.state is not WebinarState.OPEN
        or not await services.repos.webinars.has_joined(webinar.id, context.member.id)
    ):
        await query.answer(context.tr("moderation.no_webinar"), show_alert=True)
        return
    started = await services.repos.replay.start_recording(webinar.id, services.clock.now())
    clock = format_clock(started.astimezone(services.settings.zone), context.language)
    await query.answer(context.tr("replay.rec.started", time=clock), show_alert=True)
    log.info("recording of webinar %d noted", webinar.id)
    queue_changed(context, webinar.id)


async def replay_link_command(update: Update, context: BotContext) -> None:
    """`/terugkijken <code> <link>`: the recording's link, known after the webinar."""
    if not await require_role(update, context, Role.COORDINATOR):
        return
    args = context.args or []
    if len(args) != 2:
        await say(update, context, "replay.set.how")
        return
    services = context.services
    webinar = await services.repos.webinars.by_code(args[0].lower())
    if webinar is None or webinar.practice:
        await say(update, context, "replay.set.unknown", code=args[0])
        return
    if not is_web_link(args[1]):
        await say(update, context, "replay.set.bad_link")
        return
    await services.repos.replay.set_replay_url(webinar.id, args[1])
    await _notify_after_link(update, context, webinar)


async def _notify_after_link(update: Update, context: BotContext, webinar: Webinar) -> None:
    if webinar.state is not WebinarState.CLOSED:
        await say(update, context, "replay.set.saved_later", title=webinar.title)
        return
    added = await context.bot_data.replay.notify(webinar.id)
    if added is None:
        await say(update, context, "replay.set.sent_before", title=webinar.title)
        return
    await say(update, context, "replay.set.sent", title=webinar.title, count=added)
    log.info("replay link set for webinar %d after it closed", webinar.id)


def webinar_closed_hook(
    planner: ReplayPlanner,
) -> Callable[[BotContext, Webinar], Awaitable[None]]:
    """For `AppState.on_webinar_closed`: a webinar whose link is known tells its parents."""

    async def hook(context: BotContext, webinar: Webinar) -> None:
        await planner.notify(webinar.id)

    return hook


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("terugkijken", replay_link_command),
]

ROUTES = [route(callbacks.RECORDING_START, recording_started)]

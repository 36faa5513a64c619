"""/programma: a coordinator sees the programme before the day: each webinar with its
date, code and the link parents join with, and the inloop series per wijk."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.core.i18n import Raw, format_moment
from bot.core.models import Role, WebinarState
from handlers.common import require_role, say
from handlers.inloop import current_wijken

# Webinars listed (the next ones, and those still open); a longer programme is in its CSV.
MAX_WEBINARS = 40
MESSAGE_CHARS = 3500


async def programme_command(update: Update, context: BotContext) -> None:
    if not await require_role(update, context, Role.COORDINATOR):
        return
    services = context.services
    zone = services.settings.zone
    webinars = await services.repos.webinars.upcoming(services.clock.now(), MAX_WEBINARS)
    lines = [context.tr("programme.view.webinars")]
    if not webinars:
        lines.append(context.tr("programme.view.no_webinars"))
    for webinar in webinars:
        link = f"https://t.me/{context.bot_data.bot_username}?start=w-{webinar.code}"
        lines.append(
            context.tr(
                "programme.view.webinar",
                when=format_moment(webinar.starts_at.astimezone(zone), context.language),
                title=webinar.title,
                code=webinar.code,
                link=link,
                state=Raw(_state(context, webinar.state)),
            )
        )
    lines.append(context.tr("programme.view.inloop"))
    wijken = await current_wijken(context)
    if not wijken:
        lines.append(context.tr("programme.view.no_inloop"))
    for wijk in wijken:
        titles = ", ".join(html.escape(series.title, quote=False) for series, _ in wijk.series)
        lines.append(f"📍 <b>{html.escape(wijk.name, quote=False)}</b>: {titles}")
    for chunk in _pack(lines):
        await say(update, context, "core.raw", text=Raw(chunk))


def _state(context: BotContext, state: WebinarState) -> str:
    """Open or closed is said; a scheduled webinar needs no word."""
    if state is WebinarState.SCHEDULED:
        return ""
    return context.tr(f"programme.view.state.{state.value}")


def _pack(lines: list[str]) -> list[str]:
    """Lines packed into messages under Telegram's length limit."""
    chunks, current = [], ""
    for line in lines:
        if current and len(current) + len(line) + 2 > MESSAGE_CHARS:
            chunks.append(current)
            current = ""
        current = f"{current}\n\n{line}" if current else line
    if current:
        chunks.append(current)
    return chunks


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("programma", programme_command),
]

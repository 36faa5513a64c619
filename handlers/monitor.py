"""`/monitor [FROM TO]`: the monitor figures of a period (default: this half-year) as a
document and a CSV, sent to the coordinator (bot.monitor)."""

from __future__ import annotations

import asyncio
import logging
from datetime import date

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.core.i18n import format_day
from bot.core.models import Role
from bot.monitor.report import files, gather, half_year_of
from handlers.common import chat_id, require_role, say, send_file

log = logging.getLogger(__name__)


def period_of(args: list[str], today: date) -> tuple[date, date] | None:
    """The two dates given, or this half-year when none; None when they do not read."""
    if not args:
        return half_year_of(today)
    if len(args) != 2:
        return None
    try:
        first, last = date.fromisoformat(args[0]), date.fromisoformat(args[1])
    except ValueError:
        return None
    return (first, last) if first <= last else None


async def monitor_command(update: Update, context: BotContext) -> None:
    if not await require_role(update, context, Role.COORDINATOR):
        return
    services = context.services
    zone = services.settings.zone
    period = period_of(context.args or [], services.clock.now().astimezone(zone).date())
    if period is None:
        await say(update, context, "monitor.how")
        return
    first, last = period
    language = context.language
    report = await gather(
        services.repos, zone, services.t, language, first, last, services.clock.now()
    )
    # Drawing the charts takes a moment of CPU: off the event loop.
    documents = await asyncio.to_thread(files, report, services.t, language)
    caption = context.tr(
        "monitor.caption",
        first=f"{format_day(first, language)} {first.year}",
        last=f"{format_day(last, language)} {last.year}",
    )
    for index, (name, data) in enumerate(documents):
        await send_file(context, chat_id(update), data, name, caption if index == 0 else "")
    log.info("monitor figures sent (%d webinars)", len(report.webinars))


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("monitor", monitor_command),
]

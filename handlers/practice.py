"""`/oefenen [thema]`: a practice webinar with simulated parents (bot.practice), and
`/oefenen stop`. The practice is an ordinary webinar for the trainee (/rij, /volgende,
the board, /sluit), marked as practice so it reaches no parent and counts nowhere; at
its end (either way) the trainee gets a short report."""

from __future__ import annotations

import logging
import secrets

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.core.models import Role, Webinar, WebinarState
from bot.practice.banks import shipped_banks
from bot.practice.report import report_text
from bot.practice.script import parents_for
from handlers.common import chat_id, command_argument, require_role, say, send_text
from handlers.panels import send_panel

log = logging.getLogger(__name__)

STOP_WORDS = ("stop", "klaar")


async def practice_command(update: Update, context: BotContext) -> None:
    if not await require_role(update, context, Role.MODERATOR):
        return
    argument = command_argument(context).lower()
    if argument in STOP_WORDS:
        await stop_practice(update, context)
        return
    if await context.services.repos.practice.running_of(context.member.id) is not None:
        await say(update, context, "practice.already")
        return
    if await in_a_real_webinar(update, context):
        return
    banks = shipped_banks()
    if argument and argument not in banks:
        await say(update, context, "practice.unknown_theme", themes=", ".join(sorted(banks)))
        return
    await start_practice(update, context, argument)


async def in_a_real_webinar(update: Update, context: BotContext) -> bool:
    """A gespreksleider of an open real webinar practises after it (their /volgende would
    otherwise pull practice questions while parents wait)."""
    webinar_id = context.member.current_webinar
    webinar = await context.services.repos.webinars.by_id(webinar_id) if webinar_id else None
    if webinar is None or webinar.practice or webinar.state is not WebinarState.OPEN:
        return False
    await say(update, context, "practice.busy", title=webinar.title)
    return True


async def start_practice(update: Update, context: BotContext, theme: str) -> None:
    """A practice webinar on `theme` (or one picked by the seed), opened for the trainee."""
    services = context.services
    banks = shipped_banks()
    now = services.clock.now()
    seed = int(now.timestamp()) + context.member.id
    bank = banks[theme or sorted(banks)[seed % len(banks)]]
    parents = parents_for(seed, bank)
    webinar_id = await services.repos.practice.start(
        context.member.id,
        code=f"oefen-{secrets.token_hex(6)}",  # unguessable, and by_code never finds it
        title=bank.title,
        theme=bank.theme,
        seed=seed,
        parents=parents,
        now=now,
    )
    webinar = await services.repos.webinars.by_id(webinar_id)
    assert webinar is not None
    log.info("practice webinar %d started", webinar_id)
    await say(update, context, "practice.started", title=bank.title, parents=parents)
    await send_panel(context, webinar, chat_id(update))
    context.bot_data.practice.job.wake()


async def stop_practice(update: Update, context: BotContext) -> None:
    services = context.services
    running = await services.repos.practice.running_of(context.member.id)
    webinar = await services.repos.webinars.by_id(running.webinar_id) if running else None
    if webinar is None:
        await say(update, context, "practice.none")
        return
    await services.repos.webinars.set_state(webinar.id, WebinarState.CLOSED, services.clock.now())
    await context.bot_data.panels.end_webinar(webinar)
    services.desk.forget_webinar(webinar.id)
    await send_report(context, webinar)


async def send_report(context: BotContext, webinar: Webinar) -> None:
    services = context.services
    facts = await services.repos.practice.facts(webinar.id)
    if facts is None or webinar.practice_of is None:
        return
    trainee = await services.repos.users.get(webinar.practice_of)
    language = trainee.language if trainee else services.settings.default_language
    await send_text(context, webinar.practice_of, report_text(services.t, language, facts))


async def webinar_closed(context: BotContext, webinar: Webinar) -> None:
    """For `AppState.on_webinar_closed`: a practice closed with /sluit ends with the report."""
    if webinar.practice:
        await send_report(context, webinar)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("oefenen", practice_command),
]

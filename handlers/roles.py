"""Coordinators invite gespreksleiders and coordinators with one-time links."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot import callbacks
from bot.context import BotContext
from bot.invites import looks_like_token, new_token, token_hash
from bot.models import Role
from handlers.common import edit, require_role, say
from handlers.menus import refresh_menu

log = logging.getLogger(__name__)

ROLE_CHOICES = [Role.MODERATOR, Role.COORDINATOR]


async def invite_command(update: Update, context: BotContext) -> None:
    if not await require_role(update, context, Role.COORDINATOR):
        return
    await say(
        update,
        context,
        "roles.invite.choose",
        [
            [("roles.name.moderator", callbacks.make("inv", "role", 0))],
            [("roles.name.coordinator", callbacks.make("inv", "role", 1))],
        ],
    )


async def invite_role_chosen(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    if not await require_role(update, context, Role.COORDINATOR):
        return
    choice = callbacks.parse(query.data)
    if not 0 <= choice.arg < len(ROLE_CHOICES):
        await query.answer(context.tr("core.stale_button"), show_alert=True)
        return
    role = ROLE_CHOICES[choice.arg]
    services = context.services
    token = new_token()
    now = services.clock.now()
    hours = services.settings.roles.invite_valid_hours
    await services.repos.invites.create(
        token_hash(token), role, context.member.id, now, now + timedelta(hours=hours)
    )
    await query.answer()
    link = f"https://t.me/{context.bot_data.bot_username}?start=g-{token}"
    await edit(
        update,
        context,
        context.tr(
            "roles.invite.created", role=context.tr(f"roles.name.{role}"), link=link, hours=hours
        ),
    )
    log.info("invite created for role %s", role)


async def accept_invite(update: Update, context: BotContext, token: str) -> None:
    services = context.services
    role = None
    if looks_like_token(token):
        role = await services.repos.invites.redeem(
            token_hash(token), context.member.id, services.clock.now()
        )
    if role is None:
        await say(update, context, "roles.invite.invalid")
        return
    refreshed = await services.repos.users.get(context.member.id)
    assert refreshed is not None
    context.member = refreshed
    log.info("user %d accepted an invite for role %s", refreshed.id, role)
    await say(update, context, f"roles.invite.welcome_{role}")

    await refresh_menu(context, refreshed)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("uitnodigen", invite_command),
    CallbackQueryHandler(invite_role_chosen, pattern=callbacks.pattern("inv")),
]

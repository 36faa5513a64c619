"""Coordinators invite gespreksleiders and coordinators with one-time links."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.core import callbacks
from bot.core.invites import looks_like_token, new_token, token_hash
from bot.core.models import OutgoingMessage, Role
from handlers.common import Label, edit, pressed, reply, require_role, say
from handlers.menus import refresh_menu
from handlers.panels import queue_changed
from handlers.router import route
from storage.users import Revocation

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
            [("roles.name.moderator", callbacks.INVITE_ROLE.data(0))],
            [("roles.name.coordinator", callbacks.INVITE_ROLE.data(1))],
        ],
    )


async def invite_role_chosen(update: Update, context: BotContext, index: int) -> None:
    query = pressed(update)
    if not 0 <= index < len(ROLE_CHOICES):
        await query.answer(context.tr("core.stale_button"), show_alert=True)
        return
    role = ROLE_CHOICES[index]
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
            "roles.invite.created",
            role=context.tr(f"roles.name.{role}"),
            link=link,
            hours=hours,
            count=hours,
        ),
    )
    log.info("invite created for role %s", role)


async def accept_invite(update: Update, context: BotContext, token: str) -> None:
    services = context.services
    role = None
    if looks_like_token(token):
        sender = update.effective_user
        role = await services.repos.invites.redeem(
            token_hash(token),
            context.member.id,
            services.clock.now(),
            display_name=sender.first_name if sender else None,
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


async def roles_command(update: Update, context: BotContext) -> None:
    """/rollen: who holds which role, with a button to take a role back."""
    if not await require_role(update, context, Role.COORDINATOR):
        return
    sender = update.effective_user
    if sender is not None and sender.first_name:  # a configured coordinator had no name
        await context.services.repos.users.name_staff(context.member.id, sender.first_name)
    text, rows = await staff_overview(context)
    await reply(update, context, text, rows)


async def staff_overview(context: BotContext) -> tuple[str, list[list[tuple[str, str]]]]:
    configured = set(context.services.settings.roles.coordinators)
    lines = [context.tr("roles.list.heading")]
    rows: list[list[tuple[str, str]]] = []
    for member in await context.services.repos.users.staff():
        fixed = member.role is Role.COORDINATOR and member.user_id in configured
        unnamed = "roles.list.configured" if fixed else "roles.list.no_name"
        lines.append(
            context.tr(
                "roles.list.line_fixed" if fixed else "roles.list.line",
                name=member.display_name or context.tr(unnamed),
                user_id=member.user_id,
                role=context.tr(f"roles.name.{member.role}"),
            )
        )
        if not fixed and member.user_id != context.member.id:
            index = ROLE_CHOICES.index(member.role)
            label = Label(
                context.tr("roles.list.revoke", name=member.display_name or member.user_id)
            )
            rows.append([(label, callbacks.REVOKE.data(member.user_id, index))])
    return "\n".join(lines), rows


def _may_revoke(context: BotContext, user_id: int, index: int) -> bool:
    configured = index == 1 and user_id in context.services.settings.roles.coordinators
    return 0 <= index < len(ROLE_CHOICES) and not configured and user_id != context.member.id


async def confirm_revoke(update: Update, context: BotContext, user_id: int, index: int) -> None:
    """Taking a role back asks first: a slip on the wrong name is not undone by itself."""
    query = pressed(update)
    if not _may_revoke(context, user_id, index):
        await query.answer(context.tr("core.stale_button"), show_alert=True)
        return
    await query.answer()
    staff = await context.services.repos.users.staff()
    name = next((m.display_name for m in staff if m.user_id == user_id and m.display_name), None)
    text = context.tr(
        "roles.list.confirm",
        name=name or str(user_id),
        role=context.tr(f"roles.name.{ROLE_CHOICES[index]}"),
    )
    rows = [
        [
            ("roles.list.confirm_yes", callbacks.REVOKE_YES.data(user_id, index)),
            ("roles.list.confirm_no", callbacks.STAFF_LIST.data()),
        ]
    ]
    await edit(update, context, text, rows)


async def revoke_pressed(update: Update, context: BotContext, user_id: int, index: int) -> None:
    query = update.callback_query
    assert query is not None
    services = context.services
    if not _may_revoke(context, user_id, index):
        await query.answer(context.tr("core.stale_button"), show_alert=True)
        return
    role = ROLE_CHOICES[index]
    now = services.clock.now()

    def notice(still_moderates: bool) -> OutgoingMessage:
        return OutgoingMessage(
            user_id=user_id,
            kind="role.revoked",
            key=f"roles.revoked.{role}" + ("_still_moderates" if still_moderates else ""),
            dedup_key=f"revoked:{role}:{user_id}:{now.isoformat()}",
        )

    revocation = await services.repos.users.revoke_role(user_id, role, now, notice)
    await query.answer(context.tr("roles.list.revoked" if revocation else "core.stale_button"))
    if revocation is not None:
        log.info("role %s of user %d revoked", role, user_id)
        context.bot_data.dispatcher.wake()
        await end_moderating(context, user_id, revocation)
    text, rows = await staff_overview(context)
    await edit(update, context, text, rows)


async def end_moderating(context: BotContext, user_id: int, revocation: Revocation) -> None:
    """Telegram in step with a revocation: their panels say they ended, other
    gespreksleiders' panels show the released questions, their menu shrinks."""
    holder = await context.services.repos.users.get(user_id)
    language = holder.language if holder else context.services.settings.default_language
    ended = context.services.t(language, "moderation.panel.ended")
    for _, message_id in revocation.panels:
        await context.bot_data.panels.end(user_id, message_id, ended)
    for webinar_id in {webinar_id for _, webinar_id in revocation.released}:
        queue_changed(context, webinar_id)
    if holder is not None:
        await refresh_menu(context, holder)


async def staff_list_pressed(update: Update, context: BotContext) -> None:
    """/rollen again (from a revocation's question)."""
    await pressed(update).answer()
    text, rows = await staff_overview(context)
    await edit(update, context, text, rows)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("uitnodigen", invite_command),
    CommandHandler("rollen", roles_command),
]

ROUTES = [
    route(callbacks.INVITE_ROLE, invite_role_chosen),
    route(callbacks.REVOKE, confirm_revoke),
    route(callbacks.REVOKE_YES, revoke_pressed),
    route(callbacks.STAFF_LIST, staff_list_pressed),
]

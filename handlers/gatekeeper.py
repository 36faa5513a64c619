"""Runs first for every update (group -10): refuse groups, load the user, limit floods,
and turn away buttons whose data is not ours.

Order matters: everything after this group may rely on `context.member` being the
loaded user, on the update coming from a private chat, and on a button's callback data
parsing (`handlers.router.refuse_unknown`; the router checks the presser's role). An
update that must go no further is stopped with ApplicationHandlerStop.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, BaseHandler, TypeHandler

from bot.context import BotContext
from handlers.common import say
from handlers.router import refuse_unknown

log = logging.getLogger(__name__)

_MEMBER = {ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.RESTRICTED}


async def gate(update: Update, context: BotContext) -> None:
    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE:
        await _leave_group(update, context, chat.id)
    sender = update.effective_user
    if sender is None or sender.is_bot:
        raise ApplicationHandlerStop
    services = context.services
    if update.my_chat_member is not None:
        await _membership_changed(update, context, sender.id)
    language = services.t.pick_language(sender.language_code)
    user, _ = await services.repos.users.ensure(sender.id, language, services.clock.now())
    context.member = user
    services.activity.seen(sender.id)
    if update.callback_query is not None:
        await refuse_unknown(update, context)
    elif not user.roles:
        await _limit_parent(update, context, sender.id)
    if update.edited_message is not None:
        await say(update, context, "core.edited")
        raise ApplicationHandlerStop


async def _leave_group(update: Update, context: BotContext, chat_id: int) -> None:
    """The bot serves private chats only; added to a group, it leaves (once: Telegram
    also sends the "joined" service message and, after leaving, a "left" update)."""
    if _still_member(update):
        log.info("leaving non-private chat %d", chat_id)
        try:
            await context.bot.leave_chat(chat_id)
        except TelegramError as error:
            log.warning("could not leave chat %d: %s", chat_id, type(error).__name__)
    raise ApplicationHandlerStop


async def _membership_changed(update: Update, context: BotContext, user_id: int) -> None:
    """The parent blocked the bot ("kicked") or unblocked it: remember, answer nothing."""
    change = update.my_chat_member
    assert change is not None
    services = context.services
    if change.new_chat_member.status == ChatMemberStatus.BANNED:
        await services.repos.users.mark_inactive(user_id)
    else:
        await services.repos.users.ensure(user_id, "nl", services.clock.now())
    raise ApplicationHandlerStop


async def _limit_parent(update: Update, context: BotContext, user_id: int) -> None:
    """A parent's per-minute message limit. Staff are not limited like parents: a
    gespreksleider pulling questions quickly during a webinar is doing their job. The
    injectable clock, so that tests move time instead of waiting a minute."""
    services = context.services
    now = services.clock.now().timestamp()
    if services.message_limit.allow(user_id, now):
        return
    if services.message_limit.first_refusal(user_id, now):
        await say(update, context, "core.flood")
    raise ApplicationHandlerStop


def _still_member(update: Update) -> bool:
    """Whether a group update means the bot is (still) in that group."""
    change = update.my_chat_member
    if change is not None:
        return change.new_chat_member.status in _MEMBER
    message = update.effective_message
    # Membership service messages come with a my_chat_member update of their own.
    return not (message and (message.new_chat_members or message.left_chat_member))


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [TypeHandler(Update, gate)]

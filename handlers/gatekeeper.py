"""Runs first for every update (group -10): refuse groups, load the user, limit floods.

Order matters: everything after this group may rely on `context.member` being the
loaded user and on the update coming from a private chat. An update that must go no
further is stopped with ApplicationHandlerStop.
"""

from __future__ import annotations

import logging
import time

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import ApplicationHandlerStop, BaseHandler, TypeHandler

from bot.context import BotContext
from handlers.common import say

log = logging.getLogger(__name__)


async def gate(update: Update, context: BotContext) -> None:
    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE:
        # The bot serves private chats only; added to a group, it leaves.
        log.info("leaving non-private chat %d", chat.id)
        await context.bot.leave_chat(chat.id)
        raise ApplicationHandlerStop
    sender = update.effective_user
    if sender is None or sender.is_bot:
        raise ApplicationHandlerStop
    services = context.services
    if update.my_chat_member is not None:
        # The parent blocked the bot ("kicked") or unblocked it: remember, answer nothing.
        if update.my_chat_member.new_chat_member.status == ChatMemberStatus.BANNED:
            await services.repos.users.mark_inactive(sender.id)
        else:
            await services.repos.users.ensure(sender.id, "nl", services.clock.now())
        raise ApplicationHandlerStop
    language = services.t.pick_language(sender.language_code)
    user, _ = await services.repos.users.ensure(sender.id, language, services.clock.now())
    context.member = user
    if update.callback_query is None and not services.message_limit.allow(
        sender.id, time.monotonic()
    ):
        if services.message_limit.first_refusal(sender.id):
            await say(update, context, "core.flood")
        raise ApplicationHandlerStop
    if update.edited_message is not None:
        await say(update, context, "core.edited")
        raise ApplicationHandlerStop


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [TypeHandler(Update, gate)]

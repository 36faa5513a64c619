"""The one error handler: log the failure (never message text), tell the user kindly."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import Bot, Update
from telegram.error import Forbidden, TelegramError

from bot.context import BotContext
from bot.core.models import ChatMessage
from bot.services import Services
from handlers.common import queue
from storage.db import StorageError, current_update

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, Forbidden):
        log.info("update %s: the user blocked the bot", update_id)
        return
    # exc_info gives the traceback; the update itself (with its text) is never logged.
    log.error("update %s failed: %s", update_id, type(error).__name__, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    # Nothing of a failed update is kept: its writes and what it meant to say go.
    unit = current_update.get()
    if unit is not None:
        unit.messages.clear()
        await context.services.db.undo_update(unit)
    t = context.services.t
    key = "core.not_saved" if isinstance(error, StorageError) else "core.error"
    language = await _language_of(update, context)
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(t(language, key), show_alert=True)
            return
        except TelegramError:
            pass  # the handler had answered the press already: say it in the chat
    await queue(context, ChatMessage(update.effective_chat.id, text=t(language, key), html=False))


def not_stored_notice(bot: Bot, services: Services) -> Callable[[Update], Awaitable[None]]:
    """What the update processor calls when an update's effects could not be committed:
    the database refuses to store, so the outbox cannot carry this one message either."""

    async def tell(update: Update) -> None:
        chat = update.effective_chat
        sender = update.effective_user
        if chat is None:
            return
        language = services.t.pick_language(sender.language_code if sender else None)
        try:
            await bot.send_message(chat.id, services.t(language, "core.not_saved"))
        except TelegramError as error:
            log.warning("could not tell the user about the error: %s", type(error).__name__)

    return tell


async def _language_of(update: Update, context: BotContext) -> str:
    """The user's language. python-telegram-bot gives the error handler a fresh context,
    without the user the gatekeeper loaded, so it is looked up again (the database may be
    the thing that failed: then Telegram's language setting decides)."""
    services = context.services
    sender = update.effective_user
    if sender is None:
        return services.t.default_language
    try:
        user = await services.repos.users.get(sender.id)
    except Exception:  # the error may be the database itself
        user = None
    return user.language if user else services.t.pick_language(sender.language_code)

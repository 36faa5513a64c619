"""The one error handler: log the failure (never message text), tell the user kindly."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.context import BotContext
from storage.db import StorageError

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
    t = context.services.t
    key = "core.not_saved" if isinstance(error, StorageError) else "core.error"
    language = await _language_of(update, context)
    try:
        if update.callback_query is not None:
            try:
                await update.callback_query.answer(t(language, key), show_alert=True)
                return
            except TelegramError:
                pass  # the handler had answered the press already: say it in the chat
        await context.bot.send_message(update.effective_chat.id, t(language, key))
    except TelegramError as follow_up:
        log.warning("could not tell the user about the error: %s", type(follow_up).__name__)


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

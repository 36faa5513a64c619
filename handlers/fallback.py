"""What the bot says to everything else: unknown commands, stickers, photos, old buttons.

Registered in the last group (see bot.app), so it only sees what no feature handled.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.context import BotContext
from handlers.common import say


async def unknown_command(update: Update, context: BotContext) -> None:
    await say(update, context, "core.unknown_command")


async def not_text(update: Update, context: BotContext) -> None:
    await say(update, context, "core.only_text")


async def stale_button(update: Update, context: BotContext) -> None:
    """A button from an old message, a removed feature, or forged data."""
    query = update.callback_query
    assert query is not None
    await query.answer(context.tr("core.stale_button"), show_alert=True)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    MessageHandler(filters.COMMAND, unknown_command),
    MessageHandler(
        filters.ALL & ~filters.TEXT & ~filters.Document.ALL & ~filters.StatusUpdate.ALL, not_text
    ),
    CallbackQueryHandler(stale_button),
]

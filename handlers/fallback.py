"""What the bot says to everything else: unknown commands, stickers, photos (old or
forged buttons are answered by handlers.router).

Registered in the last group (see bot.app), so it only sees what no feature handled.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.context import BotContext
from handlers.common import say


async def unknown_command(update: Update, context: BotContext) -> None:
    await say(update, context, "core.unknown_command")


async def not_text(update: Update, context: BotContext) -> None:
    await say(update, context, "core.only_text")


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    MessageHandler(filters.COMMAND, unknown_command),
    MessageHandler(
        filters.ALL & ~filters.TEXT & ~filters.Document.ALL & ~filters.StatusUpdate.ALL, not_text
    ),
]

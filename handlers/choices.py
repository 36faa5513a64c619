"""Typed text where buttons wait (group -2, see bot.app): a wijk or a language named is
taken as its button; other text gets "tik op een knop" with the buttons again, unless
it is a real question in an open webinar. Any command or button press drops the offer."""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.core.models import WebinarState
from bot.core.text_input import has_words
from handlers.closing import close_typed
from handlers.common import Label, reply, text_of
from handlers.inloop import show_wijk
from handlers.moderation import open_typed
from handlers.start import set_language
from handlers.webinar_parent import withdraw_typed

# A question has at least this many words; "Zuilen" or "ja" where buttons wait is not one.
QUESTION_WORDS = 3


async def typed_choice(update: Update, context: BotContext) -> None:
    services = context.services
    member = context.member
    offered = services.offers.get(member.id)
    if offered is None:
        return
    if not offered.valid(services.clock.now()):
        services.offers.pop(member.id, None)
        return
    text = text_of(update)
    option = offered.match(text)
    if option is not None:
        services.offers.pop(member.id, None)
        await act(update, context, *option)
        raise ApplicationHandlerStop
    if await is_question(context, text):
        services.offers.pop(member.id, None)  # a real question for the open webinar
        return
    rows = [[(Label(label), data) for label, data in row] for row in offered.rows]
    await reply(update, context, context.tr("core.tap_a_button") + "\n\n" + offered.text, rows)
    raise ApplicationHandlerStop


async def act(update: Update, context: BotContext, action: str, arg: int) -> None:
    """What the named button does; each checks again what its button's handler checks."""
    if action == "wijk":
        await show_wijk(update, context, arg, page=0)
    elif action == "lang":
        await set_language(update, context, arg)
    elif action in ("close", "keepopen"):
        await close_typed(update, context, arg, close=action == "close")
    elif action in ("open", "noopen"):
        await open_typed(update, context, arg, yes=action == "open")
    elif action in ("withdraw", "keepq"):
        await withdraw_typed(update, context, arg, yes=action == "withdraw")


async def is_question(context: BotContext, text: str) -> bool:
    member = context.member
    if not member.current_webinar or not has_words(text) or len(text.split()) < QUESTION_WORDS:
        return False
    webinar = await context.services.repos.webinars.by_id(member.current_webinar)
    return webinar is not None and webinar.state is WebinarState.OPEN


async def drop_offer(update: Update, context: BotContext) -> None:
    """A command or a button: whatever was offered before is answered or abandoned."""
    context.services.offers.pop(context.member.id, None)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    MessageHandler(filters.TEXT & ~filters.COMMAND, typed_choice),
    MessageHandler(filters.COMMAND, drop_offer),
    CallbackQueryHandler(drop_offer),
]

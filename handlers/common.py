"""Small helpers every handler module uses: replying in HTML, role checks, buttons."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.context import BotContext
from bot.core.models import Role

Buttons = Sequence[Sequence[tuple[str, str]]]


class Label(str):
    """A button label that is already text (a name, a date), not a translation key."""


def keyboard(context: BotContext, rows: Buttons) -> InlineKeyboardMarkup | None:
    """Rows of (label key or `Label`, callback data) in the user's language."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    label if isinstance(label, Label) else context.tr(label), callback_data=data
                )
                for label, data in row
            ]
            for row in rows
        ]
    )


async def reply(update: Update, context: BotContext, text: str, rows: Buttons = ()) -> Message:
    """Send `text` (Telegram HTML) to the chat the update came from."""
    chat = update.effective_chat
    assert chat is not None
    return await context.bot.send_message(
        chat.id,
        text,
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard(context, rows),
        disable_web_page_preview=True,
    )


async def say(
    update: Update, context: BotContext, key: str, rows: Buttons = (), **params: object
) -> Message:
    return await reply(update, context, context.tr(key, **params), rows)


async def edit(update: Update, context: BotContext, text: str, rows: Buttons = ()) -> None:
    """Replace the text of the message whose button was pressed (ignoring "not modified")."""
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_text(
            text,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard(context, rows),
            disable_web_page_preview=True,
        )
    except BadRequest as error:
        if "not modified" not in error.message:
            raise


async def edit_buttons(update: Update, context: BotContext, rows: Buttons = ()) -> None:
    """Replace only the buttons of the message whose button was pressed (none: take them
    away), ignoring "not modified"."""
    query = update.callback_query
    assert query is not None
    message = query.message
    if not rows and isinstance(message, Message) and message.reply_markup is None:
        return  # nothing to take away
    try:
        await query.edit_message_reply_markup(reply_markup=keyboard(context, rows))
    except BadRequest as error:
        if "not modified" not in error.message:
            raise


async def require_role(update: Update, context: BotContext, role: Role) -> bool:
    """True if the user holds `role`; otherwise a kind refusal that reveals nothing."""
    if context.member.has(role):
        return True
    key = "core.not_allowed.moderator" if role is Role.MODERATOR else "core.not_allowed.coordinator"
    if update.callback_query is not None:
        await update.callback_query.answer(context.tr(key), show_alert=True)
    else:
        await say(update, context, key)
    return False


def pressed(update: Update) -> CallbackQuery:
    """The button press of a callback-query update (handlers routed by pattern get one)."""
    query = update.callback_query
    assert query is not None
    return query


def text_of(update: Update) -> str:
    """The text of the message a text handler was called for."""
    message = update.effective_message
    assert message is not None
    return message.text or ""


def chat_id(update: Update) -> int:
    """The private chat the update came from (the gatekeeper lets no other through)."""
    chat = update.effective_chat
    assert chat is not None
    return chat.id


def command_argument(context: BotContext) -> str:
    return " ".join(context.args or []).strip()

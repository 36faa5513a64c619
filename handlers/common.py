"""Small helpers every handler module uses: replying in HTML, role checks, buttons.

`reply`, `say`, `edit`, `send_file` and `queue` send nothing themselves: they queue
outbox rows (`bot.core.models.ChatMessage`). While an update is handled, the rows are
committed with the update's effect (see storage.db.finish_update); the outbox
dispatcher then sends them at the pace Telegram accepts.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.context import BotContext
from bot.core.models import ChatMessage, Priority, Role
from bot.delivery.splitting import CAPTION_LIMIT, split_html
from storage.db import current_update

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


async def queue(context: BotContext, *messages: ChatMessage) -> None:
    """Queue messages in the outbox: with the update being handled, or on their own."""
    unit = current_update.get()
    if unit is not None:
        unit.messages.extend(messages)
        return
    services = context.services
    await services.repos.outbox.add_chat_messages(list(messages), services.clock.now())
    context.bot_data.dispatcher.wake()


def markup_json(
    markup: InlineKeyboardMarkup | dict[str, object] | None,
) -> dict[str, object] | None:
    return markup.to_dict() if isinstance(markup, InlineKeyboardMarkup) else markup


def keyboard_json(context: BotContext, rows: Buttons) -> dict[str, object] | None:
    """`keyboard` as the outbox stores it (Telegram's JSON), built without
    python-telegram-bot's objects: a reply's buttons go straight into its outbox row."""
    if not rows:
        return None
    return {
        "inline_keyboard": [
            [
                {
                    "text": str(label) if isinstance(label, Label) else context.tr(label),
                    "callback_data": data,
                }
                for label, data in row
            ]
            for row in rows
        ]
    }


async def send_text(
    context: BotContext,
    chat: int,
    text: str,
    markup: InlineKeyboardMarkup | dict[str, object] | None = None,
    *,
    purpose: str | None = None,
    priority: Priority = Priority.REPLY,
    html: bool = True,
    waits_for: str | None = None,
) -> None:
    """Queue `text` (Telegram HTML) to `chat`, split if it is over Telegram's limit (the
    buttons go with the last part). `waits_for`: see ChatMessage."""
    parts = split_html(text) if html else [text]
    buttons = markup_json(markup)
    await queue(
        context,
        *(
            ChatMessage(
                chat,
                text=part,
                markup=buttons if index == len(parts) - 1 else None,
                purpose=purpose if index == len(parts) - 1 else None,
                priority=priority,
                html=html,
                waits_for=waits_for,
            )
            for index, part in enumerate(parts)
        ),
    )


async def reply(update: Update, context: BotContext, text: str, rows: Buttons = ()) -> None:
    """Queue `text` (Telegram HTML) to the chat the update came from."""
    chat = update.effective_chat
    assert chat is not None
    await send_text(context, chat.id, text, keyboard_json(context, rows))


async def say(
    update: Update, context: BotContext, key: str, rows: Buttons = (), **params: object
) -> None:
    await reply(update, context, context.tr(key, **params), rows)


async def edit(update: Update, context: BotContext, text: str, rows: Buttons = ()) -> None:
    """Replace the text of the message whose button was pressed ("not modified" is fine)."""
    await edit_text(update, context, text, keyboard(context, rows))


async def edit_text(
    update: Update,
    context: BotContext,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    html: bool = True,
) -> None:
    """`edit` with a ready keyboard. A text over Telegram's limit: the rest follows."""
    query = update.callback_query
    assert query is not None
    message = query.message
    if message is None:  # too old for Telegram to say which message it was
        return
    parts = split_html(text) if html else [text]
    await queue(
        context,
        ChatMessage(
            message.chat.id,
            method="edit",
            text=parts[0],
            markup=markup_json(markup),
            message_id=message.message_id,
            html=html,
        ),
        *(ChatMessage(message.chat.id, text=part) for part in parts[1:]),
    )


async def edit_buttons(update: Update, context: BotContext, rows: Buttons = ()) -> None:
    """Replace only the buttons of the message whose button was pressed (none: take them
    away; a message that has none already is left alone)."""
    query = update.callback_query
    assert query is not None
    message = query.message
    if message is None:
        return
    if not rows and isinstance(message, Message) and message.reply_markup is None:
        return
    await queue(
        context,
        ChatMessage(
            message.chat.id,
            method="markup",
            markup=markup_json(keyboard(context, rows)),
            message_id=message.message_id,
        ),
    )


async def send_file(
    context: BotContext,
    chat: int,
    data: bytes,
    filename: str,
    caption: str = "",
    *,
    photo: bool = False,
    html: bool = True,
) -> None:
    """Queue a document (or a photo); the bytes travel in the outbox row until sent."""
    parts = split_html(caption, CAPTION_LIMIT) if caption and html else [caption]
    await queue(
        context,
        ChatMessage(
            chat,
            method="photo" if photo else "document",
            text=parts[0],
            file=data,
            filename=filename,
            html=html,
        ),
        *(ChatMessage(chat, text=part) for part in parts[1:]),
    )


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

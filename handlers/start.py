"""First contact, /start deep links, /help, /taal and the privacy consent."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.core import callbacks
from bot.core.models import Role, WebinarState
from handlers.common import (
    chat_id,
    edit,
    edit_buttons,
    edit_text,
    keyboard,
    pressed,
    reply,
    say,
    send_text,
)
from handlers.consent import needs_consent, show_notice
from handlers.menus import refresh_menu
from handlers.roles import accept_invite
from handlers.webinar_parent import join_webinar, store_question


async def start(update: Update, context: BotContext) -> None:
    argument = (context.args or [""])[0]
    if argument.startswith("w-"):
        await join_webinar(update, context, argument[2:])
        return
    if argument.startswith("g-"):
        await accept_invite(update, context, argument[2:])
        return
    if context.member.roles:
        # Telegram accepts a chat's own menu only once the user has written to the bot,
        # so a configured coordinator gets theirs at their first /start.
        await refresh_menu(context, context.member)
    if needs_consent(context):  # one message: the welcome, the notice, its buttons
        await show_notice(update, context, context.tr("core.welcome"))
    else:
        await reply(update, context, context.tr("core.welcome") + "\n\n" + help_text(context))


def help_text(context: BotContext) -> str:
    text = context.tr("core.help.parent")
    if context.member.has(Role.MODERATOR):
        text += "\n\n" + context.tr("core.help.moderator")
    if context.member.has(Role.COORDINATOR):
        text += "\n\n" + context.tr("core.help.coordinator")
    return text


async def help_command(update: Update, context: BotContext) -> None:
    await reply(update, context, help_text(context))


async def language_command(update: Update, context: BotContext) -> None:
    t = context.services.t
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "core.language.name"),
                    callback_data=callbacks.make("lang", "set", index),
                )
            ]
            for index, lang in enumerate(t.languages)
        ]
    )
    await send_text(context, chat_id(update), context.tr("core.language.choose"), markup)


async def language_chosen(update: Update, context: BotContext, choice: callbacks.Callback) -> None:
    languages = context.services.t.languages
    if not 0 <= choice.arg < len(languages):
        await pressed(update).answer()
        return
    language = languages[choice.arg]
    await context.services.repos.users.set_language(context.member.id, language)
    await pressed(update).answer()
    await edit_text(update, context, context.services.t(language, "core.language.set"))
    refreshed = await context.services.repos.users.get(context.member.id)
    if refreshed is not None:
        context.member = refreshed
        await refresh_menu(context, refreshed)


async def consent(update: Update, context: BotContext, choice: callbacks.Callback) -> None:
    query = update.callback_query
    assert query is not None
    services = context.services
    await query.answer()
    if choice.action == "decline":
        services.awaiting_consent.pop(context.member.id, None)
        await edit(update, context, context.tr("core.consent.declined"))
        return
    await services.repos.users.record_consent(
        context.member.id, services.settings.privacy.notice_version, services.clock.now()
    )
    refreshed = await services.repos.users.get(context.member.id)
    assert refreshed is not None
    context.member = refreshed
    # The welcome above the notice stays; its consent buttons go (a webinar's welcome
    # gets the name button it would have had).
    webinar_id = refreshed.current_webinar
    rows = [[("webinar.name.show", callbacks.make("p", "name", webinar_id))]] if webinar_id else []
    await edit_buttons(update, context, keyboard(context, rows))
    await say(update, context, "core.consent.thanks")
    pending = services.awaiting_consent.pop(context.member.id, None)
    if pending is not None:
        webinar_id, source_msg, text = pending
        webinar = await services.repos.webinars.by_id(webinar_id)
        if webinar is None or webinar.state is WebinarState.CLOSED:
            await say(update, context, "webinar.ask.not_joined")
            return
        await store_question(update, context, webinar, source_msg, text)


async def on_button(update: Update, context: BotContext) -> None:
    choice = callbacks.parse(pressed(update).data)
    if choice.feature == "lang":
        await language_chosen(update, context, choice)
    else:
        await consent(update, context, choice)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("start", start),
    CommandHandler("help", help_command),
    CommandHandler("taal", language_command),
    CallbackQueryHandler(on_button, pattern=callbacks.pattern("lang")),
    CallbackQueryHandler(on_button, pattern=callbacks.pattern("c")),
]

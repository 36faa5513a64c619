"""First contact, /start deep links, /help, /taal and the privacy consent."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.core import callbacks
from bot.core.models import Role, User, WebinarState
from bot.core.text_input import is_consent_word
from handlers.common import (
    chat_id,
    edit,
    edit_buttons,
    edit_text,
    pressed,
    reply,
    say,
    send_text,
    text_of,
)
from handlers.consent import needs_consent, show_notice
from handlers.inloop import show_wijken
from handlers.menus import refresh_menu
from handlers.offers import offer
from handlers.privacy import my_data
from handlers.roles import accept_invite
from handlers.router import route
from handlers.webinar_parent import join_webinar, store_question, welcome_rows


async def start(update: Update, context: BotContext) -> None:
    argument = (context.args or [""])[0]
    if argument.startswith("w-"):
        await join_webinar(update, context, argument[2:])
        return
    if argument.startswith("g-"):
        await accept_invite(update, context, argument[2:])
        return
    if context.member.roles:
        sender = update.effective_user
        if sender is not None and sender.first_name:
            # Staff are named in /rollen; a configured coordinator had no name so far.
            await context.services.repos.users.name_staff(context.member.id, sender.first_name)
        # Telegram accepts a chat's own menu only once the user has written to the bot,
        # so a configured coordinator gets theirs at their first /start.
        await refresh_menu(context, context.member)
    if needs_consent(context):  # one message: the welcome, the notice, its buttons
        await show_notice(update, context, context.tr("core.welcome"))
    else:
        await reply(update, context, context.tr("core.welcome") + "\n\n" + help_text(context), MENU)


# What a parent can do, as buttons: under /help, /start and the thanks for agreeing.
MENU = [
    [("core.menu.webinar", callbacks.MENU_WEBINAR.data())],
    [("core.menu.inloop", callbacks.MENU_INLOOP.data())],
    [
        ("core.menu.language", callbacks.MENU_LANGUAGE.data()),
        ("core.menu.data", callbacks.MENU_DATA.data()),
    ],
]


def help_text(context: BotContext) -> str:
    text = context.tr("core.help.parent")
    if context.member.has(Role.MODERATOR):
        text += "\n\n" + context.tr("core.help.moderator")
    if context.member.has(Role.COORDINATOR):
        text += "\n\n" + context.tr("core.help.coordinator")
    return text


async def help_command(update: Update, context: BotContext) -> None:
    await reply(update, context, help_text(context), MENU)


async def menu_webinar(update: Update, context: BotContext) -> None:
    await pressed(update).answer()
    await say(update, context, "webinar.join.how")


async def menu_inloop(update: Update, context: BotContext) -> None:
    await pressed(update).answer()
    await show_wijken(update, context, new=True)  # the menu stays for the next tap


async def menu_language(update: Update, context: BotContext) -> None:
    await pressed(update).answer()
    await language_command(update, context)


async def menu_data(update: Update, context: BotContext) -> None:
    await pressed(update).answer()
    await my_data(update, context)


async def language_command(update: Update, context: BotContext) -> None:
    t = context.services.t
    rows = [
        [(t(lang, "core.language.name"), callbacks.LANGUAGE_SET.data(index))]
        for index, lang in enumerate(t.languages)
    ]
    markup = InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )
    prompt = context.tr("core.language.choose")
    await send_text(context, chat_id(update), prompt, markup)
    # A language typed instead ("English", "Türkçe", "en") is taken as its button.
    names: dict[str, tuple[str, int]] = {}
    for index, lang in enumerate(t.languages):
        for name in (
            t(lang, "core.language.name"),
            lang,
            t(context.language, f"core.language.in.{lang}"),
        ):
            names[name] = ("lang", index)
    offer(context, prompt, rows, names)


async def set_language(update: Update, context: BotContext, index: int) -> None:
    """A language typed after /taal: as if its button was tapped."""
    languages = context.services.t.languages
    language = languages[index]
    await context.services.repos.users.set_language(context.member.id, language)
    await reply(update, context, context.services.t(language, "core.language.set"))
    refreshed = await context.services.repos.users.get(context.member.id)
    if refreshed is not None:
        context.member = refreshed
        await refresh_menu(context, refreshed)


async def language_chosen(update: Update, context: BotContext, index: int) -> None:
    languages = context.services.t.languages
    if not 0 <= index < len(languages):
        await pressed(update).answer()
        return
    language = languages[index]
    await context.services.repos.users.set_language(context.member.id, language)
    await pressed(update).answer()
    await edit_text(update, context, context.services.t(language, "core.language.set"))
    refreshed = await context.services.repos.users.get(context.member.id)
    if refreshed is not None:
        context.member = refreshed
        await refresh_menu(context, refreshed)


async def decline(update: Update, context: BotContext) -> None:
    await pressed(update).answer()
    context.services.awaiting_consent.pop(context.member.id, None)
    await edit(update, context, context.tr("core.consent.declined"))


async def agree(update: Update, context: BotContext) -> None:
    await _agreed(update, context, question_waiting=False)


async def agree_with_question_waiting(update: Update, context: BotContext) -> None:
    """✅ under the notice shown because a parent's first question waits for it."""
    await _agreed(update, context, question_waiting=True)


async def _agreed(update: Update, context: BotContext, *, question_waiting: bool) -> None:
    await pressed(update).answer()
    if not needs_consent(context):
        # Agreed already ("ja" typed, or a second tap): the buttons go, nothing is said
        # twice and nothing waiting is reported lost.
        await edit_buttons(update, context, _welcome_buttons(context.member.current_webinar))
        return
    refreshed = await _record_agreement(context)
    # The welcome above the notice stays; its consent buttons go (a webinar's welcome
    # gets the name button it would have had).
    await edit_buttons(update, context, _welcome_buttons(refreshed.current_webinar))
    await _after_agreement(update, context, question_waiting=question_waiting)


async def typed_consent(update: Update, context: BotContext) -> None:
    """ "ja", "ok", "akkoord" typed at the notice count as tapping ✅ Akkoord (group -4,
    before a text can become a question); anything else goes on to the features."""
    member = context.member
    if member.roles or not needs_consent(context) or not is_consent_word(text_of(update)):
        return
    await _record_agreement(context)
    await _after_agreement(update, context, question_waiting=False)
    raise ApplicationHandlerStop


def _welcome_buttons(webinar_id: int | None) -> list[list[tuple[str, str]]]:
    return welcome_rows(webinar_id) if webinar_id else []


async def _record_agreement(context: BotContext) -> User:
    services = context.services
    await services.repos.users.record_consent(
        context.member.id, services.settings.privacy.notice_version, services.clock.now()
    )
    refreshed = await services.repos.users.get(context.member.id)
    assert refreshed is not None
    context.member = refreshed
    return refreshed


async def _after_agreement(update: Update, context: BotContext, *, question_waiting: bool) -> None:
    """Thanks, and every question sent before agreeing queued, each quoted back."""
    services = context.services
    pending = services.awaiting_consent.pop(context.member.id, [])
    if pending:
        await say(update, context, "core.consent.thanks")
        for webinar_id, source_msg, text in pending:
            webinar = await services.repos.webinars.by_id(webinar_id)
            if webinar is None or webinar.state is WebinarState.CLOSED:
                await say(update, context, "webinar.ask.not_joined")
                continue
            await store_question(update, context, webinar, source_msg, text, quoted=True)
        return
    current = context.member.current_webinar
    webinar = await services.repos.webinars.by_id(current) if current else None
    in_webinar = webinar is not None and webinar.state is not WebinarState.CLOSED
    if question_waiting:
        # The question was asked before agreeing and is gone (nothing is kept before
        # consent; a restart loses it): say so honestly.
        key = "core.consent.thanks_lost" if in_webinar else "core.consent.thanks_lost_ended"
        await say(update, context, key, [] if in_webinar else MENU)
    elif in_webinar:
        await say(update, context, "core.consent.thanks")
    else:
        await say(update, context, "core.consent.thanks_menu", MENU)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("start", start),
    CommandHandler("help", help_command),
    CommandHandler("taal", language_command),
]

ROUTES = [
    route(callbacks.LANGUAGE_SET, language_chosen),
    route(callbacks.CONSENT_AGREE, agree),
    route(callbacks.CONSENT_AGREE_QUESTION, agree_with_question_waiting),
    route(callbacks.CONSENT_DECLINE, decline),
    route(callbacks.MENU_WEBINAR, menu_webinar),
    route(callbacks.MENU_INLOOP, menu_inloop),
    route(callbacks.MENU_LANGUAGE, menu_language),
    route(callbacks.MENU_DATA, menu_data),
]

# Group -4 (see bot.app): a typed "ja" at the privacy notice, before anything else reads it.
CONSENT_TEXT: list[BaseHandler[Update, BotContext, None]] = [
    MessageHandler(filters.TEXT & ~filters.COMMAND, typed_consent),
]

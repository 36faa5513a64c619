"""Command menus per role (setMyCommands): parents see only their own commands."""

from __future__ import annotations

import logging

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    MenuButtonDefault,
    MenuButtonWebApp,
    WebAppInfo,
)
from telegram.error import TelegramError

from bot.context import BotContext
from bot.core.i18n import Translator
from bot.core.models import Role, User

log = logging.getLogger(__name__)

PARENT_COMMANDS = [
    "start",
    "webinar",
    "vraag",
    "inloop",
    "taal",
    "mijngegevens",
    "vergeetmij",
    "help",
]
MODERATOR_COMMANDS = ["open", "rij", "volgende", "sluit", "afgehandeld", "oefenen"]
COORDINATOR_COMMANDS = [
    "uitnodigen",
    "rollen",
    "afgelasten",
    "bericht",
    "samenvatting",
    "terugkijken",
    "monitor",
    "programma",
]


def commands_for(user_roles: frozenset[Role]) -> list[str]:
    names = list(PARENT_COMMANDS)
    if Role.MODERATOR in user_roles or Role.COORDINATOR in user_roles:
        names += MODERATOR_COMMANDS
    if Role.COORDINATOR in user_roles:
        names += COORDINATOR_COMMANDS
    return names


def _commands(t: Translator, language: str, names: list[str]) -> list[BotCommand]:
    return [BotCommand(name, t(language, f"menu.{name}")) for name in names]


async def set_default_menus(bot: Bot, t: Translator) -> None:
    """Parents' menu for every private chat, per language (the default language unscoped)."""
    scope = BotCommandScopeAllPrivateChats()
    for language in t.languages:
        commands = _commands(t, language, PARENT_COMMANDS)
        code = None if language == t.default_language else language
        await bot.set_my_commands(commands, scope=scope, language_code=code)


async def set_user_menu(bot: Bot, t: Translator, user: User, board_url: str | None = None) -> None:
    """A gespreksleider's or coordinator's own chat gets their fuller menu.

    A failure is logged, not raised: a chat Telegram does not know yet (a coordinator
    who never wrote to the bot) must not keep the next role holder from their menu.
    """
    if board_url is not None:
        await set_board_button(bot, t, user, board_url)
    scope = BotCommandScopeChat(user.id)
    try:
        if not user.roles:
            if user.language_chosen:
                # A parent who picked a language with /taal sees the menu in it, whatever
                # language their Telegram app is set to.
                await bot.set_my_commands(_commands(t, user.language, PARENT_COMMANDS), scope=scope)
            else:
                await bot.delete_my_commands(scope=scope)
            return
        await bot.set_my_commands(
            _commands(t, user.language, commands_for(user.roles)), scope=scope
        )
    except TelegramError as error:
        log.warning("could not set the command menu of %d: %s", user.id, type(error).__name__)


async def set_board_button(bot: Bot, t: Translator, user: User, board_url: str) -> None:
    """Staff's menu button opens the moderation board (a Mini App); others get the
    default button back (a revoked gespreksleider included)."""
    button: MenuButtonDefault | MenuButtonWebApp = MenuButtonDefault()
    if user.has(Role.MODERATOR):
        button = MenuButtonWebApp(t(user.language, "board.menu_button"), WebAppInfo(board_url))
    try:
        await bot.set_chat_menu_button(chat_id=user.id, menu_button=button)
    except TelegramError as error:
        log.warning("could not set the menu button of %d: %s", user.id, type(error).__name__)


async def refresh_menu(context: BotContext, user: User) -> None:
    web = context.services.settings.web
    board_url = web.mini_app_url if web is not None else None
    await set_user_menu(context.bot, context.services.t, user, board_url)

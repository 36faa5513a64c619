"""Command menus (setMyCommands) per role: parents see only their own commands."""

from __future__ import annotations

import re

from telegram import BotCommandScopeAllPrivateChats, BotCommandScopeChat

from bot.app import Ouderbot, create_bot
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.localapi import LocalBotApi
from handlers.menus import COORDINATOR_COMMANDS, MODERATOR_COMMANDS, PARENT_COMMANDS
from tests.helpers import COORDINATOR_ID, MODERATOR_IDS, TOKEN, eventually, make_moderator

INVITE_LINK = re.compile(r"\?start=(g-[A-Za-z0-9_-]+)")


def names(commands: list[dict[str, str]]) -> list[str]:
    return [c["command"] for c in commands]


def chat_scope(chat_id: int) -> dict[str, object]:
    return {"type": "chat", "chat_id": chat_id}


async def test_every_private_chat_shows_parents_only_their_commands_in_both_languages(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    telegram = bot.application.bot
    dutch = await telegram.get_my_commands(scope=BotCommandScopeAllPrivateChats())
    english = await telegram.get_my_commands(
        scope=BotCommandScopeAllPrivateChats(), language_code="en"
    )
    assert [c.command for c in dutch] == PARENT_COMMANDS
    assert [c.command for c in english] == PARENT_COMMANDS
    assert dict((c.command, c.description) for c in dutch)["taal"] == "Taal kiezen"
    assert dict((c.command, c.description) for c in english)["help"] != "Hulp"
    parent = api.user(1201, language_code="en")
    assert names(api.visible_commands(parent.id)) == PARENT_COMMANDS


async def test_gespreksleider_chat_menu_adds_the_moderator_commands(
    settings: Settings, clock: ManualClock, api: LocalBotApi
) -> None:
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert", language_code="nl")
    bot = await create_bot(settings, token=TOKEN, clock=clock)
    try:
        await make_moderator(bot, moderator.id)
        await bot.start()  # menus of role holders are set at start
        scoped = await bot.application.bot.get_my_commands(scope=BotCommandScopeChat(moderator.id))
        assert [c.command for c in scoped] == PARENT_COMMANDS + MODERATOR_COMMANDS
        assert names(api.visible_commands(moderator.id)) == PARENT_COMMANDS + MODERATOR_COMMANDS
    finally:
        await bot.stop()
    assert api.rejections == []


async def test_coordinator_chat_menu_has_every_command(bot: Ouderbot, api: LocalBotApi) -> None:
    coordinator = api.user(COORDINATOR_ID, first_name="Carla", language_code="nl")
    coordinator.send("/start")  # a configured coordinator's first contact
    await coordinator.wait_for(lambda m: "Ouderbot" in m["text"])
    every = PARENT_COMMANDS + MODERATOR_COMMANDS + COORDINATOR_COMMANDS
    await eventually(lambda: names(api.commands(chat_scope(coordinator.id))) == every)
    assert names(api.visible_commands(coordinator.id)) == every


async def test_accepting_an_invite_changes_the_new_gespreksleiders_menu(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    coordinator = api.user(COORDINATOR_ID, first_name="Carla", language_code="nl")
    newcomer = api.user(1202, first_name="Gert", language_code="nl")
    assert names(api.visible_commands(newcomer.id)) == PARENT_COMMANDS

    coordinator.send("/uitnodigen")
    choice = await coordinator.wait_for(lambda m: "Welke rol" in m["text"])
    coordinator.tap("Gespreksleider", choice)
    invite = await coordinator.wait_for(lambda m: INVITE_LINK.search(m["text"]) is not None)
    deep_link = INVITE_LINK.search(invite["text"])
    assert deep_link is not None

    newcomer.send(f"/start {deep_link[1]}")
    await newcomer.wait_for(lambda m: "Je bent nu gespreksleider" in m["text"])
    await eventually(
        lambda: names(api.visible_commands(newcomer.id)) == PARENT_COMMANDS + MODERATOR_COMMANDS
    )
    assert names(api.commands(chat_scope(newcomer.id))) == PARENT_COMMANDS + MODERATOR_COMMANDS


async def test_a_parent_who_picks_english_with_taal_gets_the_english_menu(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = api.user(1202, first_name="Fatima", language_code="nl")
    parent.send("/taal")
    choice = await parent.wait_for(lambda m: "Which language" in m["text"])
    english = next(data for text, data in parent.buttons(choice) if "English" in text)
    parent.press(choice, english)
    await parent.wait_for(lambda m: "in English now" in m["text"])
    await eventually(lambda: api.commands(chat_scope(parent.id), "") != [])
    menu = api.visible_commands(parent.id, "nl")
    assert names(menu) == PARENT_COMMANDS
    assert dict((c["command"], c["description"]) for c in menu)["help"] == "Help"


async def test_turkish_and_arabic_parents_see_their_menu_in_their_language(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    turkish = api.user(1203, first_name="Elif", language_code="tr")
    arabic = api.user(1204, first_name="Samira", language_code="ar")
    menu_tr = api.visible_commands(turkish.id)
    menu_ar = api.visible_commands(arabic.id)
    assert names(menu_tr) == PARENT_COMMANDS
    assert names(menu_ar) == PARENT_COMMANDS
    tr = t_descriptions(menu_tr)
    ar = t_descriptions(menu_ar)
    assert tr["vergeetmij"] == "Verilerimi sil"
    assert tr["taal"] == "Dil seç"
    assert ar["vergeetmij"] == "\u200fمسح بياناتي"
    assert ar["help"] == "\u200fمساعدة"


async def test_an_arabic_coordinator_gets_the_staff_commands_in_english(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    coordinator = api.user(COORDINATOR_ID, first_name="Carla", language_code="ar")
    coordinator.send("/start")
    await eventually(lambda: api.commands(chat_scope(coordinator.id), "") != [])
    menu = t_descriptions(api.visible_commands(coordinator.id))
    assert list(menu) == PARENT_COMMANDS + MODERATOR_COMMANDS + COORDINATOR_COMMANDS
    assert menu["help"] == "\u200fمساعدة"  # parents' commands in Arabic
    assert menu["samenvatting"] == "Feedback and figures"  # staff commands in English


def t_descriptions(commands: list[dict[str, str]]) -> dict[str, str]:
    return {c["command"]: c["description"] for c in commands}

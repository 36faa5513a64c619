"""How the chat leads to the board: the gespreksleider's menu button, and the board and
presenter view buttons under /rij (web_app buttons need an https public_url)."""

from __future__ import annotations

from pathlib import Path

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, MenuButtonWebApp, WebAppInfo
from telegram.error import BadRequest

from bot.app import create_bot
from bot.core.clock import ManualClock
from bot.localapi import LocalBotApi
from tests.board_helpers import WEB, open_webinar
from tests.helpers import COORDINATOR_ID, MODERATOR_IDS, TOKEN, make_moderator, make_settings


def web_buttons(message: dict) -> list[dict]:  # type: ignore[type-arg]
    markup = message.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row if "callback_data" not in b]


async def test_staff_get_the_board_as_menu_button_and_lose_it_when_revoked(
    tmp_path: Path, clock: ManualClock, api: LocalBotApi
) -> None:
    settings = make_settings(tmp_path / "db.sqlite3", api, web=WEB)
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert", language_code="nl")
    parent = api.user(20_000, first_name="Ouder", language_code="nl")
    coordinator = api.user(COORDINATOR_ID, first_name="Carla", language_code="nl")
    bot = await create_bot(settings, token=TOKEN, clock=clock)
    try:
        await make_moderator(bot, moderator.id)
        await bot.start()  # role holders' menus are set at start
        button = api.menu_button(moderator.id)
        assert button == {
            "type": "web_app",
            "text": "Vragenbord",
            "web_app": {"url": "https://board.example.org/app/"},
        }
        assert api.menu_button(parent.id) == {"type": "commands"}
        coordinator.send("/rollen")
        overview = await coordinator.wait_for(lambda m: "Gespreksleiders" in m["text"])
        revoke = next(d for t, d in coordinator.buttons(overview) if "800001" in t or "Gert" in t)
        coordinator.press(overview, revoke)
        confirm = await coordinator.wait_for(lambda m: "intrekken?" in m["text"])
        coordinator.tap("🗑 Ja, intrekken", confirm)
        await coordinator.wait_for(
            lambda m: m["message_id"] == overview["message_id"] and "800001" not in m["text"]
        )
        assert api.menu_button(moderator.id) == {"type": "commands"}
    finally:
        await bot.stop()
    assert [(r.method, r.description) for r in api.rejections] == []


async def test_rij_offers_the_board_and_the_presenter_view(
    tmp_path: Path, clock: ManualClock, api: LocalBotApi
) -> None:
    settings = make_settings(tmp_path / "db.sqlite3", api, web=WEB)
    bot = await create_bot(settings, token=TOKEN, clock=clock)
    await bot.start()
    try:
        (moderator,), _ = await open_webinar(bot, api, ["een vraag over slapen"])
        moderator.send("/rij")
        panel = await moderator.wait_for(lambda m: "in de rij" in m["text"])
        board, presenter = web_buttons(panel)
        assert board["web_app"] == {"url": "https://board.example.org/app/"}
        assert presenter["url"].startswith("https://board.example.org/app/presenter/1/")
    finally:
        await bot.stop()
    assert [(r.method, r.description) for r in api.rejections] == []


async def test_without_an_https_address_the_chat_gets_no_board_buttons(
    tmp_path: Path, clock: ManualClock, api: LocalBotApi
) -> None:
    web = {"listen": "127.0.0.1:0", "public_url": "http://127.0.0.1:8080"}
    settings = make_settings(tmp_path / "db.sqlite3", api, web=web)
    bot = await create_bot(settings, token=TOKEN, clock=clock)
    await bot.start()
    try:
        (moderator,), _ = await open_webinar(bot, api, ["een vraag over slapen"])
        moderator.send("/rij")
        panel = await moderator.wait_for(lambda m: "in de rij" in m["text"])
        assert web_buttons(panel) == []
        assert api.menu_button(moderator.id) == {"type": "commands"}
    finally:
        await bot.stop()
    assert [(r.method, r.description) for r in api.rejections] == []


async def test_the_local_api_refuses_mini_apps_on_plain_http_as_telegram_does(
    api: LocalBotApi,
) -> None:
    from telegram import Bot

    user = api.user(20_001)
    async with Bot(TOKEN, base_url=api.base_url) as telegram:
        with pytest.raises(BadRequest, match=r"(?i)only https links are allowed"):
            await telegram.send_message(
                user.id,
                "bord",
                reply_markup=InlineKeyboardMarkup(
                    [[InlineKeyboardButton("Bord", web_app=WebAppInfo("http://x.example/app/"))]]
                ),
            )
        with pytest.raises(BadRequest, match=r"(?i)only https links are allowed"):
            await telegram.set_chat_menu_button(
                chat_id=user.id, menu_button=MenuButtonWebApp("Bord", WebAppInfo("http://x/"))
            )
        await telegram.set_chat_menu_button(
            chat_id=user.id, menu_button=MenuButtonWebApp("Bord", WebAppInfo("https://x/app/"))
        )
        shown = await telegram.get_chat_menu_button(chat_id=user.id)
        assert isinstance(shown, MenuButtonWebApp)
        assert shown.web_app.url == "https://x/app/"

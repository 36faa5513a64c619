"""Invites and revoking roles, through the real bot."""

from __future__ import annotations

import re
from pathlib import Path

from bot.app import Ouderbot
from bot.core.clock import ManualClock
from bot.localapi import LocalBotApi
from tests.helpers import COORDINATOR_ID, add_webinar, eventually, make_settings, start_bot

INVITE_LINK = re.compile(r"\?start=(g-[A-Za-z0-9_-]+)")


async def invite(api: LocalBotApi, role_button: str) -> str:
    coordinator = api.user(COORDINATOR_ID, first_name="Carla", language_code="nl")
    coordinator.send("/uitnodigen")
    choice = await coordinator.wait_for(lambda m: "Welke rol" in m["text"])
    coordinator.press(choice, next(d for t, d in coordinator.buttons(choice) if role_button in t))
    created = await coordinator.wait_for(lambda m: "?start=g-" in (m.get("text") or ""))
    match = INVITE_LINK.search(created["text"])
    assert match is not None
    return match.group(1)


async def test_an_invite_works_once_and_a_coordinator_can_revoke_the_role(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await add_webinar(bot, "slapen")
    start_param = await invite(api, "Gespreksleider")
    gert = api.user(800_101, first_name="Gert", language_code="nl")
    gert.send(f"/start {start_param}")
    await gert.wait_for(lambda m: "nu gespreksleider" in m["text"])
    # The same link a second time, by someone else: refused.
    other = api.user(800_102, first_name="Otto", language_code="nl")
    other.send(f"/start {start_param}")
    await other.wait_for(lambda m: "werkt niet (meer)" in m["text"])
    other.send("/open slapen")
    await other.wait_for(lambda m: "alleen voor gespreksleiders" in m["text"])

    coordinator = api.user(COORDINATOR_ID)
    coordinator.send("/rollen")
    overview = await coordinator.wait_for(lambda m: "Gespreksleiders en coördinatoren" in m["text"])
    assert "Gert (800101)" in overview["text"]
    assert "vast, uit de configuratie" in overview["text"]
    # A forged revoke from the new gespreksleider changes nothing.
    gert.press(gert.last_message, "1:inv:revoke:800101:0")
    revoke = next(d for t, d in coordinator.buttons(overview) if "Gert" in t)
    coordinator.press(overview, revoke)
    confirm = await coordinator.wait_for(lambda m: "intrekken?" in m["text"])
    assert "Gert" in confirm["text"]
    coordinator.tap("↩️ Nee, terug", confirm)  # a slip: nothing happens
    overview = await coordinator.wait_for(lambda m: "Gespreksleiders en" in m["text"])
    assert "Gert (800101)" in overview["text"]
    user = await bot.services.repos.users.get(800_101)
    assert user is not None and user.roles
    coordinator.press(overview, revoke)
    confirm = await coordinator.wait_for(lambda m: "intrekken?" in m["text"])
    coordinator.tap("🗑 Ja, intrekken", confirm)
    await coordinator.wait_for(
        lambda m: m["message_id"] == overview["message_id"] and "Gert" not in m["text"]
    )
    gert.send("/open slapen")
    await gert.wait_for(lambda m: "alleen voor gespreksleiders" in m["text"], timeout=5)
    user = await bot.services.repos.users.get(800_101)
    assert user is not None and not user.roles


async def test_configured_coordinators_cannot_be_revoked(bot: Ouderbot, api: LocalBotApi) -> None:
    coordinator = api.user(COORDINATOR_ID, first_name="Carla", language_code="nl")
    coordinator.send("/rollen")
    overview = await coordinator.wait_for(lambda m: "Gespreksleiders" in m["text"])
    coordinator.press(overview, f"1:inv:revoke:{COORDINATOR_ID}:1")
    await eventually(lambda: not api.unanswered_callback_queries())
    user = await bot.services.repos.users.get(COORDINATOR_ID)
    assert user is not None and user.roles


async def test_a_configured_coordinator_is_named_once_seen(
    tmp_path: Path, clock: ManualClock, api: LocalBotApi
) -> None:
    second = COORDINATOR_ID + 9
    settings = make_settings(
        tmp_path / "bot.sqlite3", api, roles={"coordinators": [COORDINATOR_ID, second]}
    )
    bot = await start_bot(settings, clock)
    try:
        carla = api.user(COORDINATOR_ID, first_name="Carla", language_code="nl")
        carla.send("/rollen")
        overview = await carla.wait_for(lambda m: "Gespreksleiders en" in m["text"])
        assert "Carla (900001)" in overview["text"]
        assert f"naam volgt zodra deze persoon de bot start ({second})" in overview["text"]
        assert "naam onbekend" not in overview["text"]
        dirk = api.user(second, first_name="Dirk", language_code="nl")
        dirk.send("/start")
        await dirk.wait_for(lambda m: "Hoi!" in m["text"])
        carla.send("/rollen")
        overview = await carla.wait_for(lambda m: "Gespreksleiders en" in m["text"])
        assert f"Dirk ({second})" in overview["text"]
    finally:
        await bot.stop()

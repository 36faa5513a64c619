"""Invites and revoking roles, through the real bot."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from bot.app import Ouderbot
from bot.core.clock import ManualClock
from bot.localapi import FakeUser, LocalBotApi
from tests.helpers import (
    COORDINATOR_ID,
    MODERATOR_IDS,
    add_webinar,
    eventually,
    make_moderator,
    make_settings,
    start_bot,
    texts,
)

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
    assert user is not None
    assert user.roles
    coordinator.press(overview, revoke)
    confirm = await coordinator.wait_for(lambda m: "intrekken?" in m["text"])
    coordinator.tap("🗑 Ja, intrekken", confirm)
    await coordinator.wait_for(
        lambda m: m["message_id"] == overview["message_id"] and "Gert" not in m["text"]
    )
    gert.send("/open slapen")
    await gert.wait_for(lambda m: "alleen voor gespreksleiders" in m["text"], timeout=5)
    user = await bot.services.repos.users.get(800_101)
    assert user is not None
    assert not user.roles


async def test_configured_coordinators_cannot_be_revoked(bot: Ouderbot, api: LocalBotApi) -> None:
    coordinator = api.user(COORDINATOR_ID, first_name="Carla", language_code="nl")
    coordinator.send("/rollen")
    overview = await coordinator.wait_for(lambda m: "Gespreksleiders" in m["text"])
    coordinator.press(overview, f"1:inv:revoke:{COORDINATOR_ID}:1")
    await eventually(lambda: not api.unanswered_callback_queries())
    user = await bot.services.repos.users.get(COORDINATOR_ID)
    assert user is not None
    assert user.roles


def has(text: str) -> Any:
    return lambda m: text in (m.get("text") or "")


async def parent_asks(api: LocalBotApi, user_id: int, code: str, question: str) -> FakeUser:
    parent = api.user(user_id, first_name="Ouder", language_code="nl")
    parent.send(f"/start w-{code}")
    notice = await parent.wait_for(
        lambda m: any(":c:agree" in (d or "") for _, d in parent.buttons(m))
    )
    parent.press(notice, "1:c:agree")
    await parent.wait_for(has("Dank je! Je kunt nu"))
    parent.send(question)
    await parent.wait_for(has("in de rij"))
    return parent


async def test_revoking_a_gespreksleider_ends_their_panel_claims_and_draft_and_tells_them(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await add_webinar(bot, "slapen")
    gert = api.user(800_101, first_name="Gert", language_code="nl")
    gert.send(f"/start {await invite(api, 'Gespreksleider')}")
    await gert.wait_for(has("nu gespreksleider"))
    gert.send("/open slapen")
    await gert.wait_for(has("open voor vragen"))
    parent = await parent_asks(api, 5_000_001, "slapen", "Hoe krijg ik mijn peuter in bed?")
    gert.send("/rij")
    panel = await gert.wait_for(has("peuter"))
    gert.send("/volgende")
    card = await gert.wait_for(has("Hoe krijg ik"))
    gert.press(card, next(d for t, d in gert.buttons(card) if d and ":q:write:" in d))
    await gert.wait_for(has("Typ je antwoord"))

    coordinator = api.user(COORDINATOR_ID)
    coordinator.send("/rollen")
    overview = await coordinator.wait_for(has("Gespreksleiders en coördinatoren"))
    coordinator.press(overview, next(d for t, d in coordinator.buttons(overview) if "Gert" in t))
    confirm = await coordinator.wait_for(has("intrekken?"))
    coordinator.tap("🗑 Ja, intrekken", confirm)
    await coordinator.wait_for(
        lambda m: m["message_id"] == overview["message_id"] and "intrekken?" not in m["text"]
    )

    await gert.wait_for(has("geen gespreksleider meer. De vragen die je had, staan weer in de rij"))
    ended = await gert.wait_for(
        lambda m: m["message_id"] == panel["message_id"] and "gestopt" in m["text"]
    )
    assert gert.buttons(ended) == []
    questions = await bot.services.repos.questions.unanswered(
        (await bot.services.repos.webinars.by_code("slapen")).id  # type: ignore[union-attr]
    )
    assert [(q.state.value, q.claimed_by) for q in questions] == [("open", None)]
    assert await bot.services.repos.questions.pending_written_answer(800_101) is None

    # What Gert types now is neither an answer for the parent nor a parent's question.
    gert.send("Leg hem gewoon om zeven uur in bed.")
    await gert.wait_for(has("niet mee aan een webinar"))
    await api.wait_until_idle()
    assert not any("zeven uur" in text for text in texts(parent))
    counts = await bot.services.repos.questions.counts(questions[0].webinar_id)
    assert counts.total == 1

    # Another gespreksleider gets the released question.
    other = api.user(MODERATOR_IDS[0], first_name="Mia", language_code="nl")
    await make_moderator(bot, other.id)
    other.send("/open slapen")
    await other.wait_for(has("open voor vragen"))
    other.send("/volgende")
    await other.wait_for(has("Hoe krijg ik mijn peuter"))


async def my_data(api: LocalBotApi, user: FakeUser) -> tuple[str, dict[str, Any]]:
    user.send("/mijngegevens")
    text = (await user.wait_for(has("Wat we van je bewaren")))["text"]
    document = await user.wait_for(lambda m: "document" in m)
    return text, json.loads(api.file_bytes(document["document"]["file_id"]))


async def test_staff_see_their_name_and_invites_in_my_data(bot: Ouderbot, api: LocalBotApi) -> None:
    used = await invite(api, "Gespreksleider")
    await invite(api, "Coördinator")  # made, never used
    gert = api.user(800_101, first_name="Gert", language_code="nl")
    gert.send(f"/start {used}")
    await gert.wait_for(has("nu gespreksleider"))

    text, exported = await my_data(api, gert)
    assert "Je naam bij je rol als gespreksleider: Gert" in text
    assert "• Je werd gespreksleider met een uitnodiging, op dinsdag 1 december, 10:00" in text
    assert exported["staff_roles"] == [
        {"role": "moderator", "display_name": "Gert", "granted_at": "2026-12-01T09:00:00+00:00"}
    ]
    assert [(i["role"], i["made"]) for i in exported["invites"]] == [("moderator", False)]
    assert used[2:] not in json.dumps(exported)  # the token itself is never kept

    text, exported = await my_data(api, api.user(COORDINATOR_ID))
    assert "Uitnodigingen (2)" in text
    assert "• Je maakte een uitnodiging als gespreksleider op dinsdag 1 december, 10:00:" in text
    assert "gebruikt op dinsdag 1 december, 10:00" in text
    assert "uitnodiging als coördinator op dinsdag 1 december, 10:00: niet gebruikt" in text
    assert [(i["role"], i["made"], i["used_at"] is not None) for i in exported["invites"]] == [
        ("moderator", True, True),
        ("coordinator", True, False),
    ]


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

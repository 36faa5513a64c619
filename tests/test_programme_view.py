"""/open with an unknown code suggests close codes; /programma shows a coordinator the
programme with codes and parent links."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.app import Ouderbot
from bot.localapi import LocalBotApi
from bot.webinar.codes import close_codes
from tests.helpers import COORDINATOR_ID, MODERATOR_IDS, add_webinar, make_moderator


def has(text: str) -> Any:
    return lambda m: text in (m.get("text") or "")


def test_close_codes_catch_typos_prefixes_and_title_words() -> None:
    known = [("pubers", "Pubers en social media"), ("slapen", "Slapen zonder strijd")]
    assert close_codes("pubrs", known) == ["pubers"]
    assert close_codes("pub", known) == ["pubers"]
    assert close_codes("strijd", known) == ["slapen"]
    assert close_codes("xyz", known) == []


async def test_open_with_an_unknown_code_offers_the_close_ones_as_buttons(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await add_webinar(bot, "pubers", "Pubers en social media")
    await add_webinar(bot, "slapen", "Slapen zonder strijd")
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert", language_code="nl")
    await make_moderator(bot, moderator.id)
    moderator.send("/open pubrs")
    offer = await moderator.wait_for(has("Bedoel je een van deze?"))
    labels = [label for label, _ in moderator.buttons(offer)]
    assert labels == ["pubers · Pubers en social media"]
    moderator.press(offer, moderator.buttons(offer)[0][1])
    await moderator.wait_for(has("open voor vragen"))
    moderator.send("/open helemaalanders")
    await moderator.wait_for(has("Ik ken geen webinar met code"))


async def test_programma_lists_webinars_with_date_code_and_parent_link(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await add_webinar(bot, "pubers", "Pubers en social media", starts_in=timedelta(days=21))
    coordinator = api.user(COORDINATOR_ID, first_name="Carla", language_code="nl")
    coordinator.send("/programma")
    shown = await coordinator.wait_for(has("Webinars"))
    assert "Pubers en social media" in shown["text"]
    assert "code pubers" in shown["text"]
    assert "https://t.me/ouderbot_test?start=w-pubers" in shown["text"]
    assert "22 december" in shown["text"] or "22 dec" in shown["text"]
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert", language_code="nl")
    await make_moderator(bot, moderator.id)
    moderator.send("/programma")
    await moderator.wait_for(has("alleen voor"))

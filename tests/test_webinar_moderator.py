"""A gespreksleider's own steps: plain text, pausing a parent, /open without a code."""

from __future__ import annotations

from bot.app import Ouderbot
from bot.localapi import LocalBotApi
from tests.helpers import MODERATOR_IDS, add_webinar, eventually, make_moderator


async def test_a_moderators_plain_text_is_a_hint_not_a_parent_question(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await add_webinar(bot, "slapen")
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert", language_code="nl")
    await make_moderator(bot, moderator.id)
    moderator.send("/open slapen")
    await moderator.wait_for(lambda m: "open voor vragen" in m["text"])
    moderator.send("ok, we beginnen zo")
    hint = await moderator.wait_for(lambda m: "Je bent gespreksleider" in m["text"])
    assert "/volgende" in hint["text"] and "/vraag" in hint["text"]
    assert any(":panel:next:" in (data or "") for _, data in moderator.buttons(hint))
    await eventually(lambda: api.pending_updates_count == 0)
    assert not any("Over je gegevens" in m["text"] for m in moderator.messages)
    webinar = await bot.services.repos.webinars.by_code("slapen")
    assert webinar is not None
    assert (await bot.services.repos.questions.counts(webinar.id)).total == 0

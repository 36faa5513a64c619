"""A gespreksleider's own steps: plain text, pausing a parent, /open without a code."""

from __future__ import annotations

from bot.app import Ouderbot
from bot.localapi import LocalBotApi
from tests.helpers import (
    MODERATOR_IDS,
    add_webinar,
    eventually,
    make_moderator,
    webinar_opened_by_gert,
)
from tests.test_moderation_card import button, pull, setup


async def test_a_moderators_plain_text_is_a_hint_not_a_parent_question(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator = await webinar_opened_by_gert(bot, api)
    moderator.send("ok, we beginnen zo")
    hint = await moderator.wait_for(lambda m: "Je bent gespreksleider" in m["text"])
    assert "/volgende" in hint["text"]
    assert "/vraag" in hint["text"]
    assert any(":panel:next:" in (data or "") for _, data in moderator.buttons(hint))
    await eventually(lambda: api.pending_updates_count == 0)
    assert not any("Over je gegevens" in m["text"] for m in moderator.messages)
    webinar = await bot.services.repos.webinars.by_code("slapen")
    assert webinar is not None
    assert (await bot.services.repos.questions.counts(webinar.id)).total == 0


async def test_pausing_a_parent_asks_first_and_can_be_undone(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator, (asker,) = await setup(bot, api, ["een vraag met scheldwoorden"])
    card = await pull(moderator)
    moderator.press(card, button(moderator, card, "mute"))
    confirm = await moderator.wait_for(
        lambda m: m["message_id"] == card["message_id"] and "pauzeren?" in m["text"]
    )
    assert [label for label, _ in moderator.buttons(confirm)] == ["🔇 Ja, pauzeren", "↩️ Nee, terug"]
    asker.send("nog een vraag")  # nothing happened yet: still welcome
    await asker.wait_for(lambda m: "in de rij" in m["text"])

    moderator.press(confirm, button(moderator, confirm, "muteno"))
    back = await moderator.wait_for(
        lambda m: m["message_id"] == card["message_id"] and "pauzeren?" not in m["text"]
    )
    assert "🔇 Ouder pauzeren" in [label for label, _ in moderator.buttons(back)]

    moderator.press(back, button(moderator, back, "mute"))
    confirm = await moderator.wait_for(lambda m: "pauzeren?" in m["text"])
    moderator.press(confirm, button(moderator, confirm, "muteyes"))
    paused = await moderator.wait_for(lambda m: "is gepauzeerd" in m["text"])
    asker.send("en nog een")
    await asker.wait_for(lambda m: "gepauzeerd" in m["text"])

    moderator.press(paused, button(moderator, paused, "remove"))
    done = await moderator.wait_for(lambda m: "is verwijderd" in m["text"])
    moderator.press(done, button(moderator, done, "unmute"))  # the way back, also afterwards
    await eventually(
        lambda: (
            "🔊 Pauze opheffen" not in str(moderator.buttons(moderator.message(done["message_id"])))
        )
    )
    asker.send("mag ik weer?")
    await asker.wait_for(lambda m: "in de rij" in m["text"])


async def test_open_without_a_code_offers_todays_webinars_as_buttons(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    from datetime import timedelta

    from bot.core.models import WebinarState

    await add_webinar(bot, "slapen", title="Slapen zonder strijd", starts_in=timedelta(hours=1))
    await add_webinar(bot, "eten", title="Eten zonder gedoe", starts_in=timedelta(hours=3))
    closed = await add_webinar(bot, "klaar", title="Al geweest", starts_in=timedelta(hours=-2))
    await bot.services.repos.webinars.set_state(
        closed, WebinarState.CLOSED, bot.services.clock.now()
    )
    await add_webinar(bot, "morgen", title="Morgen pas", starts_in=timedelta(days=1))
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert", language_code="nl")
    await make_moderator(bot, moderator.id)
    moderator.send("/open")
    choice = await moderator.wait_for(lambda m: "Welk webinar wil je openen?" in m["text"])
    # 09:00 UTC is 10:00 in Utrecht: the labels show local times.
    assert [label for label, _ in moderator.buttons(choice)] == [
        "11:00 · Slapen zonder strijd",
        "13:00 · Eten zonder gedoe",
    ]
    moderator.tap("13:00 · Eten zonder gedoe", choice)
    await moderator.wait_for(
        lambda m: "Eten zonder gedoe" in m["text"] and "open voor" in m["text"]
    )
    webinar = await bot.services.repos.webinars.by_code("eten")
    assert webinar is not None
    assert webinar.state is WebinarState.OPEN
    assert moderator.buttons(moderator.message(choice["message_id"])) == []

"""Typed text where buttons are offered is matched to them or gets "tik op een knop";
it never becomes a question by accident. Emoji alone are no question; withdrawing asks."""

from __future__ import annotations

from typing import Any

from bot.app import Ouderbot
from bot.localapi import LocalBotApi
from tests.helpers import eventually, parents_asked, webinar_opened_by_gert


def has(text: str) -> Any:
    return lambda m: text in (m.get("text") or "")


async def settle(bot: Ouderbot, api: LocalBotApi) -> None:
    await eventually(lambda: api.pending_updates_count == 0)
    await eventually(lambda: not bot.busy())


async def queued(bot: Ouderbot) -> list[str]:
    webinar = await bot.services.repos.webinars.by_code("slapen")
    assert webinar is not None
    return [q.text or "" for q in await bot.services.repos.questions.top_open(webinar.id, 50)]


async def test_a_wijk_typed_after_inloop_shows_that_wijk_and_is_no_question(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    from tests.test_inloop import load_example

    await load_example(bot)
    await webinar_opened_by_gert(bot, api)
    (parent,) = await parents_asked(bot, api, ["Hoe krijg ik mijn peuter in bed?"])
    parent.send("/inloop")
    await parent.wait_for(has("In welke wijk"))
    parent.send("hoograven")
    shown = await parent.wait_for(has("Hoograven"))
    assert "speeltuin" in shown["text"].lower()
    parent.send("/inloop")
    await parent.wait_for(has("In welke wijk"))
    parent.send("Nergensland")
    again = await parent.wait_for(has("Tik op een van de knoppen"))
    assert "In welke wijk" in again["text"]
    assert parent.buttons(again)
    await settle(bot, api)
    assert await queued(bot) == ["Hoe krijg ik mijn peuter in bed?"]
    # A real question in the open webinar still goes through.
    parent.send("/inloop")
    await parent.wait_for(has("In welke wijk"))
    parent.send("Hoe lang mag een dutje duren?")
    await parent.wait_for(has("staat in de rij"))


async def test_a_language_typed_after_taal_is_chosen(bot: Ouderbot, api: LocalBotApi) -> None:
    parent = api.user(1501, first_name="Amy", language_code="nl")
    parent.send("/taal")
    await parent.wait_for(has("Welke taal"))
    parent.send("English")
    await parent.wait_for(lambda m: "English" in m["text"] or "language" in m["text"].lower())
    user = await bot.services.repos.users.get(1501)
    assert user is not None
    assert user.language == "en"


async def test_ja_at_a_confirmation_and_emoji_alone_are_no_questions(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await webinar_opened_by_gert(bot, api)
    (parent,) = await parents_asked(bot, api, ["Hoe krijg ik mijn peuter in bed?"])
    ack = parent.messages[-1]
    parent.press(ack, next(d for _, d in parent.buttons(ack) if d and ":p:withdraw:" in d))
    await parent.wait_for(has("Je vraag intrekken?"))
    # Asked first: the question is still there.
    assert await queued(bot) == ["Hoe krijg ik mijn peuter in bed?"]
    parent.send("misschien")
    again = await parent.wait_for(has("Tik op een van de knoppen"))
    assert any(d and ":p:withdrawyes:" in d for _, d in parent.buttons(again))
    await settle(bot, api)
    assert await queued(bot) == ["Hoe krijg ik mijn peuter in bed?"]
    parent.send("nee")
    await parent.wait_for(has("Je vraag blijft in de rij"))
    parent.send("👍🙏")
    await parent.wait_for(has("geen woorden"))
    await settle(bot, api)
    assert await queued(bot) == ["Hoe krijg ik mijn peuter in bed?"]
    ack = parent.message(ack["message_id"])  # still asking: its "Nee" puts it back
    parent.press(ack, next(d for _, d in parent.buttons(ack) if d and ":p:withdrawno:" in d))
    await eventually(lambda: api.unanswered_callback_queries() == [])
    ack = await parent.wait_for(
        lambda m: any(d and ":p:withdraw:" in d for _, d in parent.buttons(m)),
        include_earlier=True,
    )
    parent.press(ack, next(d for _, d in parent.buttons(ack) if d and ":p:withdraw:" in d))
    await parent.wait_for(has("Je vraag intrekken?"))
    parent.send("Ja!")
    await parent.wait_for(has("is ingetrokken"))
    assert await queued(bot) == []


async def test_ja_typed_at_sluit_and_at_open_of_another_day_is_the_button(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    from datetime import timedelta

    from bot.core.models import WebinarState
    from tests.helpers import add_webinar

    gert = await webinar_opened_by_gert(bot, api)
    await add_webinar(bot, "pubers", "Pubers", starts_in=timedelta(days=21))
    gert.send("/open pubers")
    await gert.wait_for(has("niet vandaag"))
    gert.send("nee")
    await gert.wait_for(has("Niet geopend"))
    gert.send("/sluit")
    await gert.wait_for(has("sluiten?"))
    gert.send("ja")
    await gert.wait_for(has("is gesloten"))
    for code, state in (("slapen", WebinarState.CLOSED), ("pubers", WebinarState.SCHEDULED)):
        webinar = await bot.services.repos.webinars.by_code(code)
        assert webinar is not None
        assert webinar.state is state

"""/open of another day's webinar and /sluit ask first; a close can be undone within a
day by the one who closed it or a coordinator; colleagues hear of it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.app import Ouderbot
from bot.core.clock import ManualClock
from bot.core.models import WebinarState
from bot.localapi import LocalBotApi
from tests.helpers import (
    COORDINATOR_ID,
    MODERATOR_IDS,
    add_webinar,
    eventually,
    make_moderator,
    parents_asked,
    webinar_opened_by_gert,
)


def data(user: Any, message: dict[str, Any], part: str) -> str:
    return next(d for _, d in user.buttons(message) if d and part in d)


async def state(bot: Ouderbot, code: str = "slapen") -> WebinarState:
    webinar = await bot.services.repos.webinars.by_code(code)
    assert webinar is not None
    return webinar.state


async def test_open_of_a_webinar_three_weeks_away_asks_first_with_its_date(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await add_webinar(bot, "pubers", "Pubers", starts_in=timedelta(days=21))
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert", language_code="nl")
    await make_moderator(bot, moderator.id)
    moderator.send("/open pubers")
    ask = await moderator.wait_for(lambda m: "niet vandaag" in m["text"])
    assert "dinsdag 22 december" in ask["text"]
    assert await state(bot, "pubers") is WebinarState.SCHEDULED
    moderator.press(ask, data(moderator, ask, ":o:openno:"))
    await moderator.wait_for(lambda m: "Niet geopend" in m["text"])
    assert await state(bot, "pubers") is WebinarState.SCHEDULED
    moderator.send("/open pubers")
    ask = await moderator.wait_for(lambda m: "niet vandaag" in m["text"])
    moderator.press(ask, data(moderator, ask, ":o:openyes:"))
    await moderator.wait_for(lambda m: "open voor vragen" in m["text"])
    assert await state(bot, "pubers") is WebinarState.OPEN


async def test_sluit_asks_first_and_no_keeps_the_webinar_open(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator = await webinar_opened_by_gert(bot, api)
    await parents_asked(bot, api, ["Hoe krijg ik mijn peuter in bed?"])
    moderator.send("/sluit")
    ask = await moderator.wait_for(lambda m: "sluiten?" in m["text"])
    assert "Nog in de rij: 1" in ask["text"]
    assert await state(bot) is WebinarState.OPEN
    moderator.press(ask, data(moderator, ask, ":s:no:"))
    await moderator.wait_for(lambda m: "blijft open" in m["text"])
    assert await state(bot) is WebinarState.OPEN


async def test_closing_tells_the_colleague_and_the_closer_can_reopen_it(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    gert = await webinar_opened_by_gert(bot, api)
    ilse = api.user(MODERATOR_IDS[1], first_name="Ilse", language_code="nl")
    await make_moderator(bot, ilse.id)
    ilse.send("/open slapen")
    await ilse.wait_for(lambda m: "open voor vragen" in m["text"])
    (parent,) = await parents_asked(bot, api, ["Hoe krijg ik mijn peuter in bed?"])
    gert.send("/sluit")
    ask = await gert.wait_for(lambda m: "sluiten?" in m["text"])
    gert.press(ask, data(gert, ask, ":s:yes:"))
    summary = await gert.wait_for(lambda m: "is gesloten" in m["text"])
    await ilse.wait_for(lambda m: "Een collega heeft" in m["text"] and "gesloten" in m["text"])
    # Ilse did not close it: she cannot reopen it.
    ilse.send("/open slapen")
    await ilse.wait_for(lambda m: "is al gesloten" in m["text"])

    gert.press(summary, data(gert, summary, ":s:reopen:"))
    await gert.wait_for(lambda m: "weer open voor vragen" in m["text"])
    await ilse.wait_for(lambda m: "weer geopend" in m["text"])
    assert await state(bot) is WebinarState.OPEN
    parent.send("En hoe lang mag een dutje duren?")
    await parent.wait_for(lambda m: "staat in de rij" in m["text"])


async def test_a_close_can_be_undone_by_a_coordinator_within_a_day_not_later(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    gert = await webinar_opened_by_gert(bot, api)
    gert.send("/sluit")
    ask = await gert.wait_for(lambda m: "sluiten?" in m["text"])
    gert.press(ask, data(gert, ask, ":s:yes:"))
    summary = await gert.wait_for(lambda m: "is gesloten" in m["text"])
    coordinator = api.user(COORDINATOR_ID, first_name="Carla", language_code="nl")
    clock.advance(timedelta(hours=23))
    coordinator.send("/open slapen")
    offer = await coordinator.wait_for(lambda m: "weer openen" in m["text"])
    coordinator.press(offer, data(coordinator, offer, ":s:reopen:"))
    await coordinator.wait_for(lambda m: "weer open voor vragen" in m["text"])
    assert await state(bot) is WebinarState.OPEN

    gert.send("/sluit")
    ask = await gert.wait_for(lambda m: "sluiten?" in m["text"])
    gert.press(ask, data(gert, ask, ":s:yes:"))
    summary = await gert.wait_for(lambda m: "is gesloten" in m["text"])
    clock.advance(timedelta(hours=25))
    gert.press(summary, data(gert, summary, ":s:reopen:"))
    await eventually(lambda: api.unanswered_callback_queries() == [])
    assert await state(bot) is WebinarState.CLOSED
    gert.send("/open slapen")
    await gert.wait_for(lambda m: "is al gesloten" in m["text"])


async def test_a_parent_who_writes_after_the_close_hears_the_webinar_ended(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    gert = await webinar_opened_by_gert(bot, api)
    (parent,) = await parents_asked(bot, api, ["Hoe krijg ik mijn peuter in bed?"])
    gert.send("/sluit")
    ask = await gert.wait_for(lambda m: "sluiten?" in m["text"])
    gert.press(ask, data(gert, ask, ":s:yes:"))
    await gert.wait_for(lambda m: "is gesloten" in m["text"])
    await parent.wait_for(lambda m: "feedback" in m["text"].lower() or "gezichtje" in m["text"])
    parent.send("Nog een vraag over slapen?")
    told = await parent.wait_for(lambda m: "is afgelopen" in m["text"])
    assert "niet in de rij gezet" in told["text"]

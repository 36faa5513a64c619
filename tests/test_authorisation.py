"""Buttons are re-authorised on the server: a crafted press with another webinar's id
does nothing, and a hidden first name is hidden on every question, also earlier ones."""

from __future__ import annotations

from typing import Any

from bot.app import Ouderbot
from bot.core import callbacks
from bot.localapi import FakeUser, LocalBotApi
from tests.helpers import MODERATOR_IDS, add_webinar, eventually, make_moderator


def has(text: str) -> Any:
    return lambda m: text in (m.get("text") or "")


def data_of(user: FakeUser, message: dict[str, Any], fragment: str) -> str:
    return next(data for _, data in user.buttons(message) if data and fragment in data)


async def moderator_opens(bot: Ouderbot, api: LocalBotApi, user_id: int, code: str) -> FakeUser:
    moderator = api.user(user_id, first_name="Gert", language_code="nl")
    await make_moderator(bot, user_id)
    moderator.send(f"/open {code}")
    await moderator.wait_for(has("open voor vragen"))
    return moderator


async def parent_joins(api: LocalBotApi, user_id: int, code: str, name: str) -> dict[str, Any]:
    parent = api.user(user_id, first_name=name, language_code="nl")
    parent.send(f"/start w-{code}")
    # The welcome and the privacy notice are one message, with the consent buttons.
    welcome = await parent.wait_for(
        lambda m: (
            "Welkom bij" in m["text"] and any(":c:agree" in (d or "") for _, d in parent.buttons(m))
        )
    )
    parent.press(welcome, "1:c:agree")
    await parent.wait_for(has("Dank je! Je kunt nu"))
    return welcome


async def test_a_gespreksleider_cannot_pull_from_a_webinar_they_did_not_open(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await add_webinar(bot, "slapen")
    eten_id = await add_webinar(bot, "eten", "Eten zonder gedoe")
    await moderator_opens(bot, api, MODERATOR_IDS[1], "eten")
    intruder = await moderator_opens(bot, api, MODERATOR_IDS[0], "slapen")
    await parent_joins(api, 5_000_010, "eten", "Ilse")
    parent = api.user(5_000_010)
    parent.send("Hoeveel groente moet een kleuter eten?")
    await parent.wait_for(has("in de rij"))

    intruder.press(intruder.last_message, callbacks.PANEL_NEXT.data(eten_id))
    await eventually(lambda: api.unanswered_callback_queries() == [])
    await api.wait_until_idle()
    assert not any("groente" in (m.get("text") or "") for m in intruder.messages)
    counts = await bot.services.repos.questions.counts(eten_id)
    assert (counts.open, counts.claimed) == (1, 0)


async def test_a_vote_on_a_webinar_the_parent_never_joined_does_not_count(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await add_webinar(bot, "slapen")
    eten_id = await add_webinar(bot, "eten", "Eten zonder gedoe")
    moderator = await moderator_opens(bot, api, MODERATOR_IDS[0], "eten")
    await parent_joins(api, 5_000_020, "eten", "Ilse")
    asker = api.user(5_000_020)
    asker.send("Hoeveel groente moet een kleuter eten?")
    await asker.wait_for(has("in de rij"))
    moderator.send("/volgende")
    card = await moderator.wait_for(has("groente"))
    moderator.press(card, data_of(moderator, card, ":q:show:"))
    await eventually(lambda: api.unanswered_callback_queries() == [])
    question = (await bot.services.repos.questions.visible_open(eten_id, 1))[0]

    await parent_joins(api, 5_000_021, "slapen", "Otto")
    outsider = api.user(5_000_021)
    outsider.press(outsider.last_message, callbacks.PARENT_VOTE.data(question.id))
    await eventually(lambda: api.unanswered_callback_queries() == [])
    fresh = await bot.services.repos.questions.get(question.id)
    assert fresh is not None
    assert fresh.votes == 0


async def test_hiding_the_first_name_hides_it_on_questions_asked_before(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    webinar_id = await add_webinar(bot, "slapen")
    moderator = await moderator_opens(bot, api, MODERATOR_IDS[0], "slapen")
    welcome = await parent_joins(api, 5_000_030, "slapen", "Wendelijn")
    parent = api.user(5_000_030)
    parent.press(welcome, data_of(parent, welcome, ":p:name:"))
    await eventually(lambda: api.unanswered_callback_queries() == [])
    parent.send("Mijn dochter slaapt pas om tien uur, is dat erg?")
    await parent.wait_for(has("in de rij"))
    parent.press(welcome, data_of(parent, welcome, ":p:noname:"))
    await eventually(lambda: api.unanswered_callback_queries() == [])

    moderator.send("/volgende")
    card = await moderator.wait_for(has("tien uur"))
    assert "Wendelijn" not in card["text"]
    [question] = await bot.services.repos.questions.unanswered(webinar_id)
    assert question.shown_name is None

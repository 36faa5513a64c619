"""The gespreksleider's card buttons and the queue panel, through the real bot."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.app import Ouderbot
from bot.localapi import LocalBotApi
from tests.helpers import (
    FastTimer,
    eventually,
    parents_asked,
    webinar_opened_by_gert,
    withdraw_question,
)


async def setup(bot: Ouderbot, api: LocalBotApi, questions: list[str]):
    """An open webinar, one gespreksleider, and one consented parent per question."""
    moderator = await webinar_opened_by_gert(bot, api)
    parents = await parents_asked(bot, api, questions)
    return moderator, parents


async def pull(moderator) -> dict[str, Any]:
    count = len(moderator.messages)
    moderator.send("/volgende")
    await eventually(lambda: len(moderator.messages) > count)
    return moderator.messages[-1]


def button(user, message, action: str) -> str:
    return next(data for _, data in user.buttons(message) if f":{action}:" in data)


async def test_later_sends_a_question_to_the_back_and_back_keeps_its_place(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator, _ = await setup(bot, api, ["eerste vraag over eten", "tweede vraag over school"])
    card = await pull(moderator)
    assert "eerste vraag" in card["text"]
    moderator.press(card, button(moderator, card, "later"))
    await moderator.wait_for(lambda m: "komt later terug" in m["text"])
    card = await pull(moderator)
    assert "tweede vraag" in card["text"]
    moderator.press(card, button(moderator, card, "back"))
    await moderator.wait_for(lambda m: "staat weer in de rij" in m["text"])
    card = await pull(moderator)
    assert "tweede vraag" in card["text"]  # not deferred: still ahead of the "later" one


async def test_removing_a_question_takes_it_out_of_the_queue(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator, (asker,) = await setup(bot, api, ["een vraag die weg moet"])
    card = await pull(moderator)
    moderator.press(card, button(moderator, card, "remove"))
    await moderator.wait_for(lambda m: "is verwijderd" in m["text"])
    assert "geen vragen" in (await pull(moderator))["text"]
    assert not any("besproken" in m["text"] for m in asker.messages)


async def test_merging_folds_similar_questions_and_tells_every_asker(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator, parents = await setup(
        bot,
        api,
        [
            "hoe krijg ik mijn peuter 's avonds in bed?",
            "mijn peuter wil 's avonds niet naar bed, wat doe ik?",
            "hoeveel zakgeld geef je een kind van 10?",
        ],
    )
    assert "een andere ouder vroeg iets vergelijkbaars" in parents[1].messages[-1]["text"]
    card = await pull(moderator)
    assert "peuter" in card["text"]
    moderator.press(card, button(moderator, card, "merge"))
    merged = await moderator.wait_for(
        lambda m: m["message_id"] == card["message_id"] and "🔗" not in str(moderator.buttons(m))
    )
    moderator.press(merged, button(moderator, merged, "asked"))
    await moderator.wait_for(lambda m: "is gesteld" in m["text"])
    await bot.dispatcher.send_due()
    for parent in parents[:2]:
        await parent.wait_for(lambda m: "wordt nu besproken" in m["text"])
    assert not any("besproken" in m["text"] for m in parents[2].messages)
    nxt = await pull(moderator)
    assert "zakgeld" in nxt["text"]


async def test_a_shown_question_can_be_backed_once_by_other_parents(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator, parents = await setup(bot, api, ["vraag over slapen", "vraag over school"])
    card = await pull(moderator)
    assert "slapen" in card["text"]
    moderator.press(card, button(moderator, card, "later"))
    await moderator.wait_for(lambda m: "komt later terug" in m["text"])
    card = await pull(moderator)
    assert "school" in card["text"]
    moderator.press(card, button(moderator, card, "show"))
    await moderator.wait_for(
        lambda m: m["message_id"] == card["message_id"] and "Zichtbaar" in m["text"]
    )
    moderator.press(card, button(moderator, card, "back"))
    await moderator.wait_for(lambda m: "staat weer in de rij" in m["text"])
    backer = parents[0]
    ack = backer.messages[-1]
    backer.press(ack, button(backer, ack, "list"))
    listing = await backer.wait_for(lambda m: "Vragen van andere ouders" in m["text"])
    assert "school" in listing["text"]
    assert "slapen" not in listing["text"]
    vote = button(backer, listing, "vote")
    backer.press(listing, vote)
    backer.press(listing, vote)  # a second time does not count
    await eventually(lambda: not api.unanswered_callback_queries())
    question = await bot.services.repos.questions.get(int(vote.rsplit(":", 1)[1]))
    assert question is not None
    assert question.votes == 1
    # The asker cannot back their own question.
    own = parents[1]
    own.press(own.messages[-1], vote)
    await eventually(lambda: not api.unanswered_callback_queries())
    question = await bot.services.repos.questions.get(question.id)
    assert question is not None
    assert question.votes == 1


async def test_a_parent_can_withdraw_their_own_question(bot: Ouderbot, api: LocalBotApi) -> None:
    moderator, (asker,) = await setup(bot, api, ["toch maar niet"])
    ack = asker.messages[-1]
    await withdraw_question(asker, ack)
    await asker.wait_for(lambda m: "is ingetrokken" in m["text"])
    assert "geen vragen" in (await pull(moderator))["text"]


@pytest.mark.real_time  # the 30 questions arrive at wall-clock speed
async def test_the_queue_panel_is_one_message_edited_in_place_and_throttled(
    bot: Ouderbot, api: LocalBotApi, timer: FastTimer
) -> None:
    moderator, _ = await setup(bot, api, [])
    started = timer.monotonic()
    moderator.send("/rij")
    panel = await moderator.wait_for(lambda m: "in de rij" in m["text"])
    sent_before = len(moderator.messages)
    services = bot.services
    webinar = await services.repos.webinars.by_code("slapen")
    assert webinar is not None
    for number in range(30):
        user_id = 30_000 + number
        await services.repos.users.ensure(user_id, "nl", services.clock.now())
        await services.repos.users.record_consent(user_id, 1, services.clock.now())
        await services.repos.webinars.join(webinar.id, user_id, services.clock.now())
        api.user(user_id, first_name="P", language_code="nl").send(
            f"vraag nummer {number} over iets anders {number}"
        )
    await eventually(
        lambda: "30 in de rij" in moderator.message(panel["message_id"])["text"], timeout=10
    )
    assert len(moderator.messages) == sent_before  # edited, never sent again
    edits = [r for r in api.requests if r.method == "editMessageText" and r.chat_id == moderator.id]
    # 30 questions, yet the panel is refreshed at most once per 0.5 s (of the throttle's
    # timer, shared with the flood limits), plus the first refresh.
    interval = bot.services.settings.webinars.panel_refresh_seconds
    assert 1 <= len(edits) <= (timer.monotonic() - started) / interval + 1
    assert len(edits) <= 8  # far fewer edits than questions
    await asyncio.sleep(0)

"""Parents see the questions others asked (without names) and back them with
"ik wil dit ook weten": shown questions and questions more than one parent asked."""

from __future__ import annotations

from typing import Any

from bot.app import Ouderbot
from bot.localapi import LocalBotApi
from tests.helpers import eventually, parents_asked, webinar_opened_by_gert


def has(text: str) -> Any:
    return lambda m: text in (m.get("text") or "")


async def test_a_parent_sees_a_common_question_without_names_and_backs_it_once(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await webinar_opened_by_gert(bot, api)
    parents = await parents_asked(
        bot,
        api,
        [
            "hoe krijg ik mijn peuter 's avonds in bed?",
            "mijn peuter wil 's avonds niet naar bed, wat doe ik?",
            "Mijn buurvrouw Fenna slaat haar kind, wat moet ik doen?",
            "hoeveel zakgeld geef je een kind van 10?",
        ],
    )
    backer = parents[3]
    ack = backer.messages[-1]
    backer.press(ack, next(d for _, d in backer.buttons(ack) if d and ":p:list:" in d))
    listing = await backer.wait_for(has("Vragen van andere ouders"))
    assert "peuter" in listing["text"]
    assert "Fenna" not in listing["text"]  # one parent's own story is not shown
    assert "zakgeld" not in listing["text"]  # nor the parent's own question
    assert "Ouder0" not in listing["text"]
    assert "Ouder1" not in listing["text"]
    votes = [d for _, d in backer.buttons(listing) if d and ":p:vote:" in d]
    assert len(votes) == 1
    backer.press(listing, votes[0])
    await eventually(lambda: api.unanswered_callback_queries() == [])
    backer.press(listing, votes[0])  # a second tap counts once
    await eventually(lambda: api.unanswered_callback_queries() == [])
    webinar = await bot.services.repos.webinars.by_code("slapen")
    assert webinar is not None
    top = await bot.services.repos.questions.top_open(webinar.id, 10)
    assert sum(q.votes for q in top) == 1


async def test_a_parent_who_just_joined_can_back_a_question_from_the_welcome(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await webinar_opened_by_gert(bot, api)
    await parents_asked(
        bot,
        api,
        [
            "hoe krijg ik mijn peuter 's avonds in bed?",
            "mijn peuter wil 's avonds niet naar bed, wat doe ik?",
        ],
    )
    newcomer = api.user(32_001, first_name="Noor", language_code="nl")
    newcomer.send("/start w-slapen")
    welcome = await newcomer.wait_for(has("Welkom bij"))
    newcomer.press(welcome, "1:c:agree")
    await newcomer.wait_for(has("Dank je"))
    agreed = newcomer.message(welcome["message_id"])
    assert agreed is not None
    newcomer.press(agreed, next(d for _, d in newcomer.buttons(agreed) if d and ":p:list:" in d))
    listing = await newcomer.wait_for(has("Vragen van andere ouders"))
    votes = [d for _, d in newcomer.buttons(listing) if d and ":p:vote:" in d]
    newcomer.press(listing, votes[0])
    await eventually(lambda: api.unanswered_callback_queries() == [])
    webinar = await bot.services.repos.webinars.by_code("slapen")
    assert webinar is not None
    top = await bot.services.repos.questions.top_open(webinar.id, 10)
    assert sum(q.votes for q in top) == 1

"""One number per question everywhere: the chat card, /rij, the board, the presenter view
and the /sluit list all say "3" for the third question of the webinar."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest

from bot.app import Ouderbot
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.models import WebinarState
from bot.localapi import LocalBotApi
from tests.board_helpers import WEB, base_url, call, init_data, question_with
from tests.helpers import (
    MODERATOR_IDS,
    add_webinar,
    close_webinar,
    make_moderator,
    make_settings,
    parents_asked,
)


@pytest.fixture
def settings(database_path: Path, api: LocalBotApi) -> Settings:
    return make_settings(database_path, api, web=WEB)


async def test_the_same_question_has_the_same_number_in_chat_board_presenter_and_summary(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    # An earlier webinar with questions, so database ids and numbers differ.
    await add_webinar(bot, "eerder", "Eerder")
    earlier = await bot.services.repos.webinars.by_code("eerder")
    assert earlier is not None
    for user_id in (30_001, 30_002):
        await bot.services.repos.users.ensure(user_id, "nl", clock.now())
    await bot.services.repos.webinars.set_state(earlier.id, WebinarState.OPEN, clock.now())
    for number, user_id in enumerate((30_001, 30_002)):
        await bot.services.repos.questions.add(
            webinar_id=earlier.id,
            asker_id=user_id,
            source_msg=number,
            text=f"eerdere vraag {number}",
            shown_name=None,
            now=clock.now(),
        )
    await add_webinar(bot, "slapen")
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert", language_code="nl")
    await make_moderator(bot, moderator.id)
    moderator.send("/open slapen")
    await moderator.wait_for(lambda m: "open voor vragen" in m["text"])
    await parents_asked(
        bot, api, ["Hoeveel zakgeld geef je?", "Wat doe je tegen driftbuien?", "Hoe lang tv?"]
    )
    question = await question_with(bot, "driftbuien")
    assert question.number == 2
    assert question.id != question.number
    login = init_data(MODERATOR_IDS[0], clock.now())

    _, body = await call(bot, "GET", "board", login)
    numbers = {m["id"]: m["number"] for g in body["groups"] for m in g["members"]}
    assert numbers[question.id] == 2
    moderator.send("/rij")
    panel = await moderator.wait_for(lambda m: "driftbuien" in m["text"])
    assert "Vraag 2: Wat doe je tegen driftbuien" in panel["text"]

    await call(bot, "POST", f"questions/{question.id}/pick", login)
    _, body = await call(bot, "GET", "board", login)
    assert body["held"]["number"] == 2
    await call(bot, "POST", f"questions/{question.id}/asked", login)
    async with (
        aiohttp.ClientSession() as session,
        session.get(base_url(bot) + body["presenter"] + "/now") as response,
    ):
        shown = await response.json()
    assert shown["question"]["number"] == 2

    await close_webinar(moderator)
    await moderator.wait_for(lambda m: "is gesloten" in m["text"])
    # The closing list (the queue panel, edited meanwhile, also names the question).
    listing = await moderator.wait_for(lambda m: "1. Hoeveel zakgeld geef je?" in m["text"])
    assert "3. Hoe lang tv?" in listing["text"]

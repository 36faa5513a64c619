""" "Neem deze groep" keeps the whole group for the one who took it; /rij refreshes after
your own actions; a new card takes the buttons off the older ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.app import Ouderbot
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.localapi import LocalBotApi
from tests.board_helpers import WEB, call, init_data, open_webinar, question_with
from tests.helpers import MODERATOR_IDS, eventually, make_settings

QUESTIONS = [
    "hoe krijg ik mijn peuter 's avonds in bed?",
    "mijn peuter wil 's avonds niet naar bed, wat doe ik?",
    "mijn peuter gaat 's avonds niet naar bed, hoe krijg ik hem erin?",
    "hoeveel zakgeld geef je een kind van 10?",
]


@pytest.fixture
def settings(database_path: Path, api: LocalBotApi) -> Settings:
    return make_settings(database_path, api, web=WEB)


def data(user: Any, message: dict[str, Any], part: str) -> str:
    return next(d for _, d in user.buttons(message) if d and part in d)


async def test_neem_deze_groep_keeps_the_whole_group_from_a_colleague_until_it_is_done(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    (_, ilse), _ = await open_webinar(bot, api, QUESTIONS, moderators=2)
    gert_login = init_data(MODERATOR_IDS[0], clock.now())
    ilse_login = init_data(MODERATOR_IDS[1], clock.now())
    head = await question_with(bot, "in bed?")
    status, _ = await call(bot, "POST", f"questions/{head.id}/pick", gert_login, {"group": True})
    assert status == 200
    # Ilse sees the group's other questions as kept for a colleague, and cannot take them.
    _, body = await call(bot, "GET", "board", ilse_login)
    bedtime = next(g for g in body["groups"] if "peuter" in g["representative"]["text"])
    assert all(m["reserved"] for m in bedtime["members"])
    other = await question_with(bot, "wat doe ik")
    status, refused = await call(bot, "POST", f"questions/{other.id}/pick", ilse_login)
    assert (status, refused) == (409, {"error": "taken"})
    ilse.send("/volgende")
    card = await ilse.wait_for(lambda m: ":q:asked:" in str(m))
    assert "zakgeld" in card["text"]
    # Gert sees them as his own, and merges them from his held question.
    _, body = await call(bot, "GET", "board", gert_login)
    assert len(body["held"]["similar"]) == 2
    bedtime = next(g for g in body["groups"] if "peuter" in g["representative"]["text"])
    assert not any(m["reserved"] for m in bedtime["members"])
    # Once Gert's question is asked, what he did not merge waits for anyone again.
    await call(bot, "POST", f"questions/{head.id}/asked", gert_login)
    status, _ = await call(bot, "POST", f"questions/{other.id}/pick", ilse_login)
    assert status == 200


async def test_rij_shows_your_own_pull_and_a_new_card_takes_the_old_cards_buttons(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    (gert,), _ = await open_webinar(bot, api, QUESTIONS)
    gert.send("/rij")
    panel = await gert.wait_for(lambda m: "in de rij" in m["text"] and "peuter" in m["text"])
    assert "🎙 0" in panel["text"]
    gert.send("/volgende")
    first = await gert.wait_for(lambda m: ":q:asked:" in str(m))
    await gert.wait_for(lambda m: m["message_id"] == panel["message_id"] and "🎙 1" in m["text"])
    # A question taken on the board: the chat card of the one held before is superseded.
    login = init_data(MODERATOR_IDS[0], clock.now())
    zakgeld = await question_with(bot, "zakgeld")
    await call(bot, "POST", f"questions/{zakgeld.id}/pick", login)
    gert.send("/volgende")
    second = await gert.wait_for(lambda m: ":q:asked:" in str(m))
    assert second["message_id"] != first["message_id"]
    await eventually(lambda: gert.buttons(gert.message(first["message_id"])) == [])
    assert gert.buttons(gert.message(second["message_id"])) != []


async def test_a_chat_card_loses_its_buttons_when_the_board_moves_on(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    (gert,), _ = await open_webinar(bot, api, QUESTIONS)
    gert.send("/volgende")
    card = await gert.wait_for(lambda m: ":q:asked:" in str(m))
    held = await bot.services.repos.questions.get(
        int(data(gert, card, ":q:asked:").rsplit(":")[-1])
    )
    assert held is not None
    login = init_data(MODERATOR_IDS[0], clock.now())
    status, _ = await call(bot, "POST", f"questions/{held.id}/asked", login)
    assert status == 200
    await eventually(lambda: gert.buttons(gert.message(card["message_id"])) == [])

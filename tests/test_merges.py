"""Merges show what they did, on the chat card and the board: the merged questions, the
count of distinct parents (never "0 andere ouders" after a merge), and an undo for each
merge for as long as the question is held."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.app import Ouderbot
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.localapi import LocalBotApi
from tests.board_helpers import WEB, call, init_data, open_webinar, question_with
from tests.helpers import MODERATOR_IDS, make_settings

QUESTIONS = [
    "hoe krijg ik mijn peuter 's avonds in bed?",
    "mijn peuter wil 's avonds niet naar bed, wat doe ik?",
    "mijn peuter gaat 's avonds niet naar bed, hoe krijg ik hem erin?",
]


@pytest.fixture
def settings(database_path: Path, api: LocalBotApi) -> Settings:
    return make_settings(database_path, api, web=WEB)


def data(user: Any, message: dict[str, Any], part: str) -> list[str]:
    return [d for _, d in user.buttons(message) if d and part in d]


async def test_the_card_lists_what_was_merged_counts_its_parents_and_undoes_each_merge(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    (moderator,), _ = await open_webinar(bot, api, QUESTIONS)
    moderator.send("/volgende")
    card = await moderator.wait_for(lambda m: "Vraag 1" in m["text"])
    assert "👥 2 andere ouders" in card["text"]
    # Leave one out, merge the other; then merge the one left out: two merges.
    toggles = data(moderator, card, ":q:tog:")
    moderator.press(card, toggles[-1])
    card = await moderator.wait_for(lambda m: m["message_id"] == card["message_id"])
    moderator.press(card, data(moderator, card, ":q:merge:")[0])
    card = await moderator.wait_for(
        lambda m: m["message_id"] == card["message_id"] and "Samengevoegd" in m["text"]
    )
    assert "👥 2 andere ouders" in card["text"]
    assert "0 andere ouders" not in card["text"]
    moderator.press(card, data(moderator, card, ":q:merge:")[0])
    card = await moderator.wait_for(
        lambda m: m["message_id"] == card["message_id"] and "(2)" in m["text"]
    )
    assert "👥 2 andere ouders" in card["text"]
    assert "niet naar bed, wat doe ik" in card["text"]
    assert "gaat 's avonds niet naar bed" in card["text"]
    undos = data(moderator, card, ":q:undo:")
    assert len(undos) == 2
    moderator.press(card, undos[0])  # the first merge, after the second
    card = await moderator.wait_for(
        lambda m: m["message_id"] == card["message_id"] and "(1)" in m["text"]
    )
    assert len(data(moderator, card, ":q:undo:")) == 1
    assert "👥 2 andere ouders" in card["text"]  # back in the group, still counted


async def test_the_board_shows_the_merged_questions_parents_and_an_undo_that_lasts(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    await open_webinar(bot, api, QUESTIONS[:2])
    login = init_data(MODERATOR_IDS[0], clock.now())
    first = await question_with(bot, "in bed")
    second = await question_with(bot, "niet naar bed")
    await call(bot, "POST", f"questions/{first.id}/pick", login)
    await call(bot, "POST", f"questions/{first.id}/merge", login, {"ids": [second.id]})
    _, body = await call(bot, "GET", "board", login)
    held = body["held"]
    assert held["others"] == 1
    assert held["number"] == first.number
    assert [(m["id"], m["number"]) for m in held["merged"]] == [(second.id, second.number)]
    assert "niet naar bed" in held["merged"][0]["text"]
    # Minutes later (no toast any more), the board's own undo still works.
    undo = {"action": "merge", "question": first.id, "ids": [], "merge": held["merged"][0]["merge"]}
    status, _ = await call(bot, "POST", "undo", login, {"undo": undo})
    assert status == 200
    _, body = await call(bot, "GET", "board", login)
    assert body["held"]["merged"] == []
    assert body["counts"]["open"] == 1

"""Answered and removed questions are listed and can be put back (chat and board);
"Gesteld", "Verwijderen" and "Toon aan ouders" can be undone."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import Ouderbot
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.models import QuestionState
from bot.localapi import LocalBotApi
from bot.webinar.moderation_actions import asked_correction, asked_notice
from storage.db import Database
from storage.questions import QuestionRepository
from storage.users import UserRepository
from storage.webinars import WebinarDraft, WebinarRepository
from tests.board_helpers import WEB, call, init_data, open_webinar, question_with
from tests.helpers import MODERATOR_IDS, START, make_settings, texts


@pytest.fixture
def settings(database_path: Path, api: LocalBotApi) -> Settings:
    return make_settings(database_path, api, web=WEB)


def data(user: Any, message: dict[str, Any], part: str) -> str:
    return next(d for _, d in user.buttons(message) if d and part in d)


async def pull(moderator: Any) -> dict[str, Any]:
    moderator.send("/volgende")
    return dict(await moderator.wait_for(lambda m: ":q:asked:" in str(m)))


async def test_gesteld_undone_after_the_parent_was_told_sends_a_correction_and_can_be_asked_again(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    (moderator,), (parent,) = await open_webinar(bot, api, ["Hoe krijg ik mijn peuter in bed?"])
    card = await pull(moderator)
    moderator.press(card, data(moderator, card, ":q:asked:"))
    done = await moderator.wait_for(lambda m: "is gesteld" in m["text"])
    await parent.wait_for(lambda m: "wordt nu besproken" in m["text"])
    moderator.press(done, data(moderator, done, ":h:restore:"))
    card = await moderator.wait_for(lambda m: ":q:asked:" in str(m))
    assert "Hoe krijg ik mijn peuter in bed?" in card["text"]
    await moderator.wait_for(lambda m: "horen nu dat hij weer in de rij staat" in m["text"])
    await parent.wait_for(lambda m: "toch nog niet besproken" in m["text"])
    moderator.press(card, data(moderator, card, ":q:asked:"))
    await moderator.wait_for(lambda m: "is gesteld" in m["text"])
    await parent.wait_for(lambda m: "wordt nu besproken" in m["text"])
    assert sum("wordt nu besproken" in text for text in texts(parent)) == 2


async def test_verwijderen_is_undone_from_the_card_and_the_list_restores_answered_ones(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    (moderator,), _ = await open_webinar(
        bot, api, ["Hoe krijg ik mijn peuter in bed?", "Hoeveel zakgeld geef je?"]
    )
    card = await pull(moderator)
    moderator.press(card, data(moderator, card, ":q:remove:"))
    done = await moderator.wait_for(lambda m: "is verwijderd" in m["text"])
    moderator.press(done, data(moderator, done, ":h:restore:"))
    card = await moderator.wait_for(lambda m: ":q:asked:" in str(m))
    moderator.press(card, data(moderator, card, ":q:asked:"))
    await moderator.wait_for(lambda m: "is gesteld" in m["text"])
    card = await pull(moderator)
    moderator.press(card, data(moderator, card, ":q:remove:"))
    await moderator.wait_for(lambda m: "is verwijderd" in m["text"])

    moderator.send("/afgehandeld")
    listing = await moderator.wait_for(lambda m: "afgehandeld en verwijderd" in m["text"])
    assert "gesteld" in listing["text"]
    assert "verwijderd" in listing["text"]
    restores = [d for _, d in moderator.buttons(listing) if d and ":h:restore:" in d]
    assert len(restores) == 2
    moderator.press(listing, restores[-1])  # the older one: the question asked first
    card = await moderator.wait_for(lambda m: ":q:asked:" in str(m))
    assert "Vraag 1" in card["text"] or "Vraag 2" in card["text"]
    webinar = await bot.services.repos.webinars.by_code("slapen")
    assert webinar is not None
    assert len(await bot.services.repos.questions.finished(webinar.id, 10)) == 1


async def test_toon_aan_ouders_can_be_taken_back_on_the_card(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    (moderator,), _ = await open_webinar(bot, api, ["Hoe krijg ik mijn peuter in bed?"])
    card = await pull(moderator)
    moderator.press(card, data(moderator, card, ":q:show:"))
    card = await moderator.wait_for(lambda m: ":q:hide:" in str(m))
    question = await question_with(bot, "peuter")
    assert (await bot.services.repos.questions.get(question.id)).visible  # type: ignore[union-attr]
    moderator.press(card, data(moderator, card, ":q:hide:"))
    await moderator.wait_for(lambda m: ":q:show:" in str(m))
    assert not (await bot.services.repos.questions.get(question.id)).visible  # type: ignore[union-attr]


async def test_the_board_lists_finished_questions_and_puts_one_back(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    await open_webinar(bot, api, ["Hoe krijg ik mijn peuter in bed?"])
    login = init_data(MODERATOR_IDS[0], clock.now())
    question = await question_with(bot, "peuter")
    await call(bot, "POST", f"questions/{question.id}/pick", login)
    status, asked = await call(bot, "POST", f"questions/{question.id}/asked", login)
    assert status == 200
    _, body = await call(bot, "GET", "board", login)
    assert body["history"] == [
        {"id": question.id, "number": question.number, "text": question.text, "how": "live"}
    ]
    assert body["held"] is None
    status, restored = await call(bot, "POST", f"questions/{question.id}/restore", login)
    assert status == 200
    assert restored["held"]
    _, body = await call(bot, "GET", "board", login)
    assert body["history"] == []
    assert body["held"]["id"] == question.id
    # The toast's undo of "asked" does the same.
    await call(bot, "POST", f"questions/{question.id}/asked", login)
    status, _ = await call(bot, "POST", "undo", login, {"undo": asked["undo"]})
    assert status == 200
    _, body = await call(bot, "GET", "board", login)
    assert body["held"]["id"] == question.id


async def test_gesteld_undone_before_the_parent_was_told_cancels_the_notice_silently(
    db: Database,
) -> None:
    webinars, questions = WebinarRepository(db), QuestionRepository(db)
    end = START + timedelta(hours=1)
    await webinars.upsert([WebinarDraft("w1", "Slapen", "slapen", START, end, None)])
    webinar = await webinars.by_code("w1")
    assert webinar is not None
    await UserRepository(db).ensure(7, "nl", START)
    added = await questions.add(
        webinar_id=webinar.id,
        asker_id=7,
        source_msg=1,
        text="Hoe krijg ik mijn peuter in bed?",
        shown_name=None,
        similar_count=lambda: 0,
        features="",
        group_key=None,
        now=START,
    )
    question = added.question
    assert await questions.claim(question.id, webinar.id, 99, START) is not None
    await questions.mark_answered(question.id, 99, "live", START, asked_notice(question, "Slapen"))
    pending = await db.fetch_value("SELECT count(*) FROM outbox WHERE state = 'pending'")
    assert pending == 1
    restored = await questions.restore(
        question.id, webinar.id, 99, START, asked_correction(question, "Slapen", "x")
    )
    assert restored is not None
    assert restored.corrected == 0
    assert restored.held
    assert await db.fetch_value("SELECT count(*) FROM outbox") == 0  # nothing goes out
    fresh = await questions.get(question.id)
    assert fresh is not None
    assert fresh.state is QuestionState.CLAIMED

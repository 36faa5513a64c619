"""The moderation board's API on the bot's web server: authentication, role checks and
the actions, against the real bot and the local Bot API server."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from functools import partial
from pathlib import Path

import aiohttp
import pytest

from bot.app import Ouderbot
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.models import QuestionState, Role
from bot.localapi import FakeUser, LocalBotApi
from tests.board_helpers import WEB, base_url, call, init_data, open_webinar, question_with
from tests.helpers import MODERATOR_IDS, close_webinar, eventually, make_settings, texts


@pytest.fixture
def settings(database_path: Path, api: LocalBotApi) -> Settings:
    return make_settings(database_path, api, web=WEB)


QUESTIONS = [
    "hoe krijg ik mijn peuter 's avonds in bed?",
    "mijn peuter wil 's avonds niet naar bed, wat doe ik?",
    "hoeveel zakgeld geef je een kind van 10? bel 06-12345678",
]


async def test_the_board_shows_the_open_webinars_questions_in_groups_masked(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    await open_webinar(bot, api, QUESTIONS)
    clock.advance(timedelta(minutes=3))
    status, body = await call(bot, "GET", "board", init_data(MODERATOR_IDS[0], clock.now()))
    assert status == 200
    assert body["webinar"]["title"] == "Slapen zonder strijd"
    assert body["counts"]["open"] == 3
    groups = body["groups"]
    assert [len(g["members"]) for g in groups] == [2, 1]
    bedtime = groups[0]
    assert bedtime["kind"] == "group"
    assert bedtime["count"] == 2
    assert all("peuter" in m["text"] for m in bedtime["members"])
    assert bedtime["representative"]["id"] == bedtime["id"]
    assert {m["age"] for m in bedtime["members"]} == {180}
    pocket = groups[1]["representative"]
    assert "06-12345678" not in pocket["text"]
    assert "[telefoon]" in pocket["text"]
    assert body["held"] is None
    assert body["presenter"].startswith("/app/presenter/")


@pytest.mark.parametrize(
    "case", ["missing", "not tma", "forged", "a day old", "another bot", "garbage"]
)
async def test_initdata_that_proves_nothing_gets_401(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, case: str
) -> None:
    await open_webinar(bot, api, QUESTIONS[:1])
    moderator = MODERATOR_IDS[0]
    valid = init_data(moderator, clock.now())
    data: str | None = {
        "missing": None,
        "not tma": None,
        "forged": valid.rsplit("hash=", 1)[0] + "hash=" + "ab" * 32,
        "a day old": init_data(moderator, clock.now() - timedelta(hours=24, minutes=1)),
        "another bot": init_data(moderator, clock.now(), token="654321:OTHER-BOT-abcdefghijk"),
        "garbage": "user=%7B%7D",
    }[case]
    headers = {"Authorization": f"Bearer {valid}"} if case == "not tma" else {}
    if case == "not tma":
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"{base_url(bot)}/app/api/board", headers=headers) as response,
        ):
            status, text = response.status, await response.text()
    else:
        status, body = await call(bot, "GET", "board", data)
        text = json.dumps(body)
    assert status == 401
    assert "peuter" not in text
    # The actions are guarded the same way.
    question = await question_with(bot, "peuter")
    assert (await call(bot, "POST", f"questions/{question.id}/pick", data))[0] == 401
    assert (await bot.services.repos.questions.get(question.id)).state is QuestionState.OPEN  # type: ignore[union-attr]


async def test_a_parents_valid_initdata_gets_403_and_no_question_text(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    _, parents = await open_webinar(bot, api, QUESTIONS[:2])
    data = init_data(parents[0].id, clock.now())
    status, body = await call(bot, "GET", "board", data)
    assert status == 403
    assert body == {"error": "forbidden"}
    question = await question_with(bot, "peuter")
    status, body = await call(bot, "POST", f"questions/{question.id}/pick", data)
    assert status == 403
    assert "peuter" not in json.dumps(body)
    # A stranger the bot never saw is refused the same way.
    assert (await call(bot, "GET", "board", init_data(555, clock.now())))[0] == 403


async def test_a_revoked_gespreksleider_gets_403(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    await open_webinar(bot, api, QUESTIONS[:1])
    data = init_data(MODERATOR_IDS[0], clock.now())
    assert (await call(bot, "GET", "board", data))[0] == 200
    await bot.services.repos.users.revoke_role(MODERATOR_IDS[0], Role.MODERATOR, clock.now())
    status, body = await call(bot, "GET", "board", data)
    assert status == 403
    assert "peuter" not in json.dumps(body)


async def test_get_changes_nothing(bot: Ouderbot, api: LocalBotApi, clock: ManualClock) -> None:
    await open_webinar(bot, api, QUESTIONS[:1])
    data = init_data(MODERATOR_IDS[0], clock.now())
    question = await question_with(bot, "peuter")
    for path in (f"questions/{question.id}/pick", f"questions/{question.id}/remove", "undo"):
        assert (await call(bot, "GET", path, data))[0] == 405
    assert (await bot.services.repos.questions.get(question.id)).state is QuestionState.OPEN  # type: ignore[union-attr]


async def test_picks_on_the_board_and_volgende_in_the_chat_never_share_a_question(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    (board_user, chat_user), _ = await open_webinar(
        bot, api, [f"vraag nummer {n} over iets anders {n * 7}" for n in range(6)], moderators=2
    )
    data = init_data(board_user.id, clock.now())
    questions = bot.services.repos.questions
    webinar = await bot.services.repos.webinars.by_code("slapen")
    assert webinar is not None
    outcomes = set()
    for _ in range(4):
        # Both want the question at the head of the queue, at the same moment.
        top = (await questions.top_open(webinar.id, 1))[0]
        seen = len(chat_user.messages)
        chat_user.send("/volgende")
        status, body = await call(bot, "POST", f"questions/{top.id}/pick", data)
        await eventually(partial(_more_messages, chat_user, seen))
        on_board = await questions.held_by(webinar.id, board_user.id)
        in_chat = await questions.held_by(webinar.id, chat_user.id)
        assert in_chat is not None
        assert str(in_chat.id) in chat_user.messages[-1]["text"]
        if status == 200:
            assert on_board is not None
            assert on_board.id == top.id != in_chat.id
        else:
            assert (status, body) == (409, {"error": "taken"})
            assert in_chat.id == top.id
            assert on_board is None or on_board.id != in_chat.id
        outcomes.add(status)
    assert 200 in outcomes  # the board did get questions, not only refusals


async def test_asked_on_the_board_tells_the_asker_like_the_card_button(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    _, parents = await open_webinar(bot, api, QUESTIONS)
    data = init_data(MODERATOR_IDS[0], clock.now())
    question = await question_with(bot, "zakgeld")
    assert (await call(bot, "POST", f"questions/{question.id}/pick", data))[0] == 200
    status, body = await call(bot, "POST", f"questions/{question.id}/asked", data)
    assert status == 200
    assert body["done"] == "asked"
    assert body["undo"]["action"] == "asked"  # issue 21: "Gesteld" can be taken back
    await bot.dispatcher.send_due()
    await parents[2].wait_for(lambda m: "wordt nu besproken" in m["text"])
    assert not any("besproken" in t for t in texts(parents[0]))
    # Acting again on a question no longer held is refused, and changes nothing.
    assert (await call(bot, "POST", f"questions/{question.id}/remove", data)) == (
        409,
        {"error": "stale"},
    )


async def test_merge_folds_the_ticked_questions_and_undo_brings_them_back(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    _, parents = await open_webinar(bot, api, QUESTIONS)
    data = init_data(MODERATOR_IDS[0], clock.now())
    first = await question_with(bot, "in bed")
    second = await question_with(bot, "niet naar bed")
    await call(bot, "POST", f"questions/{first.id}/pick", data)
    _, body = await call(bot, "GET", "board", data)
    assert [m["id"] for m in body["held"]["similar"]] == [second.id]
    status, merged = await call(
        bot, "POST", f"questions/{first.id}/merge", data, {"ids": [second.id]}
    )
    assert status == 200
    assert merged["merged"] == [second.id]
    _, body = await call(bot, "GET", "board", data)
    assert body["counts"]["open"] == 1
    assert body["counts"]["merged"] == 1
    status, _ = await call(bot, "POST", "undo", data, {"undo": merged["undo"]})
    assert status == 200
    _, body = await call(bot, "GET", "board", data)
    assert body["counts"]["open"] == 2
    assert body["counts"]["merged"] == 0
    assert [m["id"] for m in body["held"]["similar"]] == [second.id]
    # Merge again and mark it asked: both askers hear it, as with the chat card.
    await call(bot, "POST", f"questions/{first.id}/merge", data, {"ids": [second.id]})
    await call(bot, "POST", f"questions/{first.id}/asked", data)
    await bot.dispatcher.send_due()
    for parent in parents[:2]:
        await parent.wait_for(lambda m: "wordt nu besproken" in m["text"])


async def test_undo_of_later_and_remove_hands_the_question_back(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    await open_webinar(bot, api, QUESTIONS[2:])
    data = init_data(MODERATOR_IDS[0], clock.now())
    question = await question_with(bot, "zakgeld")
    await call(bot, "POST", f"questions/{question.id}/pick", data)
    for action in ("later", "remove"):
        status, body = await call(bot, "POST", f"questions/{question.id}/{action}", data)
        assert status == 200
        gone = await bot.services.repos.questions.get(question.id)
        assert gone is not None
        assert gone.state is not QuestionState.CLAIMED
        assert (await call(bot, "POST", "undo", data, {"undo": body["undo"]}))[0] == 200
        back = await bot.services.repos.questions.get(question.id)
        assert back is not None
        assert back.state is QuestionState.CLAIMED
        assert back.claimed_by == MODERATOR_IDS[0]
        assert back.deferred is False


async def test_a_written_answer_from_the_board_reaches_the_asker(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    _, parents = await open_webinar(bot, api, QUESTIONS[2:])
    data = init_data(MODERATOR_IDS[0], clock.now())
    question = await question_with(bot, "zakgeld")
    await call(bot, "POST", f"questions/{question.id}/pick", data)
    path = f"questions/{question.id}/written"
    assert await call(bot, "POST", path, data, {"text": "   "}) == (422, {"error": "empty"})
    too_long = {"text": "x" * 3001}
    assert await call(bot, "POST", path, data, too_long) == (422, {"error": "too_long"})
    assert (await call(bot, "POST", path, data, {"text": "Een euro per jaar leeftijd."}))[0] == 200
    await bot.dispatcher.send_due()
    await parents[0].wait_for(lambda m: "Een euro per jaar leeftijd." in m["text"])


async def test_the_presenter_link_is_signed_and_expires_with_the_webinar(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    (moderator,), _ = await open_webinar(bot, api, QUESTIONS[2:])
    data = init_data(MODERATOR_IDS[0], clock.now())
    _, body = await call(bot, "GET", "board", data)
    link = base_url(bot) + body["presenter"]
    question = await question_with(bot, "zakgeld")
    async with aiohttp.ClientSession() as session:
        async with session.get(link + "/now") as response:
            assert response.status == 200
            assert (await response.json())["question"] is None
        await call(bot, "POST", f"questions/{question.id}/pick", data)
        await call(bot, "POST", f"questions/{question.id}/asked", data)
        async with session.get(link + "/now") as response:
            shown = await response.json()
        assert "zakgeld" in shown["question"]["text"]
        assert "06-" not in json.dumps(shown)
        assert "Ouder" not in json.dumps(shown)  # no names
        forged = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
        async with session.get(forged + "/now") as response:
            assert response.status == 404
        await close_webinar(moderator)
        await moderator.wait_for(lambda m: "is gesloten" in m["text"] or "closed" in m["text"])
        async with session.get(link + "/now") as response:
            assert response.status == 410
        async with session.get(link) as response:
            assert response.status == 410
            assert "presenter.js" in await response.text()


async def test_many_board_requests_at_once_stay_quick(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    await open_webinar(bot, api, QUESTIONS)
    data = init_data(MODERATOR_IDS[0], clock.now())
    results = await asyncio.gather(*(call(bot, "GET", "board", data) for _ in range(20)))
    assert {status for status, _ in results} == {200}


async def test_in_webhook_mode_the_webhooks_server_carries_the_board(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    from aiohttp import web

    from bot.delivery.webhook import build_web_app

    await open_webinar(bot, api, QUESTIONS[:1])
    runner = web.AppRunner(build_web_app(bot, "secret-token"))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        url = f"http://127.0.0.1:{runner.addresses[0][1]}"
        headers = {"Authorization": f"tma {init_data(MODERATOR_IDS[0], clock.now())}"}
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{url}/app/") as response:
                assert response.status == 200
                assert "app.js" in await response.text()
            async with session.get(f"{url}/app/api/board", headers=headers) as response:
                assert response.status == 200
                assert "peuter" in json.dumps(await response.json())
            async with session.get(f"{url}/app/api/board") as response:
                assert response.status == 401
    finally:
        await runner.cleanup()


async def test_an_undo_the_board_never_gave_is_refused_and_a_real_one_is_confirmed(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    await open_webinar(bot, api, QUESTIONS[2:])
    data = init_data(MODERATOR_IDS[0], clock.now())
    question = await question_with(bot, "zakgeld")
    await call(bot, "POST", f"questions/{question.id}/pick", data)
    _, body = await call(bot, "POST", f"questions/{question.id}/later", data)
    given = body["undo"]
    for forged in (
        {**given, "action": "delete_everything"},
        {**given, "question": str(question.id)},
        {**given, "ids": [1, "2"]},
        {**given, "ids": list(range(1000))},
        {**given, "merge": "x"},
    ):
        assert await call(bot, "POST", "undo", data, {"undo": forged}) == (
            400,
            {"error": "bad undo"},
        )
    assert await call(bot, "POST", "undo", data, {"undo": given}) == (
        200,
        {"undone": given["action"], "question": question.id},
    )


def _more_messages(user: FakeUser, than: int) -> bool:
    return len(user.messages) > than

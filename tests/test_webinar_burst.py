"""Bursts, races and forged presses in a live webinar, through the real bot."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.app import Ouderbot
from bot.localapi import LocalBotApi
from tests.helpers import MODERATOR_IDS, add_webinar, eventually, make_moderator, write_answer


async def open_webinar(bot: Ouderbot, api: LocalBotApi, code: str = "slapen"):
    await add_webinar(bot, code)
    moderators = []
    for moderator_id in MODERATOR_IDS:
        moderator = api.user(moderator_id, first_name="Mod", language_code="nl")
        await make_moderator(bot, moderator_id)
        moderator.send(f"/open {code}")
        await moderator.wait_for(lambda m: "open voor vragen" in m["text"])
        moderators.append(moderator)
    return moderators


async def consented_parents(bot: Ouderbot, api: LocalBotApi, count: int, first_id: int = 10_000):
    """Parents who joined the webinar and agreed to the notice (as stored state)."""
    services = bot.services
    webinar = await services.repos.webinars.by_code("slapen")
    assert webinar is not None
    parents = []
    for offset in range(count):
        user_id = first_id + offset
        await services.repos.users.ensure(user_id, "nl", services.clock.now())
        await services.repos.users.record_consent(user_id, 1, services.clock.now())
        await services.repos.webinars.join(webinar.id, user_id, services.clock.now())
        parents.append(api.user(user_id, first_name=f"Ouder{offset}", language_code="nl"))
    return parents


QUESTIONS = [
    "hoe krijg ik mijn peuter in bed",
    "mijn zoon van 3 wil niet slapen, wat kan ik doen",
    "hoeveel schermtijd is goed voor een kind van 6",
    "mijn puber zegt niks meer tegen mij",
    "hoe vertel ik mijn kinderen dat we gaan scheiden",
    "mijn dochter eet alleen pasta",
    "wanneer moet een kind zindelijk zijn",
    "broer en zus maken de hele dag ruzie",
]


async def test_150_parents_asking_within_a_second_are_all_acknowledged_and_stored(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await open_webinar(bot, api)
    parents = await consented_parents(bot, api, 150)
    for number, parent in enumerate(parents):
        parent.send(f"{QUESTIONS[number % len(QUESTIONS)]} (ouder {number})")
    acks = await asyncio.gather(
        *(p.wait_for(lambda m: "in de rij" in m["text"], timeout=20) for p in parents)
    )
    assert len(acks) == 150
    stored = await bot.services.db.fetch_value("SELECT count(*) FROM questions")
    assert stored == 150
    positions = sorted(int(a["text"].split("plek ")[1].split(")")[0]) for a in acks)
    assert positions[0] == 1
    assert positions[-1] <= 150


async def test_two_moderators_pulling_at_once_never_get_the_same_question(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    first, second = await open_webinar(bot, api)
    parents = await consented_parents(bot, api, 20)
    for number, parent in enumerate(parents):
        parent.send(f"vraag nummer {number} over {QUESTIONS[number % len(QUESTIONS)]}")
    await asyncio.gather(*(p.wait_for(lambda m: "in de rij" in m["text"]) for p in parents))

    seen: dict[int, list[int]] = {first.id: [], second.id: []}

    async def pull(moderator) -> None:
        while True:
            before = len(moderator.messages)
            moderator.send("/volgende")
            reply = await moderator.wait_for(
                lambda m, last=moderator.messages[before - 1]["message_id"]: (
                    m["message_id"] > last and ("Vraag " in m["text"] or "geen vragen" in m["text"])
                ),
            )
            if "geen vragen" in reply["text"]:
                return
            asked = next(d for _, d in moderator.buttons(reply) if ":q:asked:" in d)
            seen[moderator.id].append(int(asked.rsplit(":", 1)[1]))
            moderator.press(reply, asked)
            await moderator.wait_for(
                lambda m, mid=reply["message_id"]: (
                    m["message_id"] == mid and "is gesteld" in m["text"]
                )
            )

    await asyncio.gather(pull(first), pull(second))
    assert not set(seen[first.id]) & set(seen[second.id])
    assert len(seen[first.id]) + len(seen[second.id]) == 20
    # Both askers were told, once each.
    await bot.dispatcher.send_due()
    for parent in parents:
        await parent.wait_for(lambda m: "wordt nu besproken" in m["text"])
        assert sum("wordt nu besproken" in m["text"] for m in parent.messages) == 1


async def test_a_parents_forged_press_on_a_moderator_button_changes_nothing(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    (moderator, _) = await open_webinar(bot, api)
    (asker, snoop) = await consented_parents(bot, api, 2)
    asker.send("mijn kind slaapt slecht, geheim detail XYZ")
    ack = await asker.wait_for(lambda m: "in de rij" in m["text"])
    question_id = int(
        next(d for _, d in asker.buttons(ack) if ":p:withdraw:" in d).rsplit(":", 1)[1]
    )
    moderator.send("/volgende")
    await moderator.wait_for(lambda m: "XYZ" in m["text"])
    # The other parent forges presses on the moderator's card buttons, for their own ack too.
    snoop_msg = snoop.send("hoi")
    await snoop.wait_for(lambda m: "in de rij" in m["text"])
    for action in ("asked", "remove", "back", "write", "merge", "show", "mute"):
        snoop.press(snoop.last_message, f"1:q:{action}:{question_id}")
    snoop.press(snoop.last_message, f"1:p:withdraw:{question_id}")
    snoop.press(snoop.last_message, "1:q:asked:notanumber")
    snoop.press(snoop.last_message, "garbage")
    await eventually(lambda: not api.unanswered_callback_queries())
    question = await bot.services.repos.questions.get(question_id)
    assert question is not None
    assert question.state.value == "claimed"
    assert not any("XYZ" in (m.get("text") or "") for m in snoop.messages)
    for record in api.requests:
        if record.method == "answerCallbackQuery":
            assert "XYZ" not in str(record.params)
    assert snoop_msg is not None


async def test_the_log_holds_no_question_text_or_name(
    bot: Ouderbot, api: LocalBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    # As `ouderbot run` logs: INFO for everything, our own modules down to DEBUG.
    caplog.set_level(logging.INFO)
    for ours in ("bot", "handlers", "storage"):
        caplog.set_level(logging.DEBUG, logger=ours)
    (moderator, _) = await open_webinar(bot, api)
    (parent,) = await consented_parents(bot, api, 1)
    parent.send("ZEERGEHEIMEVRAAG over Ouder0 en mijn kind Pietje")
    await parent.wait_for(lambda m: "in de rij" in m["text"])
    moderator.send("/volgende")
    card = await moderator.wait_for(lambda m: "ZEERGEHEIMEVRAAG" in m["text"])
    moderator.press(card, next(d for _, d in moderator.buttons(card) if ":q:write:" in d))
    await moderator.wait_for(lambda m: "Typ je antwoord" in m["text"])
    await write_answer(moderator, "GEHEIMANTWOORD: probeer een vast ritueel")
    await moderator.wait_for(lambda m: "is verstuurd" in m["text"])
    await bot.dispatcher.send_due()
    await parent.wait_for(lambda m: "GEHEIMANTWOORD" in m["text"])
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "question" in logged  # the run did log (ids and counts)
    for secret in ("ZEERGEHEIMEVRAAG", "GEHEIMANTWOORD", "Pietje", "Ouder0", "LOCAL-TEST-TOKEN"):
        assert secret not in logged

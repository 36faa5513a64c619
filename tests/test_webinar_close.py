"""After /sluit nothing acts any more; the closing counts add up; questions are numbered per
webinar. Through the real bot against the local Bot API server."""

from __future__ import annotations

import re

from bot.app import Ouderbot
from bot.localapi import LocalBotApi
from tests.helpers import add_webinar, close_webinar, eventually, withdraw_question, write_answer
from tests.test_moderation_card import button, pull, setup


async def test_after_closing_no_card_panel_or_parent_button_acts(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator, (held, waiting) = await setup(bot, api, ["vraag over eten", "vraag over school"])
    moderator.send("/rij")
    panel = await moderator.wait_for(lambda m: "in de rij" in m["text"])
    card = await pull(moderator)
    assert "eten" in card["text"]
    asked = button(moderator, card, "asked")
    ack = waiting.messages[-1]
    withdraw = button(waiting, ack, "withdraw")

    await close_webinar(moderator)
    await moderator.wait_for(lambda m: "is gesloten" in m["text"])
    # Closing ends every card and panel: their buttons are gone.
    await eventually(lambda: moderator.buttons(moderator.message(card["message_id"])) == [])
    await eventually(lambda: moderator.buttons(moderator.message(panel["message_id"])) == [])
    assert "gesloten" in (moderator.message(panel["message_id"]) or {})["text"]
    panel_edits = len([r for r in api.requests if r.method == "editMessageText"])

    # An old "asked" press (from a client that still shows the button) does nothing.
    query = moderator.press(card, asked)
    await eventually(lambda: api.callback_answer(query) is not None)
    assert "gesloten" in (api.callback_answer(query) or {})["text"]
    # The parent's withdraw after the end changes nothing and says why.
    query = waiting.press(ack, withdraw)
    await eventually(lambda: api.callback_answer(query) is not None)
    assert "afgelopen" in (api.callback_answer(query) or {})["text"]
    await eventually(lambda: waiting.buttons(waiting.message(ack["message_id"])) == [])
    await bot.dispatcher.send_due()
    assert not any("besproken" in m["text"] for m in held.messages)
    assert len([r for r in api.requests if r.method == "editMessageText"]) == panel_edits
    webinar = await bot.services.repos.webinars.by_code("slapen")
    assert webinar is not None
    for parent in (held, waiting):
        questions = await bot.services.repos.questions.open_of_asker(webinar.id, parent.id)
        # Unanswered, held by nobody: no button can finish it any more.
        assert [(q.state.value, q.claimed_by) for q in questions] == [("open", None)]

    # /mijngegevens gives the question a final state, not "being looked at".
    held.send("/mijngegevens")
    data = await held.wait_for(lambda m: "Je vragen" in (m.get("text") or ""))
    assert "niet besproken (het webinar is afgelopen)" in data["text"]
    assert "wordt nu bekeken" not in data["text"]


async def test_closing_counts_add_up_with_every_fate_of_a_question(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator, parents = await setup(
        bot,
        api,
        [
            "hoe krijg ik mijn peuter 's avonds in bed?",
            "mijn peuter wil 's avonds niet naar bed, wat doe ik?",
            "hoeveel zakgeld geef je een kind van 10?",
            "een vraag die weg moet over iets heel anders",
            "toch maar niet, ik trek hem in",
            "hoe lang mag een kind van 6 op een tablet?",
        ],
    )
    quitter = parents[4]
    await withdraw_question(quitter, quitter.messages[-1])
    await quitter.wait_for(lambda m: "is ingetrokken" in m["text"])

    card = await pull(moderator)  # the peuter question, with a similar one
    moderator.press(card, button(moderator, card, "merge"))
    merged = await moderator.wait_for(
        lambda m: m["message_id"] == card["message_id"] and "🔗" not in str(moderator.buttons(m))
    )
    moderator.press(merged, button(moderator, merged, "asked"))
    await moderator.wait_for(lambda m: "gesteld aan de spreker" in m["text"])
    while True:
        card = await pull(moderator)
        if "weg moet" in card["text"]:
            break
        moderator.press(card, button(moderator, card, "later"))
        await moderator.wait_for(lambda m: "komt later terug" in m["text"])
    moderator.press(card, button(moderator, card, "remove"))
    await moderator.wait_for(lambda m: "is verwijderd" in m["text"])
    card = await pull(moderator)
    moderator.press(card, button(moderator, card, "write"))
    await moderator.wait_for(lambda m: "Typ je antwoord" in m["text"])
    await write_answer(moderator, "Een schriftelijk antwoord.")
    await moderator.wait_for(lambda m: "is verstuurd" in m["text"])

    await close_webinar(moderator)
    summary = (await moderator.wait_for(lambda m: "is gesloten" in m["text"]))["text"]
    assert "6 vragen ingestuurd" in summary
    found = {
        label: int(count)
        for count, label in re.findall(
            r"(\d+) (gesteld aan de spreker|schriftelijk beantwoord|samengevoegd|verwijderd"
            r"|ingetrokken|niet beantwoord)",
            summary,
        )
    }
    assert found == {
        "gesteld aan de spreker": 1,
        "schriftelijk beantwoord": 1,
        "samengevoegd": 1,
        "verwijderd": 1,
        "ingetrokken": 1,
        "niet beantwoord": 1,
    }
    assert sum(found.values()) == 6


async def test_questions_are_numbered_per_webinar_on_card_panel_and_in_my_data(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator, _ = await setup(bot, api, ["eerste vraag over eten", "tweede vraag over school"])
    await close_webinar(moderator)
    await moderator.wait_for(lambda m: "is gesloten" in m["text"])

    await add_webinar(bot, "puber", title="Pubers")
    moderator.send("/open puber")
    await moderator.wait_for(lambda m: "open voor vragen" in m["text"])
    services = bot.services
    webinar = await services.repos.webinars.by_code("puber")
    assert webinar is not None
    parent = api.user(20_000)  # asked question 1 of the first webinar too
    parent.send("/webinar puber")
    await parent.wait_for(lambda m: "Welkom" in m["text"])
    parent.send("mag mijn puber 's nachts zijn telefoon houden?")
    await parent.wait_for(lambda m: "in de rij" in m["text"])

    moderator.send("/rij")
    panel = await moderator.wait_for(lambda m: "in de rij" in m["text"])
    assert "1. Vraag 1: mag mijn puber" in panel["text"]
    card = await pull(moderator)
    assert card["text"].startswith("Vraag 1 ")
    moderator.press(card, button(moderator, card, "asked"))
    await moderator.wait_for(lambda m: "Vraag 1 is gesteld" in m["text"])

    parent.send("/mijngegevens")
    data = await parent.wait_for(lambda m: "Je vragen" in (m.get("text") or ""))
    assert "Slapen zonder strijd, vraag 1:" in data["text"]
    assert "Pubers, vraag 1:" in data["text"]
    assert "besproken in het webinar" in data["text"]

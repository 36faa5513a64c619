"""Written answers: a prompt with ✖️ Annuleren, a preview before anything reaches a
parent, any command ends answer mode, and after a merge each asker's own words."""

from __future__ import annotations

from typing import Any

from bot.app import Ouderbot
from bot.localapi import LocalBotApi
from tests.helpers import eventually, parents_asked, texts, webinar_opened_by_gert


def data(user: Any, message: dict[str, Any], part: str) -> str:
    return next(d for _, d in user.buttons(message) if d and part in d)


async def pull_and_write(moderator: Any) -> dict[str, Any]:
    moderator.send("/volgende")
    card = await moderator.wait_for(lambda m: "Vraag" in m["text"] and ":q:write:" in str(m))
    moderator.press(card, data(moderator, card, ":q:write:"))
    prompt = await moderator.wait_for(lambda m: "Typ je antwoord" in m["text"])
    assert [label for label, _ in moderator.buttons(prompt)] == ["✖️ Annuleren"]
    return prompt


async def settled(bot: Ouderbot, api: LocalBotApi) -> None:
    await eventually(lambda: api.pending_updates_count == 0)
    await bot.dispatcher.send_due()
    await eventually(lambda: not bot.busy())


async def test_a_command_ends_answer_mode_and_the_note_after_it_reaches_no_parent(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator = await webinar_opened_by_gert(bot, api)
    (parent,) = await parents_asked(bot, api, ["Hoe krijg ik mijn peuter in bed?"])
    await pull_and_write(moderator)
    moderator.send("/rij")
    await moderator.wait_for(lambda m: "is gestopt" in m["text"] and "niets verstuurd" in m["text"])
    moderator.send("Ilse, neem jij de volgende?")
    await moderator.wait_for(lambda m: "/vraag" in m["text"] or "Volgende" in str(m))
    await settled(bot, api)
    assert not any("Ilse" in text for text in texts(parent))
    assert not any("Antwoord op je vraag" in text for text in texts(parent))


async def test_the_parent_gets_nothing_until_versturen_and_aanpassen_replaces_the_text(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator = await webinar_opened_by_gert(bot, api)
    (parent,) = await parents_asked(bot, api, ["Hoe krijg ik mijn peuter in bed?"])
    await pull_and_write(moderator)
    moderator.send("Een vast ritueel helpt, met een tikfout")
    preview = await moderator.wait_for(lambda m: "Voorbeeld" in m["text"])
    assert "er is nog niets verstuurd" in preview["text"]
    assert "Een vast ritueel helpt, met een tikfout" in preview["text"]
    assert [label for label, _ in moderator.buttons(preview)] == [
        "📤 Versturen",
        "✏️ Aanpassen",
        "✖️ Annuleren",
    ]
    await settled(bot, api)
    assert not any("Antwoord op je vraag" in text for text in texts(parent))
    old_send = data(moderator, preview, ":w:send:")
    moderator.press(preview, data(moderator, preview, ":w:edit:"))
    await moderator.wait_for(lambda m: "nieuwe antwoord" in m["text"])
    moderator.send("Een vast ritueel helpt.")
    second = await moderator.wait_for(
        lambda m: "Voorbeeld" in m["text"] and m["message_id"] != preview["message_id"]
    )
    moderator.press(second, data(moderator, second, ":w:send:"))
    await moderator.wait_for(lambda m: "is verstuurd" in m["text"])
    answer = await parent.wait_for(lambda m: "Antwoord op je vraag" in m["text"])
    assert "Een vast ritueel helpt." in answer["text"]
    assert "tikfout" not in answer["text"]
    # The old preview's buttons are gone; pressing them changes nothing.
    assert moderator.buttons(moderator.message(preview["message_id"])) == []
    moderator.press(preview, old_send)
    await settled(bot, api)
    assert sum("Antwoord op je vraag" in text for text in texts(parent)) == 1


async def test_annuleren_sends_nothing_and_keeps_the_question(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator = await webinar_opened_by_gert(bot, api)
    (parent,) = await parents_asked(bot, api, ["Hoe krijg ik mijn peuter in bed?"])
    prompt = await pull_and_write(moderator)
    moderator.send("Nog niet af")
    preview = await moderator.wait_for(lambda m: "Voorbeeld" in m["text"])
    moderator.press(preview, data(moderator, preview, ":w:cancel:"))
    await moderator.wait_for(lambda m: "geannuleerd" in m["text"])
    moderator.press(
        prompt, data(moderator, prompt, ":w:cancel:")
    )  # an old button: stale  # an old button: stale
    await settled(bot, api)
    assert not any("Antwoord op je vraag" in text for text in texts(parent))
    webinar = await bot.services.repos.webinars.by_code("slapen")
    assert webinar is not None
    assert (await bot.services.repos.questions.held_by(webinar.id, moderator.id)) is not None
    assert await bot.services.repos.questions.pending_written_answer(moderator.id) is None


async def test_after_a_merge_each_asker_reads_their_own_question_above_the_answer(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator = await webinar_opened_by_gert(bot, api)
    parents = await parents_asked(
        bot,
        api,
        [
            "hoe krijg ik mijn peuter 's avonds in bed?",
            "mijn peuter wil 's avonds niet naar bed, wat doe ik?",
        ],
    )
    moderator.send("/volgende")
    card = await moderator.wait_for(lambda m: "Vraag" in m["text"] and ":q:merge:" in str(m))
    moderator.press(card, data(moderator, card, ":q:merge:"))
    await moderator.wait_for(
        lambda m: m["message_id"] == card["message_id"] and ":q:merge:" not in str(m)
    )
    moderator.press(card, data(moderator, card, ":q:write:"))
    await moderator.wait_for(lambda m: "Typ je antwoord" in m["text"])
    moderator.send("Een vast ritueel helpt.")
    preview = await moderator.wait_for(lambda m: "Voorbeeld" in m["text"])
    assert "2 ouder(s)" in preview["text"]
    moderator.press(preview, data(moderator, preview, ":w:send:"))
    await moderator.wait_for(lambda m: "is verstuurd" in m["text"])
    first = await parents[0].wait_for(lambda m: "Antwoord op je vraag" in m["text"])
    second = await parents[1].wait_for(lambda m: "Antwoord op je vraag" in m["text"])
    assert "hoe krijg ik mijn peuter" in first["text"]
    assert "wil 's avonds niet naar bed" in second["text"]
    assert "hoe krijg ik" not in second["text"]


async def test_an_older_preview_never_sends_a_newer_text(bot: Ouderbot, api: LocalBotApi) -> None:
    moderator = await webinar_opened_by_gert(bot, api)
    (parent,) = await parents_asked(bot, api, ["Hoe krijg ik mijn peuter in bed?"])
    await pull_and_write(moderator)
    moderator.send("Eerste versie")
    first = await moderator.wait_for(lambda m: "Voorbeeld" in m["text"])
    moderator.send("Tweede versie")
    second = await moderator.wait_for(
        lambda m: "Voorbeeld" in m["text"] and m["message_id"] != first["message_id"]
    )
    moderator.press(first, data(moderator, first, ":w:send:"))
    await settled(bot, api)
    assert not any("Antwoord op je vraag" in text for text in texts(parent))
    moderator.press(second, data(moderator, second, ":w:send:"))
    answer = await parent.wait_for(lambda m: "Antwoord op je vraag" in m["text"])
    assert "Tweede versie" in answer["text"]

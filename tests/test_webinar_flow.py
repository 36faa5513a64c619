"""A webinar end to end: the real bot against the local Bot API server."""

from __future__ import annotations

from bot.app import Ouderbot
from bot.localapi import LocalBotApi
from tests.helpers import (
    MODERATOR_IDS,
    add_webinar,
    close_webinar,
    eventually,
    make_moderator,
    webinar_opened_by_gert,
)


async def agree(user, notice=None) -> None:
    """Agree to the notice: `notice` is the message it came in (the welcome carries it)."""
    if notice is None:
        notice = await user.wait_for(
            lambda m: any("c:agree" in data for _, data in user.buttons(m))
        )
    user.press(notice, "1:c:agree")
    await user.wait_for(lambda m: "Dank je! Je kunt nu" in (m.get("text") or ""))


async def test_parent_joins_asks_and_hears_the_question_was_asked(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator = await webinar_opened_by_gert(bot, api)

    parent = api.user(1001, first_name="Sanne", language_code="nl")
    parent.send("/start w-slapen")
    welcome = await parent.wait_for(lambda m: "Welkom bij" in m["text"])
    await agree(parent, welcome)
    parent.send("Hoe krijg ik mijn peuter 's avonds in bed? Bel me op 06-12345678")
    ack = await parent.wait_for(lambda m: "in de rij" in m["text"])
    assert "plek 1" in ack["text"]

    moderator.send("/volgende")
    card = await moderator.wait_for(lambda m: "Vraag" in m["text"] and "peuter" in m["text"])
    assert "06-12345678" not in card["text"]
    assert "Sanne" not in card["text"]
    asked = next(data for _, data in moderator.buttons(card) if ":q:asked:" in data)
    moderator.press(card, asked)
    await moderator.wait_for(lambda m: "is gesteld" in m["text"])
    await parent.wait_for(lambda m: "wordt nu besproken" in m["text"])


async def test_parents_command_for_moderators_is_refused_and_changes_nothing(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await add_webinar(bot, "slapen")
    parent = api.user(1002, first_name="Ali", language_code="nl")
    parent.send("/open slapen")
    await parent.wait_for(lambda m: "alleen voor gespreksleiders" in m["text"])
    webinar = await bot.services.repos.webinars.by_code("slapen")
    assert webinar is not None
    assert webinar.state.value == "scheduled"


async def test_english_parent_gets_english(bot: Ouderbot, api: LocalBotApi) -> None:
    parent = api.user(1003, first_name="Amy", language_code="en-GB")
    parent.send("/webinar nope")
    await parent.wait_for(lambda m: "I do not know a webinar" in m["text"])
    await eventually(lambda: api.pending_updates_count == 0)


async def test_a_parent_who_blocks_the_bot_is_inactive_until_they_write_again(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = api.user(1004, first_name="Noor", language_code="nl")
    parent.send("/start")
    await parent.wait_for(lambda m: "Over je gegevens" in m["text"])
    parent.block()
    await eventually(lambda: api.pending_updates_count == 0)

    async def active() -> bool:
        user = await bot.services.repos.users.get(1004)
        return user is not None and user.active

    await eventually(lambda: not_(active()))
    parent.unblock()
    parent.send("/help")
    await eventually(active)


async def not_(awaitable) -> bool:
    return not await awaitable


async def test_closing_sums_up_and_lists_the_unanswered_questions(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator = await webinar_opened_by_gert(bot, api)
    for user_id, question in ((1101, "hoe lang mag een peuter tv kijken"), (1102, None)):
        parent = api.user(user_id, first_name="Ouder", language_code="nl")
        parent.send("/webinar slapen")
        await agree(parent)
        if question:
            parent.send(question)
            await parent.wait_for(lambda m: "in de rij" in m["text"])
    await close_webinar(moderator)
    summary = await moderator.wait_for(lambda m: "is gesloten" in m["text"])
    assert "2 ouders" in summary["text"]  # the gespreksleider is not counted
    assert "1 niet beantwoord" in summary["text"]
    await moderator.wait_for(lambda m: "1. hoe lang mag een peuter tv kijken" in m["text"])
    late = api.user(1101)
    late.send("nog een vraag")
    # Not a question for the closed webinar, and not silently taken as feedback: the
    # parent hears the webinar ended (with, once the feedback request arrived, its
    # buttons again).
    reply = await late.wait_for(lambda m: "is afgelopen" in m["text"])
    assert "Het webinar <b>Slapen zonder strijd</b> is afgelopen" in reply["text"] or (
        "Slapen zonder strijd" in reply["text"]
    )
    assert "staat in de rij" not in reply["text"]
    webinar = await bot.services.repos.webinars.by_code("slapen")
    assert webinar is not None
    assert (await bot.services.repos.questions.counts(webinar.id)).total == 1


async def test_parents_who_joined_get_the_recording_link_once_when_it_closes(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await add_webinar(bot, "puber", replay_url="https://example.org/terugkijken/puber")
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert", language_code="nl")
    await make_moderator(bot, moderator.id)
    moderator.send("/open puber")
    await moderator.wait_for(lambda m: "open voor vragen" in m["text"])
    parents = [
        api.user(uid, first_name="Ouder", language_code=lang)
        for uid, lang in ((1201, "nl"), (1202, "en"))
    ]
    for parent in parents:
        parent.send("/webinar puber")
        await parent.wait_for(lambda m: "Welkom" in m["text"] or "Welcome" in m["text"])
    await close_webinar(moderator)
    await moderator.wait_for(lambda m: "is gesloten" in m["text"])
    await bot.dispatcher.send_due()
    await parents[0].wait_for(lambda m: "Terugkijken kan hier" in m["text"])
    await parents[1].wait_for(lambda m: "watch it again" in m["text"])
    for parent in parents:
        assert sum("example.org/terugkijken" in m["text"] for m in parent.messages) == 1
    assert not any("example.org/terugkijken" in m["text"] for m in moderator.messages)

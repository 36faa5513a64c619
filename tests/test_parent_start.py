"""A parent's first steps: /start without a link, consent, and a question lost on restart."""

from __future__ import annotations

from bot.app import Ouderbot
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.localapi import LocalBotApi
from tests.helpers import MODERATOR_IDS, add_webinar, eventually, make_moderator, start_bot


def labels(user, message) -> list[str]:
    return [text for text, _ in user.buttons(message)]


async def test_start_without_a_link_ends_with_what_a_parent_can_do_as_buttons(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = api.user(1301, first_name="Fatma", language_code="nl")
    parent.send("/start")
    notice = await parent.wait_for(lambda m: "Over je gegevens" in m["text"])
    parent.press(notice, "1:c:agree")
    thanks = await parent.wait_for(lambda m: "Wat wil je doen?" in m["text"])
    assert "vragen stellen" not in thanks["text"]  # not in a webinar: nothing to ask
    assert labels(parent, thanks) == [
        "📺 Meedoen aan een webinar",
        "📍 Inloopmomenten in mijn wijk",
        "🌐 Taal",
        "🔒 Mijn gegevens",
    ]
    parent.tap("📺 Meedoen aan een webinar", thanks)
    await parent.wait_for(lambda m: "Tik op die link" in m["text"])
    parent.tap("🌐 Taal", thanks)
    await parent.wait_for(lambda m: "Welke taal" in m["text"])
    parent.tap("🔒 Mijn gegevens", thanks)
    await parent.wait_for(lambda m: "Wat we van je bewaren" in (m.get("text") or ""))
    parent.tap("📍 Inloopmomenten in mijn wijk", thanks)
    inloop = await parent.wait_for(lambda m: "inloop" in (m.get("text") or "").lower())
    assert inloop["message_id"] != thanks["message_id"]  # the menu stays for the next tap
    assert "🔒 Mijn gegevens" in labels(parent, parent.message(thanks["message_id"]))

    # Coming back later: /start (and /help) offer the same buttons.
    parent.send("/start")
    help_message = await parent.wait_for(lambda m: "Wat kun je doen?" in m["text"])
    assert "🔒 Mijn gegevens" in labels(parent, help_message)


async def test_a_question_lost_before_consent_by_a_restart_is_asked_again_honestly(
    settings: Settings, clock: ManualClock, api: LocalBotApi
) -> None:
    bot = await start_bot(settings, clock)
    try:
        await add_webinar(bot, "slapen")
        moderator = api.user(MODERATOR_IDS[0], first_name="Gert", language_code="nl")
        await make_moderator(bot, moderator.id)
        moderator.send("/open slapen")
        await moderator.wait_for(lambda m: "open voor vragen" in m["text"])
        parent = api.user(1302, first_name="Sanne", language_code="nl")
        parent.send("/start w-slapen")
        # The welcome and the notice are one message.
        first_notice = await parent.wait_for(
            lambda m: "Welkom bij" in m["text"] and "Over je gegevens" in m["text"]
        )
        parent.send("Hoe leer ik mijn kind zelf in slaap vallen?")
        # The thanks for the question and the notice again: one message, its own buttons.
        notice = await parent.wait_for(
            lambda m: (
                "Eerst nog iets over je gegevens" in m["text"] and "Over je gegevens" in m["text"]
            )
        )
        assert notice["message_id"] != first_notice["message_id"]
        await eventually(lambda: api.pending_updates_count == 0)
    finally:
        await bot.stop()

    bot = await start_bot(settings, clock)  # the question waited in memory only
    try:
        agree = next(data for _, data in parent.buttons(notice) if data and ":c:agree" in data)
        parent.press(notice, agree)
        # The notice keeps its text (it loses its buttons); the thanks is a new message.
        told = await parent.wait_for(lambda m: "niet bewaard gebleven" in m["text"])
        assert "nog een keer typen" in told["text"]
        assert "Je kunt nu vragen stellen" not in told["text"]
        parent.send("Hoe leer ik mijn kind zelf in slaap vallen?")
        await parent.wait_for(lambda m: "in de rij" in m["text"])
    finally:
        await bot.stop()
    assert [(r.method, r.description) for r in api.rejections if r.status != 403] == []


async def test_questions_sent_before_consent_are_all_queued_when_the_parent_types_ja(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    from tests.helpers import webinar_opened_by_gert

    await webinar_opened_by_gert(bot, api)
    parent = api.user(1303, first_name="Sanne", language_code="nl")
    parent.send("/start w-slapen")
    await parent.wait_for(lambda m: "Welkom bij" in m["text"])
    parent.send("Hoe krijg ik mijn peuter 's avonds in bed?")
    notice = await parent.wait_for(lambda m: "Eerst nog iets over je gegevens" in m["text"])
    parent.send("En hoe lang mag een dutje duren?")
    await parent.wait_for(lambda m: m["message_id"] > notice["message_id"])
    parent.send("ja")
    first = await parent.wait_for(lambda m: "peuter" in m["text"] and "in de rij" in m["text"])
    assert "Deze vraag van je heb ik in de rij gezet" in first["text"]
    await parent.wait_for(lambda m: "dutje" in m["text"] and "in de rij" in m["text"])
    # Tapping ✅ Akkoord afterwards changes nothing and reports nothing lost.
    parent.press(notice, "1:c:agreeq")
    await eventually(lambda: api.pending_updates_count == 0)
    await eventually(lambda: not bot.busy())
    assert not any("niet bewaard" in m["text"] for m in parent.messages)
    webinar = await bot.services.repos.webinars.by_code("slapen")
    assert webinar is not None
    queued = await bot.services.repos.questions.top_open(webinar.id, 10)
    assert sorted(q.text or "" for q in queued) == [
        "En hoe lang mag een dutje duren?",
        "Hoe krijg ik mijn peuter 's avonds in bed?",
    ]


async def test_a_button_tap_after_questions_before_consent_queues_them_quoted(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    from tests.helpers import webinar_opened_by_gert

    await webinar_opened_by_gert(bot, api)
    parent = api.user(1304, first_name="Ali", language_code="nl")
    parent.send("/webinar slapen")
    await parent.wait_for(lambda m: "Welkom bij" in m["text"])
    parent.send("Mijn zoon wil niet slapen zonder mij")
    notice = await parent.wait_for(lambda m: "Eerst nog iets over je gegevens" in m["text"])
    parent.press(notice, "1:c:agreeq")
    queued = await parent.wait_for(lambda m: "heb ik in de rij gezet" in m["text"])
    assert "plek 1" in queued["text"]
    assert "Mijn zoon wil niet slapen zonder mij" in queued["text"]

"""A parent's first steps: /start without a link, consent, and a question lost on restart."""

from __future__ import annotations

from bot.app import Ouderbot
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.localapi import LocalBotApi
from tests.helpers import MODERATOR_IDS, add_webinar, eventually, make_moderator, start_bot


def labels(user, message) -> list[str]:  # type: ignore[no-untyped-def]
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

"""Bad input gets a clear, kind answer in the parent's language and changes nothing.

Every test goes through the real bot. "Changes nothing" is checked on the whole database:
every table (except the log of handled update ids) is the same before and after.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import Ouderbot
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.models import WebinarState
from bot.localapi import FakeUser, LocalBotApi
from tests.helpers import MODERATOR_IDS, add_webinar, eventually, make_moderator, start_bot

Snapshot = dict[str, list[tuple[Any, ...]]]


def snapshot(database: Path) -> Snapshot:
    with closing(sqlite3.connect(database)) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                # The bookkeeping of delivery: which updates were handled, what was sent.
                " AND name NOT IN ('processed_updates', 'sqlite_sequence', 'outbox', 'inbox')"
            )
        ]
        return {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
        }


def has(text: str) -> Any:
    return lambda m: text in (m.get("text") or "")


async def parent_in_webinar(
    bot: Ouderbot, api: LocalBotApi, user_id: int, language: str = "nl", code: str = "rust"
) -> FakeUser:
    """A parent who agreed to the notice and joined an open webinar."""
    repos, now = bot.services.repos, bot.services.clock.now()
    webinar = await repos.webinars.by_code(code)
    webinar_id = webinar.id if webinar else await add_webinar(bot, code)
    await repos.webinars.set_state(webinar_id, WebinarState.OPEN, now)
    user = api.user(user_id, first_name="Ouder", language_code=language)
    await repos.users.ensure(user_id, language, now)
    await repos.users.record_consent(user_id, bot.services.settings.privacy.notice_version, now)
    await repos.webinars.join(webinar_id, user_id, now)
    return user


async def answered_and_unchanged(
    bot: Ouderbot, api: LocalBotApi, user: FakeUser, act: Any, expected: str
) -> dict[str, Any]:
    """Do `act`, wait for the reply containing `expected`; nothing in the database moved."""
    await api.wait_until_idle()
    database = bot.services.settings.storage.database
    before = snapshot(database)
    act()
    reply = await user.wait_for(has(expected))
    await api.wait_until_idle()
    assert snapshot(database) == before
    return reply


async def alert_of(api: LocalBotApi, query_id: str) -> str:
    answer = await eventually(lambda: api.callback_answer(query_id))
    assert answer.get("show_alert") or answer.get("text")
    return str(answer.get("text"))


# -- things that are not text ---------------------------------------------------------------


async def test_a_sticker_is_answered_kindly_in_dutch(bot: Ouderbot, api: LocalBotApi) -> None:
    parent = await parent_in_webinar(bot, api, 3001)
    await answered_and_unchanged(bot, api, parent, parent.send_sticker, "Ik kan alleen tekst lezen")


async def test_a_photo_is_answered_kindly_in_english(bot: Ouderbot, api: LocalBotApi) -> None:
    parent = await parent_in_webinar(bot, api, 3002, "en")
    await answered_and_unchanged(
        bot, api, parent, lambda: parent.send_photo(caption="my question"), "I can only read text"
    )


async def test_a_voice_message_is_answered_kindly(bot: Ouderbot, api: LocalBotApi) -> None:
    parent = await parent_in_webinar(bot, api, 3003)
    await answered_and_unchanged(bot, api, parent, parent.send_voice, "Typ je vraag of bericht")


async def test_a_video_is_answered_kindly(bot: Ouderbot, api: LocalBotApi) -> None:
    parent = await parent_in_webinar(bot, api, 3004, "en")
    await answered_and_unchanged(
        bot, api, parent, parent.send_video, "Type your question or message"
    )


async def test_a_location_is_answered_kindly(bot: Ouderbot, api: LocalBotApi) -> None:
    parent = await parent_in_webinar(bot, api, 3005)
    await answered_and_unchanged(
        bot, api, parent, lambda: parent.send_location(52.09, 5.12), "Ik kan alleen tekst lezen"
    )


async def test_a_contact_is_answered_kindly_and_its_number_kept_nowhere(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = await parent_in_webinar(bot, api, 3006)
    await answered_and_unchanged(
        bot,
        api,
        parent,
        lambda: parent.send_contact("+31612345678", "Oma"),
        "Ik kan alleen tekst lezen",
    )


# -- text that cannot be a question -----------------------------------------------------------


async def test_an_edited_message_is_not_taken_and_the_question_stays_as_sent(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = await parent_in_webinar(bot, api, 3011)
    sent = parent.send("Hoe lang mag een peuter slapen overdag?")
    await parent.wait_for(has("in de rij"))
    await answered_and_unchanged(
        bot,
        api,
        parent,
        lambda: parent.edit(sent["message_id"], "Iets heel anders"),
        "Je hebt een bericht aangepast",
    )
    rows = await bot.services.db.fetch_all("SELECT text FROM questions")
    assert [row["text"] for row in rows] == ["Hoe lang mag een peuter slapen overdag?"]


async def test_a_text_longer_than_a_telegram_message_is_refused_with_the_limit(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = await parent_in_webinar(bot, api, 3012)
    reply = await answered_and_unchanged(
        bot, api, parent, lambda: parent.send("Waarom " * 700), "Je vraag is te lang"
    )
    assert "1000 tekens" in reply["text"]


async def test_whitespace_only_text_is_asked_to_be_typed_in_words(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = await parent_in_webinar(bot, api, 3013, "en")
    for blank in ("   ", "\u200b\u200b", "\t\n \u202e"):
        await answered_and_unchanged(
            bot, api, parent, lambda b=blank: parent.send(b), "I see no text in your message"
        )


async def test_control_characters_and_direction_overrides_are_removed_before_storing(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = await parent_in_webinar(bot, api, 3014)
    parent.send("Hoe\u202e lang\x07 mag\u2066 mijn kind\u200b gamen?\tElke dag?")
    await parent.wait_for(has("in de rij"))
    rows = await bot.services.db.fetch_all("SELECT text FROM questions")
    assert [row["text"] for row in rows] == ["Hoe lang mag mijn kind gamen? Elke dag?"]


async def test_an_unknown_command_points_to_help_and_is_no_question(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = await parent_in_webinar(bot, api, 3015)
    await answered_and_unchanged(
        bot, api, parent, lambda: parent.send("/vraagje hoe gaat dit?"), "Dat commando ken ik niet"
    )


async def test_a_moderators_command_from_a_parent_is_refused_in_english(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = await parent_in_webinar(bot, api, 3016, "en")
    for command in ("/volgende", "/sluit", "/rij", "/open rust"):
        await answered_and_unchanged(
            bot, api, parent, lambda c=command: parent.send(c), "only for moderators"
        )


# -- buttons ------------------------------------------------------------------------------------


async def test_a_button_from_before_a_restart_still_works_and_then_answers_kindly(
    settings: Settings, clock: ManualClock, api: LocalBotApi
) -> None:
    bot = await start_bot(settings, clock, api)
    try:
        parent = await parent_in_webinar(bot, api, 3021)
        parent.send("Mag mijn kind een telefoon op de kamer?")
        ack = await parent.wait_for(has("in de rij"))
    finally:
        await bot.stop()
    bot = await start_bot(settings, clock, api)
    try:
        withdraw = next(d for _, d in parent.buttons(ack) if d and ":p:withdraw:" in d)
        withdraw = withdraw.replace(":p:withdraw:", ":p:withdrawyes:")  # past "are you sure"
        parent.press(ack, withdraw)
        await parent.wait_for(has("Je vraag is ingetrokken"))
        await api.wait_until_idle()
        before = snapshot(settings.storage.database)
        query = parent.press(ack, withdraw)  # the same old button once more
        assert "niet meer intrekken" in await alert_of(api, query)
        query = parent.press(ack, "0:p:withdraw:1")  # a button from an older version
        assert "Deze knop werkt niet meer" in await alert_of(api, query)
        await api.wait_until_idle()
        assert snapshot(settings.storage.database) == before
    finally:
        await bot.stop()
    assert api.unanswered_callback_queries() == []


async def test_a_button_of_a_closed_webinar_is_answered_kindly(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = await parent_in_webinar(bot, api, 3022)
    other = await parent_in_webinar(bot, api, 3023)
    other.send("Hoe voorkom ik driftbuien in de supermarkt?")
    await other.wait_for(has("in de rij"))

    async def make_visible(conn: Any) -> None:
        await conn.execute("UPDATE questions SET visible = 1")

    await bot.services.db.write(make_visible, marks_update=False)
    webinar = await bot.services.repos.webinars.by_code("rust")
    assert webinar is not None
    parent.send("/help")  # a message in the parent's own chat to press a button on
    own = await parent.wait_for(has("Wat kun je doen?"))
    parent.press(own, f"1:p:list:{webinar.id}")
    listing = await parent.wait_for(has("driftbuien"))
    await bot.services.repos.webinars.set_state(
        webinar.id, WebinarState.CLOSED, bot.services.clock.now()
    )
    await api.wait_until_idle()
    before = snapshot(bot.services.settings.storage.database)
    query = parent.press(listing, next(d for t, d in parent.buttons(listing) if t == "🙋 1"))
    assert "Deze stem telt niet (meer)" in await alert_of(api, query)
    parent.press(listing, f"1:p:list:{webinar.id}")
    await parent.wait_for(has("Je doet nu niet mee aan een webinar"))
    await api.wait_until_idle()
    assert snapshot(bot.services.settings.storage.database) == before


async def test_malformed_callback_data_is_refused_before_any_feature_sees_it(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert")
    await make_moderator(bot, moderator.id)
    moderator.send("/help")
    message = await moderator.wait_for(has("Gespreksleider"))
    await api.wait_until_idle()
    before = snapshot(bot.services.settings.storage.database)
    for data in (
        "garbage",
        "1:q:asked:abc",
        "1:q",
        "2:q:asked:1",
        "1:q:asked:1:2",
        "1:zz:top:1",
        "1:q:asked:" + "9" * 70,
        "1:q:asked:-",
        "",
        None,
    ):
        query = moderator.press(message, data)
        assert "Deze knop werkt niet meer" in await alert_of(api, query), data
    await api.wait_until_idle()
    assert snapshot(bot.services.settings.storage.database) == before


async def test_forged_callback_data_is_checked_against_who_pressed_it(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    asker = await parent_in_webinar(bot, api, 3024)
    asker.send("Hoe leer ik mijn kind zwemmen?")
    await asker.wait_for(has("in de rij"))
    question_id = await bot.services.db.fetch_value("SELECT max(id) FROM questions")
    forger = await parent_in_webinar(bot, api, 3025)
    forger.send("/help")
    message = await forger.wait_for(has("Wat kun je doen?"))
    await api.wait_until_idle()
    before = snapshot(bot.services.settings.storage.database)
    for data, answer in (
        (f"1:q:asked:{question_id}", "alleen voor gespreksleiders"),
        (f"1:q:remove:{question_id}", "alleen voor gespreksleiders"),
        (f"1:p:withdraw:{question_id}", "niet meer intrekken"),
        ("1:sum:show:3:30", "alleen voor coördinatoren"),
    ):
        query = forger.press(message, data)
        assert answer in await alert_of(api, query), data
    await api.wait_until_idle()
    assert snapshot(bot.services.settings.storage.database) == before


# -- limits ---------------------------------------------------------------------------------------


@pytest.fixture
def unpaced(settings: Settings, api: LocalBotApi) -> Settings:
    """For a test about the bot's own rules, not Telegram's pace: 21 replies to one chat
    at Telegram's pace (one a second after a short burst) would take 13 s."""
    api.rate_limits = False
    return settings.model_copy(
        update={"telegram": settings.telegram.model_copy(update={"chat_messages_per_second": 50})}
    )


async def test_a_flooding_parent_is_warned_once_then_ignored_until_the_minute_passes(
    unpaced: Settings, api: LocalBotApi, clock: ManualClock
) -> None:
    bot = await start_bot(unpaced, clock, api)
    try:
        await _flood_is_warned_once(bot, api, clock)
    finally:
        await bot.stop()


async def _flood_is_warned_once(bot: Ouderbot, api: LocalBotApi, clock: ManualClock) -> None:
    limit = bot.services.settings.limits.messages_per_minute
    parent = api.user(3031, language_code="en")
    calm = api.user(3032)
    for number in range(limit + 5):
        parent.send(f"hello {number}")
    await parent.wait_for(has("Slow down a little"))
    calm.send("/help")
    await calm.wait_for(has("Wat kun je doen?"))  # one parent's flood is not another's
    await api.wait_until_idle()
    replies = [m["text"] for m in parent.messages]
    assert len(replies) == limit + 1
    assert sum("Slow down" in text for text in replies) == 1

    parent.send("/help")  # still within the minute: silence
    await api.wait_until_idle()
    assert len(parent.messages) == limit + 1

    clock.advance(timedelta(seconds=61))
    parent.send("/help")
    await parent.wait_for(has("What can you do?"))


async def test_a_muted_parent_cannot_ask_for_the_rest_of_that_webinar_only(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert")
    await make_moderator(bot, moderator.id)
    parent = await parent_in_webinar(bot, api, 3041)
    moderator.send("/open rust")
    await moderator.wait_for(has("open voor vragen"))
    parent.send("KOOP NU GOEDKOPE SPULLEN")
    await parent.wait_for(has("in de rij"))
    moderator.send("/volgende")
    card = await moderator.wait_for(has("GOEDKOPE"))
    assert "🔇 Ouder pauzeren" in [t for t, _ in moderator.buttons(card)]
    moderator.tap("🔇 Ouder pauzeren", card)
    confirm = await moderator.wait_for(has("pauzeren?"))  # asks first (see test_webinar_moderator)
    query = moderator.tap("🔇 Ja, pauzeren", confirm)
    assert "geen vragen meer sturen" in await alert_of(api, query)

    await answered_and_unchanged(
        bot, api, parent, lambda: parent.send("Nog meer reclame"), "gepauzeerd"
    )
    await parent_in_webinar(bot, api, 3041, code="ander")  # the next webinar: welcome back
    parent.send("Een echte vraag over slapen")
    await parent.wait_for(has("in de rij"))


async def test_added_to_a_group_the_bot_leaves_without_a_word(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = api.user(3051)
    api.add_bot_to_group(-100_555_0001, by=parent)
    await eventually(lambda: -100_555_0001 in api.left_chats)
    await api.wait_until_idle()
    assert api.chat_messages(-100_555_0001) == []
    assert api.left_chats.count(-100_555_0001) == 1
    assert [r for r in api.rejections if r.method == "leaveChat"] == []  # left once

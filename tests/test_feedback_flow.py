"""Feedback after a webinar, end to end: the real bot against the local Bot API server."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import Any

from bot.app import Ouderbot
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.models import OutgoingMessage, WebinarState
from bot.feedback.records import Helped
from bot.localapi import LocalBotApi
from tests.helpers import (
    MODERATOR_IDS,
    add_webinar,
    close_webinar,
    eventually,
    make_moderator,
    start_bot,
)

INTRO = "Hoe was het?"


def is_request(message: dict[str, Any]) -> bool:
    return INTRO in (message.get("text") or "")


def requests_of(user: Any) -> list[dict[str, Any]]:
    return [m for m in user.messages if is_request(m)]


def button(user: Any, message: dict[str, Any], label: str) -> str:
    return next(data for text, data in user.buttons(message) if text == label)


async def run_webinar(
    bot: Ouderbot, api: LocalBotApi, parent_ids: list[int], code: str = "slapen"
) -> int:
    """A webinar the parents joined, opened and closed by a gespreksleider."""
    webinar_id = await add_webinar(bot, code)
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert")
    await make_moderator(bot, moderator.id)
    moderator.send(f"/open {code}")
    await moderator.wait_for(lambda m: "open voor vragen" in m["text"])
    for parent_id in parent_ids:
        parent = api.user(parent_id)
        parent.send(f"/webinar {code}")
        await parent.wait_for(lambda m: "Welkom bij" in m["text"])
    await close_webinar(moderator)
    await eventually(lambda: bot.services.repos.feedback.has_session(f"w:{webinar_id}"))
    await bot.dispatcher.send_due()
    return webinar_id


async def request_for(api: LocalBotApi, user_id: int) -> dict[str, Any]:
    user = api.user(user_id)
    return await user.wait_for(is_request, include_earlier=True)


async def answers(bot: Ouderbot, webinar_id: int) -> list[Any]:
    session = next(
        s
        for s in await bot.services.repos.feedback.recent_sessions(50)
        if s.ref == f"w:{webinar_id}"
    )
    return await bot.services.repos.feedback.answers_of([session])


async def test_each_parent_of_a_closed_webinar_gets_exactly_one_request_also_after_a_restart(
    settings: Settings, clock: ManualClock, api: LocalBotApi
) -> None:
    parents = [1001, 1002, 1003]
    bot = await start_bot(settings, clock, api)
    try:
        await run_webinar(bot, api, parents)
        for parent_id in parents:
            await request_for(api, parent_id)
        api.user(MODERATOR_IDS[0]).send("/sluit")  # closing again asks nobody twice
        await api.user(MODERATOR_IDS[0]).wait_for(
            lambda m: "geen webinar" in m["text"].lower() or "open" in m["text"].lower()
        )
        await bot.feedback.tick()
        await bot.dispatcher.send_due()
    finally:
        await bot.stop()
    bot = await start_bot(settings, clock, api)
    try:
        await bot.feedback.tick()
        await bot.dispatcher.send_due()
        await api.wait_until_idle()
    finally:
        await bot.stop()
    assert [len(requests_of(api.user(p))) for p in parents] == [1, 1, 1]
    assert requests_of(api.user(MODERATOR_IDS[0])) == []
    assert all("Slapen zonder strijd" in requests_of(api.user(p))[0]["text"] for p in parents)


async def test_a_webinar_closed_while_the_hook_could_not_run_is_asked_after_a_restart(
    settings: Settings, clock: ManualClock, api: LocalBotApi
) -> None:
    bot = await start_bot(settings, clock, api)
    try:
        webinar_id = await add_webinar(bot, "eten")
        for parent_id in (1011, 1012):
            api.user(parent_id)  # a private chat with the bot exists
            await bot.services.repos.users.ensure(parent_id, "nl", clock.now())
            await bot.services.repos.webinars.join(webinar_id, parent_id, clock.now())
        # The process died right after closing: the close was committed, the hook never ran.
        await bot.services.repos.webinars.set_state(webinar_id, WebinarState.CLOSED, clock.now())
    finally:
        await bot.stop()
    clock.advance(timedelta(hours=1))
    bot = await start_bot(settings, clock, api)
    try:
        await bot.feedback.tick()
        await bot.dispatcher.send_due()
        for parent_id in (1011, 1012):
            await request_for(api, parent_id)
    finally:
        await bot.stop()
    assert [len(requests_of(api.user(p))) for p in (1011, 1012)] == [1, 1]


async def test_a_parent_who_answers_only_the_score_is_counted_with_a_score_and_no_text(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    webinar_id = await run_webinar(bot, api, [1021])
    parent = api.user(1021)
    request = await request_for(api, 1021)
    assert [text for text, _ in parent.buttons(request)][:5] == ["😞", "🙁", "😐", "🙂", "😄"]
    parent.press(request, button(parent, request, "🙂"))
    await parent.wait_for(lambda m: "andere ouders" in m["text"])
    stored = await answers(bot, webinar_id)
    assert [(a.score, a.helped, a.takeaway, a.wish) for a in stored] == [(4, None, None, None)]
    assert stored[0].is_response


async def test_every_answer_is_saved_as_given_and_answering_again_changes_not_counts(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    webinar_id = await run_webinar(bot, api, [1031])
    parent = api.user(1031)
    request = await request_for(api, 1031)
    score_5 = button(parent, request, "😄")
    parent.press(request, score_5)
    helped = await parent.wait_for(lambda m: "andere ouders" in m["text"])
    parent.press(helped, score_5.replace(":5", ":2"))  # the same button pressed again, changed
    await eventually(lambda: api.unanswered_callback_queries() == [])
    parent.press(helped, button(parent, helped, "Een beetje"))
    await parent.wait_for(lambda m: "Wat neem je mee?" in m["text"])
    assert [(a.score, a.helped) for a in await answers(bot, webinar_id)] == [(2, Helped.A_BIT)]

    parent.send("Rust   en regelmaat. Bel me: 06-12345678")
    await parent.wait_for(lambda m: "volgende keer over hebben" in m["text"])
    stored = await answers(bot, webinar_id)
    assert stored[0].takeaway == "Rust en regelmaat. Bel me: [telefoon]"
    parent.send("Schermtijd")
    await parent.wait_for(lambda m: "Dank je wel!" in m["text"])
    stored = await answers(bot, webinar_id)
    assert len(stored) == 1
    assert stored[0].wish == "Schermtijd"

    # Done: what the parent types now is not feedback (the webinar is closed, too).
    parent.send("Nog iets")
    await parent.wait_for(lambda m: "webinar" in m["text"].lower())
    assert (await answers(bot, webinar_id))[0].wish == "Schermtijd"


async def test_skipping_every_step_saves_nothing_and_thanks_the_parent(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    webinar_id = await run_webinar(bot, api, [1041])
    parent = api.user(1041)
    message = await request_for(api, 1041)
    for expected in ("andere ouders", "Wat neem je mee?", "volgende keer", "Dank je wel!"):
        parent.press(message, button(parent, message, "Overslaan ⏭"))
        message = await parent.wait_for(partial(_has_text, expected))
    assert not any(a.is_response for a in await answers(bot, webinar_id))


async def test_an_expired_request_pressed_gets_a_kind_answer_and_changes_nothing(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    webinar_id = await run_webinar(bot, api, [1051])
    parent = api.user(1051)
    request = await request_for(api, 1051)
    clock.advance(timedelta(hours=48, minutes=1))
    query_id = parent.press(request, button(parent, request, "😄"))
    answer = await eventually(lambda: api.callback_answer(query_id))
    assert "gesloten" in answer["text"]
    assert answer.get("show_alert")
    assert await answers(bot, webinar_id) == []
    assert parent.message(request["message_id"]) == request  # not edited


async def test_a_request_that_could_not_be_sent_within_48_hours_is_never_sent(
    settings: Settings, clock: ManualClock, api: LocalBotApi
) -> None:
    bot = await start_bot(settings, clock, api)
    try:
        webinar_id = await add_webinar(bot, "laat")
        api.user(1061)
        await bot.services.repos.users.ensure(1061, "nl", clock.now())
        await bot.services.repos.webinars.join(webinar_id, 1061, clock.now())
        await bot.dispatcher.stop()  # Telegram unreachable, say, for two days
        webinar = await bot.services.repos.webinars.by_id(webinar_id)
        assert webinar is not None
        await bot.feedback.webinar_closed(webinar)
        clock.advance(timedelta(hours=49))
        bot.dispatcher.start()  # reachable again
        await bot.dispatcher.send_due()
    finally:
        await bot.stop()
    assert requests_of(api.user(1061)) == []


async def test_a_forged_press_on_another_parents_request_is_refused(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    webinar_id = await run_webinar(bot, api, [1071, 1072])
    victim = api.user(1071)
    request = await request_for(api, 1071)
    intruder = api.user(1072)
    own = await request_for(api, 1072)
    query_id = intruder.press(own, button(victim, request, "😞"))
    answer = await eventually(lambda: api.callback_answer(query_id))
    assert answer.get("show_alert")
    assert await answers(bot, webinar_id) == []


async def test_a_text_at_a_button_step_is_not_saved_as_an_answer(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    webinar_id = await run_webinar(bot, api, [1081])
    parent = api.user(1081)
    request = await request_for(api, 1081)
    parent.press(request, button(parent, request, "😐"))
    await parent.wait_for(lambda m: "andere ouders" in m["text"])
    parent.send("Is er nog een webinar?")  # at the "helped" step: buttons, no free text
    reply = await parent.wait_for(lambda m: "tik je op een knop" in m["text"])
    assert "Bewaard" not in reply["text"]
    stored = await answers(bot, webinar_id)
    assert [(a.score, a.helped, a.takeaway, a.wish) for a in stored] == [(3, None, None, None)]


async def inloop_series(bot: Ouderbot, subscribers: list[int]) -> int:
    """A weekly inloop on Tuesdays 13:00-15:00 from 1 December, with these subscribers."""
    from datetime import date, time

    from bot.inloop.records import InloopSeries
    from bot.inloop.recurrence import Recurrence, SeriesRule
    from storage.inloop import InloopRepository

    inloop = InloopRepository(bot.services.db)
    now = bot.services.clock.now()
    rule = SeriesRule(date(2026, 12, 1), time(13, 0), time(15, 0), Recurrence("wekelijks"))
    await inloop.upsert_series(
        [
            InloopSeries(
                "Inloop Speeltuin",
                "opvoeden",
                "Hoograven",
                "Speeltuin De Kraai",
                "Buurtteam",
                rule,
                key="hoograven-speeltuin",
            )
        ],
        now,
    )
    series = (await inloop.all_series())[0]
    for user_id in subscribers:
        await bot.services.repos.users.ensure(user_id, "nl", now)
        await inloop.subscribe(series.id, user_id, now, [], lambda plan, uid: None)  # type: ignore[arg-type, return-value]
    return series.id


async def test_after_an_inloopmoment_subscribers_are_asked_if_they_were_there_and_then_feedback(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    there, away = api.user(1101), api.user(1102)
    await inloop_series(bot, [there.id, away.id])
    assert await bot.feedback.tick() == 0
    clock.advance(timedelta(hours=5, minutes=5))  # 15:05 in Utrecht: it ended at 15:00
    assert await bot.feedback.tick() == 2
    assert await bot.feedback.tick() == 0
    await bot.dispatcher.send_due()

    question = await there.wait_for(lambda m: "Was je erbij?" in m["text"], include_earlier=True)
    assert "Inloop Speeltuin" in question["text"]
    there.press(question, button(there, question, "✅ Ja, ik was er"))
    scored = await there.wait_for(lambda m: "Tik op een gezichtje" in m["text"])
    there.press(scored, button(there, scored, "😄"))
    await there.wait_for(lambda m: "andere ouders" in m["text"])

    question = await away.wait_for(lambda m: "Was je erbij?" in m["text"], include_earlier=True)
    away.press(question, button(away, question, "Nee"))
    await away.wait_for(lambda m: "volgende keer" in m["text"])

    session = (await bot.services.repos.feedback.recent_sessions(1))[0]
    assert (session.kind, session.participants, session.requests_sent) == ("inloop", 1, 1)
    stored = await bot.services.repos.feedback.answers_of([session])
    assert [a.score for a in stored] == [5]


async def test_a_cancelled_inloopmoment_asks_nobody(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    from datetime import date

    from bot.inloop.recurrence import occurrence_on
    from storage.inloop import InloopRepository

    api.user(1111)
    series_id = await inloop_series(bot, [1111])
    inloop = InloopRepository(bot.services.db)
    series = await inloop.get(series_id)
    assert series is not None
    occurrence = occurrence_on(series.rule, bot.services.settings.zone, date(2026, 12, 1))
    assert occurrence is not None
    await inloop.cancel_occurrence(
        series,
        occurrence,
        "ziek",
        900_001,
        clock.now(),
        lambda uid: OutgoingMessage(
            uid,
            "inloop.cancelled",
            "core.raw",
            {"text": "afgelast"},
            dedup_key=f"cancel-test:{uid}",
        ),
    )
    clock.advance(timedelta(hours=6))
    assert await bot.feedback.tick() == 0


async def score_and_takeaway(api: LocalBotApi, parent_id: int, face: str, takeaway: str) -> None:
    parent = api.user(parent_id)
    request = await request_for(api, parent_id)
    parent.press(request, button(parent, request, face))
    helped = await parent.wait_for(lambda m: "andere ouders" in m["text"])
    parent.press(helped, button(parent, helped, "Overslaan ⏭"))
    await parent.wait_for(lambda m: "Wat neem je mee?" in m["text"])
    parent.send(takeaway)
    await parent.wait_for(lambda m: "volgende keer" in m["text"])


async def test_erasing_a_parent_removes_the_link_to_their_answers_and_keeps_the_counts(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    webinar_id = await run_webinar(bot, api, [1201, 1202])
    await score_and_takeaway(api, 1201, "😄", "Rust")
    await score_and_takeaway(api, 1202, "😐", "Regelmaat")
    feedback = bot.services.repos.feedback
    assert [a.takeaway for _, a in await feedback.of_user(1201) if a] == ["Rust"]

    await feedback.forget_user(1201, delete_answers=False)
    assert await feedback.of_user(1201) == []
    assert sorted(a.takeaway or "" for a in await answers(bot, webinar_id)) == ["Regelmaat", "Rust"]
    unlinked = await bot.services.db.fetch_value(
        "SELECT count(*) FROM feedback_answers WHERE request_id IS NULL"
    )
    assert unlinked == 1

    await feedback.forget_user(1202, delete_answers=True)
    assert [a.takeaway for a in await answers(bot, webinar_id)] == ["Rust"]
    session = (await feedback.recent_sessions(1))[0]
    assert (session.participants, session.requests_sent) == (2, 2)


async def test_after_the_retention_period_feedback_no_longer_names_the_parent(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    webinar_id = await run_webinar(bot, api, [1211])
    await score_and_takeaway(api, 1211, "🙂", "Vaste tijden")
    clock.advance(timedelta(days=bot.services.settings.privacy.retention_days, hours=1))
    await bot.feedback.tick()
    assert await bot.services.repos.feedback.of_user(1211) == []
    assert [a.takeaway for a in await answers(bot, webinar_id)] == ["Vaste tijden"]


async def test_words_typed_at_the_faces_get_the_faces_again_kindly(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    webinar_id = await run_webinar(bot, api, [1061])
    parent = api.user(1061)
    await request_for(api, 1061)
    parent.send("Het was goed")
    again = await parent.wait_for(lambda m: "Dank je voor je woorden" in m["text"])
    assert "Wat vond je ervan?" in again["text"]
    assert "niet mee aan een webinar" not in again["text"]
    assert [text for text, _ in parent.buttons(again)][:5] == ["😞", "🙁", "😐", "🙂", "😄"]
    parent.press(again, button(parent, again, "😄"))
    await parent.wait_for(lambda m: "andere ouders" in m["text"])
    assert [a.score for a in await answers(bot, webinar_id)] == [5]
    parent.send("Ja hoor")  # at "did it help?": the same kindness
    helped = await parent.wait_for(lambda m: "Dank je voor je woorden" in m["text"])
    assert "Een beetje" in [text for text, _ in parent.buttons(helped)]


async def test_a_mis_tapped_face_can_be_changed(bot: Ouderbot, api: LocalBotApi) -> None:
    webinar_id = await run_webinar(bot, api, [1071])
    parent = api.user(1071)
    request = await request_for(api, 1071)
    parent.press(request, button(parent, request, "😞"))
    helped = await parent.wait_for(lambda m: "andere ouders" in m["text"])
    parent.press(helped, button(parent, helped, "↩️ Ander gezichtje kiezen"))
    faces = await parent.wait_for(lambda m: "Wat vond je ervan?" in m["text"])
    assert [a.score for a in await answers(bot, webinar_id)] == [1]  # nothing changed yet
    parent.press(faces, button(parent, faces, "😄"))
    back = await parent.wait_for(lambda m: "andere ouders" in m["text"])
    assert back["message_id"] == request["message_id"]
    assert [a.score for a in await answers(bot, webinar_id)] == [5]
    parent.press(back, button(parent, back, "Ja"))
    await parent.wait_for(lambda m: "Wat neem je mee?" in m["text"])
    assert [(a.score, a.helped) for a in await answers(bot, webinar_id)] == [(5, Helped.YES)]


def _has_text(text: str, message: dict[str, Any]) -> bool:
    return text in message["text"]

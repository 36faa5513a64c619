"""`/samenvatting` and the weekly digest, end to end: storage -> summary -> message."""

from __future__ import annotations

import csv
import io
import struct
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import Ouderbot
from bot.core.clock import ManualClock
from bot.feedback.records import FeedbackAnswer, FeedbackSession, Helped
from bot.feedback.summary import format_summary, summarize
from bot.localapi import LocalBotApi
from bot.localapi.html_entities import parse_html
from tests.helpers import (
    COORDINATOR_ID,
    MODERATOR_IDS,
    add_webinar,
    close_webinar,
    eventually,
    make_moderator,
    make_settings,
    start_bot,
)
from tests.test_feedback_flow import button, request_for, run_webinar

PARENTS = [2001, 2002, 2003, 2004, 2005, 2006]
# What each parent answers through the bot: score face, helped, take-away, topic wish.
ENTERED: dict[int, tuple[str | None, str | None, str | None, str | None]] = {
    2001: ("😄", "Ja", "Rust en regelmaat", "Schermtijd"),
    2002: ("🙂", "Een beetje", "Vaste tijden helpen", "schermtijd van kinderen"),
    2003: ("😐", "Nee", None, "Pesten op school"),
    2004: ("😄", None, None, None),
    2005: (None, "Ja", "Ik ben niet de enige", None),
    2006: (None, None, None, None),  # got the request, never answered
}
FACES = {"😞": 1, "🙁": 2, "😐": 3, "🙂": 4, "😄": 5}
HELPED = {"Ja": Helped.YES, "Een beetje": Helped.A_BIT, "Nee": Helped.NO}
SKIP = "Overslaan ⏭"


async def give_feedback(api: LocalBotApi, parent_id: int) -> None:
    face, helped, takeaway, wish = ENTERED[parent_id]
    parent = api.user(parent_id)
    message = await request_for(api, parent_id)
    if face is None and helped is None and takeaway is None and wish is None:
        return
    parent.press(message, button(parent, message, face or SKIP))
    message = await parent.wait_for(lambda m: "andere ouders" in m["text"])
    parent.press(message, button(parent, message, helped or SKIP))
    message = await parent.wait_for(lambda m: "Wat neem je mee?" in m["text"])
    if takeaway:
        parent.send(takeaway)
    else:
        parent.press(message, button(parent, message, SKIP))
    message = await parent.wait_for(lambda m: "volgende keer" in m["text"])
    if wish:
        parent.send(wish)
    else:
        parent.press(message, button(parent, message, SKIP))
    await parent.wait_for(lambda m: "Dank je wel!" in m["text"])


async def webinar_with_feedback(bot: Ouderbot, api: LocalBotApi) -> int:
    webinar_id = await run_webinar(bot, api, PARENTS)
    for parent_id in PARENTS:
        await give_feedback(api, parent_id)
    return webinar_id


def expected_summary(bot: Ouderbot, heading: str, day: date) -> str:
    """The message computed by hand from what the parents entered (no storage involved)."""
    facts = FeedbackSession(
        "w",
        "webinar",
        "Slapen zonder strijd",
        "slapen",
        day,
        ended_at=datetime.combine(day, time(21, 0), tzinfo=UTC),
        participants=len(PARENTS),
        questions_asked=0,
        questions_answered=0,
        requests_sent=len(PARENTS),
    )
    answers = [
        FeedbackAnswer("w", day, FACES.get(face or ""), HELPED.get(helped or ""), takeaway, wish)
        for face, helped, takeaway, wish in ENTERED.values()
    ]
    html = format_summary(summarize([facts], answers), bot.services.t, "nl", heading)
    return parse_html(html)[0]


async def open_summary(api: LocalBotApi, label: str) -> dict[str, Any]:
    coordinator = api.user(COORDINATOR_ID, first_name="Cora")
    coordinator.send("/samenvatting")
    menu = await coordinator.wait_for(lambda m: "feedback zien" in m["text"])
    coordinator.press(menu, button(coordinator, menu, label))
    return menu


async def test_summary_figures_match_the_responses_entered_through_the_bot(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await webinar_with_feedback(bot, api)
    await open_summary(api, "Laatste 30 dagen")
    coordinator = api.user(COORDINATOR_ID)
    shown = await coordinator.wait_for(lambda m: "Reacties:" in m["text"])
    assert shown["text"] == expected_summary(bot, "Laatste 30 dagen", date(2026, 12, 1))
    assert "Reacties: 5 op 6 verzoeken (83%)" in shown["text"]
    assert "Rust en regelmaat" in shown["text"]


async def test_one_session_is_chosen_from_the_recent_sessions(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await webinar_with_feedback(bot, api)
    menu = await open_summary(api, "🗓 Laatste sessies")
    coordinator = api.user(COORDINATOR_ID)
    listed = await coordinator.wait_for(lambda m: "Kies een sessie" in m["text"])
    assert listed["message_id"] == menu["message_id"]  # the menu turned into the list
    coordinator.press(listed, button(coordinator, listed, "↩️ Terug"))  # and back again
    again = await coordinator.wait_for(lambda m: "feedback zien" in m["text"])
    assert again["message_id"] == menu["message_id"]
    coordinator.press(again, button(coordinator, again, "🗓 Laatste sessies"))
    listed = await coordinator.wait_for(lambda m: "Kies een sessie" in m["text"])
    coordinator.press(listed, button(coordinator, listed, "01-12 · Slapen zonder strijd"))
    shown = await coordinator.wait_for(lambda m: "Reacties:" in m["text"])
    heading = "Slapen zonder strijd (dinsdag 1 december)"
    assert shown["text"] == expected_summary(bot, heading, date(2026, 12, 1))


async def test_questions_asked_and_answered_come_from_the_webinar(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await add_webinar(bot, "praat")
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert")
    await make_moderator(bot, moderator.id)
    moderator.send("/open praat")
    await moderator.wait_for(lambda m: "open voor vragen" in m["text"])
    parent = api.user(2101)
    parent.send("/webinar praat")
    notice = await parent.wait_for(
        lambda m: any("c:agree" in (d or "") for _, d in parent.buttons(m))
    )
    parent.press(notice, "1:c:agree")
    await parent.wait_for(lambda m: "Dank je!" in m["text"])
    for text in ("Hoe krijg ik mijn peuter in bed?", "Wat doe ik tegen driftbuien?"):
        parent.send(text)
        await parent.wait_for(lambda m: "in de rij" in m["text"])
    moderator.send("/volgende")
    card = await moderator.wait_for(lambda m: "Vraag" in m["text"])
    moderator.press(card, next(d for _, d in moderator.buttons(card) if ":q:asked:" in (d or "")))
    await moderator.wait_for(lambda m: "is gesteld" in m["text"])
    await close_webinar(moderator)
    await eventually(lambda: bot.services.repos.feedback.recent_sessions(1))
    await open_summary(api, "Laatste 30 dagen")
    shown = await api.user(COORDINATOR_ID).wait_for(lambda m: "Reacties:" in m["text"])
    assert "Sessies: 1 · deelnemers: 1" in shown["text"]
    assert "Vragen: 2 ingestuurd, 1 beantwoord" in shown["text"]
    assert "Reacties: 0 op 1 verzoek (0%)" in shown["text"]


async def test_with_fewer_than_five_responses_the_figures_show_and_the_texts_do_not(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await run_webinar(bot, api, [2001, 2002])
    for parent_id in (2001, 2002):
        await give_feedback(api, parent_id)
    await open_summary(api, "Laatste 30 dagen")
    shown = await api.user(COORDINATOR_ID).wait_for(lambda m: "Reacties:" in m["text"])
    assert "Reacties: 2 op 2 verzoeken (100%)" in shown["text"]
    assert "Minder dan 5 reacties" in shown["text"]
    assert "Rust en regelmaat" not in shown["text"]


async def test_the_chart_is_a_png_of_the_expected_size(bot: Ouderbot, api: LocalBotApi) -> None:
    await webinar_with_feedback(bot, api)
    await open_summary(api, "Laatste 90 dagen")
    photo = await api.user(COORDINATOR_ID).wait_for(lambda m: "photo" in m)
    data = api.file_bytes(photo["photo"][-1]["file_id"])
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (1000, 500)


async def test_the_csv_export_parses_and_carries_no_ids_or_names(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await webinar_with_feedback(bot, api)
    await open_summary(api, "Laatste 30 dagen")
    coordinator = api.user(COORDINATOR_ID)
    shown = await coordinator.wait_for(lambda m: "Reacties:" in m["text"])
    coordinator.press(shown, button(coordinator, shown, "📄 CSV-bestand"))
    document = await coordinator.wait_for(lambda m: "document" in m)
    assert document["document"]["file_name"].endswith(".csv")
    raw = api.file_bytes(document["document"]["file_id"])
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Sessie",
        "Thema",
        "Soort",
        "Datum",
        "Score",
        "Andere ouders hielpen",
        "Neemt mee",
        "Onderwerpwens",
    ]
    assert len(rows) == 1 + 5  # one row per response
    assert sorted(row[4] for row in rows[1:]) == ["", "3", "4", "5", "5"]
    # Values in the coordinator's language too, like the headers.
    assert {row[5] for row in rows[1:]} <= {"", "ja", "een beetje", "nee"}
    assert {row[5] for row in rows[1:]} - {""}
    text = raw.decode("utf-8-sig")
    for parent_id in PARENTS:
        assert str(parent_id) not in text
        assert api.user(parent_id).first_name not in text
    assert not any(cell.isdigit() and len(cell) > 1 for row in rows[1:] for cell in row)


async def test_a_parent_cannot_call_samenvatting_or_press_its_buttons(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await webinar_with_feedback(bot, api)
    parent = api.user(2001)
    parent.send("/samenvatting")
    await parent.wait_for(lambda m: "alleen voor coördinatoren" in m["text"])
    last = parent.messages[-1]
    query_id = parent.press(last, "1:sum:show:3:30")  # forged
    answer = await eventually(lambda: api.callback_answer(query_id))
    assert "coördinatoren" in answer["text"]
    query_id = parent.press(last, "1:sum:csv:3:30")
    await eventually(lambda: api.callback_answer(query_id))
    await api.wait_until_idle()
    assert not any("photo" in m or "document" in m for m in parent.messages)
    assert not any("Reacties:" in (m.get("text") or "") for m in parent.messages)


@pytest.fixture
def digest_settings(tmp_path: Path, api: LocalBotApi) -> Any:
    return make_settings(
        tmp_path / "digest.sqlite3",
        api,
        feedback={"digest_weekday": "maandag", "digest_time": "09:00"},
    )


async def test_the_weekly_digest_reaches_each_coordinator_once_a_week(
    digest_settings: Any, clock: ManualClock, api: LocalBotApi
) -> None:
    bot = await start_bot(digest_settings, clock)
    try:
        await webinar_with_feedback(bot, api)  # Tuesday 1 December
        coordinator = api.user(COORDINATOR_ID, first_name="Cora")
        await bot.services.repos.users.ensure(COORDINATOR_ID, "nl", clock.now())
        # Monday 7 December, 08:59 in Utrecht: not yet.
        clock.set(datetime(2026, 12, 7, 7, 59, tzinfo=UTC))
        assert await bot.feedback.tick() == 0
        clock.advance(timedelta(minutes=2))
        assert await bot.feedback.tick() == 1
        assert await bot.feedback.tick() == 0
        await bot.dispatcher.send_due()
        digest = await coordinator.wait_for(
            lambda m: "afgelopen week" in m["text"], include_earlier=True
        )
        assert "Sessies: 1 · reacties: 5" in digest["text"]
        assert "maandag 30 november t/m zondag 6 december" in digest["text"]
        coordinator.press(digest, button(coordinator, digest, "📊 Bekijk de samenvatting"))
        shown = await coordinator.wait_for(lambda m: "Reacties:" in m["text"])
        assert "Reacties: 5 op 6 verzoeken (83%)" in shown["text"]
    finally:
        await bot.stop()
    bot = await start_bot(digest_settings, clock)  # a restart sends it no second time
    try:
        await bot.feedback.tick()
        await bot.dispatcher.send_due()
    finally:
        await bot.stop()
    assert sum("afgelopen week" in (m.get("text") or "") for m in coordinator.messages) == 1


async def test_no_digest_when_it_is_switched_off(bot: Ouderbot, clock: ManualClock) -> None:
    await bot.services.repos.users.ensure(COORDINATOR_ID, "nl", clock.now())
    for _ in range(8):
        clock.advance(timedelta(days=1))
        assert await bot.feedback.tick() == 0

"""Replay moments: "⏺ Opname loopt", the moment each question was asked, one notice each."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.app import Ouderbot
from bot.core.clock import ManualClock
from bot.core.models import WebinarState
from bot.localapi import LocalBotApi
from bot.webinar.replay import time_link
from storage.webinars import WebinarDraft
from tests.helpers import (
    COORDINATOR_ID,
    MODERATOR_IDS,
    add_webinar,
    close_webinar,
    eventually,
    make_moderator,
    texts,
)

YOUTUBE = "https://www.youtube.com/watch?v=abc123"
VIMEO = "https://vimeo.com/76979871"


@pytest.mark.parametrize(
    ("url", "seconds", "expected"),
    [
        (YOUTUBE, 1380, "https://www.youtube.com/watch?v=abc123&t=1380"),
        ("https://youtu.be/abc123", 95, "https://youtu.be/abc123?t=95"),
        ("https://youtu.be/abc123?t=10", 95, "https://youtu.be/abc123?t=95"),
        (VIMEO, 1380, "https://vimeo.com/76979871#t=1380s"),
        ("https://player.vimeo.com/video/7#t=3s", 60, "https://player.vimeo.com/video/7#t=60s"),
        ("https://example.org/terugkijken/slapen", 1380, None),
        (YOUTUBE, -30, "https://www.youtube.com/watch?v=abc123&t=0"),
    ],
)
def test_youtube_and_vimeo_links_start_at_the_moment_others_are_left_alone(
    url: str, seconds: int, expected: str | None
) -> None:
    assert time_link(url, seconds) == expected


async def ask(api: LocalBotApi, bot: Ouderbot, user_id: int, text: str, language: str) -> Any:
    services = bot.services
    webinar = await services.repos.webinars.by_code("slapen")
    assert webinar is not None
    await services.repos.users.ensure(user_id, language, services.clock.now())
    await services.repos.users.record_consent(user_id, 1, services.clock.now())
    await services.repos.webinars.join(webinar.id, user_id, services.clock.now())
    parent = api.user(user_id, first_name="Ouder", language_code=language)
    parent.send(text)
    await parent.wait_for(lambda m: ":p:withdraw:" in str(m.get("reply_markup")))
    return parent


async def put_next_question(moderator: Any, needle: str) -> None:
    moderator.send("/volgende")
    card = await moderator.wait_for(
        lambda m: needle in m["text"] and ":q:asked:" in str(m.get("reply_markup"))
    )
    buttons = moderator.buttons(card)
    asked = next((data for _, data in buttons if ":q:asked:" in data), None)
    assert asked is not None, (card["text"], buttons)
    moderator.press(card, asked)
    await moderator.wait_for(lambda m: "is gesteld" in m["text"])


async def a_recorded_webinar(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, replay_url: str | None
) -> tuple[Any, list[Any]]:
    """Webinar "slapen" at 10:00 (UTC) with three questions: the recording starts at
    10:04 ("⏺ Opname loopt"), Sanne's question is put at 10:27, Emre's at 10:41, Ali's
    is never reached. Then it closes."""
    await add_webinar(bot, "slapen", replay_url=replay_url)
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert", language_code="nl")
    await make_moderator(bot, moderator.id)
    clock.set(clock.now() + timedelta(hours=1))  # 10:00, the scheduled start
    moderator.send("/open slapen")
    await moderator.wait_for(lambda m: "open voor vragen" in m["text"])
    sanne = await ask(api, bot, 3001, "Hoe krijg ik mijn peuter 's avonds in bed?", "nl")
    emre = await ask(api, bot, 3002, "How do I stop my baby waking up at 4 am?", "en")
    ali = await ask(api, bot, 3003, "Mag een kind van zes bij ons in bed slapen?", "nl")

    clock.set(clock.now() + timedelta(minutes=4))
    moderator.send("/rij")
    panel = await moderator.wait_for(lambda m: "⏺ Opname loopt" in str(m.get("reply_markup")))
    record = next(data for label, data in moderator.buttons(panel) if "Opname" in label)
    query = moderator.press(panel, record)
    answer = await eventually(lambda: api.callback_answer(query))
    assert "de opname loopt sinds 11:04" in answer["text"]  # Utrecht time
    # The panel says so (the refreshed one, or a new /rij: the refresh may come before
    # the dispatcher recorded the panel's message id).
    moderator.send("/rij")
    await moderator.wait_for(lambda m: "Opname loopt sinds 11:04" in m["text"])
    # A second tap (by mistake, later) moves nothing.
    clock.set(clock.now() + timedelta(minutes=10))
    again = moderator.press(panel, record)
    assert "sinds 11:04" in (await eventually(lambda: api.callback_answer(again)))["text"]

    clock.set(clock.now() + timedelta(minutes=13, seconds=30))  # 23.5 minutes in
    await put_next_question(moderator, "peuter")
    clock.set(clock.now() + timedelta(minutes=14))  # 37.5 minutes in
    await put_next_question(moderator, "baby")
    clock.set(clock.now() + timedelta(minutes=20))
    await close_webinar(moderator)
    await moderator.wait_for(lambda m: "is gesloten" in m["text"])
    await bot.dispatcher.send_due()
    return moderator, [sanne, emre, ali]


async def test_a_discussed_question_gets_the_youtube_link_at_its_minute_and_others_honesty(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    moderator, (sanne, emre, ali) = await a_recorded_webinar(bot, api, clock, YOUTUBE)
    notice = await sanne.wait_for(lambda m: "terugkijken" in m["text"])
    assert "Je vraag werd besproken na 23 minuten" in notice["text"]
    assert "https://www.youtube.com/watch?v=abc123&t=1410" in notice["text"]
    english = await emre.wait_for(lambda m: "Watch" in m["text"])
    assert "Your question was discussed after 37 minutes" in english["text"]
    assert "t=2250" in english["text"]
    honest = await ali.wait_for(lambda m: "terugkijken" in m["text"])
    assert "je vraag kwam in het webinar niet meer aan bod" in honest["text"]
    assert YOUTUBE in honest["text"]
    assert "t=" not in honest["text"]

    # Once per parent per webinar: another pass, and the link set again, send nothing.
    await bot.replay.tick()
    coordinator = api.user(COORDINATOR_ID, first_name="Cora", language_code="nl")
    coordinator.send(f"/terugkijken slapen {VIMEO}")
    await coordinator.wait_for(lambda m: "kregen al eerder een terugkijklink" in m["text"])
    await bot.dispatcher.send_due()
    for parent in (sanne, emre, ali):
        assert sum("youtube.com" in text or "vimeo" in text for text in texts(parent)) == 1
    assert not any("youtube.com" in text for text in texts(moderator))
    webinar = await bot.services.repos.webinars.by_code("slapen")
    assert webinar is not None
    assert await bot.services.repos.replay.notified_at(webinar.id) is not None


async def test_a_link_given_after_the_webinar_reaches_each_parent_as_a_vimeo_time_link(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    _, (sanne, emre, ali) = await a_recorded_webinar(bot, api, clock, None)
    assert not any("terugkijken" in text for text in texts(sanne))
    coordinator = api.user(COORDINATOR_ID, first_name="Cora", language_code="nl")
    coordinator.send(f"/terugkijken slapen {VIMEO}")
    reply = await coordinator.wait_for(lambda m: "terugkijklink" in m["text"])
    assert "3 ouders" in reply["text"]
    await bot.dispatcher.send_due()
    notice = await sanne.wait_for(lambda m: "vimeo.com" in m["text"])
    assert "na 23 minuten: https://vimeo.com/76979871#t=1410s" in notice["text"]
    assert "#t=2250s" in (await emre.wait_for(lambda m: "vimeo.com" in m["text"]))["text"]
    assert "niet meer aan bod" in (await ali.wait_for(lambda m: "vimeo" in m["text"]))["text"]


async def test_another_link_gets_the_minute_as_text(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    url = "https://example.org/terugkijken/slapen"
    _, (sanne, _, _) = await a_recorded_webinar(bot, api, clock, url)
    notice = await sanne.wait_for(lambda m: "example.org" in m["text"])
    assert f"terugkijken kan hier: {url}" in notice["text"]
    assert "spoel door naar minuut 23" in notice["text"]


async def test_without_opname_loopt_the_scheduled_start_counts(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    await add_webinar(bot, "slapen", replay_url=YOUTUBE, starts_in=timedelta(0))
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert", language_code="nl")
    await make_moderator(bot, moderator.id)
    moderator.send("/open slapen")
    await moderator.wait_for(lambda m: "open voor vragen" in m["text"])
    sanne = await ask(api, bot, 3001, "Hoe krijg ik mijn peuter 's avonds in bed?", "nl")
    clock.set(clock.now() + timedelta(minutes=42))
    await put_next_question(moderator, "peuter")
    await close_webinar(moderator)
    await moderator.wait_for(lambda m: "is gesloten" in m["text"])
    await bot.dispatcher.send_due()
    notice = await sanne.wait_for(lambda m: "youtube" in m["text"])
    assert "na 42 minuten" in notice["text"]
    assert "t=2520" in notice["text"]


async def test_the_recording_button_is_for_gespreksleiders_of_that_webinar_only(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    webinar_id = await add_webinar(bot, "slapen")
    parent = api.user(3009, first_name="Ouder", language_code="nl")
    query = parent.press(parent.send("hallo"), f"1:rec:start:{webinar_id}")
    answer = await eventually(lambda: api.callback_answer(query))
    assert "gespreksleider" in answer["text"]
    assert (await bot.services.repos.webinars.by_id(webinar_id)).recording_started_at is None  # type: ignore[union-attr]


async def test_a_merged_question_is_discussed_at_the_moment_of_the_one_it_went_into(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    services = bot.services
    repos = services.repos
    webinar_id = await add_webinar(bot, "slapen", replay_url=YOUTUBE, starts_in=timedelta(0))
    await make_moderator(bot, MODERATOR_IDS[0])
    webinar = await repos.webinars.by_id(webinar_id)
    assert webinar is not None
    ids = []
    for number, user_id in enumerate((3101, 3102, 3103, 3104)):
        api.user(user_id, first_name="Ouder", language_code="nl")
        await repos.users.ensure(user_id, "nl", clock.now())
        await repos.webinars.join(webinar_id, user_id, clock.now())
        added = await repos.questions.add(
            webinar_id=webinar_id,
            asker_id=user_id,
            source_msg=number + 1,
            text=f"vraag {number}",
            shown_name=None,
            now=clock.now(),
        )
        ids.append(added.question.id)
    await repos.questions.withdraw(ids[3], 3104)  # withdrew: asked nothing after all
    clock.set(clock.now() + timedelta(minutes=12))
    claimed = await repos.questions.claim(ids[0], webinar_id, MODERATOR_IDS[0], clock.now())
    assert claimed is not None
    assert await repos.questions.merge(ids[0], MODERATOR_IDS[0], [ids[1]], clock.now())
    await repos.questions.mark_answered(ids[0], MODERATOR_IDS[0], "live", clock.now(), lambda _: [])
    await repos.webinars.set_state(webinar_id, WebinarState.CLOSED, clock.now())
    assert await bot.replay.notify(webinar_id) == 4
    assert await bot.replay.notify(webinar_id) is None  # once per webinar
    rows = await services.db.fetch_all(
        "SELECT user_id, payload FROM outbox WHERE kind = 'replay.notice' ORDER BY user_id"
    )
    keys = {row["user_id"]: row["payload"] for row in rows}
    assert '"replay.notice.moment"' in keys[3101]
    assert "t=720" in keys[3101]
    assert '"replay.notice.moment"' in keys[3102]
    assert "t=720" in keys[3102]
    assert '"replay.notice.not_reached"' in keys[3103]
    assert '"webinar.notify.replay"' in keys[3104]


async def test_a_link_added_by_a_later_programme_import_is_sent_by_the_next_pass(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    _, (sanne, emre, _) = await a_recorded_webinar(bot, api, clock, None)
    webinar = await bot.services.repos.webinars.by_code("slapen")
    assert webinar is not None
    assert await bot.replay.tick() == 0  # no link yet: nothing to send
    await bot.services.repos.webinars.upsert(
        [
            WebinarDraft(
                code="slapen",
                title=webinar.title,
                theme=webinar.theme,
                starts_at=webinar.starts_at,
                ends_at=webinar.ends_at,
                replay_url="https://youtu.be/xyz",
            )
        ]
    )
    assert await bot.replay.tick() == 3
    assert await bot.replay.tick() == 0
    await bot.dispatcher.send_due()
    notice = await sanne.wait_for(lambda m: "youtu.be" in m["text"])
    assert "https://youtu.be/xyz?t=1410" in notice["text"]
    await emre.wait_for(lambda m: "youtu.be/xyz?t=2250" in m["text"])


async def test_a_link_given_before_the_end_waits_for_the_close_and_speaks_turkish(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    await add_webinar(bot, "slapen", starts_in=timedelta(0))
    coordinator = api.user(COORDINATOR_ID, first_name="Cora", language_code="nl")
    coordinator.send(f"/terugkijken slapen {VIMEO}")
    await coordinator.wait_for(lambda m: "Als <b>" in m["text"] or "Als Slapen" in m["text"])
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert", language_code="nl")
    await make_moderator(bot, moderator.id)
    moderator.send("/open slapen")
    await moderator.wait_for(lambda m: "open voor vragen" in m["text"])
    ayse = await ask(api, bot, 3005, "Çocuğum geceleri uyumuyor, ne yapmalıyım?", "tr")
    clock.set(clock.now() + timedelta(minutes=9))
    await put_next_question(moderator, "uyumuyor")
    await close_webinar(moderator)
    await moderator.wait_for(lambda m: "is gesloten" in m["text"])
    await bot.dispatcher.send_due()
    notice = await ayse.wait_for(lambda m: "vimeo.com" in m["text"])
    assert "Sorun 9. dakikada konuşuldu: https://vimeo.com/76979871#t=540s" in notice["text"]

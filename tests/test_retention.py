"""Retention: what the daily job deletes, and when, with a moved clock instead of waiting."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, time, timedelta
from typing import Any

from bot.app import Ouderbot
from bot.core.clock import ManualClock
from bot.core.models import OutgoingMessage, Role, WebinarState
from bot.inloop.records import InloopSeries
from bot.inloop.recurrence import Recurrence, SeriesRule
from bot.localapi import LocalBotApi
from storage.timefmt import to_db
from tests.helpers import MODERATOR_IDS, add_webinar, close_webinar, eventually, make_moderator
from tests.test_privacy import ask, data_of, has, join

DAY = timedelta(days=1)


def rows(bot: Ouderbot, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(bot.services.settings.storage.database)) as conn:
        return conn.execute(sql, params).fetchall()


async def webinar_with_a_question(bot: Ouderbot, api: LocalBotApi, code: str) -> int:
    """A webinar with one question from a parent who shows their name, closed now."""
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert")
    await make_moderator(bot, moderator.id)
    webinar_id = await add_webinar(bot, code)
    moderator.send(f"/open {code}")
    await moderator.wait_for(has("open voor vragen"))
    parent = api.user(2001, first_name="Saar")
    welcome = await join(parent, code, first_time=True)
    parent.press(welcome, data_of(parent, welcome, ":p:name:"))
    await eventually(lambda: api.unanswered_callback_queries() == [])
    await ask(parent, "Hoe leer ik mijn kind fietsen zonder ruzie?")
    await close_webinar(moderator)
    await moderator.wait_for(has("is gesloten"))
    return webinar_id


async def test_question_texts_go_retention_days_after_the_webinar_ended_and_counts_stay(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    webinar_id = await webinar_with_a_question(bot, api, "fietsen")
    counts = await bot.services.repos.questions.counts(webinar_id)
    question = "SELECT text, shown_name FROM questions WHERE webinar_id = ?"
    assert rows(bot, question, (webinar_id,)) == [
        ("Hoe leer ik mijn kind fietsen zonder ruzie?", "Saar")
    ]

    clock.advance(timedelta(days=30) - timedelta(minutes=1))
    await bot.retention.run()
    assert rows(bot, question, (webinar_id,))[0][0] is not None

    clock.advance(timedelta(minutes=2))
    report = await bot.retention.run()
    assert (report.question_texts, report.webinars) == (1, 1)
    assert rows(bot, question, (webinar_id,)) == [(None, None)]
    assert await bot.services.repos.questions.counts(webinar_id) == counts
    session = rows(
        bot, "SELECT questions_asked FROM feedback_sessions WHERE ref = ?", (f"w:{webinar_id}",)
    )
    assert session == [(1,)]

    parent = api.user(2001)
    parent.send("/mijngegevens")
    shown = await parent.wait_for(has("Wat we van je bewaren"))
    assert "(tekst gewist na de bewaartermijn)" in shown["text"]
    assert "fietsen zonder ruzie" not in shown["text"]


async def test_a_webinar_never_closed_has_its_texts_deleted_after_its_scheduled_end(
    bot: Ouderbot, clock: ManualClock
) -> None:
    webinar_id = await add_webinar(bot, "vergeten")  # starts in an hour, lasts 1.5 hours
    await bot.services.repos.users.ensure(2002, "nl", clock.now())
    await bot.services.repos.questions.add(
        webinar_id=webinar_id, asker_id=2002, source_msg=1, text="Een vraag", shown_name=None,
        now=clock.now())  # fmt: skip
    clock.advance(timedelta(days=30, hours=3))
    await bot.retention.run()
    assert rows(bot, "SELECT text FROM questions WHERE webinar_id = ?", (webinar_id,)) == [(None,)]
    webinar = await bot.services.repos.webinars.by_id(webinar_id)
    assert webinar is not None
    assert webinar.state is WebinarState.SCHEDULED


async def test_the_job_runs_at_start_and_then_once_a_day_by_the_clock(
    bot: Ouderbot, clock: ManualClock
) -> None:
    job = bot.retention
    assert job is not None
    await eventually(lambda: job.next_run == clock.now() + DAY)  # the run at start
    webinar_id = await add_webinar(bot, "dag", starts_in=-timedelta(days=40))
    await bot.services.repos.users.ensure(2003, "nl", clock.now())
    await bot.services.repos.questions.add(
        webinar_id=webinar_id, asker_id=2003, source_msg=1, text="Oud", shown_name=None,
        now=clock.now())  # fmt: skip

    clock.advance(DAY - timedelta(seconds=1))
    checks = job.checks
    job.wake()
    await eventually(lambda: job.checks > checks)
    assert rows(bot, "SELECT text FROM questions WHERE webinar_id = ?", (webinar_id,)) == [("Oud",)]

    clock.advance(timedelta(seconds=1))
    job.wake()
    await eventually(lambda: job.next_run == clock.now() + DAY)
    assert rows(bot, "SELECT text FROM questions WHERE webinar_id = ?", (webinar_id,)) == [(None,)]


async def test_sent_messages_lose_their_text_after_retention_and_waiting_ones_keep_it(
    bot: Ouderbot, clock: ManualClock
) -> None:
    outbox = bot.services.repos.outbox
    await bot.dispatcher.stop()  # nothing is sent by itself in this test

    def message(key: str) -> OutgoingMessage:
        return OutgoingMessage(
            user_id=2004, kind="question.answer", key="webinar.notify.written",
            params={"title": "T", "question": "Mijn vraag", "answer": "Het antwoord"},
            dedup_key=key)  # fmt: skip

    now = clock.now()
    await outbox.add([message("old")], due_at=now, now=now)
    await outbox.add([message("waiting")], due_at=now + timedelta(days=60), now=now)
    [old] = await outbox.due(now, 10)
    await outbox.mark_sent([old.id], now)
    clock.advance(timedelta(days=29))
    await bot.retention.run()
    assert all("Het antwoord" in payload for (payload,) in rows(bot, "SELECT payload FROM outbox"))

    clock.advance(timedelta(days=2))
    report = await bot.retention.run()
    assert report.payloads == 1
    kept = dict(rows(bot, "SELECT dedup_key, payload FROM outbox"))
    assert kept["old"] == '{"erased": true}'
    assert "Het antwoord" in kept["waiting"]


async def test_processed_update_ids_older_than_two_days_are_forgotten(
    bot: Ouderbot, clock: ManualClock
) -> None:
    now = clock.now()

    async def op(conn: Any) -> None:
        await conn.executemany(
            "INSERT INTO processed_updates (update_id, processed_at) VALUES (?, ?)",
            [(900_001, to_db(now - timedelta(days=2, seconds=1))),
             (900_002, to_db(now - timedelta(days=1)))],
        )  # fmt: skip

    await bot.services.db.write(op, marks_update=False)
    await bot.retention.run()
    kept = {row[0] for row in rows(bot, "SELECT update_id FROM processed_updates")}
    assert 900_002 in kept
    assert 900_001 not in kept


async def test_parents_unseen_for_a_year_are_erased_and_everyone_else_kept(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    services = bot.services
    start = clock.now()
    unseen, seen_later, moderator, subscriber = 2101, 2102, MODERATOR_IDS[1], 2104
    for user_id in (unseen, seen_later, subscriber):
        await services.repos.users.ensure(user_id, "nl", start)
    await make_moderator(bot, moderator)
    webinar_id = await add_webinar(bot, "jaar")
    await services.repos.webinars.join(webinar_id, unseen, start)
    await services.repos.inloop.upsert_series([InloopSeries(
        "Inloop die doorloopt", "", "Overvecht", "Buurthuis", "Buurtteam",
        SeriesRule(date(2026, 12, 2), time(9, 30), time(11), Recurrence.WEEKLY, None),
        key="blijft",
    )], start)  # fmt: skip
    series = next(
        s for s in await services.repos.inloop.all_series() if s.title.endswith("doorloopt")
    )
    await services.repos.inloop.subscribe(series.id, subscriber, start, [], lambda *_: None)  # type: ignore[arg-type]

    clock.advance(timedelta(days=200))
    parent = api.user(seen_later)
    parent.send("/help")
    await parent.wait_for(has("Wat kun je doen?"))
    await bot.retention.run()  # records who was seen

    clock.advance(timedelta(days=166))
    report = await bot.retention.run()
    assert report.parents == 1
    remaining = {row[0] for row in rows(bot, "SELECT id FROM users")}
    assert unseen not in remaining
    assert {seen_later, moderator, subscriber} <= remaining
    assert rows(bot, "SELECT count(*) FROM participants WHERE user_id = ?", (unseen,)) == [(0,)]
    assert Role.MODERATOR in await services.repos.users.roles_of(moderator)


async def test_a_message_or_button_marks_the_parent_as_seen(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    parent = api.user(2201)
    parent.send("/help")
    await parent.wait_for(has("Wat kun je doen?"))
    clock.advance(timedelta(days=300))
    parent.send("/taal")
    menu = await parent.wait_for(has("Welke taal"))
    parent.press(menu, data_of(parent, menu, ":lang:set:"))
    await eventually(lambda: api.unanswered_callback_queries() == [])
    await bot.retention.run()
    assert rows(bot, "SELECT last_seen_at FROM users WHERE id = ?", (parent.id,)) == [
        (to_db(clock.now()),)
    ]

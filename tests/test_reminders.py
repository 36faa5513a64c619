"""Reminders that are never lost: right local times across DST, late but not after the
start, one message each across a restart, Telegram errors survived, blocked parents.

The real bot against the local Bot API server. Time is a ManualClock: a test moves it and
then runs the scheduler's pass and the dispatcher directly instead of waiting.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.app import Ouderbot
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.inloop.records import InloopSeries, ReminderKind
from bot.inloop.recurrence import Recurrence, SeriesRule
from bot.inloop.reminders import (
    ReminderPolicy,
    announcement_message,
    plan_reminders,
    reminder_message,
)
from bot.localapi import LocalBotApi
from tests.helpers import COORDINATOR_ID, eventually, make_settings, start_bot, texts
from tests.test_inloop import has, load_example, pending_reminders, series_id, subscribe

REMINDER_WORDS = ("Morgen:", "Straks:", "Tomorrow:", "Soon:")


def reminders_of(api: LocalBotApi, user_id: int) -> list[str]:
    return [
        t
        for t in texts(api.user(user_id))
        if t.startswith("🔔") and any(word in t for word in REMINDER_WORDS)
    ]


async def add_series(
    bot: Ouderbot,
    first: date,
    start: time,
    end: time,
    title: str = "Zondagsinloop",
    wijk: str = "Zuilen",
) -> InloopSeries:
    rule = SeriesRule(first, start, end, Recurrence.WEEKLY)
    draft = InloopSeries(
        title, "opvoeden", wijk, "Buurthuis De Schakel", "Buurtteam", rule, key=f"{wijk}|{title}"
    )
    await bot.services.repos.inloop.upsert_series([draft], bot.services.clock.now())
    series = await bot.services.repos.inloop.get(await series_id(bot, title))
    assert series is not None
    return series


async def at(bot: Ouderbot, api: LocalBotApi, clock: ManualClock, moment: datetime) -> None:
    """Move the clock to `moment`, run the scheduler and send what is due."""
    clock.set(moment)
    await bot.reminders.run_pass()
    await bot.dispatcher.send_due()
    await api.wait_until_idle()


async def test_reminders_arrive_at_local_times_around_the_spring_clock_change(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    # Sundays 10:00-11:30 from 22 March 2026; clocks go forward on Sunday 29 March 02:00.
    clock.set(datetime(2026, 3, 20, 12, 0, tzinfo=UTC))
    await add_series(bot, date(2026, 3, 22), time(10, 0), time(11, 30))
    parent = api.user(1001)
    await subscribe(parent, "Zondagsinloop", "Zuilen")
    expected = [
        # (instant, the reminder that arrives then): winter time is UTC+1, summer UTC+2
        (datetime(2026, 3, 21, 18, 0, tzinfo=UTC), "Morgen: Zondagsinloop"),  # Sat 19:00 CET
        (datetime(2026, 3, 22, 8, 0, tzinfo=UTC), "Straks: Zondagsinloop"),  # Sun 09:00 CET
        (datetime(2026, 3, 28, 18, 0, tzinfo=UTC), "Morgen: Zondagsinloop"),  # Sat 19:00 CET
        (datetime(2026, 3, 29, 7, 0, tzinfo=UTC), "Straks: Zondagsinloop"),  # Sun 09:00 CEST
        (datetime(2026, 4, 4, 17, 0, tzinfo=UTC), "Morgen: Zondagsinloop"),  # Sat 19:00 CEST
    ]
    await expect_reminders_at(bot, api, clock, parent.id, expected)
    last = reminders_of(api, parent.id)[-1]
    assert "zondag 5 april, 10:00 tot 11:30" in last
    assert "Buurthuis De Schakel (Zuilen)" in last


async def test_reminders_arrive_at_local_times_around_the_autumn_clock_change(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    # Sundays 10:00-11:30 from 18 October 2026; clocks go back on Sunday 25 October 03:00.
    clock.set(datetime(2026, 10, 16, 12, 0, tzinfo=UTC))
    await add_series(bot, date(2026, 10, 18), time(10, 0), time(11, 30))
    parent = api.user(1001, language_code="en")
    await subscribe(parent, "Zondagsinloop", "Zuilen")
    expected = [
        (datetime(2026, 10, 17, 17, 0, tzinfo=UTC), "Tomorrow: Zondagsinloop"),  # Sat 19:00 CEST
        (datetime(2026, 10, 18, 7, 0, tzinfo=UTC), "Soon: Zondagsinloop"),  # Sun 09:00 CEST
        (datetime(2026, 10, 24, 17, 0, tzinfo=UTC), "Tomorrow: Zondagsinloop"),  # Sat 19:00 CEST
        (datetime(2026, 10, 25, 8, 0, tzinfo=UTC), "Soon: Zondagsinloop"),  # Sun 09:00 CET
        (datetime(2026, 10, 31, 18, 0, tzinfo=UTC), "Tomorrow: Zondagsinloop"),  # Sat 19:00 CET
    ]
    await expect_reminders_at(bot, api, clock, parent.id, expected)
    assert "Sunday 25 October, 10:00 to 11:30" in reminders_of(api, parent.id)[3]


async def expect_reminders_at(
    bot: Ouderbot,
    api: LocalBotApi,
    clock: ManualClock,
    user_id: int,
    expected: list[tuple[datetime, str]],
) -> None:
    """Nothing a minute before each instant; exactly the expected reminder at it."""
    for number, (instant, title) in enumerate(expected, start=1):
        await at(bot, api, clock, instant - timedelta(minutes=1))
        assert len(reminders_of(api, user_id)) == number - 1, f"early before {instant}"
        await at(bot, api, clock, instant)
        got = reminders_of(api, user_id)
        assert len(got) == number, f"nothing at {instant}"
        assert title in got[-1]


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (
            ReminderPolicy(time(19, 0), 60),
            [
                (ReminderKind.EVENING, "2026-12-01T18:00:00+00:00"),
                (ReminderKind.BEFORE, "2026-12-02T07:30:00+00:00"),
            ],
        ),
        (ReminderPolicy(None, 30), [(ReminderKind.BEFORE, "2026-12-02T08:00:00+00:00")]),
        (ReminderPolicy(time(18, 30), 0), [(ReminderKind.EVENING, "2026-12-01T17:30:00+00:00")]),
        (ReminderPolicy(None, 0), []),
    ],
)
def test_each_reminder_can_be_moved_or_switched_off(
    policy: ReminderPolicy, expected: list[tuple[ReminderKind, str]]
) -> None:
    series = InloopSeries(
        "Inloop",
        "",
        "Hoograven",
        "De Pan",
        "",
        SeriesRule(date(2026, 12, 2), time(9, 30), time(11, 0), Recurrence.WEEKLY),
        id=1,
    )
    planned = plan_reminders(
        series, ZoneInfo("Europe/Amsterdam"), policy, now=datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    )
    assert [(p.kind, p.due_at.isoformat()) for p in planned] == expected


async def test_an_empty_evening_setting_leaves_only_the_reminder_before_the_start(
    tmp_path: Path, api: LocalBotApi, clock: ManualClock
) -> None:
    settings = make_settings(
        tmp_path / "evening-off.sqlite3",
        api,
        reminders={"evening_before": "", "before_start_minutes": 15},
    )
    bot = await start_bot(settings, clock, api)
    try:
        await load_example(bot)
        parent = api.user(1001)
        await subscribe(parent)
        sid = await series_id(bot)
        assert await pending_reminders(bot, parent.id) == [
            f"rem:{sid}:2026-12-02:before:{parent.id}"
        ]
        await at(bot, api, clock, datetime(2026, 12, 2, 8, 14, tzinfo=UTC))
        assert reminders_of(api, parent.id) == []
        await at(bot, api, clock, datetime(2026, 12, 2, 8, 15, tzinfo=UTC))  # 09:15 local
        assert len(reminders_of(api, parent.id)) == 1
    finally:
        await bot.stop()


async def test_subscribing_after_the_evening_reminder_still_gets_the_one_before_the_start(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    await load_example(bot)
    clock.set(datetime(2026, 12, 1, 19, 30, tzinfo=UTC))  # 20:30, after tonight's 19:00
    parent = api.user(1001)
    await subscribe(parent)
    sid = await series_id(bot)
    assert await pending_reminders(bot, parent.id) == [f"rem:{sid}:2026-12-02:before:{parent.id}"]
    await at(bot, api, clock, datetime(2026, 12, 2, 7, 30, tzinfo=UTC))  # 08:30 local
    assert len(reminders_of(api, parent.id)) == 1
    assert "Straks: Inloop op de speeltuin" in reminders_of(api, parent.id)[0]


async def test_scheduler_pass_is_idempotent(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    await load_example(bot)
    parents = [api.user(1001), api.user(1002)]
    for parent in parents:
        await subscribe(parent)
    clock.set(datetime(2026, 12, 7, 12, 0, tzinfo=UTC))  # the next week comes into view
    assert await bot.reminders.run_pass() == 4  # Tuesday evening, Wednesday morning, for both
    assert await bot.reminders.run_pass() == 0
    keys = await bot.services.db.fetch_all(
        "SELECT dedup_key FROM outbox WHERE dedup_key LIKE 'rem:%:2026-12-09:%'"
    )
    assert len(keys) == 4


async def test_reminder_due_while_the_bot_was_down_is_sent_late_unless_the_session_started(
    settings: Settings, api: LocalBotApi, clock: ManualClock
) -> None:
    bot = await start_bot(settings, clock, api)
    try:
        await load_example(bot)
        parent = api.user(1001)
        await subscribe(parent)
    finally:
        await bot.stop()
    # Down through the whole next week's evening reminder (19:00 on Tuesday 8 December,
    # never queued before the outage since it was beyond the horizon) until 20:00.
    clock.set(datetime(2026, 12, 8, 19, 0, tzinfo=UTC))
    bot = await start_bot(settings, clock, api)
    try:
        await at(bot, api, clock, clock.now())
        got = reminders_of(api, parent.id)
        # 2 December's reminders expired unsent (dropped and counted); 9 December's
        # evening reminder comes late, as the session has not started yet.
        assert len(got) == 1
        assert "Morgen: Inloop op de speeltuin" in got[0]
        assert "woensdag 9 december, 09:30" in got[0]
        assert bot.dispatcher.stats.dropped == 2
        assert (await bot.services.repos.outbox.counts())["dropped"] == 2
    finally:
        await bot.stop()
    # Down again past the start of 9 December's session: its one-hour reminder is dropped.
    clock.set(datetime(2026, 12, 9, 9, 0, tzinfo=UTC))
    bot = await start_bot(settings, clock, api)
    try:
        await at(bot, api, clock, clock.now())
        assert len(reminders_of(api, parent.id)) == 1
        assert bot.dispatcher.stats.dropped == 1
    finally:
        await bot.stop()


async def test_unsubscribing_withdraws_pending_reminders_and_subscribing_again_restores_them(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    await load_example(bot)
    parent = api.user(1001)
    view = await subscribe(parent)
    parent.tap("🔕 Stop: Inloop op de speeltuin", view)
    await parent.wait_for(lambda m: any(t.startswith("🔔") for t, _ in parent.buttons(m)))
    assert await pending_reminders(bot, parent.id) == []
    await subscribe(parent)
    assert len(await pending_reminders(bot, parent.id)) == 2
    await at(bot, api, clock, datetime(2026, 12, 1, 18, 0, tzinfo=UTC))
    await at(bot, api, clock, datetime(2026, 12, 2, 7, 30, tzinfo=UTC))
    assert len(reminders_of(api, parent.id)) == 2


async def announce(api: LocalBotApi, text: str, count: int) -> None:
    coordinator = api.user(COORDINATOR_ID)
    coordinator.send("/bericht")
    choice = await coordinator.wait_for(has("Voor welke reeks"))
    coordinator.tap("Hoograven: Inloop op de speeltuin", choice)
    await coordinator.wait_for(has(f"{count} aangemelde ouder"))
    coordinator.send(text)
    preview = await coordinator.wait_for(has("Controleer je bericht"))
    coordinator.tap("📤 Versturen", preview)  # nothing goes out before this tap
    await coordinator.wait_for(has(f"Je bericht gaat naar {count} ouder"))


async def add_subscribers(bot: Ouderbot, api: LocalBotApi, user_ids: range) -> None:
    """Parents subscribed directly in storage (500 by buttons would test the buttons)."""
    for user_id in user_ids:
        api.user(user_id)  # their chat with the bot exists
    services = bot.services
    sid = await series_id(bot)
    now = services.clock.now()
    series = await services.repos.inloop.get(sid)
    assert series is not None
    plans = plan_reminders(series, services.settings.zone, bot.reminders.policy, now=now)
    zone = services.settings.zone

    async def one(user_id: int) -> None:
        await services.repos.users.ensure(user_id, "nl", now)
        await services.repos.inloop.subscribe(
            sid, user_id, now, plans, lambda plan, uid: reminder_message(plan, uid, zone)
        )

    await asyncio.gather(*(one(user_id) for user_id in user_ids))  # group-committed


def announcements_per_user(api: LocalBotApi, user_ids: range, word: str) -> dict[int, int]:
    return {uid: sum(word in t for t in texts(api.user(uid))) for uid in user_ids}


@pytest.mark.slow
async def test_restart_in_the_middle_of_a_broadcast_to_500_sends_each_exactly_one(
    settings: Settings, api: LocalBotApi, clock: ManualClock
) -> None:
    parents = range(10_001, 10_501)
    sent = []
    api.on_request.append(
        lambda r: (
            sent.append(r.chat_id)
            if (r.method == "sendMessage" and r.ok and r.chat_id in parents)
            else None
        )
    )
    bot = await start_bot(settings, clock, api)
    try:
        await load_example(bot)
        await add_subscribers(bot, api, parents)
        await announce(api, "Zaterdag is er een extra inloop", 500)
        await eventually(lambda: len(sent) >= 120, timeout=20)
    finally:
        await bot.stop()  # mid-broadcast: what is in flight finishes and is marked
    stopped_at = len(sent)
    assert stopped_at < 500
    bot = await start_bot(settings, clock, api)
    try:
        await eventually(lambda: len(sent) >= 500, timeout=40)
        await api.wait_until_idle(quiet=0.5)
        counts = announcements_per_user(api, parents, "extra inloop")
        assert set(counts.values()) == {1}, {u: n for u, n in counts.items() if n != 1}
        assert len(sent) == 500
        assert (await bot.services.repos.outbox.counts()).get("pending", 0) == 2 * 500
    finally:
        await bot.stop()


async def test_429_500_and_timeouts_delay_delivery_but_lose_and_double_nothing(
    tmp_path: Path, api: LocalBotApi, clock: ManualClock
) -> None:
    settings = make_settings(
        tmp_path / "faults.sqlite3", api, telegram={"request_timeout_seconds": 1}
    )
    parents = range(20_001, 20_031)
    bot = await start_bot(settings, clock, api)
    try:
        await load_example(bot)
        await add_subscribers(bot, api, parents)
        # Queued directly: the faults are for the broadcast, not the coordinator's replies.
        series = await bot.services.repos.inloop.get(await series_id(bot))
        assert series is not None
        api.inject_fault("sendMessage", "429", count=3, retry_after=1)
        api.inject_fault("sendMessage", "500", count=3)
        api.inject_fault("sendMessage", "timeout", count=2)
        api.inject_fault("sendMessage", "502", count=2)
        await bot.services.repos.inloop.announce(
            series,
            "Let op: andere ingang",
            COORDINATOR_ID,
            clock.now(),
            lambda message_id, uid: announcement_message(
                series, message_id, "Let op: andere ingang", uid
            ),
        )
        for _ in range(30):  # the clock moves on, so back-offs end
            await bot.dispatcher.send_due()
            counts = announcements_per_user(api, parents, "andere ingang")
            if all(n == 1 for n in counts.values()):
                break
            clock.advance(timedelta(minutes=1))
        await api.wait_until_idle()
        counts = announcements_per_user(api, parents, "andere ingang")
        assert set(counts.values()) == {1}
        faults = {r.fault for r in api.injected_faults}
        assert {"429", "500", "timeout", "502"} <= faults
        assert bot.dispatcher.stats.retried >= 5
    finally:
        await bot.stop()


async def test_a_parent_who_blocked_the_bot_is_marked_inactive_and_gets_nothing_more(
    settings: Settings, api: LocalBotApi, clock: ManualClock
) -> None:
    bot = await start_bot(settings, clock, api)  # not the fixture: a 403 is expected here
    try:
        await load_example(bot)
        parents = [api.user(uid) for uid in (1001, 1002, 1003)]
        for parent in parents:
            await subscribe(parent)
        # No my_chat_member update (the bot learns it from the 403 alone); the update
        # path is covered in tests/test_webinar_flow.py.
        parents[1].block(notify=False)
        await api.wait_until_idle()
        await announce(api, "De koffie is gratis", 3)
        await eventually(
            lambda: all(
                "De koffie is gratis" in "".join(texts(p)) for p in (parents[0], parents[2])
            )
        )
        await eventually(lambda: bot.dispatcher.stats.blocked == 1)
        user = await bot.services.repos.users.get(1002)
        assert user is not None
        assert not user.active
        assert await pending_reminders(bot, 1002) == []
        assert await bot.services.repos.inloop.subscriber_count(await series_id(bot)) == 2
        await at(bot, api, clock, datetime(2026, 12, 1, 18, 0, tzinfo=UTC))
        assert len(reminders_of(api, 1001)) == 1
        assert len(reminders_of(api, 1003)) == 1
        refused = [r for r in api.rejections if r.chat_id == 1002]
        assert [(r.method, r.status) for r in refused] == [("sendMessage", 403)]
    finally:
        await bot.stop()

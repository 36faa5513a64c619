"""Benchmark: 2,000 inloop reminders due in the same minute (run by hand, not a test).

    /work/venv/bin/python bench/bench_reminders.py [--count 2000]

The real bot (durable outbox, scheduler, dispatcher) against the local Bot API server with
Telegram's flood limits switched on (about 30 messages a second overall). 2,000 parents
are subscribed to one series whose one-hour reminder falls due at the same instant; the
clock is moved there and the time until every parent has its reminder is measured.

Baseline, in the same run and against the same server: a bare python-telegram-bot `Bot`
sending the same number of messages one after the other with no pacing, waiting out each
429 as Telegram asks. Targets (PRODUCT.md): all delivered, zero 429 responses, at least
27 messages a second.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram import Bot
from telegram.error import RetryAfter

from bot.app import create_bot
from bot.config import settings_from_mapping
from bot.core.clock import ManualClock
from bot.inloop.records import InloopSeries
from bot.inloop.recurrence import Recurrence, SeriesRule
from bot.inloop.reminders import plan_reminders, reminder_message
from bot.localapi import LocalBotApi

TOKEN = "123456:LOCAL-BENCH-TOKEN-abcdefghij"
FIRST_USER = 100_000
# Tuesday 1 December 2026, 10:00 in Utrecht: the session starts at 11:00, so the one-hour
# reminder of every subscriber is due now.
DUE = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


async def run_bot(api: LocalBotApi, count: int, folder: Path) -> tuple[int, float, int]:
    """(delivered, seconds, 429 responses) for `count` reminders through the real bot."""
    settings = settings_from_mapping(
        {
            "telegram": {"base_url": api.base_url, "base_file_url": api.base_file_url},
            "storage": {"database": str(folder / "bench.sqlite3")},
            "roles": {"coordinators": [1]},
            "reminders": {"evening_before": ""},  # only the one-hour reminder
        },
        {"OUDERBOT_TOKEN": TOKEN},
    )
    clock = ManualClock(DUE - timedelta(hours=1))
    bot = await create_bot(settings, token=TOKEN, clock=clock)
    await bot.start(polling=False)
    try:
        services = bot.services
        rule = SeriesRule(
            date(2026, 12, 1), clock_time(11, 0), clock_time(12, 30), Recurrence.WEEKLY
        )
        await services.repos.inloop.upsert_series(
            [
                InloopSeries(
                    "Inloop op de speeltuin",
                    "",
                    "Hoograven",
                    "Speeltuin De Pan, Van Lieflandlaan 12",
                    "Buurtteam",
                    rule,
                    key="bench",
                )
            ],
            clock.now(),
        )
        series = (await services.repos.inloop.all_series())[0]
        plans = plan_reminders(series, settings.zone, bot.reminders.policy, now=clock.now())
        zone = settings.zone

        async def subscribe(user_id: int) -> None:
            await services.repos.users.ensure(user_id, "nl", clock.now())
            await services.repos.inloop.subscribe(
                series.id,
                user_id,
                clock.now(),
                plans,
                lambda plan, uid: reminder_message(plan, uid, zone),
            )

        users = range(FIRST_USER, FIRST_USER + count)
        for user_id in users:
            api.user(user_id)
        await asyncio.gather(*(subscribe(user_id) for user_id in users))
        pending = (await services.repos.outbox.counts()).get("pending", 0)
        assert pending == count, f"{pending} reminders queued, expected {count}"

        delivered: set[int] = set()
        done = asyncio.Event()

        def on_request(record: object) -> None:
            if getattr(record, "method", "") == "sendMessage" and getattr(record, "ok", False):
                delivered.add(getattr(record, "chat_id", 0))
                if len(delivered) >= count:
                    done.set()

        api.on_request.append(on_request)
        api.rate_limits = False
        api.rate_limits = True  # fresh buckets
        before_429 = api.count_429
        started = time.perf_counter()
        clock.set(DUE)
        await bot.reminders.run_pass()
        bot.dispatcher.wake()
        await asyncio.wait_for(done.wait(), timeout=count / 20 + 60)
        seconds = time.perf_counter() - started
        api.on_request.remove(on_request)
        return len(delivered), seconds, api.count_429 - before_429
    finally:
        await bot.stop()


async def run_baseline(api: LocalBotApi, count: int) -> tuple[int, float, int]:
    """A bare PTB Bot: sequential sends, no pacing, each 429 waited out and retried."""
    api.rate_limits = False
    api.rate_limits = True  # fresh buckets
    before_429 = api.count_429
    sent = 0
    async with Bot(TOKEN, base_url=api.base_url, base_file_url=api.base_file_url) as bot:
        started = time.perf_counter()
        for user_id in range(FIRST_USER, FIRST_USER + count):
            while True:
                try:
                    await bot.send_message(user_id, "Herinnering: straks Inloop op de speeltuin")
                    sent += 1
                    break
                except RetryAfter as error:
                    wait = error.retry_after
                    await asyncio.sleep(
                        wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
                    )
        seconds = time.perf_counter() - started
    return sent, seconds, api.count_429 - before_429


def line(name: str, sent: int, seconds: float, count_429: int) -> str:
    return (
        f"{name:<34} {sent:>6} msgs {seconds:>8.1f} s {sent / seconds:>8.1f} msgs/s "
        f"{count_429:>6} x 429"
    )


async def main(count: int) -> int:
    os.environ.setdefault("PTB_TIMEDELTA", "1")  # PTB warns on RetryAfter otherwise
    logging.basicConfig(level=logging.WARNING)
    api = LocalBotApi(token=TOKEN, bot_username="ouderbot_bench")
    await api.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            ours = await run_bot(api, count, Path(folder))
        baseline = await run_baseline(api, count)
    finally:
        await api.stop()
    print(f"{count} reminders due in the same minute, local Bot API server with rate limits")
    print(line("Ouderbot outbox dispatcher", *ours))
    print(line("baseline: bare PTB Bot, no pacing", *baseline))
    ours_rate, base_rate = ours[0] / ours[1], baseline[0] / baseline[1]
    print(f"ratio (Ouderbot msgs/s / baseline msgs/s): {ours_rate / base_rate:.2f}")
    ok = ours[0] == count and ours[2] == 0 and ours_rate >= 27
    print("targets (all delivered, zero 429, >= 27 msgs/s):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    sys.exit(asyncio.run(main(parser.parse_args().count)))

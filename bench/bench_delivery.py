"""Benchmark: delivery at Telegram's pace, against the local Bot API server WITH its rate
limits on (about 30 messages a second overall, about one a second per chat).

    python -m bench.bench_delivery [--parents 150]

1. A join burst: N parents open the webinar link within one second; each gets one
   message (the welcome with the privacy notice and its buttons).
2. A question burst: N parents who joined and agreed each ask a question within one
   second; each gets the acknowledgement ("je vraag staat in de rij").

For each: the time from the first update to the last reply against the pacing bound
(N / 30 s: no bot can be faster without 429s), the number of 429s (goal 0), and the
p50/p95 of the time from a parent's message to its reply. The bot runs in this process
(real clock, the production pace settings), so the fake users share its event loop.
Figures are printed; nothing here is a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("PTB_TIMEDELTA", "1")

from bot.app import Ouderbot, create_bot
from bot.config import settings_from_mapping
from bot.core.clock import SystemClock
from bot.core.models import WebinarState
from bot.localapi import LocalBotApi
from storage.webinars import WebinarDraft

TOKEN = "123456:BENCH-TOKEN-abcdefghijklmnop"


@dataclass
class DeliveryResult:
    name: str
    parents: int
    replied: int
    seconds_to_last_reply: float
    pacing_bound_seconds: float
    rate_limited_429: int
    p50_s: float
    p95_s: float


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def start(api: LocalBotApi, folder: Path) -> Ouderbot:
    settings = settings_from_mapping(
        {
            "telegram": {
                "base_url": api.base_url,
                "base_file_url": api.base_file_url,
                "poll_timeout_seconds": 1,
            },
            "storage": {"database": str(folder / "bench.sqlite3")},
            "roles": {"coordinators": [900_001]},
            "limits": {"questions_per_minute": 1000},
        },
        {"OUDERBOT_TOKEN": TOKEN},
    )
    bot = await create_bot(settings, token=TOKEN, clock=SystemClock())
    await bot.start()
    return bot


async def measure(
    api: LocalBotApi, name: str, user_ids: list[int], text: str, reply_mark: str
) -> DeliveryResult:
    before_429 = sum(r.status == 429 for r in api.rejections)
    sent_at: dict[int, float] = {}
    replied_at: dict[int, float] = {}
    users = [api.user(user_id, language_code="nl") for user_id in user_ids]
    first = time.monotonic()
    for user in users:  # within one second
        sent_at[user.id] = time.monotonic()
        user.send(text.format(id=user.id))
        await asyncio.sleep(0.9 / len(users))
    deadline = first + len(users) / 30 * 4 + 10
    while len(replied_at) < len(users) and time.monotonic() < deadline:
        now = time.monotonic()
        for user in users:
            if user.id not in replied_at and any(
                reply_mark in (m.get("text") or "") for m in user.messages
            ):
                replied_at[user.id] = now
        await asyncio.sleep(0.005)
    delays = [replied_at[uid] - sent_at[uid] for uid in replied_at]
    return DeliveryResult(
        name=name,
        parents=len(users),
        replied=len(replied_at),
        seconds_to_last_reply=round(max(replied_at.values(), default=first) - first, 2),
        pacing_bound_seconds=round(len(users) / 30, 2),
        rate_limited_429=sum(r.status == 429 for r in api.rejections) - before_429,
        p50_s=round(percentile(delays, 0.5), 2) if delays else -1,
        p95_s=round(percentile(delays, 0.95), 2) if delays else -1,
    )


async def main(parents: int) -> list[DeliveryResult]:
    api = LocalBotApi(token=TOKEN, bot_username="ouderbot_bench")
    await api.start()
    api.rate_limits = True
    results = []
    with tempfile.TemporaryDirectory() as folder:
        bot = await start(api, Path(folder))
        try:
            repos, now = bot.services.repos, bot.services.clock.now()
            await repos.webinars.upsert(
                [
                    WebinarDraft(
                        "slapen",
                        "Slapen zonder strijd",
                        "slapen",
                        now + timedelta(minutes=5),
                        now + timedelta(hours=2),
                        None,
                    )
                ]
            )
            webinar = await repos.webinars.by_code("slapen")
            assert webinar is not None
            await repos.webinars.set_state(webinar.id, WebinarState.OPEN, now)
            joiners = list(range(70_000, 70_000 + parents))
            results.append(await measure(api, "join burst", joiners, "/start w-slapen", "Welkom"))
            askers = list(range(80_000, 80_000 + parents))
            version = bot.services.settings.privacy.notice_version
            for user_id in askers:
                await repos.users.ensure(user_id, "nl", now)
                await repos.users.record_consent(user_id, version, now)
                await repos.webinars.join(webinar.id, user_id, now)
            results.append(
                await measure(
                    api, "question burst", askers, "Vraag van {id} over slapen?", "in de rij"
                )
            )
        finally:
            await bot.stop()
            await api.stop()
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parents", type=int, default=150)
    arguments = parser.parse_args()
    for result in asyncio.run(main(arguments.parents)):
        print(json.dumps(asdict(result)))

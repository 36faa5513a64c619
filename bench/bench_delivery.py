"""Benchmark: delivery at Telegram's pace, against the local Bot API server WITH its rate
limits on (about 30 messages a second overall, about one a second per chat), with every
request taking `--latency` seconds (default: 0 and 0.08, Telegram's distance from a
server in Europe).

    python -m bench.bench_delivery [--parents 150] [--latency 0.08] [--in-flight 8]

For each latency:
1. A join burst: N parents open the webinar link within one second; each gets one
   message (the welcome with the privacy notice and its buttons).
2. A question burst: N parents who joined and agreed each ask a question within one
   second, in real parents' words (the held-out sleep set); each gets the acknowledgement
   ("je vraag staat in de rij"); then the time from a parent's send to the moment the
   question has its group (goal: p95 within 1 s).
3. A broadcast: 2N messages queued at once (a closing broadcast, reminders): messages a
   second from the first to the last (goal at least 27), 429s (goal 0).
4. Hung sends: a broadcast to 60 chats of which 3 get no answer at all: the other
   chats' p95 from the first send (goal under 3 s).
5. An outage: the server drops every connection for `--outage` seconds while messages
   are queued and a parent writes; then the time from the network's return to the first
   message sent, and to the parent's answer (goal within 2 s).
6. The baseline: a bare python-telegram-bot echo bot (bench/echo_bot.py, its own
   process) against the same server, latency and limits: N parents each send a text
   within one second; the time to its last echo.

For the bursts: the time from the first update to the last reply against the pacing
bound (N / 30 s: no bot can be faster without 429s; the goal N / 28 + 2 s), the number of
429s (goal 0), and the p50/p95 of the time from a parent's message to its reply. The bot
runs in this process (real clock, the production settings), so the fake users share its
event loop. Figures are printed as JSON lines; nothing here is a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("PTB_TIMEDELTA", "1")

from bot.app import Ouderbot, create_bot
from bot.config import settings_from_mapping
from bot.core.clock import SystemClock
from bot.core.models import OutgoingMessage, WebinarState
from bot.localapi import LocalBotApi
from bot.webinar.grouping_eval import load_set
from storage.webinars import WebinarDraft

TOKEN = "123456:BENCH-TOKEN-abcdefghijklmnop"
ROOT = Path(__file__).resolve().parent.parent


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


async def start(api: LocalBotApi, folder: Path, in_flight: int | None) -> Ouderbot:
    telegram: dict[str, object] = {
        "base_url": api.base_url,
        "base_file_url": api.base_file_url,
        "poll_timeout_seconds": 1,
    }
    if in_flight is not None:
        telegram["requests_in_flight"] = in_flight
    settings = settings_from_mapping(
        {
            "telegram": telegram,
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
    api: LocalBotApi,
    name: str,
    user_ids: list[int],
    text: str | Callable[[int], str],
    reply_mark: str,
    sent_at: dict[int, float] | None = None,
) -> DeliveryResult:
    """`text`: a template with {id}, or each parent's own text; `sent_at` (when given) is
    filled with each parent's send time."""
    before_429 = sum(r.status == 429 for r in api.rejections)
    sent_at = {} if sent_at is None else sent_at
    replied_at: dict[int, float] = {}
    users = [api.user(user_id, language_code="nl") for user_id in user_ids]
    first = time.monotonic()
    for user in users:  # within one second
        sent_at[user.id] = time.monotonic()
        user.send(text(user.id) if callable(text) else text.format(id=user.id))
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


@dataclass
class BroadcastResult:
    name: str
    messages: int
    delivered: int
    seconds: float
    messages_per_second: float
    rate_limited_429: int


@dataclass
class HungResult:
    name: str
    chats: int
    hung: int
    others_delivered: int
    others_p50_s: float
    others_p95_s: float
    others_last_s: float


@dataclass
class OutageResult:
    name: str
    outage_seconds: float
    first_send_after_return_s: float
    parent_answered_after_return_s: float
    all_delivered_after_return_s: float


@dataclass
class GroupingResult:
    name: str
    questions: int
    grouped: int
    p50_s: float
    p95_s: float
    last_s: float


def _sleep_questions() -> list[str]:
    """Real parents' wordings (the held-out sleep set), so that grouping does its real work."""
    labelled = load_set(ROOT / "tests" / "data" / "heldout" / "sleep.json")
    return [text for cluster in labelled.clusters for text in cluster] + list(labelled.general)


def _when_grouped(bot: Ouderbot) -> dict[int, float]:
    """Each asker's time of the moment their question joined the grouping index (what the
    queue panel, the cards and the board read), filled as the bot groups."""
    desk = bot.services.desk
    place = desk._place
    grouped_at: dict[int, float] = {}

    def timed_place(*args: Any) -> Any:
        placed = place(*args)
        asker_id = args[4]
        if asker_id is not None:
            grouped_at.setdefault(asker_id, time.monotonic())
        return placed

    desk._place = timed_place  # type: ignore[method-assign,assignment]
    return grouped_at


def _grouping_delays(sent_at: dict[int, float], grouped_at: dict[int, float]) -> GroupingResult:
    delays = [grouped_at[uid] - sent for uid, sent in sent_at.items() if uid in grouped_at]
    return GroupingResult(
        name="question burst: from the parent's send to its question's group",
        questions=len(sent_at),
        grouped=len(delays),
        p50_s=round(percentile(delays, 0.5), 2) if delays else -1,
        p95_s=round(percentile(delays, 0.95), 2) if delays else -1,
        last_s=round(max(delays), 2) if delays else -1,
    )


def _sends(api: LocalBotApi, ids: set[int], mark: str, since: int = 0) -> list[float]:
    return [
        r.at
        for r in api.requests[since:]
        if r.method == "sendMessage" and r.ok and r.chat_id in ids and mark in r.params["text"]
    ]


async def _queue(bot: Ouderbot, api: LocalBotApi, ids: list[int], text: str, tag: str) -> None:
    repos, now = bot.services.repos, bot.services.clock.now()
    for user_id in ids:
        await repos.users.ensure(user_id, "nl", now)
        api.user(user_id, language_code="nl")
    await repos.outbox.add(
        [
            OutgoingMessage(
                user_id,
                kind="inloop.announcement",
                key="core.raw",
                params={"text": text},
                dedup_key=f"bench:{tag}:{user_id}",
            )
            for user_id in ids
        ],
        due_at=now,
        now=now,
    )
    bot.dispatcher.wake()


async def _until(check: Callable[[], object], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        await asyncio.sleep(0.005)


async def measure_broadcast(bot: Ouderbot, api: LocalBotApi, count: int) -> BroadcastResult:
    before_429 = api.count_429
    ids = list(range(90_000, 90_000 + count))
    await _queue(bot, api, ids, "Morgen is de inloop in de grote zaal.", "broadcast")
    wanted = set(ids)
    await _until(lambda: len(_sends(api, wanted, "grote zaal")) >= count, count / 30 * 4 + 10)
    times = _sends(api, wanted, "grote zaal")
    seconds = max(times) - min(times) if len(times) > 1 else 0.0
    return BroadcastResult(
        name="broadcast",
        messages=count,
        delivered=len(times),
        seconds=round(seconds, 2),
        messages_per_second=round((len(times) - 1) / seconds, 1) if seconds else -1,
        rate_limited_429=api.count_429 - before_429,
    )


async def measure_hung(bot: Ouderbot, api: LocalBotApi) -> HungResult:
    ids = list(range(91_000, 91_060))
    hung = {ids[0], ids[1], ids[30]}
    for chat in hung:  # no answer at all, until the bot's send timeout gives up
        api.inject_fault("sendMessage", "timeout", chat=chat)
    since = len(api.requests)
    first = time.monotonic()
    await _queue(bot, api, ids, "Herinnering: morgen inloop.", "hung")
    others = set(ids) - hung
    await _until(lambda: len(_sends(api, others, "morgen inloop", since)) >= len(others), 60)
    delays = [at - first for at in _sends(api, others, "morgen inloop", since)]
    return HungResult(
        name="three hung sends among 60 chats",
        chats=len(ids),
        hung=len(hung),
        others_delivered=len(delays),
        others_p50_s=round(percentile(delays, 0.5), 2) if delays else -1,
        others_p95_s=round(percentile(delays, 0.95), 2) if delays else -1,
        others_last_s=round(max(delays), 2) if delays else -1,
    )


async def measure_outage(bot: Ouderbot, api: LocalBotApi, seconds: float) -> OutageResult:
    ids = list(range(92_000, 92_040))
    api.offline = True
    await _queue(bot, api, ids, "Vanavond webinar over slapen.", "outage")
    parent = api.user(92_500, language_code="nl")
    parent.send("/help")
    await asyncio.sleep(seconds)
    since = len(api.requests)
    back = time.monotonic()
    api.offline = False
    wanted = set(ids)
    await _until(lambda: len(_sends(api, wanted, "webinar over slapen", since)) >= len(ids), 60)
    await _until(lambda: parent.messages, 30)
    answered = [r.at for r in api.requests[since:] if r.chat_id == parent.id and r.ok]
    sends = _sends(api, wanted, "webinar over slapen", since)
    return OutageResult(
        name=f"network down for {seconds:.0f} s",
        outage_seconds=seconds,
        first_send_after_return_s=round(min(sends) - back, 2) if sends else -1,
        parent_answered_after_return_s=round(min(answered) - back, 2) if answered else -1,
        all_delivered_after_return_s=round(max(sends) - back, 2) if sends else -1,
    )


async def measure_echo(api: LocalBotApi, parents: int, folder: Path) -> DeliveryResult:
    """The bare echo bot: one process, run_polling, the same burst of texts."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OUDERBOT")}
    env.update(OUDERBOT_TOKEN=TOKEN, PYTHONPATH=str(ROOT))
    log = (folder / "echo.log").open("ab")
    echo = await asyncio.create_subprocess_exec(
        sys.executable, "bench/echo_bot.py", api.base_url, api.base_file_url,
        cwd=ROOT, env=env, stdout=log, stderr=log,
    )  # fmt: skip
    try:
        since = len(api.requests)
        await _until(lambda: any(r.method == "getUpdates" for r in api.requests[since:]), 60)
        ids = list(range(93_000, 93_000 + parents))
        return await measure(api, "echo bot (baseline)", ids, "Echo van {id}", "Echo van")
    finally:
        echo.terminate()
        await echo.wait()
        log.close()


async def run_at(
    latency: float, parents: int, in_flight: int | None, outage: float
) -> list[dict[str, object]]:
    api = LocalBotApi(token=TOKEN, bot_username="ouderbot_bench", latency=latency)
    await api.start()
    api.rate_limits = True
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as folder:
        bot = await start(api, Path(folder), in_flight)
        in_flight = bot.dispatcher.in_flight  # what ran (the setting's default when None)
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
            join = await measure(api, "join burst", joiners, "/start w-slapen", "Welkom")
            results.append(asdict(join))
            askers = list(range(80_000, 80_000 + parents))
            version = bot.services.settings.privacy.notice_version
            for user_id in askers:
                await repos.users.ensure(user_id, "nl", now)
                await repos.users.record_consent(user_id, version, now)
                await repos.webinars.join(webinar.id, user_id, now)
            texts = _sleep_questions()
            sent_at: dict[int, float] = {}
            grouped_at = _when_grouped(bot)
            ask = await measure(
                api,
                "question burst",
                askers,
                lambda user_id: texts[(user_id - askers[0]) % len(texts)],
                "in de rij",
                sent_at,
            )
            results.append(asdict(ask))
            await bot.services.desk.grouped(webinar.id)
            results.append(asdict(_grouping_delays(sent_at, grouped_at)))
            await api.wait_until_idle(timeout=30)
            results.append(asdict(await measure_broadcast(bot, api, 2 * parents)))
            await api.wait_until_idle(timeout=30)
            results.append(asdict(await measure_hung(bot, api)))
            await api.wait_until_idle(timeout=30)
            if outage > 0:
                results.append(asdict(await measure_outage(bot, api, outage)))
        finally:
            await bot.stop()
        echo = await measure_echo(api, parents, Path(folder))
        results.append(asdict(echo))
        results.append(
            {
                "name": "ratios to the echo bot",
                "join_last_reply_ratio": round(
                    join.seconds_to_last_reply / echo.seconds_to_last_reply, 2
                ),
                "question_last_reply_ratio": round(
                    ask.seconds_to_last_reply / echo.seconds_to_last_reply, 2
                ),
                "question_p95_ratio": round(ask.p95_s / echo.p95_s, 2),
            }
        )
    await api.stop()
    for result in results:
        result["latency_s"] = latency
        result["requests_in_flight"] = in_flight
    return results


async def main(
    parents: int, latencies: list[float], in_flight: int | None, outage: float
) -> list[dict[str, object]]:
    results = []
    for latency in latencies:
        results.extend(await run_at(latency, parents, in_flight, outage))
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parents", type=int, default=150)
    parser.add_argument(
        "--latency", type=float, action="append", help="seconds per request (default 0 and 0.08)"
    )
    parser.add_argument("--in-flight", type=int, default=None, help="default: the setting's")
    parser.add_argument("--outage", type=float, default=10.0, help="seconds; 0 skips it")
    arguments = parser.parse_args()
    for line in asyncio.run(
        main(arguments.parents, arguments.latency or [0.0, 0.08], arguments.in_flight,
             arguments.outage)
    ):  # fmt: skip
        print(json.dumps(line))

"""Benchmark: the webinar question targets of PRODUCT.md, against the local Bot API server.

    python -m bench.bench_questions [--parents 1000] [--open-questions 10000]

1. 1,000 parents each send a question within one second: all stored and acknowledged,
   throughput at least 80% of a bare python-telegram-bot echo bot's, p95 acknowledgement
   under 1 s, resident memory of the bot process under 150 MB.
2. /volgende with 10,000 open questions in the webinar: p95 under 100 ms.

Both bots run as separate processes (`bench/echo_bot.py`, `ouderbot run`) against one
local server in this process, in the same run, so the ratios compare the bots, not the
machine. Figures are printed; nothing here is a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psutil

from bot.localapi import LocalBotApi

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:BENCH-TOKEN-abcdefghijklmnop"
MODERATOR = 700_001
# Outbox requests at once with the limits off (at most this many duplicates after a kill).
IN_FLIGHT = int(os.environ.get("BENCH_IN_FLIGHT", "8"))


@dataclass
class BurstResult:
    name: str
    messages: int
    acknowledged: int
    seconds: float
    per_second: float
    p50_ms: float
    p95_ms: float
    peak_rss_mb: float
    cpu_ms_per_message: float


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def start_process(args: list[str], log: Path) -> asyncio.subprocess.Process:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OUDERBOT")}
    env.update(OUDERBOT_TOKEN=TOKEN, PYTHONPATH=str(ROOT))
    handle = log.open("ab")
    return await asyncio.create_subprocess_exec(
        sys.executable, *args, cwd=ROOT, env=env, stdout=handle, stderr=handle
    )


async def until(check, timeout: float, interval: float = 0.01) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError("benchmark step did not finish in time")
        await asyncio.sleep(interval)


async def wait_polling(api: LocalBotApi) -> None:
    start = len(api.requests)
    await until(lambda: any(r.method == "getUpdates" for r in api.requests[start:]), 60)
    await until(lambda: sum(r.method == "getUpdates" for r in api.requests) >= 2, 60)


async def burst(
    api: LocalBotApi,
    process: asyncio.subprocess.Process,
    name: str,
    user_ids: list[int],
    text_of,
    is_ack,
    spread: float = 1.0,
) -> BurstResult:
    sent_at: dict[int, float] = {}
    acked_at: dict[int, float] = {}

    def hook(record) -> None:
        chat = record.chat_id
        if (
            record.method == "sendMessage"
            and record.ok
            and chat in sent_at
            and chat not in acked_at
            and is_ack(record.params.get("text", ""))
        ):
            acked_at[chat] = record.at

    api.on_request.append(hook)
    watcher = psutil.Process(process.pid)
    peak = watcher.memory_info().rss
    cpu_before = sum(watcher.cpu_times()[:2])
    start = time.monotonic()
    for index, user_id in enumerate(user_ids):
        target = start + spread * index / len(user_ids)
        delay = target - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        sent_at[user_id] = time.monotonic()
        api.user(user_id).send(text_of(user_id))
    deadline = time.monotonic() + 120
    while len(acked_at) < len(user_ids) and time.monotonic() < deadline:
        peak = max(peak, watcher.memory_info().rss)
        await asyncio.sleep(0.01)
    peak = max(peak, watcher.memory_info().rss)
    cpu = sum(watcher.cpu_times()[:2]) - cpu_before
    api.on_request.remove(hook)
    elapsed = max(acked_at.values()) - start if acked_at else float("inf")
    latencies = [(acked_at[u] - sent_at[u]) * 1000 for u in acked_at]
    return BurstResult(
        name,
        len(user_ids),
        len(acked_at),
        elapsed,
        len(acked_at) / elapsed,
        percentile(latencies, 0.5),
        percentile(latencies, 0.95),
        peak / 2**20,
        cpu * 1000 / len(user_ids),
    )


def write_config(folder: Path, api: LocalBotApi, database: Path) -> Path:
    path = folder / "bench.toml"
    path.write_text(
        f'[telegram]\nbase_url = "{api.base_url}"\nbase_file_url = "{api.base_file_url}"\n'
        "poll_timeout_seconds = 1\n"
        # The server runs without rate limits, like the echo bot's: the bot must not pace.
        "rate_limits = false\n"
        f"requests_in_flight = {IN_FLIGHT}\n"
        f'[storage]\ndatabase = "{database}"\n[roles]\ncoordinators = [{MODERATOR}]\n'
        "[limits]\nquestions_per_minute = 100000\nmessages_per_minute = 100000\n",
        encoding="utf-8",
    )
    return path


def seed(database: Path, parents: list[int], open_questions: int) -> None:
    """Schema via the bot's own migrations, then plain SQL for speed."""
    now = datetime.now(UTC)
    iso = now.isoformat(timespec="seconds")
    with sqlite3.connect(database) as conn:
        # Webinar 1 takes the burst (it starts empty); webinar 2 holds the big queue.
        for webinar_id in (1, 2):
            conn.execute(
                "INSERT INTO webinars (id, code, title, theme, starts_at, ends_at, state)"
                " VALUES (?, ?, 'Benchmark', 'slapen', ?, ?, 'open')",
                (
                    webinar_id,
                    f"bench{webinar_id}",
                    iso,
                    (now + timedelta(hours=2)).isoformat(timespec="seconds"),
                ),
            )
        conn.executemany(
            "INSERT INTO users (id, language, consent_version, consent_at, current_webinar,"
            " created_at, last_seen_at) VALUES (?, 'nl', 1, ?, ?, ?, ?)",
            [
                (user_id, iso, 2 if user_id == MODERATOR else 1, iso, iso)
                for user_id in [*parents, MODERATOR]
            ],
        )
        conn.execute(
            "INSERT INTO roles (user_id, role, granted_at) VALUES (?, 'coordinator', ?)",
            (MODERATOR, iso),
        )
        # The moderator opened webinar 2 (/open joins it): only then may they pull from it.
        conn.execute(
            "INSERT INTO participants (webinar_id, user_id, joined_at) VALUES (2, ?, ?)",
            (MODERATOR, iso),
        )
    seed_questions(database, open_questions)


SUBJECTS = ["mijn peuter", "onze dochter van 6", "mijn puber", "de baby", "mijn zoon van 9"]
TOPICS = [
    "wil niet slapen",
    "eet slecht",
    "zit de hele dag op de telefoon",
    "heeft driftbuien",
    "wordt gepest op school",
    "plast nog in bed",
    "maakt ruzie met zijn zus",
    "is somber sinds de scheiding",
]


def seed_questions(database: Path, open_questions: int) -> None:
    """Varied texts, so the grouping index works as hard as in a real webinar; stored with
    their grouping features and groups, as the bot stores every question it is asked."""
    from bot.webinar.grouping import GroupingIndex, encode

    iso = datetime.now(UTC).isoformat(timespec="seconds")
    index = GroupingIndex("slapen")
    rows = []
    for n in range(open_questions):
        subject = SUBJECTS[n % len(SUBJECTS)]
        topic = TOPICS[(n // len(SUBJECTS)) % len(TOPICS)]
        text = f"{subject} {topic}, wat kan ik doen? ({n})"
        found = index.features(text)
        group = index.add(n + 1, found)
        rows.append((n + 1, n + 1, -n - 1, text, n % 7, n % 5, iso, encode(found), group.key))
    with sqlite3.connect(database) as conn:
        conn.executemany(
            "INSERT INTO questions (id, webinar_id, number, asker_id, source_msg, text, votes,"
            " similar_count, created_at, features, group_key)"
            " VALUES (?, 2, ?, NULL, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


async def next_latencies(api: LocalBotApi, pulls: int) -> list[float]:
    moderator = api.user(MODERATOR, first_name="Mod", language_code="nl")
    latencies = []
    for _ in range(pulls):
        before = len(moderator.messages)
        sent = time.monotonic()
        moderator.send("/volgende")
        await until(lambda n=before: len(moderator.messages) > n, 30, interval=0.001)
        answer = next(
            r
            for r in reversed(api.requests)
            if r.method == "sendMessage" and r.chat_id == MODERATOR
        )
        assert "Vraag" in answer.params.get("text", "")
        latencies.append((answer.at - sent) * 1000)
    return latencies


async def echo_round_trips(api: LocalBotApi, count: int) -> list[float]:
    user = api.user(600_000, first_name="Echo")
    latencies = []
    for number in range(count):
        before = len(user.messages)
        sent = time.monotonic()
        user.send(f"ping {number}")
        await until(lambda n=before: len(user.messages) > n, 30, interval=0.001)
        answer = next(r for r in reversed(api.requests) if r.chat_id == 600_000)
        latencies.append((answer.at - sent) * 1000)
    return latencies


async def main(parents: int, open_questions: int, pulls: int) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="ouderbot-bench-"))
    log = folder / "processes.log"
    results: dict[str, object] = {}

    # 1. Baseline: the bare echo bot, same server, same burst.
    api = LocalBotApi(token=TOKEN, bot_username="bench_bot")
    await api.start()
    echo = await start_process(["bench/echo_bot.py", api.base_url, api.base_file_url], log)
    await wait_polling(api)
    echo_ids = list(range(100_000, 100_000 + parents))
    for user_id in echo_ids:
        api.user(user_id, first_name="E", language_code="nl")
    echo_burst = await burst(
        api,
        echo,
        "echo bot",
        echo_ids,
        lambda u: f"vraag {u}",
        lambda text: text.startswith("vraag"),
    )
    echo_single = await echo_round_trips(api, pulls)
    echo.terminate()
    await echo.wait()
    await api.stop()

    # 2. Ouderbot: the same burst of questions into an open webinar.
    api = LocalBotApi(token=TOKEN, bot_username="bench_bot")
    await api.start()
    database = folder / "bench.sqlite3"
    from storage.db import Database

    db = await Database.open(database)  # the bot's own migrations
    await db.close()
    parent_ids = list(range(200_000, 200_000 + parents))
    seed(database, parent_ids, open_questions)
    config = write_config(folder, api, database)
    profile = os.environ.get("BENCH_PROFILE")  # a path: run the bot under cProfile
    prefix = ["-m", "cProfile", "-o", profile] if profile else []
    ouderbot = await start_process([*prefix, "-m", "bot.cli", "--config", str(config), "run"], log)
    await wait_polling(api)
    for user_id in parent_ids:
        api.user(user_id, first_name="P", language_code="nl")
    spy_path = os.environ.get("BENCH_PYSPY")  # a path: sample the bot with py-spy
    spy = None
    if spy_path:
        spy = await asyncio.create_subprocess_exec(
            "py-spy",
            "record",
            "--pid",
            str(ouderbot.pid),
            "--duration",
            "6",
            "--rate",
            "200",
            "--format",
            "raw",
            "-o",
            spy_path,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
    topics = ["slapen", "eten", "schermtijd", "puberteit", "scheiden", "driftbuien"]
    ouder_burst = await burst(
        api,
        ouderbot,
        "ouderbot",
        parent_ids,
        lambda u: f"hoe help ik mijn kind met {topics[u % len(topics)]}? vraag {u}",
        lambda text: "in de rij" in text,
    )
    # In a burst the questions are acknowledged first and grouped right after: how long
    # after the last acknowledgement the last of them has its group (features stored).
    acknowledged_at = time.monotonic()

    def all_grouped() -> bool:
        with sqlite3.connect(database) as conn:
            waiting = conn.execute(
                "SELECT count(*) FROM questions WHERE asker_id IS NOT NULL AND features IS NULL"
            ).fetchone()[0]
        return bool(waiting == 0)

    await until(all_grouped, timeout=60, interval=0.02)
    grouped_after_s = time.monotonic() - acknowledged_at
    if spy is not None:
        await spy.wait()
    with sqlite3.connect(database) as conn:
        stored = conn.execute(
            "SELECT count(*) FROM questions WHERE asker_id IS NOT NULL"
        ).fetchone()[0]
    # 3. /volgende in the moderator's webinar, which has 10,000 open questions.
    pulls_ms = await next_latencies(api, pulls)
    # The cards read the sentence encoder (bot.webinar.encoder): the bot's memory after.
    rss_after_cards_mb = psutil.Process(ouderbot.pid).memory_info().rss / 2**20
    ouderbot.terminate()
    await ouderbot.wait()
    await api.stop()

    results["burst"] = [asdict(echo_burst), asdict(ouder_burst)]
    results["stored"] = stored
    results["grouped_after_last_ack_s"] = grouped_after_s
    results["throughput_ratio"] = ouder_burst.per_second / echo_burst.per_second
    results["volgende_open_questions"] = open_questions
    results["rss_after_cards_mb"] = rss_after_cards_mb
    results["volgende_first_pull_ms"] = pulls_ms[0]
    results["volgende_p50_ms"] = statistics.median(pulls_ms)
    results["volgende_p95_ms"] = percentile(pulls_ms, 0.95)
    results["echo_round_trip_p95_ms"] = percentile(echo_single, 0.95)
    results["volgende_ratio_to_echo_round_trip"] = percentile(pulls_ms, 0.95) / percentile(
        echo_single, 0.95
    )
    return results


def report(results: dict[str, object]) -> None:
    print(
        f"{'':12} {'msgs':>6} {'acked':>6} {'secs':>6} {'msg/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'RSS MB':>7} {'CPU ms/msg':>10}"
    )
    for row in results["burst"]:  # type: ignore[attr-defined]
        print(
            f"{row['name']:12} {row['messages']:6d} {row['acknowledged']:6d} {row['seconds']:6.2f}"
            f" {row['per_second']:7.0f} {row['p50_ms']:7.0f} {row['p95_ms']:7.0f} {row['peak_rss_mb']:7.1f}"
            f" {row['cpu_ms_per_message']:10.2f}"
        )
    print(f"questions stored: {results['stored']}")
    print(
        "every question grouped "
        f"{results['grouped_after_last_ack_s']:.2f} s after the last acknowledgement"
    )
    print(
        f"throughput ratio ouderbot / echo bot: {results['throughput_ratio']:.2f} (target >= 0.80)"
    )
    print(
        f"/volgende with {results['volgende_open_questions']} open questions: "
        f"p50 {results['volgende_p50_ms']:.1f} ms, p95 {results['volgende_p95_ms']:.1f} ms (target < 100);"
        f" first pull (rebuilds the grouping index from stored features) {results['volgende_first_pull_ms']:.0f} ms"
    )
    print(
        f"resident memory after the cards (the sentence encoder read):"
        f" {results['rss_after_cards_mb']:.0f} MB"
    )
    print(
        f"echo bot single round trip p95: {results['echo_round_trip_p95_ms']:.1f} ms; "
        f"ratio /volgende / echo: {results['volgende_ratio_to_echo_round_trip']:.2f}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--parents", type=int, default=1000)
    parser.add_argument("--open-questions", type=int, default=10_000)
    parser.add_argument("--pulls", type=int, default=200)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    figures = asyncio.run(main(args.parents, args.open_questions, args.pulls))
    report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))

"""Micro-benchmark: calls to SQLite (aiosqlite thread hops) and CPU per question, the
bot and the local Bot API server (limits off) in one process, N parents asking at once.
The CPU includes the server's (the same for every variant of the bot).
`python -m bench.micro_questions [N] [rounds]`."""

import asyncio
import sys
import tempfile
import time
from pathlib import Path

import aiosqlite

from bot.core.clock import SystemClock
from bot.localapi import LocalBotApi
from tests.helpers import add_webinar, make_moderator, make_settings, start_bot

CALLS = {"n": 0}
TOPICS = ["slapen", "eten", "schermtijd", "puberteit", "scheiden", "driftbuien"]


def counting(original):
    def wrapper(self, fn, *args, **kwargs):
        CALLS["n"] += 1
        return original(self, fn, *args, **kwargs)

    return wrapper


async def main(parents: int, rounds: int) -> None:
    aiosqlite.Connection._execute = counting(aiosqlite.Connection._execute)  # type: ignore[method-assign]
    api = LocalBotApi(token="123456:LOCAL-TEST-TOKEN-abcdefghij", bot_username="b")
    await api.start()
    folder = Path(tempfile.mkdtemp(prefix="ouderbot-micro-"))
    settings = make_settings(
        folder / "db.sqlite3",
        api,
        telegram={"rate_limits": False, "requests_in_flight": 8},
        limits={"questions_per_minute": 100000, "messages_per_minute": 100000},
    )
    bot = await start_bot(settings, SystemClock(), api)
    await add_webinar(bot, "slapen")
    moderator = api.user(800_001, first_name="Mod", language_code="nl")
    await make_moderator(bot, moderator.id)
    moderator.send("/open slapen")
    await moderator.wait_for(lambda m: "open voor vragen" in m["text"])
    services = bot.services
    webinar = await services.repos.webinars.by_code("slapen")
    assert webinar is not None
    figures = []
    for number in range(rounds):
        users = []
        for offset in range(parents):
            user_id = 10_000 + number * parents + offset
            await services.repos.users.ensure(user_id, "nl", services.clock.now())
            await services.repos.users.record_consent(user_id, 1, services.clock.now())
            await services.repos.webinars.join(webinar.id, user_id, services.clock.now())
            users.append(api.user(user_id, first_name="P", language_code="nl"))
        await asyncio.sleep(0.5)
        CALLS["n"] = 0
        cpu, wall = time.process_time(), time.monotonic()
        for offset, user in enumerate(users):
            topic = TOPICS[offset % len(TOPICS)]  # as bench_questions asks
            user.send(f"hoe help ik mijn kind met {topic}? vraag {number} {offset}")
        await asyncio.gather(*(u.wait_for(lambda m: "in de rij" in m["text"], 60) for u in users))
        figures.append(
            (
                CALLS["n"] / parents,
                (time.process_time() - cpu) * 1000 / parents,
                parents / (time.monotonic() - wall),
            )
        )
    for calls, cpu, rate in figures:
        print(f"{calls:5.1f} SQLite calls, {cpu:5.2f} ms CPU per question, {rate:4.0f}/s")
    await bot.stop()
    await api.stop()


if __name__ == "__main__":
    asyncio.run(
        main(
            int(sys.argv[1]) if len(sys.argv) > 1 else 300,
            int(sys.argv[2]) if len(sys.argv) > 2 else 3,
        )
    )

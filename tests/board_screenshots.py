"""Screenshots of the moderation board and the presenter view for docs/.

    .venv/bin/python -m tests.board_screenshots docs

Runs the real bot against the local Bot API server with a small webinar in progress and
photographs the pages in Debian's chromium (as tests/test_board_browser.py does).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

os.environ.setdefault("PTB_TIMEDELTA", "1")

from bot.core.clock import ManualClock
from bot.localapi import LocalBotApi
from tests.board_helpers import WEB, base_url, call, init_data, open_webinar
from tests.helpers import MODERATOR_IDS, START, TOKEN, make_settings, start_bot
from tests.test_board_browser import CHROMIUM, CHROMIUM_ARGS

QUESTIONS = [
    "Hoe krijg ik mijn peuter van 2 's avonds in bed?",
    "Hoeveel schermtijd is oké voor een kind van 5?",
    "Mijn peuter wil 's avonds niet naar bed, wat kan ik doen?",
    "Mijn zoon van 4 krijgt een driftbui als hij moet stoppen met spelen.",
    "Hoe krijg ik mijn peuter 's avonds op tijd in bed?",
    "Mijn dochter van 14 zit de hele avond op haar telefoon. Hoe maak ik afspraken?",
    "Wat doe je als je kind 's nachts steeds bij je in bed komt?",
    "Hoeveel zakgeld geef je een kind van 10? Bel me gerust: 06-12345678",
]


async def main(folder: Path) -> None:
    from playwright.async_api import async_playwright

    with tempfile.TemporaryDirectory() as tmp:
        async with LocalBotApi(token=TOKEN, bot_username="ouderbot_test") as api:
            clock = ManualClock(START)
            bot = await start_bot(make_settings(Path(tmp) / "db.sqlite3", api, web=WEB), clock)
            try:
                for text in QUESTIONS:
                    clock.advance(timedelta(minutes=2))
                    await open_webinar(bot, api, [text]) if text == QUESTIONS[0] else None
                    if text != QUESTIONS[0]:
                        await ask(bot, api, text)
                clock.advance(timedelta(minutes=3))
                await votes(bot, {"schermtijd": 4, "driftbui": 2, "telefoon": 3, "van 2": 1})
                data = init_data(MODERATOR_IDS[0], clock.now())
                _, board = await call(bot, "GET", "board", data)
                asked = next(g for g in board["groups"] if "zakgeld" in g["representative"]["text"])
                await call(bot, "POST", f"questions/{asked['id']}/pick", data)
                await call(bot, "POST", f"questions/{asked['id']}/asked", data)
                first = next(g["id"] for g in board["groups"] if len(g["members"]) > 1)
                await call(bot, "POST", f"questions/{first}/pick", data)
                async with async_playwright() as playwright:
                    browser = await playwright.chromium.launch(
                        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
                    )
                    address = f"{base_url(bot)}/app/#tgWebAppData={quote(data)}"
                    page = await browser.new_page(
                        viewport={"width": 1000, "height": 900}, device_scale_factor=1
                    )
                    await page.goto(address)
                    await page.locator(".similar-list li").first.wait_for()
                    await page.locator("details").first.evaluate("node => node.open = true")
                    await page.screenshot(path=str(folder / "board.png"))
                    dark = quote(
                        '{"bg_color":"#17212b","text_color":"#f5f5f5","hint_color":"#a9b4bf",'
                        '"link_color":"#7cb8ff","button_color":"#5288c1",'
                        '"button_text_color":"#ffffff","secondary_bg_color":"#232e3c",'
                        '"destructive_text_color":"#ff6b6b"}'
                    )
                    phone = await browser.new_page(
                        viewport={"width": 390, "height": 844}, device_scale_factor=2
                    )
                    await phone.goto(f"{address}&tgWebAppThemeParams={dark}")
                    await phone.locator(".similar-list li").first.wait_for()
                    await phone.screenshot(path=str(folder / "board-phone.png"))
                    presenter = await browser.new_page(viewport={"width": 1280, "height": 720})
                    await presenter.goto(base_url(bot) + board["presenter"])
                    await presenter.locator("#question", has_text="zakgeld").wait_for()
                    await presenter.screenshot(path=str(folder / "presenter.png"))
                    await browser.close()
            finally:
                await bot.stop()


async def votes(bot, wanted: dict[str, int]) -> None:
    """Show some questions to parents, who back them ("ik wil dit ook weten")."""
    services = bot.services
    data = init_data(MODERATOR_IDS[0], services.clock.now())
    webinar = await services.repos.webinars.by_code("slapen")
    waiting = await services.repos.questions.unanswered(webinar.id)
    for words, count in wanted.items():
        question = next(q for q in waiting if words in (q.text or ""))
        for action in ("pick", "show", "back"):
            await call(bot, "POST", f"questions/{question.id}/{action}", data)
        backers = [q.asker_id for q in waiting if q.asker_id != question.asker_id][:count]
        for backer in backers:
            await services.repos.questions.vote(question.id, backer, services.clock.now())


async def ask(bot, api, text: str) -> None:
    services = bot.services
    webinar = await services.repos.webinars.by_code("slapen")
    user_id = 21_000 + len(await services.repos.questions.unanswered(webinar.id))
    await services.repos.users.ensure(user_id, "nl", services.clock.now())
    await services.repos.users.record_consent(user_id, 1, services.clock.now())
    await services.repos.webinars.join(webinar.id, user_id, services.clock.now())
    parent = api.user(user_id, first_name="Ouder", language_code="nl")
    parent.send(text)
    await parent.wait_for(lambda m: "in de rij" in m["text"])


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")))

"""A screenshot of `ouderbot try` for docs/try.png.

    .venv/bin/python -m tests.try_screenshot docs

Starts the playground (the real bot, the local Telegram, the page), lets the simulated
parents ask, has the person's parent ask and the gespreksleider take a question, and
photographs the page in Debian's chromium (as tests/test_try.py drives it).
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

os.environ.setdefault("PTB_TIMEDELTA", "1")

from bot.playground import running_playground
from tests.test_board_browser import CHROMIUM, CHROMIUM_ARGS


async def main(folder: Path) -> None:
    from playwright.async_api import async_playwright

    async with (
        running_playground(simulate_after=0, simulate_every=0) as (playground, address),
        async_playwright() as playwright,
    ):
        await asyncio.wait_for(playground.all_asked.wait(), timeout=60)
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        page = await browser.new_page(viewport={"width": 1280, "height": 860})
        await page.goto(address)
        parent = page.locator("#phone-parent")
        moderator = page.locator("#phone-moderator")
        await parent.get_by_role("button", name="/start w-slapen").click()
        await parent.get_by_role("button", name="✅ Akkoord").click()
        await parent.get_by_role("textbox").fill("Hoe krijg ik mijn peuter 's avonds in bed?")
        await parent.get_by_role("button", name="Stuur", exact=True).click()
        await parent.get_by_text("Je vraag staat in de rij").wait_for()
        await moderator.get_by_role("button", name="/volgende").click()
        await moderator.get_by_text("Vraag 1").last.wait_for()
        await asyncio.sleep(1)
        await page.screenshot(path=str(folder / "try.png"))
        await browser.close()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")))

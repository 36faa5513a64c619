"""`ouderbot try` in a real browser (Debian's Chromium through Playwright): a person plays
a parent and a gespreksleider on the page, against the real bot and the local Telegram."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from bot.playground import SIMULATED, running_playground
from tests.test_board_browser import CHROMIUM_ARGS, DESKTOP
from tests.test_board_browser import chromium as chromium  # a fixture, used by name

pytestmark = [pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent
QUESTION = "Mijn peuter van 2 gilt elke avond bij het tandenpoetsen. Hoe pak ik dat aan?"


@pytest_asyncio.fixture
async def browser(chromium: Path) -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(chromium), args=CHROMIUM_ARGS
        )
        yield launched
        await launched.close()


async def test_a_person_joins_asks_and_a_gespreksleider_takes_it(browser: Any) -> None:
    # No simulated parent asks during this test, so the next question is the person's.
    async with running_playground(simulate_after=3600) as (_, address):
        page = await browser.new_page(viewport=DESKTOP)
        await page.goto(address)
        parent = page.locator("#phone-parent")
        moderator = page.locator("#phone-moderator")
        # The gespreksleider was invited and opened the webinar while the page started.
        await moderator.get_by_text("is open voor vragen").wait_for()

        await parent.get_by_role("button", name="/start w-slapen").click()
        await parent.get_by_role("button", name="✅ Akkoord").click()
        await parent.get_by_role("textbox").fill(QUESTION)
        await parent.get_by_role("button", name="Stuur", exact=True).click()
        await parent.get_by_text("Je vraag staat in de rij (plek 1)").wait_for()

        await moderator.get_by_role("button", name="/volgende").click()
        await moderator.get_by_text(QUESTION).wait_for()
        await moderator.get_by_role("button", name="✅ Gesteld").click()
        await parent.get_by_text("wordt nu besproken").wait_for()

        # The board and the presenter view open from the page.
        board = await page.get_attribute("#board-link", "href")
        presenter = await page.get_attribute("#presenter-link", "href")
        assert board is not None
        assert "#tgWebAppData=" in board
        assert presenter is not None
        board_page = await browser.new_page(viewport=DESKTOP)
        await board_page.goto(board)
        await board_page.get_by_text("Goed slapen").first.wait_for()
        await board_page.close()


async def test_a_coordinator_sends_a_csv_from_the_page(browser: Any, tmp_path: Path) -> None:
    async with running_playground(simulate_after=3600) as (_, address):
        page = await browser.new_page(viewport=DESKTOP)
        await page.goto(address)
        coordinator = page.locator("#phone-coordinator")
        await coordinator.get_by_text("Programma ingelezen uit programma.csv").wait_for()
        programme = tmp_path / "nieuw.csv"
        programme.write_bytes((ROOT / "programme.example.csv").read_bytes())
        await coordinator.locator("input[type=file]").set_input_files(str(programme))
        await coordinator.get_by_text("Programma ingelezen uit nieuw.csv").wait_for()


async def test_simulated_parents_join_the_webinar_and_ask() -> None:
    async with running_playground(simulate_after=0, simulate_every=0) as (playground, address):
        await asyncio.wait_for(playground.all_asked.wait(), timeout=30)
        assert playground.simulated_asked == len(SIMULATED)
        async with httpx.AsyncClient() as client:
            state = (await client.get(address + "api/state")).json()
        assert state["simulated"] == len(SIMULATED)
        webinar = await playground.bot.services.repos.webinars.by_code("slapen")
        assert webinar is not None
        counts = await playground.bot.services.repos.questions.counts(webinar.id)
        assert counts.total == len(SIMULATED)


def test_ouderbot_try_runs_until_stopped(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "try", "--port", "0"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        lines: list[str] = []
        while not any(line.startswith("Open http://127.0.0.1:") for line in lines):
            line = process.stdout.readline()
            assert line, process.stderr.read() if process.stderr else ""
            lines.append(line)
        address = lines[-1].split()[1]
        assert httpx.get(address, timeout=10).status_code == 200
        # A second request, to the simulated users' state, after the page: still serving.
        assert httpx.get(address + "api/state", timeout=10).status_code == 200
        assert process.poll() is None  # still running
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=30)
        assert process.returncode == 0
        assert "Stopped." in out
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

"""Monitor figures: a seeded half-year, through `ouderbot report` and `/monitor`; the CSV
read back, the document looked at in Chromium."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.app import Ouderbot
from bot.core.i18n import Translator
from bot.localapi import LocalBotApi
from bot.monitor.figures import MonitorReport, Row
from bot.monitor.report import gather, half_year_of
from storage.db import Database
from tests.helpers import COORDINATOR_ID, MODERATOR_IDS, make_moderator
from tests.monitor_seed import (
    EXPECTED_JGZ,
    EXPECTED_TOTAL,
    HELPED_SHARE_JGZ,
    MEAN_SCORE_JGZ,
    RESPONSE_RATE_JGZ,
    SAME_QUESTION,
    seed_half_year,
)

FIRST, LAST = date(2026, 1, 1), date(2026, 6, 30)
CHROMIUM = Path("/usr/bin/chromium")


async def report_of(bot: Ouderbot, language: str = "nl") -> MonitorReport:
    services = bot.services
    return await gather(
        services.repos,
        services.settings.zone,
        services.t,
        language,
        FIRST,
        LAST,
        services.clock.now(),
    )


def named(rows: list[Row], name: str) -> Row:
    return next(row for row in rows if row.name == name)


async def test_the_figures_of_a_seeded_half_year_match_the_seed(bot: Ouderbot) -> None:
    await seed_half_year(bot.services.db)
    report = await report_of(bot)
    for figure, expected in EXPECTED_TOTAL.items():
        assert getattr(report.total, figure) == expected, figure
    jgz = named(report.organisations, "JGZ")
    for figure, expected in EXPECTED_JGZ.items():
        assert getattr(jgz, figure) == expected, figure
    assert jgz.mean_score == pytest.approx(MEAN_SCORE_JGZ)
    assert jgz.helped_share == pytest.approx(HELPED_SHARE_JGZ)
    assert jgz.response_rate == pytest.approx(RESPONSE_RATE_JGZ)
    # Fewer than five people: no figure (DOCK's webinar had three parents, two askers).
    dock = named(report.organisations, "DOCK")
    assert (dock.webinars, dock.participants, dock.asked, dock.replay_notices) == (
        1,
        None,
        None,
        None,
    )
    assert named(report.wijken, "Overvecht").participants is None
    hoograven = named(report.wijken, "Hoograven")
    assert (hoograven.sessions, hoograven.visits, hoograven.cancellations) == (8, 6, 1)
    assert named(report.organisations, "Buurtteam").series == 1
    assert named(report.wijken, "Hele stad").participants == 8
    # The practice webinar and the one in July are not in it.
    assert [line.title for line in report.webinars] == ["Slapen", "Pubers"]
    assert report.webinars[0].top_groups == [(5, SAME_QUESTION)]
    assert report.webinars[1].top_groups == []  # no group of five parents


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: spreadsheets read UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, *body = rows
    assert all(len(row) == len(header) for row in body)
    return [dict(zip(header, row, strict=True)) for row in body]


def check_csv(data: bytes) -> None:
    rows = read_csv(data)
    total = next(row for row in rows if row["Niveau"] == "Totaal")
    assert total["Deelnemers webinars"] == "11"
    assert total["Vragen gesteld"] == "9"
    assert total["Vragen gegroepeerd"] == "5"
    assert total["Terugkijkberichten verstuurd"] == "10"
    assert total["Inloopmomenten"] == "8"
    jgz = next(row for row in rows if row["Naam"] == "JGZ")
    assert jgz["Gemiddelde score (1–5)"] == "4,2"
    assert jgz["Respons"] == "0,75"
    dock = next(row for row in rows if row["Naam"] == "DOCK")
    assert dock["Deelnemers webinars"] == "<5"
    slapen = next(row for row in rows if row["Niveau"] == "Webinar" and row["Naam"] == "Slapen")
    assert slapen["Datum"] == "2026-02-10"
    assert SAME_QUESTION in slapen["Meest gestelde vraaggroepen"]
    assert not any(row["Naam"] in ("Oefenwebinar", "Later") for row in rows)


@pytest.fixture
def chromium() -> Path:
    if not CHROMIUM.exists():
        # Never skipped (as tests/test_board_browser.py): a missing browser is a failure.
        pytest.fail("no /usr/bin/chromium: install it with `apt-get install -y chromium`")
    return CHROMIUM


async def look_at(html: bytes, tmp_path: Path) -> tuple[str, bytes]:
    """The document as Chromium shows it: its visible text and a screenshot (PNG)."""
    from playwright.async_api import async_playwright

    page_file = tmp_path / "monitor.html"
    await asyncio.to_thread(page_file.write_bytes, html)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless=new", "--no-sandbox", "--disable-gpu"]
        )
        try:
            page = await browser.new_page(viewport={"width": 1200, "height": 900})
            # Offline: the document must need nothing from outside.
            await page.route("http*://**", lambda route: route.abort())
            await page.goto(page_file.as_uri())
            text = await page.inner_text("body")
            charts = await page.eval_on_selector_all(
                "img.chart", "imgs => imgs.map(i => i.complete && i.naturalWidth)"
            )
            assert len(charts) == 2
            assert all(width and width > 300 for width in charts)
            shot = await page.screenshot(full_page=True, path=str(tmp_path / "monitor.png"))
        finally:
            await browser.close()
    return text, shot


@pytest.mark.slow
async def test_ouderbot_report_writes_a_document_chromium_shows_and_a_csv_that_reads_back(
    database_path: Path, tmp_path: Path, chromium: Path
) -> None:
    from tests.test_cli import import_config, run_cli

    db = await Database.open(database_path)
    await seed_half_year(db)
    await db.close()
    config = import_config(tmp_path, database_path)
    out = tmp_path / "out"
    result = run_cli(
        "--config", str(config), "report", "--from", "2026-01-01", "--to", "2026-06-30",
        "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    check_csv((out / "monitor-2026-01-01-2026-06-30.csv").read_bytes())
    text, shot = await look_at((out / "monitor-2026-01-01-2026-06-30.html").read_bytes(), tmp_path)
    assert shot.startswith(b"\x89PNG")
    assert len(shot) > 20_000  # tables and two charts, not an empty page
    assert "Ouderbot monitorcijfers" in text
    assert "1 januari 2026" in text
    assert SAME_QUESTION in text
    assert "5 ouders" in text
    assert "Oefenwebinar" not in text


async def test_monitor_sends_the_document_and_the_csv_to_a_coordinator_only(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    await seed_half_year(bot.services.db)
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert", language_code="nl")
    await make_moderator(bot, moderator.id)
    moderator.send("/monitor")
    await moderator.wait_for(lambda m: "coördinator" in m["text"])
    coordinator = api.user(COORDINATOR_ID, first_name="Cora", language_code="nl")
    coordinator.send("/monitor 2026-01-01 2026-06-30")
    # Drawing the charts (and loading matplotlib, the first time) takes CPU: more time.
    document = await coordinator.wait_for(lambda m: "document" in m, timeout=30)
    assert document["document"]["file_name"] == "monitor-2026-01-01-2026-06-30.html"
    assert "Monitorcijfers" in document["caption"]
    html = api.file_bytes(document["document"]["file_id"])
    assert b"Ouderbot monitorcijfers" in html
    assert b'src="http' not in html  # self-contained
    sheet = await coordinator.wait_for(lambda m: "document" in m and m is not document, timeout=30)
    assert sheet["document"]["file_name"].endswith(".csv")
    check_csv(api.file_bytes(sheet["document"]["file_id"]))
    coordinator.send("/monitor gisteren")
    await coordinator.wait_for(lambda m: "Gebruik: /monitor" in m["text"])


def test_the_default_period_is_the_half_year_of_today() -> None:
    assert half_year_of(date(2026, 12, 7)) == (date(2026, 7, 1), date(2026, 12, 31))
    assert half_year_of(date(2026, 6, 30)) == (date(2026, 1, 1), date(2026, 6, 30))


def test_the_english_document_names_its_blanks_in_english() -> None:
    t = Translator("nl")
    assert t("en", "monitor.citywide") == "Whole city"
    assert t("en", "monitor.col.participants") == "Webinar participants"


async def test_an_empty_period_gives_a_document_without_figures(bot: Ouderbot) -> None:
    report = await report_of(bot, "en")
    assert report.webinars == []
    assert report.total.participants is None
    from bot.monitor.document import csv_document, html_document

    assert b"No webinars in this period." in html_document(report, bot.services.t, "en")
    assert csv_document(report, bot.services.t, "en").count(b"\r\n") == 2


async def test_a_group_whose_texts_retention_removed_keeps_its_count_without_text(
    bot: Ouderbot,
) -> None:
    await seed_half_year(bot.services.db)

    async def purge(conn: Any) -> None:
        await conn.execute("UPDATE questions SET text = NULL WHERE webinar_id = 101")

    await bot.services.db.write(purge, marks_update=False)
    report = await report_of(bot)
    assert report.webinars[0].top_groups == [(5, None)]
    from bot.monitor.document import csv_document

    assert "(tekst gewist na de bewaartermijn) (5)" in csv_document(
        report, bot.services.t, "nl"
    ).decode("utf-8-sig")

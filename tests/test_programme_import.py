"""Loading the programme CSV: `ouderbot import FILE` and a coordinator's upload to the bot.

Wrong rows are reported by row number and reason, the rest lands, the same file twice
changes nothing, and a parent's file is refused kindly.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from bot.app import Ouderbot
from bot.cli import main
from bot.core.clock import ManualClock
from bot.localapi import LocalBotApi
from tests.helpers import COORDINATOR_ID, texts
from tests.test_inloop import has, load_example, series_id, subscribe

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "programme.example.csv").read_bytes()
# Rows 14 and 15 are wrong: an impossible date, an unknown recurrence.
BAD_ROWS = (
    b"inloop;;Spelinloop;spelen;31-02-2027;09:30;11:00;wekelijks;;West;Buurthuis Lombok;DOCK;\n"
    b"inloop;;Koffie;opvoeden;05-01-2027;10:00;11:00;dagelijks;;West;Buurthuis Lombok;DOCK;\n"
)
WITH_ERRORS = EXAMPLE + BAD_ROWS


def write_config(tmp_path: Path, database: Path) -> Path:
    config = tmp_path / "ouderbot.toml"
    config.write_text(
        f'[storage]\ndatabase = "{database.as_posix()}"\n\n'
        f"[roles]\ncoordinators = [{COORDINATOR_ID}]\n",
        encoding="utf-8",
    )
    return config


def run_import(
    tmp_path: Path, data: bytes, capsys: pytest.CaptureFixture[str], name: str = "programma.csv"
) -> tuple[int, str, str]:
    database = tmp_path / "cli.sqlite3"
    programme = tmp_path / name
    programme.write_bytes(data)
    code = main(["--config", str(write_config(tmp_path, database)), "import", str(programme)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_reports_bad_rows_imports_the_rest_and_a_second_run_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_import(tmp_path, WITH_ERRORS, capsys)
    assert code == 0
    # The command speaks English, like every other message in the terminal; its report
    # goes to stdout and no log line goes to stderr.
    assert "Webinars: 4 new, 0 changed, 0 unchanged." in out
    assert "Walk-in series: 8 new, 0 changed, 0 unchanged." in out
    assert "Row 14: '31-02-2027' in the column 'datum' is not a valid date." in out
    assert "Row 15: 'dagelijks' in the column 'herhaling' is unknown." in out
    assert "Not imported: 2 rows." in out
    assert "&#x27;" not in out
    assert "&amp;" not in out
    assert err == ""

    code, out, _ = run_import(tmp_path, WITH_ERRORS, capsys)
    assert code == 0
    assert "Webinars: 0 new, 0 changed, 4 unchanged." in out
    assert "Walk-in series: 0 new, 0 changed, 8 unchanged." in out


def test_cli_fails_on_a_file_it_cannot_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run_import(tmp_path, b"PK\x03\x04 an xlsx file", capsys, "programma.xlsx")
    assert code != 0
    assert "This is an Excel file" in err
    assert "was not imported" in err
    database = tmp_path / "cli.sqlite3"
    config = write_config(tmp_path, database)
    assert main(["--config", str(config), "import", str(tmp_path / "missing.csv")]) != 0
    assert "Cannot open " in capsys.readouterr().err


async def test_coordinator_upload_reports_bad_rows_and_imports_the_good_ones(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    coordinator = api.user(COORDINATOR_ID)
    coordinator.send_document("programma.csv", WITH_ERRORS, mime_type="text/csv")
    report = await coordinator.wait_for(has("Programma ingelezen uit programma.csv"))
    assert "Webinars: 4 nieuw" in report["text"]
    assert "Inloopreeksen: 8 nieuw" in report["text"]
    assert "Rij 14:" in report["text"]
    assert "Rij 15:" in report["text"]
    assert len(await bot.services.repos.inloop.all_series()) == 8
    assert await bot.services.repos.webinars.by_code("slapen") is not None

    coordinator.send_document("programma.csv", WITH_ERRORS, mime_type="text/csv")
    again = await coordinator.wait_for(has("Programma ingelezen"))
    assert "Webinars: 0 nieuw, 0 gewijzigd, 4 ongewijzigd" in again["text"]
    assert "Inloopreeksen: 0 nieuw, 0 gewijzigd, 8 ongewijzigd" in again["text"]


async def test_coordinator_upload_of_a_spreadsheet_says_how_to_save_it_as_csv(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    coordinator = api.user(COORDINATOR_ID)
    coordinator.send_document("programma.xlsx", b"PK\x03\x04 zipped sheets")
    await coordinator.wait_for(has("Sla het op als CSV"))
    assert await bot.services.repos.inloop.all_series() == []


async def test_a_parents_file_is_refused_kindly_and_nothing_is_imported(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = api.user(1001)
    parent.send_document("programma.csv", EXAMPLE, mime_type="text/csv")
    reply = await parent.wait_for()
    assert "Dank je! Ik kan geen bestanden ontvangen" in reply["text"]
    assert await bot.services.repos.inloop.all_series() == []
    assert all("alleen voor" not in t for t in texts(parent))


async def test_a_changed_address_on_reimport_reaches_the_pending_reminders(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock
) -> None:
    await load_example(bot)
    parent = api.user(1001)
    await subscribe(parent)
    changed = EXAMPLE.replace(b"Speeltuin De Pan, Van Lieflandlaan 12", b"Buurthuis Hoograven")
    coordinator = api.user(COORDINATOR_ID)
    coordinator.send_document("programma.csv", changed, mime_type="text/csv")
    report = await coordinator.wait_for(has("Programma ingelezen"))
    assert "Inloopreeksen: 0 nieuw, 1 gewijzigd, 7 ongewijzigd" in report["text"]
    await bot.reminders.run_pass()
    rows = await bot.services.db.fetch_all(
        "SELECT payload FROM outbox WHERE user_id = ? AND state = 'pending'", (parent.id,)
    )
    assert len(rows) == 2
    assert all(
        json.loads(row["payload"])["params"]["location"] == "Buurthuis Hoograven" for row in rows
    )
    assert await series_id(bot) is not None


def test_cli_fails_when_every_row_is_rejected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = EXAMPLE.splitlines(keepends=True)[0]
    code, out, _ = run_import(tmp_path, header + BAD_ROWS, capsys)
    assert code == 1
    assert "Not imported: 2 rows." in out
    assert "Webinars: 0 new, 0 changed, 0 unchanged." in out


def comma_programme(rows: list[str]) -> bytes:
    header = (
        "soort,code,titel,thema,datum,start,eind,herhaling,tot,wijk,locatie,organisatie,notities"
    )
    return ("\n".join([header, *rows]) + "\n").encode()


def test_the_rejected_rows_file_keeps_the_separator_and_the_cells_and_adds_probleem() -> None:
    from bot.core.i18n import Translator
    from bot.inloop.programme_csv import parse_programme
    from bot.inloop.programme_import import ImportReport, plain_text, rejected_rows_file

    good = "webinar,slaap,Slapen,slapen,01-12-2027,19:30,20:30,,,,,,van Anja"
    # Row 3 has two problems (a date that does not exist and an end before its start).
    bad = 'webinar,eten,"Eten, drinken",eten,31-02-2027,20:30,19:30,,,,,,"bel Piet, eerst"'
    parsed = parse_programme(comma_programme([good, bad]))
    report = ImportReport(
        errors=parsed.errors, delimiter=parsed.delimiter, header=parsed.header, cells=parsed.cells
    )
    text = plain_text(Translator("nl"), "nl")
    data = rejected_rows_file(report, text).decode("utf-8-sig")
    lines = data.splitlines()
    assert lines[0] == comma_programme([]).decode().strip() + ",probleem"
    assert len(lines) == 2  # one line per rejected row, with all its problems
    assert lines[1].startswith(
        'webinar,eten,"Eten, drinken",eten,31-02-2027,20:30,19:30,,,,,,"bel Piet, eerst",Rij 3: '
    )
    problem = next(csv.reader([lines[1]]))[-1]
    assert "'31-02-2027'" in problem
    assert "de eindtijd 19:30 is niet later dan de starttijd 20:30" in problem

    # Fixed and sent back, with the problem column still in it: it imports, and a
    # remaining problem is written into that same column, not a second one.
    fixed = data.replace("31-02-2027", "28-02-2027").encode("utf-8-sig")
    again = parse_programme(fixed)
    assert [row.code for row in again.webinars] == []
    assert again.errors  # still the end before the start
    report = ImportReport(
        errors=again.errors, delimiter=again.delimiter, header=again.header, cells=again.cells
    )
    second = rejected_rows_file(report, text).decode("utf-8-sig").splitlines()
    assert second[0] == lines[0]
    assert second[1].count("Rij 2:") == 1  # the row's number in this file; one problem left
    assert second[1].endswith(
        ",Rij 2: de eindtijd 19:30 is niet later dan de starttijd 20:30. Kijk de kolommen 'start' en 'eind' na."
    )

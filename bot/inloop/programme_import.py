"""Loading a programme CSV into the database, for `ouderbot import FILE` and for a file a
coordinator sends to the bot.

The file is parsed by bot.inloop.programme_csv (which never trusts it); good rows are stored,
each wrong row is reported with its row number and reason. Webinars are matched by code
and series by their import key, so importing the same file again changes nothing.
"""

from __future__ import annotations

import asyncio
import csv
import io
import logging
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.core.i18n import Translator
from bot.inloop.programme_csv import ProgrammeUnreadable, RowError, parse_programme
from bot.inloop.records import InloopSeries
from bot.inloop.recurrence import local_instant
from storage.inloop import InloopRepository
from storage.webinars import WebinarDraft

log = logging.getLogger(__name__)

# (translation key, parameters) -> text: HTML-escaped for the bot, plain for the terminal.
TextFunction = Callable[[str, Mapping[str, object]], str]


@dataclass
class ImportReport:
    """What one import did: counts per kind, and the rows that were not imported."""

    webinars_added: int = 0
    webinars_changed: int = 0
    webinars_unchanged: int = 0
    series_added: int = 0
    series_changed: int = 0
    series_unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    # The file's separator, header and rejected rows as written (see rejected_rows_file).
    delimiter: str = ";"
    header: list[str] = field(default_factory=list)
    cells: dict[int, list[str]] = field(default_factory=dict)

    @property
    def imported(self) -> int:
        """Rows taken in: new, changed or already there as they are."""
        return (
            self.webinars_added + self.webinars_changed + self.webinars_unchanged
            + self.series_added + self.series_changed + self.series_unchanged
        )  # fmt: skip

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({error.row for error in self.errors})


async def import_programme(
    data: bytes,
    inloop: InloopRepository,
    zone: ZoneInfo,
    now: datetime,
) -> ImportReport:
    """Parse and store a programme, in one transaction: a failure (or a kill) halfway
    stores nothing. Raises `ProgrammeUnreadable` when nothing is usable."""
    parsed = parse_programme(data)
    report = ImportReport(
        errors=parsed.errors, delimiter=parsed.delimiter, header=parsed.header, cells=parsed.cells
    )
    webinar_drafts = [
        WebinarDraft(
            code=row.code,
            title=row.title,
            theme=row.theme,
            starts_at=local_instant(row.day, row.start, zone),
            ends_at=local_instant(row.day, row.end, zone),
            replay_url=row.replay_url,
            organisation=row.organisation,
            wijk=row.wijk,
        )
        for row in parsed.webinars
    ]
    series_drafts = [
        InloopSeries(
            key=row.key,
            title=row.title,
            theme=row.theme,
            wijk=row.wijk,
            location=row.location,
            organiser=row.organiser,
            rule=row.rule,
        )
        for row in parsed.series
    ]
    if webinar_drafts or series_drafts:
        counts = await inloop.import_programme(webinar_drafts, series_drafts, now)
        report.webinars_added, report.webinars_changed = counts.webinars
        report.series_added, report.series_changed = counts.series
    report.webinars_unchanged = (
        len(webinar_drafts) - report.webinars_added - report.webinars_changed
    )
    report.series_unchanged = len(series_drafts) - report.series_added - report.series_changed
    log.info(
        "programme imported: webinars +%d ~%d, series +%d ~%d, %d rows rejected",
        report.webinars_added, report.webinars_changed, report.series_added,
        report.series_changed, len(report.rejected_rows),
    )  # fmt: skip
    return report


def report_lines(report: ImportReport, translate: TextFunction) -> list[str]:
    """The report as lines of text: a summary, then each problem with its row number."""
    lines = [
        translate(
            "inloop.import.webinars",
            {
                "added": report.webinars_added,
                "changed": report.webinars_changed,
                "unchanged": report.webinars_unchanged,
            },
        ),
        translate(
            "inloop.import.series",
            {
                "added": report.series_added,
                "changed": report.series_changed,
                "unchanged": report.series_unchanged,
            },
        ),
    ]
    if report.errors:
        lines.append(translate("inloop.import.rejected", {"count": len(report.rejected_rows)}))
        lines.extend(
            translate(error.reason, {"row": error.row, **error.params}) for error in report.errors
        )
    else:
        lines.append(translate("inloop.import.all_good", {}))
    return lines


def rejected_rows_file(report: ImportReport, translate: TextFunction) -> bytes:
    """The rejected rows as the coordinator wrote them, in the file's own separator, with
    a last column saying what is wrong: fix the cells, delete that column (or not: the
    import ignores columns it does not know) and send the file again. UTF-8 with a BOM,
    so that Excel reads the accents."""
    problem = translate("inloop.import.column_problem", {})
    header = list(report.header)
    # A file sent back with the column still in it gets the new problems in that column.
    at = header.index(problem) if problem in header else len(header)
    if at == len(header):
        header.append(problem)
    problems: dict[int, list[str]] = {}
    for error in report.errors:
        text = translate(error.reason, {"row": error.row, **error.params})
        problems.setdefault(error.row, []).append(text)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=report.delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in sorted(problems):
        cells = list(report.cells.get(row, []))
        cells += [""] * (len(header) - len(cells))
        cells[at] = " ".join(problems[row])
        writer.writerow(cells)
    return out.getvalue().encode("utf-8-sig")


def plain_text(translator: Translator, language: str) -> TextFunction:
    """Templates filled in with `str.format`, without HTML escaping (for the terminal)."""

    def text(key: str, params: Mapping[str, object]) -> str:
        return translator.text(language, key, params, escape=False)

    return text


async def import_file(settings: Settings, path: Path, *, language: str) -> int:
    """`ouderbot import FILE`: 0 when the file was read and at least one row taken in (even
    with rejected rows), 1 when it could not be read or every row was rejected. The report
    goes to stdout, problems to stderr, in `language`."""
    from bot.core.clock import SystemClock
    from storage.db import Database

    text = plain_text(Translator(settings.default_language), language)
    try:
        data = await asyncio.to_thread(Path(path).read_bytes)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        print(
            text("inloop.import.cannot_open", {"path": str(path), "reason": reason}),
            file=sys.stderr,
        )
        return 1
    db = await Database.open(
        settings.storage.database, busy_timeout_ms=settings.storage.busy_timeout_ms
    )
    try:
        report = await import_programme(
            data, InloopRepository(db), settings.zone, SystemClock().now()
        )
    except ProgrammeUnreadable as error:
        print(text("inloop.import.unreadable", {"path": str(path)}), file=sys.stderr)
        print(text(error.reason, dict(error.params)), file=sys.stderr)
        return 1
    finally:
        await db.close()
    print(text("inloop.import.read", {"path": str(path)}))
    for line in report_lines(report, text):
        print(line)
    # Read, but not one row taken in: a script or a person must not take that for success.
    return 0 if report.imported else 1

"""Reading the programme CSV that coordinators export from a spreadsheet.

The file is parsed, not trusted: every row is checked, a wrong row becomes a `RowError`
(a translation key, the spreadsheet row number and the bad column and value), and the
good rows are returned all the same. Only a file that cannot be read at all raises
`ProgrammeUnreadable`.

What spreadsheets produce, and what is accepted:

* separator ``;`` (Dutch Excel) or ``,`` (most others), also tab, decided from the
  header line (``csv.Sniffer`` guesses wrong on short files); an Excel ``sep=;`` first
  line is honoured;
* UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), and cp1252 when
  the bytes are not valid UTF-8 (Excel on Windows);
* dates ``2026-12-01``, ``01-12-2026`` or ``1-12-2026`` (also with ``/`` or ``.``),
  always day before month when the year comes last;
* times ``19:30``, ``19.30``, ``9:00``, ``19:30:00``, optionally followed by ``uur``.

Row numbers are the ones the coordinator sees in the spreadsheet: the header is row 1,
a cell with a line break inside it does not start a new row, blank rows count.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from urllib.parse import urlsplit

from bot.inloop.recurrence import Recurrence, SeriesRule

MAX_BYTES = 1_000_000
MIN_YEAR, MAX_YEAR = 2000, 2100
CODE_PATTERN = re.compile(r"^[a-z0-9-]{3,32}$")
GENERATED_CODE_LENGTH = 6

COLUMNS = (
    "soort",
    "code",
    "titel",
    "thema",
    "datum",
    "start",
    "eind",
    "herhaling",
    "tot",
    "wijk",
    "locatie",
    "organisatie",
    "terugkijken",
)
# Columns every programme needs; the others may be left out when no row uses them
# (a file with only webinars needs no "wijk" column).
REQUIRED_COLUMNS = ("soort", "titel", "datum", "start", "eind")

# Longest accepted text per column, in characters.
MAX_LENGTHS: Mapping[str, int] = {
    "titel": 120,
    "thema": 60,
    "wijk": 60,
    "locatie": 200,
    "organisatie": 80,
    "terugkijken": 500,
}
# A bad value is quoted back to the coordinator, shortened so a report stays readable.
_SHOWN_LENGTH = 50

KINDS = {"webinar": "webinar", "inloop": "inloop", "inloopmoment": "inloop"}
RECURRENCE_WORDS: Mapping[str, Recurrence] = {
    "wekelijks": Recurrence.WEEKLY,
    "weekly": Recurrence.WEEKLY,
    "tweewekelijks": Recurrence.BIWEEKLY,
    "biweekly": Recurrence.BIWEEKLY,
    "maandelijks": Recurrence.MONTHLY,
    "monthly": Recurrence.MONTHLY,
}

# Translation keys of row errors. Every error's params hold "column" (the CSV column
# name) and, where there is one, "value" (the bad cell, shortened); the extra params
# are listed here. The translator also gets "row".
ERROR_REASONS: Mapping[str, tuple[str, ...]] = {
    "programme.error.missing": ("column",),
    "programme.error.unknown_kind": ("column", "value"),
    "programme.error.bad_date": ("column", "value"),
    "programme.error.bad_time": ("column", "value"),
    "programme.error.end_before_start": ("column", "value", "start"),
    "programme.error.bad_code": ("column", "value"),
    "programme.error.duplicate_code": ("column", "value", "first_row"),
    "programme.error.duplicate_row": ("column", "value", "first_row"),
    "programme.error.bad_recurrence": ("column", "value"),
    "programme.error.last_before_first": ("column", "value", "first"),
    "programme.error.bad_url": ("column", "value"),
    "programme.error.too_long": ("column", "value", "limit", "length"),
}
UNREADABLE_REASONS: Mapping[str, tuple[str, ...]] = {
    "programme.unreadable.empty": (),
    "programme.unreadable.too_large": ("limit_kb",),
    "programme.unreadable.spreadsheet": (),
    "programme.unreadable.not_text": (),
    "programme.unreadable.not_csv": (),
    "programme.unreadable.no_header": ("columns",),
    "programme.unreadable.missing_columns": ("columns",),
    "programme.unreadable.duplicate_column": ("column",),
    "programme.unreadable.no_rows": (),
}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DUTCH_DATE = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?:\s*uur)?$", re.IGNORECASE)
_SEP_LINE = re.compile(r'^"?sep=(.)"?$', re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_ZIP_MAGIC = b"PK\x03\x04"  # .xlsx and .ods are zip files
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls


@dataclass(frozen=True)
class WebinarRow:
    """A webinar from the file. ``code`` is lowercase, generated when the cell was empty."""

    row: int
    code: str
    title: str
    theme: str
    day: date
    start: time
    end: time
    replay_url: str | None
    organisation: str = ""  # for the monitor figures (bot.monitor)
    wijk: str = ""


@dataclass(frozen=True)
class InloopRow:
    """An inloop series from the file.

    ``key`` identifies the series across imports: its wijk, title, first date and start
    time, normalised (case, spacing, accents' composition). Changing its address, end date
    or organiser and importing again updates the same series; changing one of the key's
    parts makes it a new series.
    """

    row: int
    title: str
    theme: str
    wijk: str
    location: str
    organiser: str
    rule: SeriesRule
    key: str


@dataclass(frozen=True)
class RowError:
    """One problem in one row: ``reason`` is a translation key, formatted with row + params."""

    row: int
    reason: str
    params: dict[str, str]


@dataclass
class ProgrammeFile:
    webinars: list[WebinarRow] = field(default_factory=list)
    series: list[InloopRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # The file as it was written, for a file of the rejected rows to fix and send back:
    # its separator, its header row and each rejected row's cells by spreadsheet row
    # number. Not part of what the programme is (two files that say the same are equal).
    delimiter: str = field(default=";", compare=False)
    header: list[str] = field(default_factory=list, compare=False)
    cells: dict[int, list[str]] = field(default_factory=dict, compare=False)


class ProgrammeUnreadable(Exception):
    """The file could not be read as a programme at all; nothing in it is usable.

    ``reason`` is a translation key (see `UNREADABLE_REASONS`), ``params`` its values.
    """

    def __init__(self, reason: str, params: Mapping[str, str] | None = None):
        super().__init__(reason)
        self.reason = reason
        self.params: dict[str, str] = dict(params or {})


def parse_programme(data: bytes) -> ProgrammeFile:
    """Read a programme CSV: the good rows, and a `RowError` for each problem in a bad one.

    A row with several problems gets an error for each, so it can be fixed in one go.
    Blank rows are skipped without a word. Raises `ProgrammeUnreadable` when the file is
    empty, too large, not text, not CSV, lacks the required columns, or has no rows.
    """
    delimiter, rows = _read_rows(_decode(data))
    header_row, header = _find_header(rows)
    builder = _ProgrammeBuilder()
    for number, values in _data_rows(rows, header_row, _column_positions(header)):
        builder.add(_RowReader(number, values))
    if builder.rows_read == 0:
        raise ProgrammeUnreadable("programme.unreadable.no_rows")
    result = builder.result
    result.delimiter = delimiter
    result.header = next(cells for number, cells in rows if number == header_row)
    rejected = {error.row for error in result.errors}
    result.cells = {number: cells for number, cells in rows if number in rejected}
    return result


def _data_rows(
    rows: Sequence[tuple[int, list[str]]], header_row: int, columns: Mapping[str, int]
) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows below the header that are not blank: their number, and their cells by
    column name."""
    for number, cells in rows:
        if number > header_row and any(cell.strip() for cell in cells):
            yield number, {name: _cell(cells, index) for name, index in columns.items()}


def generated_code(title: str, day: date, start: time) -> str:
    """A short code that is the same for the same title, date and start at every import."""
    seed = f"{_normalised(title)}|{day.isoformat()}|{start:%H:%M}".encode()
    digest = hashlib.sha256(seed).digest()
    return base64.b32encode(digest).decode("ascii")[:GENERATED_CODE_LENGTH].lower()


def series_key(wijk: str, title: str, first_date: date, start: time) -> str:
    return f"{_normalised(wijk)}|{_normalised(title)}|{first_date.isoformat()}|{start:%H:%M}"


def parse_date(text: str) -> date | None:
    """``2026-12-01``, ``01-12-2026``, ``1-12-2026``, ``1/12/2026``, ``1.12.2026``."""
    text = text.strip()
    if match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DUTCH_DATE.match(text):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    else:
        return None
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_time(text: str) -> time | None:
    """``19:30``, ``19.30``, ``9:00``, ``19:30:00``, ``19.30 uur``."""
    match = _TIME.match(text.strip())
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59 or (match[3] is not None and int(match[3]) > 59):
        return None
    return time(hour, minute)


def parse_recurrence(text: str) -> Recurrence | None:
    return RECURRENCE_WORDS.get(_SPACES.sub("", text).lower())


class _RowReader:
    """Reads the cells of one row into typed values, collecting an error for each problem."""

    def __init__(self, row: int, values: Mapping[str, str]):
        self.row = row
        self.values = values
        self.errors: list[RowError] = []

    def error(self, reason: str, column: str, value: str | None = None, **extra: str) -> None:
        params = {"column": column, **extra}
        if value is not None:
            params["value"] = _shown(value)
        self.errors.append(RowError(self.row, reason, params))

    def kind(self) -> str | None:
        raw = self.values.get("soort", "").strip()
        if not raw:
            self.error("programme.error.missing", "soort")
            return None
        kind = KINDS.get(raw.lower())
        if kind is None:
            self.error("programme.error.unknown_kind", "soort", raw)
        return kind

    def text(self, column: str, *, required: bool, multiline: bool = False) -> str:
        value = _clean_text(self.values.get(column, ""), multiline=multiline)
        if not value:
            if required:
                self.error("programme.error.missing", column)
            return ""
        limit = MAX_LENGTHS.get(column)
        if limit is not None and len(value) > limit:
            self.error(
                "programme.error.too_long", column, value, limit=str(limit), length=str(len(value))
            )
        return value

    def day(self, column: str, *, required: bool = True) -> date | None:
        raw = self.values.get(column, "").strip()
        if not raw:
            if required:
                self.error("programme.error.missing", column)
            return None
        parsed = parse_date(raw)
        if parsed is None:
            self.error("programme.error.bad_date", column, raw)
        return parsed

    def times(self) -> tuple[time | None, time | None]:
        start = self._time("start")
        end = self._time("eind")
        if start is not None and end is not None and end <= start:
            self.error(
                "programme.error.end_before_start",
                "eind",
                self.values["eind"].strip(),
                start=_shown(self.values["start"]),
            )
            return start, None
        return start, end

    def _time(self, column: str) -> time | None:
        raw = self.values.get(column, "").strip()
        if not raw:
            self.error("programme.error.missing", column)
            return None
        parsed = parse_time(raw)
        if parsed is None:
            self.error("programme.error.bad_time", column, raw)
        return parsed

    def code(self) -> str | None:
        raw = self.values.get("code", "").strip()
        if not raw:
            return None
        code = raw.lower()
        if not CODE_PATTERN.match(code):
            self.error("programme.error.bad_code", "code", raw)
        return code

    def url(self) -> str | None:
        raw = self.text("terugkijken", required=False)
        if not raw:
            return None
        try:
            parts = urlsplit(raw)
        except ValueError:
            parts = None
        if (
            parts is None
            or parts.scheme.lower() not in ("http", "https")
            or not parts.hostname
            or any(char.isspace() for char in raw)
        ):
            self.error("programme.error.bad_url", "terugkijken", raw)
            return None
        return raw

    def webinar(self) -> WebinarRow | None:
        title = self.text("titel", required=True)
        theme = self.text("thema", required=False)
        code = self.code()
        day = self.day("datum")
        start, end = self.times()
        replay_url = self.url()
        if not title or day is None or start is None or end is None:
            return None
        return WebinarRow(
            row=self.row,
            code=code or generated_code(title, day, start),
            title=title,
            theme=theme,
            day=day,
            start=start,
            end=end,
            replay_url=replay_url,
            organisation=self.text("organisatie", required=False),
            wijk=self.text("wijk", required=False),
        )

    def _last_day(self, first: date | None) -> date | None:
        """The series' last day ("tot"), if given; an error (and None) when it comes
        before the first."""
        last = self.day("tot", required=False)
        if first is not None and last is not None and last < first:
            self.error(
                "programme.error.last_before_first",
                "tot",
                self.values["tot"].strip(),
                first=_shown(self.values["datum"]),
            )
            return None
        return last

    def inloop(self) -> InloopRow | None:
        title = self.text("titel", required=True)
        theme = self.text("thema", required=False)
        wijk = self.text("wijk", required=True)
        location = self.text("locatie", required=True, multiline=True)
        organiser = self.text("organisatie", required=False)
        first = self.day("datum")
        start, end = self.times()
        recurrence = self._recurrence()
        last = self._last_day(first)
        if first is None or start is None or end is None or recurrence is None:
            return None
        if not (title and wijk and location):
            return None
        rule = SeriesRule(first, start, end, recurrence, last)
        return InloopRow(
            row=self.row,
            title=title,
            theme=theme,
            wijk=wijk,
            location=location,
            organiser=organiser,
            rule=rule,
            key=series_key(wijk, title, first, start),
        )

    def _recurrence(self) -> Recurrence | None:
        raw = self.values.get("herhaling", "").strip()
        if not raw:
            self.error("programme.error.missing", "herhaling")
            return None
        parsed = parse_recurrence(raw)
        if parsed is None:
            self.error("programme.error.bad_recurrence", "herhaling", raw)
        return parsed


class _ProgrammeBuilder:
    """Collects the rows of one file and what must be unique across them."""

    def __init__(self) -> None:
        self.result = ProgrammeFile()
        self.rows_read = 0
        self._codes: dict[str, int] = {}  # code -> first row using it
        self._generated: set[str] = set()  # codes the bot made, not the coordinator
        self._series_keys: dict[str, int] = {}  # series key -> first row

    def add(self, reader: _RowReader) -> None:
        self.rows_read += 1
        kind = reader.kind()
        if kind == "webinar":
            self._add_webinar(reader)
        elif kind == "inloop":
            self._add_series(reader)
        self.result.errors.extend(reader.errors)

    def _add_webinar(self, reader: _RowReader) -> None:
        webinar = reader.webinar()
        if webinar is None:
            return
        was_generated = not reader.values.get("code", "").strip()
        first_row = self._codes.get(webinar.code)
        if first_row is None:
            # Reserved even when this row has other problems, so both show up at once.
            self._codes[webinar.code] = webinar.row
            if was_generated:
                self._generated.add(webinar.code)
        elif was_generated and webinar.code in self._generated:
            # Same title, date and start twice: say "listed twice", not "code taken",
            # since the coordinator never typed that code.
            reader.error(
                "programme.error.duplicate_row", "titel", webinar.title, first_row=str(first_row)
            )
        else:
            reader.error(
                "programme.error.duplicate_code", "code", webinar.code, first_row=str(first_row)
            )
        if not reader.errors:
            self.result.webinars.append(webinar)

    def _add_series(self, reader: _RowReader) -> None:
        series = reader.inloop()
        if series is None or reader.errors:
            return
        first_row = self._series_keys.setdefault(series.key, series.row)
        if first_row != series.row:
            reader.error(
                "programme.error.duplicate_row", "titel", series.title, first_row=str(first_row)
            )
        else:
            self.result.series.append(series)


def _decode(data: bytes) -> str:
    if not data.strip():
        raise ProgrammeUnreadable("programme.unreadable.empty")
    if len(data) > MAX_BYTES:
        raise ProgrammeUnreadable(
            "programme.unreadable.too_large", {"limit_kb": str(MAX_BYTES // 1000)}
        )
    if data.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        raise ProgrammeUnreadable("programme.unreadable.spreadsheet")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _try_decode(data, "utf-16")
    elif b"\x00" in data:
        raise ProgrammeUnreadable("programme.unreadable.not_text")
    else:
        text = _try_decode(data, "utf-8-sig")
        if text is None:
            text = _try_decode(data, "cp1252")
    if text is None or "\x00" in text:
        raise ProgrammeUnreadable("programme.unreadable.not_text")
    return unicodedata.normalize("NFC", text.lstrip("\ufeff"))


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _read_rows(text: str) -> tuple[str, list[tuple[int, list[str]]]]:
    """The separator and the records of the file, each with its spreadsheet row number."""
    first_line, _, rest = text.partition("\n")
    sep_hint = _SEP_LINE.match(first_line.strip())
    if sep_hint:
        # Excel reads a "sep=;" line as an instruction and does not show it as a row.
        text, delimiter = rest, sep_hint[1]
    else:
        delimiter = _detect_delimiter(_header_line(text))
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
        return delimiter, [(number, cells) for number, cells in enumerate(reader, start=1)]
    except csv.Error as error:
        raise ProgrammeUnreadable("programme.unreadable.not_csv") from error


def _header_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def _detect_delimiter(line: str) -> str:
    """The separator that occurs most often outside quotes; ``;`` wins a tie."""
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(counts, key=lambda sep: counts[sep])  # dict order makes ";" win ties


def _find_header(rows: list[tuple[int, list[str]]]) -> tuple[int, list[str]]:
    for number, cells in rows:
        if any(cell.strip() for cell in cells):
            return number, [_column_name(cell) for cell in cells]
    raise ProgrammeUnreadable("programme.unreadable.empty")


def _column_positions(header: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        if name not in COLUMNS:
            continue  # unknown columns (notes, colour codes) are the coordinator's own
        if name in positions:
            raise ProgrammeUnreadable("programme.unreadable.duplicate_column", {"column": name})
        positions[name] = index
    missing = [name for name in REQUIRED_COLUMNS if name not in positions]
    if not positions:
        raise ProgrammeUnreadable(
            "programme.unreadable.no_header", {"columns": ", ".join(REQUIRED_COLUMNS)}
        )
    if missing:
        raise ProgrammeUnreadable(
            "programme.unreadable.missing_columns", {"columns": ", ".join(missing)}
        )
    return positions


def _column_name(cell: str) -> str:
    return _SPACES.sub(" ", cell.replace("\ufeff", "")).strip().lower()


def _cell(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _clean_text(value: str, *, multiline: bool) -> str:
    """Trim, drop control characters, collapse spaces; a line break in an address is ", "."""
    lines = [_SPACES.sub(" ", _printable(line)).strip() for line in value.splitlines()]
    lines = [line for line in lines if line]
    return (", " if multiline else " ").join(lines)


def _printable(text: str) -> str:
    """Tabs and other control characters become spaces; invisible format characters
    (zero-width spaces, stray BOMs) go, except the joiners emoji and some scripts need."""
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cc":
            kept.append(" ")
        elif category != "Cf" or char in "\u200c\u200d":
            kept.append(char)
    return "".join(kept)


def _normalised(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _shown(value: str) -> str:
    value = _SPACES.sub(" ", value).strip()
    return value if len(value) <= _SHOWN_LENGTH else value[: _SHOWN_LENGTH - 1] + "…"

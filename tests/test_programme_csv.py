"""Reading the programme CSV: spreadsheet dialects, row errors with row numbers, bad files."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date, time
from pathlib import Path

import pytest

from bot.core.i18n import Translator, load_po
from bot.inloop.programme_csv import (
    COLUMNS,
    ERROR_REASONS,
    MAX_BYTES,
    UNREADABLE_REASONS,
    ProgrammeFile,
    ProgrammeUnreadable,
    RowError,
    generated_code,
    parse_programme,
)
from bot.inloop.recurrence import Recurrence

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "bot" / "core" / "locales"

WEBINAR = {
    "soort": "webinar",
    "code": "slapen",
    "titel": "Goed slapen",
    "thema": "slapen",
    "datum": "01-12-2026",
    "start": "19:30",
    "eind": "20:30",
}
INLOOP = {
    "soort": "inloop",
    "titel": "Inloop op de speeltuin",
    "thema": "opvoeden",
    "datum": "2026-12-02",
    "start": "9:30",
    "eind": "11:00",
    "herhaling": "wekelijks",
    "tot": "30-06-2027",
    "wijk": "Hoograven",
    "locatie": "Speeltuin De Pan, Van Lieflandlaan 12",
    "organisatie": "Buurtteam",
}


def csv_text(
    rows: list[dict[str, str]], *, sep: str = ";", header: tuple[str, ...] = COLUMNS
) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return out.getvalue()


def parse(
    rows: list[dict[str, str]], *, sep: str = ";", header: tuple[str, ...] = COLUMNS
) -> ProgrammeFile:
    return parse_programme(csv_text(rows, sep=sep, header=header).encode())


def unreadable_reason(data: bytes) -> str:
    with pytest.raises(ProgrammeUnreadable) as caught:
        parse_programme(data)
    return caught.value.reason


def only_error(result: ProgrammeFile) -> RowError:
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


# --- the example file -------------------------------------------------------------------


def test_example_programme_parses_without_errors() -> None:
    result = parse_programme((ROOT / "programme.example.csv").read_bytes())
    assert result.errors == []
    assert len(result.webinars) == 4
    assert {w.theme for w in result.webinars} == {
        "slapen",
        "puberteit",
        "scheiden en ouderschap",
        "schermtijd",
    }
    assert sum(1 for w in result.webinars if w.replay_url) == 1
    assert {s.rule.recurrence for s in result.series} == set(Recurrence)
    assert {s.wijk for s in result.series} >= {
        "Hoograven",
        "Leidsche Rijn",
        "Overvecht",
        "Vleuterweide",
        "West",
        "Zuilen",
        "Dichterswijk",
    }


# --- reading what spreadsheets export ---------------------------------------------------


def test_semicolon_and_comma_files_give_the_same_programme() -> None:
    rows = [WEBINAR, INLOOP]
    semicolon = parse(rows, sep=";")
    comma = parse(rows, sep=",")
    assert semicolon == comma
    assert semicolon.errors == []
    assert len(semicolon.webinars) == 1
    assert len(semicolon.series) == 1


def test_comma_file_with_commas_and_line_breaks_inside_quoted_cells() -> None:
    multiline = {**INLOOP, "locatie": "Speeltuin De Pan\nVan Lieflandlaan 12, Utrecht"}
    result = parse([multiline, WEBINAR], sep=",")
    assert result.errors == []
    assert result.series[0].location == "Speeltuin De Pan, Van Lieflandlaan 12, Utrecht"
    # A line break inside a cell does not start a new spreadsheet row.
    assert result.webinars[0].row == 3


def test_semicolons_inside_quotes_do_not_confuse_the_separator() -> None:
    text = '"soort";"titel";"datum";"start";"eind"\nwebinar;"Slapen; rust";1-12-2026;19:30;20:30\n'
    result = parse_programme(text.encode())
    assert result.webinars[0].title == "Slapen; rust"


def test_tab_separated_utf16_from_excel_unicode_text() -> None:
    text = csv_text([{**INLOOP, "titel": "Taalcafé"}], sep="\t")
    result = parse_programme(text.encode("utf-16"))
    assert result.errors == []
    assert result.series[0].title == "Taalcafé"


def test_utf8_with_bom() -> None:
    result = parse_programme(b"\xef\xbb\xbf" + csv_text([{**INLOOP, "titel": "Taalcafé"}]).encode())
    assert result.errors == []
    assert result.series[0].title == "Taalcafé"


def test_cp1252_from_excel_on_windows() -> None:
    data = csv_text([{**INLOOP, "titel": "Taalcafé – moeders"}]).encode("cp1252")
    result = parse_programme(data)
    assert result.errors == []
    assert result.series[0].title == "Taalcafé – moeders"


def test_excel_sep_line_is_an_instruction_not_a_row() -> None:
    text = "sep=,\n" + csv_text([WEBINAR], sep=",")
    result = parse_programme(text.encode())
    assert result.errors == []
    assert result.webinars[0].row == 2


def test_header_names_ignore_case_spaces_order_and_unknown_columns() -> None:
    header = (" Titel ", "SOORT", "opmerking", "Datum", "start", " EIND", "Code")
    text = "\n".join(
        [";".join(header), "Goed slapen;webinar;bel de spreker;1-12-2026;19:30;20:30;Slapen"]
    )
    result = parse_programme(text.encode())
    assert result.errors == []
    webinar = result.webinars[0]
    assert (webinar.title, webinar.code, webinar.theme) == ("Goed slapen", "slapen", "")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("01-12-2026", date(2026, 12, 1)),
        ("1-12-2026", date(2026, 12, 1)),
        ("1/12/2026", date(2026, 12, 1)),
        ("1.12.2026", date(2026, 12, 1)),
        (" 2027-3-5 ", date(2027, 3, 5)),
    ],
)
def test_both_date_styles_day_before_month(written: str, expected: date) -> None:
    result = parse([{**WEBINAR, "datum": written}])
    assert result.webinars[0].day == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("19:30", time(19, 30)),
        ("19.30", time(19, 30)),
        ("9:00", time(9, 0)),
        ("09:00:00", time(9, 0)),
        ("9.00 uur", time(9, 0)),
    ],
)
def test_time_styles(written: str, expected: time) -> None:
    result = parse([{**WEBINAR, "start": written, "eind": "22:00"}])
    assert result.webinars[0].start == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("wekelijks", Recurrence.WEEKLY),
        ("Tweewekelijks", Recurrence.BIWEEKLY),
        ("maandelijks", Recurrence.MONTHLY),
        ("weekly", Recurrence.WEEKLY),
        ("biweekly", Recurrence.BIWEEKLY),
        ("Monthly ", Recurrence.MONTHLY),
    ],
)
def test_recurrence_words_in_dutch_and_english(written: str, expected: Recurrence) -> None:
    result = parse([{**INLOOP, "herhaling": written}])
    assert result.series[0].rule.recurrence is expected


def test_inloop_row_becomes_a_series_rule() -> None:
    series = parse([INLOOP]).series[0]
    assert series.rule.first_date == date(2026, 12, 2)
    assert series.rule.last_date == date(2027, 6, 30)
    assert (series.rule.start, series.rule.end) == (time(9, 30), time(11, 0))
    assert (series.wijk, series.organiser) == ("Hoograven", "Buurtteam")


def test_inloop_without_tot_runs_on_and_tot_on_the_first_date_is_one_session() -> None:
    open_ended, single = parse(
        [{**INLOOP, "tot": ""}, {**INLOOP, "titel": "Eenmalig", "tot": "2-12-2026"}]
    ).series
    assert open_ended.rule.last_date is None
    assert single.rule.last_date == date(2026, 12, 2)


def test_file_with_only_webinars_needs_no_inloop_columns() -> None:
    header = ("soort", "titel", "datum", "start", "eind")
    result = parse([WEBINAR], header=header)
    assert result.errors == []
    assert result.webinars[0].code == generated_code("Goed slapen", date(2026, 12, 1), time(19, 30))


def test_blank_rows_are_skipped_but_still_counted() -> None:
    text = csv_text([WEBINAR]) + ";;;;\r\n\r\n   \r\n" + csv_text([INLOOP]).split("\r\n", 1)[1]
    result = parse_programme(text.encode())
    assert result.errors == []
    assert result.webinars[0].row == 2
    assert result.series[0].row == 6  # rows 3-5: separators only, empty, spaces only


def test_texts_are_trimmed_and_spaces_collapsed() -> None:
    result = parse([{**WEBINAR, "titel": "  Goed\tslapen \u200b ", "code": " SLAPEN "}])
    assert result.webinars[0].title == "Goed slapen"
    assert result.webinars[0].code == "slapen"


# --- codes ------------------------------------------------------------------------------


def test_generated_codes_are_deterministic_across_imports() -> None:
    rows = [{**WEBINAR, "code": ""}, {**WEBINAR, "code": "", "titel": "Schermtijd"}]
    first, second = parse(rows), parse(rows)
    codes = [w.code for w in first.webinars]
    assert codes == [w.code for w in second.webinars]
    assert len(set(codes)) == 2
    assert all(len(code) == 6 and code.isalnum() and code == code.lower() for code in codes)


def test_generated_code_ignores_case_and_spacing_of_the_title_but_not_the_time() -> None:
    day = date(2026, 12, 1)
    assert generated_code("Goed slapen", day, time(19, 30)) == generated_code(
        " goed  SLAPEN", day, time(19, 30)
    )
    assert generated_code("Goed slapen", day, time(19, 30)) != generated_code(
        "Goed slapen", day, time(20, 0)
    )


def test_duplicate_code_is_reported_on_the_later_row_and_the_first_is_kept() -> None:
    result = parse([WEBINAR, {**WEBINAR, "code": "Slapen", "titel": "Slapen deel 2"}])
    assert [w.row for w in result.webinars] == [2]
    error = only_error(result)
    assert (error.row, error.reason) == (3, "programme.error.duplicate_code")
    assert error.params == {"column": "code", "value": "slapen", "first_row": "2"}


def test_same_webinar_twice_without_code_is_a_duplicate_row() -> None:
    row = {**WEBINAR, "code": ""}
    result = parse([row, row])
    error = only_error(result)
    assert (error.row, error.reason) == (3, "programme.error.duplicate_row")
    assert error.params["first_row"] == "2"


def test_same_series_twice_is_a_duplicate_row() -> None:
    result = parse([INLOOP, {**INLOOP, "wijk": " hoograven ", "locatie": "Elders 1"}])
    assert len(result.series) == 1
    error = only_error(result)
    assert (error.row, error.reason) == (3, "programme.error.duplicate_row")


def test_series_key_is_stable_and_ignores_address_and_end_date() -> None:
    before = parse([INLOOP]).series[0]
    moved = parse([{**INLOOP, "locatie": "Buurthuis, Smaragdplein 1", "tot": ""}]).series[0]
    later = parse([{**INLOOP, "start": "10:00", "eind": "11:30"}]).series[0]
    assert before.key == moved.key
    assert before.key != later.key


# --- row errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "reason", "params"),
    [
        ({**WEBINAR, "soort": ""}, "programme.error.missing", {"column": "soort"}),
        ({**WEBINAR, "titel": " "}, "programme.error.missing", {"column": "titel"}),
        ({**WEBINAR, "datum": ""}, "programme.error.missing", {"column": "datum"}),
        ({**WEBINAR, "eind": ""}, "programme.error.missing", {"column": "eind"}),
        ({**INLOOP, "wijk": ""}, "programme.error.missing", {"column": "wijk"}),
        ({**INLOOP, "locatie": ""}, "programme.error.missing", {"column": "locatie"}),
        ({**INLOOP, "herhaling": ""}, "programme.error.missing", {"column": "herhaling"}),
        (
            {**WEBINAR, "soort": "cursus"},
            "programme.error.unknown_kind",
            {"column": "soort", "value": "cursus"},
        ),
        (
            {**WEBINAR, "datum": "31-11-2026"},
            "programme.error.bad_date",
            {"column": "datum", "value": "31-11-2026"},
        ),
        (
            {**WEBINAR, "datum": "12/01/26"},
            "programme.error.bad_date",
            {"column": "datum", "value": "12/01/26"},
        ),
        (
            {**INLOOP, "tot": "juni"},
            "programme.error.bad_date",
            {"column": "tot", "value": "juni"},
        ),
        (
            {**WEBINAR, "start": "half acht"},
            "programme.error.bad_time",
            {"column": "start", "value": "half acht"},
        ),
        (
            {**WEBINAR, "eind": "24:00"},
            "programme.error.bad_time",
            {"column": "eind", "value": "24:00"},
        ),
        (
            {**WEBINAR, "eind": "19.30"},
            "programme.error.end_before_start",
            {"column": "eind", "value": "19.30", "start": "19:30"},
        ),
        (
            {**INLOOP, "eind": "9:00"},
            "programme.error.end_before_start",
            {"column": "eind", "value": "9:00", "start": "9:30"},
        ),
        (
            {**WEBINAR, "code": "ab"},
            "programme.error.bad_code",
            {"column": "code", "value": "ab"},
        ),
        (
            {**WEBINAR, "code": "goed slapen!"},
            "programme.error.bad_code",
            {"column": "code", "value": "goed slapen!"},
        ),
        (
            {**WEBINAR, "code": "x" * 33},
            "programme.error.bad_code",
            {"column": "code", "value": "x" * 33},
        ),
        (
            {**INLOOP, "herhaling": "dagelijks"},
            "programme.error.bad_recurrence",
            {"column": "herhaling", "value": "dagelijks"},
        ),
        (
            {**INLOOP, "tot": "1-12-2026"},
            "programme.error.last_before_first",
            {"column": "tot", "value": "1-12-2026", "first": "2026-12-02"},
        ),
        (
            {**WEBINAR, "terugkijken": "www.example.org/slapen"},
            "programme.error.bad_url",
            {"column": "terugkijken", "value": "www.example.org/slapen"},
        ),
        (
            {**WEBINAR, "terugkijken": "javascript:alert(1)"},
            "programme.error.bad_url",
            {"column": "terugkijken", "value": "javascript:alert(1)"},
        ),
        (
            {**WEBINAR, "titel": "a" * 121},
            "programme.error.too_long",
            {"column": "titel", "value": "a" * 49 + "…", "limit": "120", "length": "121"},
        ),
        (
            {**INLOOP, "locatie": "b" * 201},
            "programme.error.too_long",
            {"column": "locatie", "value": "b" * 49 + "…", "limit": "200", "length": "201"},
        ),
    ],
)
def test_each_error_names_row_column_and_value(
    row: dict[str, str], reason: str, params: dict[str, str]
) -> None:
    result = parse([WEBINAR | {"code": "eerste"}, row])
    assert only_error(result) == RowError(3, reason, params)
    assert [w.row for w in result.webinars] == [2]
    assert result.series == []


def test_good_rows_are_kept_when_others_are_bad() -> None:
    rows = [
        WEBINAR,
        {**WEBINAR, "code": "kapot", "datum": "morgen"},
        INLOOP,
        {**INLOOP, "herhaling": "soms"},
        {**WEBINAR, "code": "schermtijd", "titel": "Schermtijd"},
    ]
    result = parse(rows)
    assert [w.row for w in result.webinars] == [2, 6]
    assert [s.row for s in result.series] == [4]
    assert [(e.row, e.reason) for e in result.errors] == [
        (3, "programme.error.bad_date"),
        (5, "programme.error.bad_recurrence"),
    ]


def test_a_row_with_several_problems_gets_an_error_for_each() -> None:
    result = parse([{**INLOOP, "datum": "gisteren", "start": "negen", "wijk": ""}])
    assert [(e.row, e.params["column"]) for e in result.errors] == [
        (2, "wijk"),
        (2, "datum"),
        (2, "start"),
    ]
    assert result.series == []


def test_replay_link_is_kept_when_it_is_a_web_address() -> None:
    url = "https://example.org/terugkijken?id=12&t=3"
    assert parse([{**WEBINAR, "terugkijken": url}]).webinars[0].replay_url == url


def test_every_emitted_error_has_the_params_its_reason_declares() -> None:
    rows = [
        {**WEBINAR, "soort": "x"},
        {**WEBINAR, "code": "!", "titel": "t" * 130, "datum": "x", "start": "x"},
        {**INLOOP, "herhaling": "x", "tot": "x", "eind": "1:00"},
        {**WEBINAR, "terugkijken": "ftp://x"},
    ]
    for error in parse(rows).errors:
        assert set(error.params) == set(ERROR_REASONS[error.reason]), error


# --- unreadable files -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "programme.unreadable.empty"),
        (b" \r\n\r\n ", "programme.unreadable.empty"),
        (b"\xef\xbb\xbf", "programme.unreadable.empty"),
        (b"PK\x03\x04\x14\x00\x06\x00rest-of-an-xlsx", "programme.unreadable.spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old-xls", "programme.unreadable.spreadsheet"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "programme.unreadable.not_text"),
        (b"soort;titel\x81\x8d;datum\n", "programme.unreadable.not_text"),
        (b"webinar;slapen;Goed slapen;1-12-2026;19:30;20:30\n", "programme.unreadable.no_header"),
        (
            b"soort;titel;datum\nwebinar;Goed slapen;1-12-2026\n",
            "programme.unreadable.missing_columns",
        ),
        (
            b"soort;titel;datum;start;eind;Titel\nwebinar;a;1-12-2026;19:30;20:30;b\n",
            "programme.unreadable.duplicate_column",
        ),
        (b"soort;titel;datum;start;eind\n;;;;\n\n", "programme.unreadable.no_rows"),
        (b"soort;titel;datum;start;eind\n" + b"x" * MAX_BYTES, "programme.unreadable.too_large"),
    ],
)
def test_unreadable_files_raise_with_a_reason(data: bytes, reason: str) -> None:
    assert unreadable_reason(data) == reason


def test_unreadable_params_name_the_missing_columns() -> None:
    with pytest.raises(ProgrammeUnreadable) as caught:
        parse_programme(b"soort,titel,datum\nwebinar,Slapen,1-12-2026\n")
    assert caught.value.params == {"columns": "start, eind"}
    assert set(caught.value.params) == set(UNREADABLE_REASONS[caught.value.reason])


def test_a_cell_too_large_for_csv_is_unreadable_not_a_crash() -> None:
    data = (
        b'soort;titel;datum;start;eind\nwebinar;"' + b"x" * 200_000 + b'";1-12-2026;19:30;20:30\n'
    )
    assert unreadable_reason(data) == "programme.unreadable.not_csv"


# --- translations -----------------------------------------------------------------------


def _catalogue(language: str) -> dict[str, str]:
    path = LOCALES / language / "LC_MESSAGES" / "programme.po"
    entries, *_ = load_po(path, language)
    return {key: entry.forms[0] for key, entry in entries.items()}


def test_dutch_and_english_have_the_same_keys_and_cover_every_reason() -> None:
    dutch, english = _catalogue("nl"), _catalogue("en")
    assert set(dutch) == set(english)
    assert set(dutch) == set(ERROR_REASONS) | set(UNREADABLE_REASONS)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_reason_formats_with_its_params(language: str, tmp_path: Path) -> None:
    # Only this feature's catalogue, so other features' work in progress cannot break it.
    for lang in ("nl", "en"):
        (tmp_path / lang / "LC_MESSAGES").mkdir(parents=True)
        source = LOCALES / lang / "LC_MESSAGES" / "programme.po"
        shutil.copy(source, tmp_path / lang / "LC_MESSAGES" / "programme.po")
    translate = Translator("nl", folder=tmp_path)
    for reason, names in ERROR_REASONS.items():
        text = translate(language, reason, row=7, **{name: f"<{name}>" for name in names})
        assert " 7" in text
        # Every param is shown: the coordinator needs column and value to fix the row.
        assert all(f"&lt;{name}&gt;" in text for name in names), text
    for reason, names in UNREADABLE_REASONS.items():
        text = translate(language, reason, **{name: f"<{name}>" for name in names})
        assert all(f"&lt;{name}&gt;" in text for name in names), text

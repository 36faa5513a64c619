"""The monitor figures as files: a self-contained HTML document (charts inline as PNG, no
outside resources, printable to PDF from any browser) and a semicolon CSV with a BOM
(as bot.feedback.export: Dutch Excel and LibreOffice open it as a table).

A protected figure (fewer than five people behind it, bot.monitor.figures) is written as
"<5" in the document and as an empty cell with "<5" in the CSV."""

from __future__ import annotations

import base64
import csv
import html
import io
from collections.abc import Callable, Sequence

from babel.numbers import format_decimal, format_percent

from bot.core.i18n import Translator, babel_locale, format_day
from bot.feedback.export import neutralise
from bot.monitor.figures import MIN_PEOPLE, MonitorReport, Row

HIDDEN = f"<{MIN_PEOPLE}"
NOT_APPLICABLE = "–"
WEBINAR_COLUMNS = frozenset(
    {
        "monitor.col.participants",
        "monitor.col.asked",
        "monitor.col.answered",
        "monitor.col.grouped",
        "monitor.col.replay_notices",
    }
)
INLOOP_COLUMNS = frozenset({"monitor.col.visits"})
# (translation key of the column, how to read it from a row, kind of value)
COLUMNS: tuple[tuple[str, Callable[[Row], float | int | None], str], ...] = (
    ("monitor.col.webinars", lambda r: r.webinars, "count"),
    ("monitor.col.participants", lambda r: r.participants, "count"),
    ("monitor.col.asked", lambda r: r.asked, "count"),
    ("monitor.col.answered", lambda r: r.answered, "count"),
    ("monitor.col.grouped", lambda r: r.grouped, "count"),
    ("monitor.col.replay_notices", lambda r: r.replay_notices, "count"),
    ("monitor.col.series", lambda r: r.series, "count"),
    ("monitor.col.sessions", lambda r: r.sessions, "count"),
    ("monitor.col.visits", lambda r: r.visits, "count"),
    ("monitor.col.cancellations", lambda r: r.cancellations, "count"),
    ("monitor.col.responses", lambda r: r.responses, "count"),
    ("monitor.col.response_rate", lambda r: r.response_rate, "share"),
    ("monitor.col.mean_score", lambda r: r.mean_score, "score"),
    ("monitor.col.helped_share", lambda r: r.helped_share, "share"),
)


def _shown(value: float | int | None, kind: str, language: str) -> str:
    if value is None:
        return HIDDEN
    locale = babel_locale(language)
    if kind == "share":
        return format_percent(value, format="0%", locale=locale)
    if kind == "score":
        return format_decimal(value, format="0.0", locale=locale)
    return str(value)


def _csv_value(value: float | int | None, kind: str) -> str:
    """Plain numbers a spreadsheet reads in any locale: a decimal comma, no % sign."""
    if value is None:
        return HIDDEN
    if kind == "count":
        return str(value)
    return f"{value:.2f}".replace(".", ",") if kind == "share" else f"{value:.1f}".replace(".", ",")


def file_stem(report: MonitorReport) -> str:
    return f"monitor-{report.first.isoformat()}-{report.last.isoformat()}"


# --- CSV ------------------------------------------------------------------------------


def csv_document(report: MonitorReport, t: Translator, language: str) -> bytes:
    """One row per organisation, wijk, webinar and the total; a column per figure."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            t(language, "monitor.col.level"),
            t(language, "monitor.col.name"),
            t(language, "monitor.col.day"),
            *(t(language, key) for key, _, _ in COLUMNS),
            t(language, "monitor.col.top_groups"),
        ]
    )

    def write(level: str, row: Row, day: str = "", groups: str = "") -> None:
        cells = [
            _csv_value(read(row), kind) if _applies(row, key) else "" for key, read, kind in COLUMNS
        ]
        writer.writerow([level, neutralise(row.name), day, *cells, neutralise(groups)])

    write(t(language, "monitor.level.total"), report.total)
    for row in report.organisations:
        write(t(language, "monitor.level.organisation"), row)
    for row in report.wijken:
        write(t(language, "monitor.level.wijk"), row)
    for line in report.webinars:
        gone = t(language, "monitor.doc.text_deleted")
        groups = " | ".join(f"{text or gone} ({parents})" for parents, text in line.top_groups)
        write(t(language, "monitor.level.webinar"), line.row, line.day.isoformat(), groups)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- charts ---------------------------------------------------------------------------


def bar_chart_png(
    title: str,
    names: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None], Sequence[bool]]],
) -> bytes:
    """Horizontal bars per name, one colour per series: (label, values, whether each
    value applies). A protected value is no bar but "<5"; one that does not apply, nothing."""
    # Imported here: matplotlib takes a second to load, and only reports draw charts.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    height = max(2.4, 0.5 * len(names) * max(1, len(series)) + 1.4)
    figure = Figure(figsize=(8, height), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    step = 0.8 / max(1, len(series))
    colours = ("#1f6f8b", "#d17a22", "#5b8c2a")
    for index, (label, values, applies) in enumerate(series):
        positions = [n + index * step for n in range(len(names))]
        bars = [0 if v is None else v for v in values]
        drawn = axes.barh(positions, bars, height=step, label=label, color=colours[index % 3])
        texts = [
            "" if not applies[n] else HIDDEN if v is None else str(v) for n, v in enumerate(values)
        ]
        axes.bar_label(drawn, labels=texts, padding=3)
    axes.set_yticks([n + step * (len(series) - 1) / 2 for n in range(len(names))])
    axes.set_yticklabels(list(names))
    axes.invert_yaxis()
    axes.set_title(title)
    axes.legend(loc="lower right")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _chart(t: Translator, language: str, title_key: str, rows: Sequence[Row]) -> str:
    png = bar_chart_png(
        t(language, title_key),
        [row.name for row in rows],
        [
            (
                t(language, "monitor.col.participants"),
                [row.participants for row in rows],
                [row.webinars > 0 for row in rows],
            ),
            (
                t(language, "monitor.col.visits"),
                [row.visits for row in rows],
                [row.series > 0 for row in rows],
            ),
        ],
    )
    data = base64.b64encode(png).decode("ascii")
    alt = html.escape(t(language, title_key))
    return f'<img class="chart" alt="{alt}" src="data:image/png;base64,{data}">'


# --- HTML -----------------------------------------------------------------------------

_STYLE = """
body { font-family: sans-serif; margin: 2em auto; max-width: 70em; color: #1d1d1b; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 2px solid #1f6f8b; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
th, td { border: 1px solid #bbb; padding: 0.3em 0.6em; text-align: right; }
tbody th { text-align: left; font-weight: normal; }
thead th { background: #e8f1f4; }
.note { color: #555; } .chart { max-width: 100%; display: block; margin: 1em 0; }
@media print { h2 { page-break-before: auto; } }
"""


def _applies(row: Row, key: str) -> bool:
    """Webinar figures of a unit without webinars (inloop figures of one without inloop
    series) are not zero people but not applicable: shown as a dash, not as "<5"."""
    if key in WEBINAR_COLUMNS:
        return row.webinars > 0
    if key in INLOOP_COLUMNS:
        return row.series > 0
    return True


def _cell(row: Row, key: str, value: float | int | None, kind: str, language: str) -> str:
    return _shown(value, kind, language) if _applies(row, key) else NOT_APPLICABLE


def _table(t: Translator, language: str, rows: Sequence[Row]) -> str:
    """Figures down, units across: a few units fit a printed page, fourteen figures
    across would not."""
    head = "<th></th>" + "".join(f"<th>{html.escape(row.name)}</th>" for row in rows)
    body = "".join(
        f"<tr><th>{t(language, key)}</th>"
        + "".join(
            f"<td>{html.escape(_cell(row, key, read(row), kind, language))}</td>" for row in rows
        )
        + "</tr>"
        for key, read, kind in COLUMNS
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def html_document(report: MonitorReport, t: Translator, language: str) -> bytes:
    def tr(key: str, **params: object) -> str:
        # Catalogue texts are HTML already (their parameters escaped by the translator).
        return t(language, key, **params)

    period = tr(
        "monitor.doc.period",
        first=format_day(report.first, language) + f" {report.first.year}",
        last=format_day(report.last, language) + f" {report.last.year}",
    )
    parts = [
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">',
        f"<title>{tr('monitor.doc.title')}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{tr('monitor.doc.title')}</h1><p>{period}</p>",
        f'<p class="note">{tr("monitor.doc.protection", count=MIN_PEOPLE)}</p>',
        f"<h2>{tr('monitor.doc.total')}</h2>",
        _table(t, language, [report.total]),
        f"<h2>{tr('monitor.doc.organisations')}</h2>",
        _table(t, language, report.organisations),
    ]
    if report.organisations:
        parts.append(_chart(t, language, "monitor.chart.organisations", report.organisations))
    parts += [
        f"<h2>{tr('monitor.doc.wijken')}</h2>",
        _table(t, language, report.wijken),
    ]
    if report.wijken:
        parts.append(_chart(t, language, "monitor.chart.wijken", report.wijken))
    parts.append(f"<h2>{tr('monitor.doc.webinars')}</h2>")
    if not report.webinars:
        parts.append(f"<p>{tr('monitor.doc.no_webinars')}</p>")
    for line in report.webinars:
        heading = f"{format_day(line.day, language)} {line.day.year} · {line.title}"
        parts.append(f"<h3>{html.escape(heading)}</h3>")
        parts.append(
            f'<p class="note">{html.escape(line.organisation)} · {html.escape(line.wijk)}</p>'
        )
        parts.append(_table(t, language, [line.row]))
        if line.top_groups:
            parts.append(f"<p>{tr('monitor.doc.top_groups')}</p><ol>")
            parts += [
                f"<li>{html.escape(text) if text else tr('monitor.doc.text_deleted')}"
                f" <i>({tr('monitor.doc.parents', count=parents)})</i></li>"
                for parents, text in line.top_groups
            ]
            parts.append("</ol>")
        else:
            parts.append(f'<p class="note">{tr("monitor.doc.no_groups", count=MIN_PEOPLE)}</p>')
    parts.append("</body></html>")
    return "\n".join(parts).encode("utf-8")

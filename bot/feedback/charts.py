"""Pictures for coordinators: the average feedback score per session day, as a PNG.

Uses matplotlib's object API (`Figure` + `FigureCanvasAgg`) rather than pyplot, so no
backend is selected and no global figure state is kept: importing this module changes
nothing, and charts can be drawn from several threads.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, DateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font

DPI = 100
MIN_SIDE_PX = 200
MAX_SIDE_PX = 4000
MAX_LABELLED_POINTS = 40  # beyond this, count labels would overlap; the size still tells
# One colour and marker per series (webinars, inloopmomenten), told apart in the legend
# also by those who do not see colours well.
STYLES = (("#1f6f8b", "o"), ("#d17a22", "s"), ("#5b8c2a", "D"))
# Count labels above the first series' points, below the second's, so that two sessions
# on the same day do not write over each other.
LABEL_OFFSETS = (12, -20, 24)
TICK_LABEL_PX = 95  # room one rotated "dd-mm-yyyy" label needs along the axis
COUNT_LABEL_PX = 85  # room one "18 reacties" label needs: closer points go unlabelled

Points = Sequence[tuple[date, float, int]]


def scores_chart_png(
    series: Mapping[str, Points],
    *,
    title: str,
    width_px: int = 1000,
    height_px: int = 500,
    y_label: str = "Average score",
    no_data_text: str = "No scores yet",
    count_one: str = "1 response",
    count_many: str = "{count} responses",
) -> bytes:
    """The chart of `scores_chart` as PNG bytes of exactly the size asked for."""
    return _png(
        scores_chart(
            series,
            title=title,
            width_px=width_px,
            height_px=height_px,
            y_label=y_label,
            no_data_text=no_data_text,
            count_one=count_one,
            count_many=count_many,
        )
    )


def scores_chart(
    series: Mapping[str, Points],
    *,
    title: str,
    width_px: int = 1000,
    height_px: int = 500,
    y_label: str = "Average score",
    no_data_text: str = "No scores yet",
    count_one: str = "1 response",
    count_many: str = "{count} responses",
) -> Figure:
    """Average score (1–5) per session day, one line per series (legend: the mapping's
    keys, e.g. webinars and inloopmomenten; never joined across series); each point is
    sized and labelled by its number of responses.

    Each series is what `bot.feedback.summary.scores_over_time` returns. No points at all
    gives an image saying `no_data_text`. Texts are translated by the caller
    (``summary.chart.*``); `count_many` has a ``{count}`` field. Dates are written
    day-month-year, which reads the same in every language we serve, and placed by
    matplotlib's date locator so they never overlap.
    """
    figure, axes = _titled_figure(title, width_px, height_px)
    drawn = {name: sorted(points) for name, points in series.items() if points}
    if not drawn:
        _say_no_data(axes, no_data_text)
        return figure

    biggest = max(count for points in drawn.values() for _, _, count in points)
    labelled = sum(len(points) for points in drawn.values()) <= MAX_LABELLED_POINTS
    first, last, margin = _day_range(drawn.values())
    px_per_day = 0.85 * width_px / (last - first + 2 * margin)
    for number, (name, points) in enumerate(drawn.items()):
        xs, averages = _draw_series(axes, number, name, points, biggest)
        if labelled:
            labels = [_count_label(count, count_one, count_many) for _, _, count in points]
            offset = LABEL_OFFSETS[number % len(LABEL_OFFSETS)]
            _label_points(axes, list(zip(xs, averages, labels, strict=True)), offset, px_per_day)
    _score_axis(axes, y_label)
    _legend(axes)
    _date_axis(axes, first, last, margin, width_px)
    return figure


def _titled_figure(title: str, width_px: int, height_px: int) -> tuple[Figure, Axes]:
    """An empty figure of exactly the size asked for, with one titled plot."""
    for side in (width_px, height_px):
        if not MIN_SIDE_PX <= side <= MAX_SIDE_PX:
            raise ValueError(f"chart sides must be {MIN_SIDE_PX}..{MAX_SIDE_PX} px, not {side}")
    figure = Figure(figsize=(width_px / DPI, height_px / DPI), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_title(_drawable(title), parse_math=False, fontsize=14, loc="left")
    return figure, axes


def _say_no_data(axes: Axes, no_data_text: str) -> None:
    axes.set_axis_off()
    axes.text(
        0.5,
        0.5,
        _drawable(no_data_text),
        transform=axes.transAxes,
        parse_math=False,
        ha="center",
        va="center",
        fontsize=16,
        color="#666666",
    )


def _day_range(drawn: Iterable[Points]) -> tuple[float, float, float]:
    """The first and last day drawn, and a margin on each side so the biggest dots are
    not cut (one day gets a week on each side)."""
    all_xs = [_day_number(day) for points in drawn for day, _, _ in points]
    first, last = min(all_xs), max(all_xs)
    margin = max(1.0, (last - first) / 20) if last > first else 7.0
    return first, last, margin


def _draw_series(
    axes: Axes, number: int, name: str, points: Points, biggest: int
) -> tuple[list[float], list[float]]:
    """One series as a line with dots sized by their counts, in the series' own colour and
    marker; its days (as numbers) and averages."""
    colour, marker = STYLES[number % len(STYLES)]
    xs = [_day_number(day) for day, _, _ in points]
    averages = [average for _, average, _ in points]
    counts = [count for _, _, count in points]
    axes.plot(xs, averages, color=colour, linewidth=1.5, alpha=0.6, zorder=2)
    sizes = [40 + 360 * (count / biggest) for count in counts]
    axes.scatter(
        xs,
        averages,
        s=sizes,
        color=colour,
        marker=marker,
        zorder=3,
        clip_on=False,
        label=_drawable(name),
    )
    return xs, averages


def _count_label(count: int, count_one: str, count_many: str) -> str:
    return count_one if count == 1 else count_many.format(count=count)


def _score_axis(axes: Axes, y_label: str) -> None:
    """The scores 1 to 5 up the side, with a light line at each."""
    axes.set_ylim(0.5, 5.6)
    axes.set_yticks([1, 2, 3, 4, 5])
    axes.set_ylabel(_drawable(y_label), parse_math=False)
    axes.grid(axis="y", color="#dddddd", zorder=0)
    axes.spines[["top", "right"]].set_visible(False)


def _legend(axes: Axes) -> None:
    """The series' names, their markers at one size: a dot's size means a count, not the
    series."""
    legend = axes.legend(loc="best", frameon=False, markerscale=0.6)
    for handle in legend.legend_handles:
        if handle is not None and hasattr(handle, "set_sizes"):
            handle.set_sizes([60])


def _date_axis(axes: Axes, first: float, last: float, margin: float, width_px: int) -> None:
    """Days along the bottom as day-month-year, as many as fit without overlapping."""
    axes.set_xlim(first - margin, last + margin)
    room_for_ticks = max(2, width_px // TICK_LABEL_PX)
    if last == first:
        axes.set_xticks([first])
    else:
        axes.xaxis.set_major_locator(AutoDateLocator(minticks=2, maxticks=room_for_ticks))
    axes.xaxis.set_major_formatter(DateFormatter("%d-%m-%Y"))
    for label in axes.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")


def _label_points(
    axes: Axes, points: list[tuple[float, float, str]], offset: int, px_per_day: float
) -> None:
    """Write each point's label (its number of responses) beside it, leaving out a label
    that would write over its neighbour's (the dot's size still tells)."""
    labelled = -float("inf")
    for x, average, label in points:
        if (x - labelled) * px_per_day < COUNT_LABEL_PX:
            continue
        labelled = x
        axes.annotate(
            _drawable(label),
            (x, average),
            xytext=(0, offset),
            parse_math=False,
            textcoords="offset points",
            ha="center",
            va="bottom" if offset > 0 else "top",
            fontsize=9,
            color="#333333",
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8},
        )


def _day_number(day: date) -> float:
    """Matplotlib's number for a day (days since its epoch), so the axis is plain floats."""
    return float(date2num(datetime(day.year, day.month, day.day, tzinfo=UTC)))


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # No bbox_inches="tight": that would change the pixel size asked for.
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


@lru_cache(maxsize=1)
def _drawable_codepoints() -> frozenset[int]:
    """Characters the default font has (read once; a frozenset is safe across threads)."""
    return frozenset(FT2Font(findfont(FontProperties())).get_charmap())


def _drawable(text: str) -> str:
    """`text` without characters the font lacks (emoji in a session title, say).

    Matplotlib would draw an empty box and warn for each; dropping them keeps the title
    readable and the logs quiet.
    """
    codepoints = _drawable_codepoints()
    kept = "".join(ch for ch in text if ch.isspace() or ord(ch) in codepoints)
    return " ".join(kept.split())

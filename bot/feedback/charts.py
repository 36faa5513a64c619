"""Pictures for coordinators: the average feedback score per session day, as a PNG.

Uses matplotlib's object API (`Figure` + `FigureCanvasAgg`) rather than pyplot, so no
backend is selected and no global figure state is kept: importing this module changes
nothing, and charts can be drawn from several threads.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, DateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font

DPI = 100
MIN_SIDE_PX = 200
MAX_SIDE_PX = 4000
MAX_LABELLED_POINTS = 40  # beyond this, "n=" labels would overlap; the size still tells
COLOUR = "#1f6f8b"


def scores_chart_png(
    points: Sequence[tuple[date, float, int]],
    *,
    title: str,
    width_px: int = 1000,
    height_px: int = 500,
    y_label: str = "Average score",
    no_data_text: str = "No scores yet",
) -> bytes:
    """Average score (1–5) per session day; each point sized and labelled by its count.

    `points` is what `bot.feedback.summary.scores_over_time` returns. An empty series
    gives an image saying `no_data_text`. `y_label` and `no_data_text` are translated by
    the caller (``summary.chart.*``). Dates are written day-month-year, which reads the
    same in every language we serve.
    """
    for side in (width_px, height_px):
        if not MIN_SIDE_PX <= side <= MAX_SIDE_PX:
            raise ValueError(f"chart sides must be {MIN_SIDE_PX}..{MAX_SIDE_PX} px, not {side}")
    figure = Figure(figsize=(width_px / DPI, height_px / DPI), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_title(_drawable(title), parse_math=False, fontsize=14, loc="left")

    if not points:
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
        return _png(figure)

    points = sorted(points)
    days = [day for day, _, _ in points]
    xs = [_day_number(day) for day in days]
    averages = [average for _, average, _ in points]
    counts = [count for _, _, count in points]
    biggest = max(counts)

    axes.plot(xs, averages, color=COLOUR, linewidth=1.5, alpha=0.6, zorder=2)
    sizes = [40 + 360 * (count / biggest) for count in counts]
    axes.scatter(xs, averages, s=sizes, color=COLOUR, zorder=3, clip_on=False)
    if len(points) <= MAX_LABELLED_POINTS:
        for x, average, count in zip(xs, averages, counts, strict=True):
            axes.annotate(
                f"n={count}",
                (x, average),
                xytext=(0, 12),
                parse_math=False,
                textcoords="offset points",
                ha="center",
                fontsize=9,
                color="#333333",
            )

    axes.set_ylim(0.7, 5.5)
    axes.set_yticks([1, 2, 3, 4, 5])
    axes.set_ylabel(_drawable(y_label), parse_math=False)
    axes.grid(axis="y", color="#dddddd", zorder=0)
    axes.spines[["top", "right"]].set_visible(False)
    # a margin so the biggest dots are not cut; one day gets a week on each side
    margin = max(1.0, (xs[-1] - xs[0]) / 20) if xs[-1] > xs[0] else 7.0
    axes.set_xlim(xs[0] - margin, xs[-1] + margin)
    room_for_ticks = max(3, width_px // 110)
    if len(set(xs)) <= room_for_ticks:  # few sessions: a tick on each session day
        axes.set_xticks(sorted(set(xs)))
    else:
        axes.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=room_for_ticks))
    axes.xaxis.set_major_formatter(DateFormatter("%d-%m-%Y"))
    for label in axes.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")
    return _png(figure)


def _day_number(day: date) -> float:
    """Matplotlib's number for a day (days since its epoch), so the axis is plain floats."""
    return float(date2num(datetime(day.year, day.month, day.day)))


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

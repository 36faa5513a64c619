"""The scores-over-time chart: a real PNG of exactly the size asked for."""

from __future__ import annotations

import io
import itertools
import struct
import subprocess
import sys
from datetime import date

import numpy as np
import pytest
from matplotlib.image import imread

from bot.feedback.charts import scores_chart, scores_chart_png

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
POINTS = {
    "Webinars": [
        (date(2025, 3, 4), 69 / 18, 18),
        (date(2025, 3, 11), 47 / 13, 13),
    ],
    "Inloopmomenten": [(date(2025, 3, 13), 4.2, 5)],
}


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which a valid PNG has first."""
    assert data[:8] == PNG_SIGNATURE
    length, chunk_type = struct.unpack(">I4s", data[8:16])
    assert (length, chunk_type) == (13, b"IHDR")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_chart_is_a_png_of_the_default_size() -> None:
    data = scores_chart_png(POINTS, title="Feedback maart")
    assert data.startswith(PNG_SIGNATURE)
    assert png_size(data) == (1000, 500)


@pytest.mark.parametrize(("width", "height"), [(641, 359), (1280, 720)])
def test_chart_has_exactly_the_pixel_size_asked_for(width: int, height: int) -> None:
    data = scores_chart_png(POINTS, title="Feedback", width_px=width, height_px=height)
    assert png_size(data) == (width, height)
    pixels = imread(io.BytesIO(data), format="png")
    assert pixels.shape[:2] == (height, width)


def test_no_scores_give_a_readable_image_instead_of_an_error() -> None:
    data = scores_chart_png({}, title="Inloop", no_data_text="Nog geen scores")
    assert png_size(data) == (1000, 500)
    pixels = imread(io.BytesIO(data), format="png")
    assert (pixels[..., :3] < 0.6).any()  # the "no data" text is drawn, not a blank image


def test_a_single_session_day_is_drawn() -> None:
    data = scores_chart_png({"Webinars": [(date(2025, 3, 4), 5.0, 1)]}, title="Eén sessie")
    assert png_size(data) == (1000, 500)


def test_titles_with_dollars_and_emoji_are_drawn_literally_without_warnings() -> None:
    # warnings are errors in this test suite: a missing glyph or a mathtext error fails
    data = scores_chart_png(POINTS, title="👶 Slapen voor $5 — één & twee_3^2")
    assert png_size(data) == (1000, 500)


def test_a_silly_size_is_refused() -> None:
    with pytest.raises(ValueError, match="chart sides must be"):
        scores_chart_png(POINTS, title="x", width_px=10)


def test_importing_charts_selects_no_backend_and_loads_no_pyplot() -> None:
    # dict.__getitem__ reads the raw setting; rcParams["backend"] would resolve it
    code = (
        "import sys, matplotlib;"
        "raw = lambda: dict.__getitem__(matplotlib.rcParams, 'backend');"
        "before = raw();"
        "import bot.feedback.charts;"
        "assert 'matplotlib.pyplot' not in sys.modules;"
        "assert raw() == before"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_webinars_and_inloopmomenten_are_separate_lines_with_a_legend() -> None:
    figure = scores_chart(
        POINTS, title="Maart", count_one="1 reactie", count_many="{count} reacties"
    )
    axes = figure.axes[0]
    points = [np.asarray(line.get_xdata()).size for line in axes.get_lines()]
    assert points == [2, 1]
    legend = axes.get_legend()
    assert legend is not None
    assert [text.get_text() for text in legend.get_texts()] == ["Webinars", "Inloopmomenten"]
    labels = sorted(a.get_text() for a in axes.texts)
    assert labels == ["13 reacties", "18 reacties", "5 reacties"]


def test_date_labels_never_overlap_however_close_the_sessions() -> None:
    # Four sessions on four days in a row, then one two months later: a tick on every
    # session day would write four dates over each other.
    start = date(2025, 1, 6)
    days = [date.fromordinal(start.toordinal() + n) for n in (0, 1, 2, 3, 60)]
    series = {
        "Webinars": [(day, 4.0, 3) for day in days[::2]],
        "Inloop": [(day, 3.0, 1) for day in days[1::2]],
    }
    figure = scores_chart(series, title="Januari", width_px=800)
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    figure.draw(renderer)
    boxes = [
        label.get_window_extent(renderer)
        for label in figure.axes[0].get_xticklabels()
        if label.get_text() and label.get_visible()
    ]
    assert len(boxes) >= 2
    ordered = sorted(boxes, key=lambda box: box.x0)
    for left, right in itertools.pairwise(ordered):
        # rotated labels: their horizontal extents may touch, never overlap much
        assert left.x1 - right.x0 < 0.5 * (left.x1 - left.x0)

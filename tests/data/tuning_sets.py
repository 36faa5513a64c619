"""Every labelled TUNING set of the grouping engine (issue 11), in one list.

Used by tests/test_grouping.py (floors) and bench/bench_grouping.py (the README's
figures). The held-out set (tests/data/heldout_questions.py) is not here: it is never
tuned on, and only its aggregate figures are printed, by the benchmark.
"""

from __future__ import annotations

from typing import NamedTuple

from tests.data import parent_questions as parents
from tests.data import theme_questions as themes
from tests.data.bedtime_questions import BEDTIME_CLUSTERS, BEDTIME_GENERAL, BEDTIME_THEME
from tests.data.big_sleep_questions import BIG_SLEEP_CLUSTERS, BIG_SLEEP_GENERAL, BIG_SLEEP_THEME
from tests.data.chat_sleep_questions import (
    CHAT_SLEEP_CLUSTERS,
    CHAT_SLEEP_GENERAL,
    CHAT_SLEEP_THEME,
)
from tests.data.fresh_sleep_a_questions import (
    FRESH_SLEEP_A_CLUSTERS,
    FRESH_SLEEP_A_GENERAL,
    FRESH_SLEEP_A_THEME,
)
from tests.data.fresh_sleep_b_questions import (
    FRESH_SLEEP_B_CLUSTERS,
    FRESH_SLEEP_B_GENERAL,
    FRESH_SLEEP_B_THEME,
)
from tests.data.fresh_sleep_c_questions import (
    FRESH_SLEEP_C_CLUSTERS,
    FRESH_SLEEP_C_GENERAL,
    FRESH_SLEEP_C_THEME,
)
from tests.data.fresh_sleep_d_questions import (
    FRESH_SLEEP_D_CLUSTERS,
    FRESH_SLEEP_D_GENERAL,
    FRESH_SLEEP_D_THEME,
)
from tests.data.little_sleep_questions import (
    LITTLE_SLEEP_CLUSTERS,
    LITTLE_SLEEP_GENERAL,
    LITTLE_SLEEP_THEME,
)
from tests.data.plain_sleep_questions import (
    PLAIN_SLEEP_CLUSTERS,
    PLAIN_SLEEP_GENERAL,
    PLAIN_SLEEP_THEME,
)
from tests.data.screen_questions import SCREEN_CLUSTERS, SCREEN_GENERAL, SCREEN_THEME

Clusters = tuple[tuple[str, ...], ...]


class TuningSet(NamedTuple):
    name: str
    clusters: Clusters
    general: tuple[str, ...] = ()
    theme: str = ""


TUNING_SETS: tuple[TuningSet, ...] = (
    TuningSet("QUESTION_CLUSTERS (many themes)", parents.QUESTION_CLUSTERS),
    TuningSet("SECOND_CLUSTERS", parents.SECOND_CLUSTERS),
    TuningSet("THIRD_CLUSTERS", parents.THIRD_CLUSTERS),
    TuningSet("SLEEP_CLUSTERS", parents.SLEEP_CLUSTERS, parents.SLEEP_GENERAL, parents.SLEEP_THEME),
    TuningSet(
        "SLEEP_WIDE_CLUSTERS",
        themes.SLEEP_WIDE_CLUSTERS,
        themes.SLEEP_WIDE_GENERAL,
        themes.SLEEP_WIDE_THEME,
    ),
    TuningSet(
        "EATING_CLUSTERS", themes.EATING_CLUSTERS, themes.EATING_GENERAL, themes.EATING_THEME
    ),
    TuningSet(
        "TANTRUM_CLUSTERS", themes.TANTRUM_CLUSTERS, themes.TANTRUM_GENERAL, themes.TANTRUM_THEME
    ),
    TuningSet("old held-out HELD_OUT_CLUSTERS (tuned on)", parents.HELD_OUT_CLUSTERS),
    TuningSet("BEDTIME_CLUSTERS", BEDTIME_CLUSTERS, BEDTIME_GENERAL, BEDTIME_THEME),
    TuningSet("SCREEN_CLUSTERS", SCREEN_CLUSTERS, SCREEN_GENERAL, SCREEN_THEME),
    TuningSet(
        "LITTLE_SLEEP_CLUSTERS", LITTLE_SLEEP_CLUSTERS, LITTLE_SLEEP_GENERAL, LITTLE_SLEEP_THEME
    ),
    TuningSet("BIG_SLEEP_CLUSTERS", BIG_SLEEP_CLUSTERS, BIG_SLEEP_GENERAL, BIG_SLEEP_THEME),
    TuningSet("CHAT_SLEEP_CLUSTERS", CHAT_SLEEP_CLUSTERS, CHAT_SLEEP_GENERAL, CHAT_SLEEP_THEME),
    TuningSet("PLAIN_SLEEP_CLUSTERS", PLAIN_SLEEP_CLUSTERS, PLAIN_SLEEP_GENERAL, PLAIN_SLEEP_THEME),
    # Measured once before any tuning on them (README "Similar questions").
    TuningSet(
        "FRESH_SLEEP_A_CLUSTERS", FRESH_SLEEP_A_CLUSTERS, FRESH_SLEEP_A_GENERAL, FRESH_SLEEP_A_THEME
    ),
    TuningSet(
        "FRESH_SLEEP_B_CLUSTERS", FRESH_SLEEP_B_CLUSTERS, FRESH_SLEEP_B_GENERAL, FRESH_SLEEP_B_THEME
    ),
    TuningSet(
        "FRESH_SLEEP_C_CLUSTERS", FRESH_SLEEP_C_CLUSTERS, FRESH_SLEEP_C_GENERAL, FRESH_SLEEP_C_THEME
    ),
    TuningSet(
        "FRESH_SLEEP_D_CLUSTERS", FRESH_SLEEP_D_CLUSTERS, FRESH_SLEEP_D_GENERAL, FRESH_SLEEP_D_THEME
    ),
)

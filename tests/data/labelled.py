"""The labelled question sets of the grouping engine, read from their JSON files.

`tests/data/sets/*.json` are the TUNING sets (their figures may be looked at and tuned
on; `TUNING_SETS` lists them, with the name their floors in tests/test_grouping.py use).
`tests/data/heldout/` holds the sets that are never tuned on: only their aggregate figures
are printed (tests/test_grouping.py, bench/bench_grouping.py). The format is the one
`ouderbot grouping-eval` reads (bot.webinar.grouping_eval.load_set).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from bot.webinar.grouping_eval import LabelledSet, load_set

DATA = Path(__file__).parent
Clusters = tuple[tuple[str, ...], ...]


@cache
def load(relative: str) -> LabelledSet:
    """A set by its path under tests/data ("sets/sleep.json"), named by its "name"."""
    path = DATA / relative
    labelled = load_set(path)
    name = json.loads(path.read_text(encoding="utf-8")).get("name", path.stem)
    return LabelledSet(labelled.theme, labelled.clusters, labelled.general, name)


def tuning_sets() -> tuple[LabelledSet, ...]:
    return tuple(load(f"sets/{path.name}") for path in sorted((DATA / "sets").glob("*.json")))


def held_out_sleep() -> LabelledSet:
    return load("heldout/sleep.json")


def held_out_themes() -> tuple[LabelledSet, ...]:
    """One new author's set per theme, measured once and never tuned on (the unknown
    theme's set among them): the check that tuning on other sets generalises."""
    return tuple(
        load(f"heldout/{path.name}") for path in sorted((DATA / "heldout").glob("theme*.json"))
    )


def clusters(relative: str) -> Clusters:
    return load(relative).clusters

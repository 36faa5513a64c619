"""`ouderbot grouping-eval`, `ouderbot lexicon check` and `ouderbot lexicon suggest`: the
grouping engine's tools for coordinators and developers (no bot, no token; only
`suggest` reads the database)."""

from __future__ import annotations

import json
from pathlib import Path

from bot.config import Settings
from bot.webinar.encoder import E5Encoder
from bot.webinar.grouping_eval import evaluate_orders, load_set
from bot.webinar.lexicon import (
    CORE_NAME,
    LEXICON_DIR,
    LexiconError,
    LexiconFile,
    check_files,
    read_file,
    theme_file_for,
    theme_files,
)
from bot.webinar.lexicon_suggestions import suggestions


def grouping_eval(path: Path, orders: int, as_json: bool) -> int:
    """Print the grouping's figures on a labelled set, means over `orders` insertion
    orders (the worst vague count over all of them). Exit 2 when the set is unreadable."""
    try:
        labelled = load_set(path)
    except ValueError as error:
        print(f"grouping-eval: {error}")
        return 2
    figures = evaluate_orders(
        labelled.clusters,
        labelled.general,
        labelled.theme,
        max(orders, 1),
        pair_scores=False,
        # The card figures (text output only) are the card's: the encoder's suggestions too.
        encoder=None if as_json else E5Encoder(),
    )
    if as_json:
        print(json.dumps(figures.as_json()))
        return 0
    theme_file = theme_file_for(labelled.theme) or "none (the core only)"
    questions = sum(map(len, labelled.clusters)) + len(labelled.general)
    print(f"{path.name}: theme {labelled.theme!r}, lexicon {theme_file}, {questions} questions")
    print(
        f"precision {figures.precision:.3f}  recall {figures.recall:.3f}  f1 {figures.f1:.3f}"
        f"  vague_worst {figures.vague_worst}  (means over {len(figures.runs)} orders)"
    )
    print(
        f"a waiting paraphrase on the card: {figures.suggested:.2f};"
        f" in another language: {figures.crosslingual:.2f}"
    )
    return 0


def lexicon_check(path: Path | None) -> int:
    """Validate the shipped lexicons, or one file read with them (a new or edited theme
    file, by its path). Prints each problem; exit 1 when there are any."""
    try:
        files = _files_with(path)
    except LexiconError as error:
        print(f"lexicon check: {error}")
        return 1
    problems = check_files(files)
    for problem in problems:
        print(problem)
    if problems:
        return 1
    themes = [f for f in files if not f.is_core]
    concepts = sum(len(f.concepts) for f in files)
    print(f"{len(files)} lexicon files, {len(themes)} themes, {concepts} concepts: all fine")
    return 0


def _files_with(path: Path | None) -> list[LexiconFile]:
    files = [read_file(LEXICON_DIR / f"{CORE_NAME}.toml"), *theme_files()]
    if path is None:
        return files
    extra = read_file(path)
    kept = [f for f in files if f.path.name != path.name and f.name != extra.name]
    if extra.is_core:
        kept = [f for f in kept if not f.is_core]
    return [*kept, extra]


async def lexicon_suggest(settings: Settings, min_merges: int) -> int:
    """Print what the gespreksleiders' merges suggest adding to the theme lexicons
    (`bot.webinar.lexicon_suggestions`), grouped by theme file."""
    from storage.db import Database
    from storage.questions import QuestionRepository

    db = await Database.open(
        settings.storage.database, busy_timeout_ms=settings.storage.busy_timeout_ms
    )
    try:
        merges = await QuestionRepository(db).merged_features()
    finally:
        await db.close()
    found = suggestions(merges, max(min_merges, 1))
    if not found:
        print(f"no word was seen in {min_merges} or more merges")
        return 0
    theme = None
    for suggestion in found:
        if suggestion.theme != theme:
            theme = suggestion.theme
            print(f"\n[{theme or CORE_NAME}]  (add to its file, then: ouderbot lexicon check)")
        print(suggestion.toml_line())
    return 0

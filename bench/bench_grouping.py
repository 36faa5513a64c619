"""Benchmark and quality figures of the question grouping (issue 11).

    python -m bench.bench_grouping [--open-questions 10000] [--speed-only]

1. Quality: pairwise precision, recall, F1 and average precision on the labelled sets
   (tuning sets and the held-out set), as in the README.
2. CPU per added question (features, placing, indexing) with 10,000 open questions in
   one sleep webinar: target at most 3 ms.
3. The first pull after a restart: the index rebuilt from 10,000 stored rows, with the
   stored features (as the bot does) and without them (re-reading every text).
4. Memory of the index of 10,000 questions (traced Python allocations).
5. The card's sentence encoder (bot.webinar.encoder): reading the model (time, resident
   memory before and after), encoding a question (one at a time, and the 400 a first
   card encodes at once) against reading its features with the lexicon, and finding
   the nearest among 400.

Runs in process, on a real SQLite file, without Telegram. Figures are printed; nothing
here is a test.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import operator
import random
import statistics
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.core.clock import ManualClock
from bot.core.i18n import Translator
from bot.core.masking import Masker
from bot.core.models import User
from bot.webinar.grouping import GroupingIndex, encode
from bot.webinar.grouping_eval import evaluate_orders
from bot.webinar.lexicon import Lexicon, lexicon_for_theme
from bot.webinar.question_desk import QuestionDesk
from storage.db import Database
from storage.questions import QuestionRepository
from storage.users import UserRepository
from storage.webinars import WebinarDraft, WebinarRepository
from tests.data.labelled import held_out_sleep, load, tuning_sets

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
# The placeholders the bot masks with by default (Dutch).
MASKER = Masker.in_language(Translator("nl"), "nl")
FILLER = ["echt", "heel erg", "al weken", "sinds kort", "help", "pff", "ik weet het niet meer"]


def quality() -> list[str]:
    """Means over 5 insertion orders on every tuning set, then the held-out set's
    aggregate figures (the only place they are printed: never tune on them)."""
    lines = []
    held_out = held_out_sleep()
    labelled = [
        *((s.name, s.clusters, s.general, s.theme) for s in tuning_sets()),
        ("HELD-OUT sleep set (never tuned on)", held_out.clusters, held_out.general, "slapen"),
    ]
    for name, clusters, general, theme in labelled:
        five = evaluate_orders(clusters, general, theme)
        first = five.runs[0]
        lines.append(
            f"{name}: {first.questions} questions; grouping P {five.precision:.2f}"
            f" R {five.recall:.2f} F1 {five.f1:.2f} (mean of 5 orders); pair-score AP"
            f" {first.average_precision:.2f}; general questions grouped with specific ones:"
            f" at most {five.vague_worst}"
        )
    return lines


def webinar_texts(count: int, seed: int = 1) -> list[str]:
    """Sleep-webinar questions: the labelled texts, varied so that few are identical."""
    sleep, many = load("sets/sleep.json"), load("sets/question.json")
    pool = [t for c in (*sleep.clusters, *many.clusters) for t in c]
    pool += list(sleep.general)
    rng = random.Random(seed)
    return [f"{rng.choice(pool)} {rng.choice(FILLER)} {n}" for n in range(count)]


def cpu_per_add(texts: list[str], measured: int, traced: bool) -> tuple[list[float], float]:
    """CPU ms of features + place + add (+ absorb) for the last `measured` texts, and the
    traced MB of the index when `traced` (tracemalloc traces every allocation, which makes
    the CPU figures of that pass several times what the bot spends: until the third round
    of issue 11 they were measured that way)."""
    # A lexicon of its own, so that each pass starts cold, as a fresh process would.
    index = GroupingIndex("slapen", Lexicon(lexicon_for_theme("slapen").files))
    if traced:
        tracemalloc.start()
    costs = []
    for key, text in enumerate(texts, 1):
        started = time.process_time()
        found = index.features(text)
        group, fits = index.placement(-1, found)
        index.add(key, found, asker=key % 3000, group=group)
        if group is not None:  # as the desk does: a question fitting two alike groups
            index.absorb(key, fits)
        if key > len(texts) - measured:
            costs.append((time.process_time() - started) * 1000)
    if not traced:
        return costs, 0.0
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return costs, current / 1e6


async def restart(texts: list[str], folder: Path) -> dict[str, float]:
    """Fill a database through the desk, then time a fresh desk's first grouping."""
    db = await Database.open(folder / "grouping.sqlite3")
    webinars = WebinarRepository(db)
    await webinars.upsert(
        [WebinarDraft("w1", "Slapen", "slapen", START, START + timedelta(hours=1), None)]
    )
    webinar = await webinars.by_code("w1")
    assert webinar is not None
    users = UserRepository(db)
    for user_id in range(1, 3001):
        await users.ensure(user_id, "nl", START)
    # Gespreksleider 99 opened the webinar: only they may pull from its queue.
    await users.ensure(99, "nl", START)
    await webinars.join(webinar.id, 99, START)
    desk = QuestionDesk(QuestionRepository(db), ManualClock(START), MASKER)
    started = time.perf_counter()
    for number, text in enumerate(texts):
        parent = User(1 + number % 3000, "nl", True, False, None, 1, None, True)
        await desk.ask(webinar, parent, number, text)
    ask_seconds = time.perf_counter() - started
    figures = {"ask_ms_wall_each": ask_seconds * 1000 / len(texts)}
    for label in ("stored", "texts"):
        if label == "texts":
            await db.write(lambda conn: conn.execute("UPDATE questions SET features = NULL"))
        fresh = QuestionDesk(QuestionRepository(db), ManualClock(START), MASKER)
        cpu, wall = time.process_time(), time.perf_counter()
        card = await fresh.pull_next(webinar, 99)
        figures[f"first_pull_{label}_ms"] = (time.perf_counter() - wall) * 1000
        figures[f"first_pull_{label}_cpu_ms"] = (time.process_time() - cpu) * 1000
        assert card is not None
        await fresh.questions.release(card.question.id, 99, defer=False)
        wall = time.perf_counter()
        card = await fresh.pull_next(webinar, 99)
        figures[f"second_pull_{label}_ms"] = (time.perf_counter() - wall) * 1000
        assert card is not None
        await fresh.questions.release(card.question.id, 99, defer=False)
    await db.close()
    return figures


def main(open_questions: int, with_quality: bool) -> None:
    if with_quality:
        for line in quality():
            print(line)
    texts = webinar_texts(open_questions)
    traced_mb = 0.0
    for traced in (True, False):
        costs, megabytes = cpu_per_add(texts, 1000, traced)
        traced_mb = max(traced_mb, megabytes)
        costs.sort()
        print(
            f"CPU per added question with {open_questions - 1000}-{open_questions} open"
            f" questions{' (under tracemalloc)' if traced else ''}:"
            f" mean {statistics.mean(costs):.2f} ms, p50 {costs[len(costs) // 2]:.2f} ms,"
            f" p95 {costs[int(len(costs) * 0.95)]:.2f} ms, max {costs[-1]:.2f} ms (target <= 3)"
        )
    print(f"index of {open_questions} questions: {traced_mb:.1f} MB of traced allocations")
    sleep_index = GroupingIndex("slapen")
    stored = sum(len(encode(sleep_index.features(t))) for t in texts[:1000]) / 1000
    print(f"stored features: {stored:.0f} characters per question on average")
    with tempfile.TemporaryDirectory(prefix="ouderbot-grouping-") as folder:
        figures = asyncio.run(restart(texts, Path(folder)))
    print(
        f"asking through the desk (SQLite, wall): {figures['ask_ms_wall_each']:.2f} ms each;"
        f" first /volgende after a restart: {figures['first_pull_stored_ms']:.0f} ms"
        f" (CPU {figures['first_pull_stored_cpu_ms']:.0f} ms) from stored features,"
        f" {figures['first_pull_texts_ms']:.0f} ms"
        f" (CPU {figures['first_pull_texts_cpu_ms']:.0f} ms) re-reading the texts;"
        f" next pulls {figures['second_pull_stored_ms']:.1f} ms"
    )
    encoder_figures(texts)


def encoder_figures(texts: list[str]) -> None:
    import psutil

    from bot.webinar.encoder import E5Encoder, nearest

    process = psutil.Process()
    before_mb = process.memory_info().rss / 1e6
    started = time.perf_counter()
    encoder = E5Encoder()
    encoder.embed(["warm"])
    load_s = time.perf_counter() - started
    after_mb = process.memory_info().rss / 1e6
    print(
        f"sentence encoder: read in {load_s:.2f} s; resident memory {before_mb:.0f} MB"
        f" -> {after_mb:.0f} MB (+{after_mb - before_mb:.0f} MB)"
    )
    sample = texts[:200]
    lexicon = lexicon_for_theme("slapen")
    one_ms, lexicon_ms = [], []
    for text in sample:
        started = time.perf_counter()
        encoder.embed([text])
        one_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        lexicon.normalize(text + " ")  # a new string: not the lexicon's cache
        lexicon_ms.append((time.perf_counter() - started) * 1000)
    one_ms.sort()
    started = time.perf_counter()
    vectors = encoder.embed(texts[:400]) or []
    batch_ms = (time.perf_counter() - started) * 1000
    by_key = dict(enumerate(vectors))
    near_ms = []
    for key in range(100):
        started = time.perf_counter()
        nearest(by_key[key], by_key, functools.partial(operator.ne, key), 3)
        near_ms.append((time.perf_counter() - started) * 1000)
    near_ms.sort()
    print(
        f"encoding a question: p50 {one_ms[len(one_ms) // 2]:.2f} ms, p95"
        f" {one_ms[int(len(one_ms) * 0.95)]:.2f} ms one at a time"
        f" ({statistics.mean(one_ms) / statistics.mean(lexicon_ms):.1f} x reading it with the"
        f" lexicon, {statistics.mean(lexicon_ms):.2f} ms); 400 at once (a first card)"
        f" {batch_ms:.0f} ms; the nearest among 400: p95 {near_ms[94]:.2f} ms"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--open-questions", type=int, default=10_000)
    parser.add_argument(
        "--speed-only", action="store_true", help="leave out the labelled sets' figures"
    )
    arguments = parser.parse_args()
    main(arguments.open_questions, with_quality=not arguments.speed_only)

"""The webinar question queue as the domain sees it: asking, grouping, pulling, merging.

Similar questions are grouped by `bot.webinar.grouping`: one in-memory `GroupingIndex`
per webinar, rebuilt from the features stored with each question the first time it is
needed (a restart re-reads no texts), and updated as questions arrive and leave the
queue. Every member of a group carries the group's number of distinct other parents in
`similar_count`, which ranks the queue (votes plus parents, then age).

The card and the web board use the same calls: `groups`, `card`, `toggle`, `merge`,
`undo_merge`, `pull`.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.core.clock import Clock
from bot.core.masking import Masker
from bot.core.models import Question, QuestionState, User, Webinar
from bot.webinar.encoder import (
    SentenceEncoder,
    Vector,
    nearest,
    on_card,
    other_language_bonus,
)
from bot.webinar.grouping import (
    Features,
    Group,
    GroupingIndex,
    decode,
    encode,
)
from bot.webinar.lexicon import language_of
from storage.db import StorageError
from storage.questions import AddedQuestion, MergedRow, Notify, QuestionRepository

# At most this many other questions are listed on a card (and merged by one tap): a
# gespreksleider sees every text a merge combines.
log = logging.getLogger(__name__)

MAX_CARD_MEMBERS = 8
MAX_CARD_MAYBE = 3
# Under a theme no lexicon file knows, nothing is grouped on its own: the card's
# suggestions are how the gespreksleider groups there, so it lists more of them (on the
# held-out sets a waiting paraphrase was on it 0.59 of the time with 3, 0.72 with 5).
MAX_CARD_MAYBE_UNKNOWN_THEME = 5
# How many of the card's places the encoder's nearest may take (`encoder_places`): one
# under a theme with a lexicon file; three of the five under an unknown theme, where the
# core lexicon's suggestions are weak (on the three unknown held-out themes a waiting
# paraphrase was on the card 0.765 -> 0.782 of the time, a tr/ar/en question's Dutch one
# 0.715 -> 0.749; on the grief tuning set 0.81 -> 0.83 and 0.66 -> 0.68).
ENCODER_PLACES = 1
ENCODER_PLACES_UNKNOWN_THEME = 3
# The encoder's suggestions are looked for among this many of the newest waiting
# questions (a real webinar has 30-300; each is encoded once, about 35 ms).
MAX_ENCODED = 400
# At most this many not yet encoded are encoded while a card waits (about 35 ms each);
# more, in the background (see `QuestionDesk._nearest`). Once the model is read, a new
# question is encoded in the background as it arrives.
ENCODE_ON_THE_CARD = 4
# The background encodes this many at a time (between them the cards see the new ones).
_ENCODE_BATCH = 16
# In a burst (many other parents' messages waiting), a question is stored and
# acknowledged without being grouped, and grouped with the others of that moment this
# many seconds later: the acknowledgement does not wait for grouping (it then gives the
# queue position without the similar count).
GROUP_LATER_WITHIN = 0.25
# A question stored in a burst whose update has not committed yet is looked for again at
# the next round, for at most this long (see `QuestionDesk._look_again`).
_LOOK_FOR_UNSEEN = timedelta(seconds=30)


@dataclass(frozen=True)
class Asked:
    question: Question
    position: int
    similar_count: int
    created: bool


@dataclass(frozen=True)
class Member:
    """Another waiting question shown on a card."""

    id: int
    number: int  # per webinar, what people see ("Vraag 3")
    text: str
    same_parent: bool  # asked by the card question's own asker
    included: bool  # merged by the next tap on "merge"
    maybe: bool  # "misschien hetzelfde": between the thresholds, left out unless picked


@dataclass(frozen=True)
class Card:
    """What a gespreksleider sees of the question they pulled."""

    question: Question
    members: list[Member]  # its group, then the "maybe" ones
    other_parents: int  # distinct other parents in its group
    remaining: int
    general: bool  # a general question ("is dit normaal bij slapen?")
    undo_merge: int | None  # the newest merge (each in `merged` can be undone)
    merged: list[MergedRow] = field(default_factory=list)  # folded into it, per merge

    @property
    def merges(self) -> list[int]:
        """The merges into this question that can still be undone, oldest first."""
        return sorted({row.merge_id for row in self.merged})

    @property
    def similar_open(self) -> list[int]:
        """The ids a tap on "merge" would fold into this question."""
        return [member.id for member in self.members if member.included]


@dataclass(frozen=True)
class GroupView:
    """A group of waiting questions, for /rij and the web board."""

    key: int
    general: bool
    question_ids: list[int]  # oldest first
    parents: int  # distinct parents who asked a question in it

    @property
    def size(self) -> int:
        return len(self.question_ids)


@dataclass(frozen=True)
class Merged:
    merge_id: int
    question_ids: list[int]


@dataclass
class _Picks:
    """A card's toggles: members left out, maybe-ones taken in."""

    left_out: set[int] = field(default_factory=set)
    taken_in: set[int] = field(default_factory=set)


def maybe_limit(index: GroupingIndex) -> int:
    """How many "misschien hetzelfde" a card in this webinar lists."""
    return MAX_CARD_MAYBE_UNKNOWN_THEME if index.unknown_theme else MAX_CARD_MAYBE


def encoder_places(index: GroupingIndex) -> int:
    """How many of a card's "misschien hetzelfde" the encoder may fill (`on_card`)."""
    return ENCODER_PLACES_UNKNOWN_THEME if index.unknown_theme else ENCODER_PLACES


def card_nearest(
    index: GroupingIndex,
    key: int,
    vector: Vector,
    language: str,
    vectors: Mapping[int, Vector],
    languages: Mapping[int, str],
) -> list[int]:
    """The waiting questions (by their `vectors` and `languages`) the encoder finds nearest
    to question `key` (its `vector`, in `language`) that its card may suggest, nearest
    first: the desk's cards and the evaluation tool's (bot.webinar.grouping_eval)."""
    return nearest(
        vector,
        vectors,
        lambda other: index.may_suggest(key, other),
        maybe_limit(index),
        other_language_bonus(language, languages),
    )


def card_maybe(
    index: GroupingIndex, lexicon_best: Iterable[int], nearest_ids: Iterable[int]
) -> list[int]:
    """A card's "misschien hetzelfde" in this webinar: the lexicon's best and the
    encoder's nearest (`on_card`, with this webinar's `maybe_limit` and `encoder_places`)."""
    return on_card(lexicon_best, nearest_ids, maybe_limit(index), encoder_places(index))


class QuestionDesk:
    def __init__(
        self,
        questions: QuestionRepository,
        clock: Clock,
        mask: Masker,
        encoder: SentenceEncoder | None = None,
    ):
        self.questions = questions
        self.clock = clock
        self.mask = mask
        # Fills the card's "misschien hetzelfde" (bot.webinar.encoder); None: the
        # lexicon's alone.
        self.encoder = encoder
        # webinar -> question -> the encoder's vector and the text's language
        self._vectors: dict[int, dict[int, tuple[Vector, str]]] = {}
        self._encoding: dict[int, asyncio.Task[None]] = {}  # webinar -> encoding them
        self._to_encode: dict[int, dict[int, str | None]] = {}  # webinar -> question -> text
        # Whether many other updates wait (bot.app wires the update processor's count):
        # then a question is grouped after its acknowledgement, not before.
        self.in_a_burst: Callable[[], bool] = lambda: False
        self._later: dict[int, list[int]] = {}  # webinar -> questions stored ungrouped
        # When each was first looked for before its update had committed it.
        self._not_yet_seen: dict[int, datetime] = {}
        self._grouping_later: dict[int, asyncio.Task[None]] = {}
        self._closed = False
        self._indexes: dict[int, GroupingIndex] = {}
        self._features: dict[int, dict[int, Features]] = {}
        self._building: dict[int, asyncio.Lock] = {}
        self._picks: dict[int, _Picks] = {}

    # --- the index -------------------------------------------------------------------
    async def _index(self, webinar_id: int) -> GroupingIndex:
        index = self._indexes.get(webinar_id)
        if index is not None:
            if self._later.get(webinar_id):  # what a reader sees includes the burst's
                await self._group_the_later_ones(webinar_id)
            return index
        lock = self._building.setdefault(webinar_id, asyncio.Lock())
        async with lock:
            if webinar_id not in self._indexes:
                theme, rows = await self.questions.indexed(webinar_id)
                fresh = GroupingIndex(theme)
                found: dict[int, Features] = {}
                missing: list[tuple[int, str, int]] = []
                for row in rows:
                    stored = decode(row.features) if row.features is not None else None
                    if stored is not None and not fresh.current(stored):
                        stored = None  # the lexicon was edited since: read the text again
                    found[row.id] = stored if stored is not None else fresh.features(row.text)
                    group = fresh.add(
                        row.id,
                        found[row.id],
                        asker=row.asker_id,
                        group=row.group_key if stored is not None else None,
                        refresh=stored is None,
                    )
                    if stored is None or row.group_key != group.key:
                        missing.append((row.id, encode(found[row.id]), group.key))
                fresh.refresh()
                await self.questions.set_features(missing)
                self._features[webinar_id] = found
                self._indexes[webinar_id] = fresh
        return self._indexes[webinar_id]

    def forget_webinar(self, webinar_id: int) -> None:
        self._indexes.pop(webinar_id, None)
        self._features.pop(webinar_id, None)
        self._vectors.pop(webinar_id, None)

    async def _recount(self, webinar_id: int, group_key: int) -> None:
        index = self._indexes.get(webinar_id)
        if index is None:
            return
        group = index.groups.get(group_key)
        count = 0 if group is None or group.general else index.parents(group) - 1
        await self.questions.set_group_count(webinar_id, group_key, count)

    # --- asking ----------------------------------------------------------------------
    async def ask(self, webinar: Webinar, asker: User, source_msg: int, text: str) -> Asked:
        """Store a (cleaned) question, masked, grouped, and say where it stands. In a
        burst it is grouped right after (`GROUP_LATER_WITHIN`), not before."""
        masked = self.mask(text)
        if self.in_a_burst():
            return await self._ask_and_group_later(webinar, asker, source_msg, masked)
        index = await self._index(webinar.id)
        found = index.features(masked)
        group_key, fits = index.placement(-1, found)

        def others() -> int:
            """The count it will have once it is in: distinct other parents of the group.
            Asked by the repository once this update holds the writer, when every question
            stored before is in the index (an update adds its question to the index before
            it lets the writer go): under a burst, counted before that, a question that
            joined meanwhile made a second write (a recount) necessary for most questions."""
            group = index.groups.get(group_key) if group_key is not None else None
            if group is None or group.general:  # its own, or the general group
                return 0
            askers = {index.asker(member) for member in group.members}
            askers.discard(asker.id)
            return len(askers)

        added = await self._store(
            webinar, asker, source_msg, masked, others, encode(found), group_key
        )
        question = added.question
        if added.created:
            group, moved = self._place(
                webinar.id, index, question.id, found, asker.id, group_key, fits, masked
            )
            if moved:
                await self.questions.set_group_key(moved, group.key)
            if group_key is None:  # a group of its own: its key is its id
                await self.questions.set_features([(question.id, encode(found), group.key)])
            elif not group.general and (
                moved or index.parents(group) - 1 != question.similar_count
            ):
                # Another group was merged in, or another parent's question joined the
                # group while this one was stored (one stored outside an update, which
                # does not hold the writer).
                await self._recount(webinar.id, group.key)
                refreshed = await self.questions.get(question.id)
                question = refreshed if refreshed is not None else question
        return Asked(question, added.position, question.similar_count, added.created)

    async def _store(
        self,
        webinar: Webinar,
        asker: User,
        source_msg: int,
        masked: str,
        similar_count: int | Callable[[], int] = 0,
        features: str | None = None,
        group_key: int | None = None,
    ) -> AddedQuestion:
        """Store an asked question, grouped (its features, group and count) or not yet."""
        return await self.questions.add(
            webinar_id=webinar.id,
            asker_id=asker.id,
            source_msg=source_msg,
            text=masked,
            shown_name=asker.first_name if asker.show_name else None,
            similar_count=similar_count,
            features=features,
            group_key=group_key,
            now=self.clock.now(),
        )

    def _place(
        self,
        webinar_id: int,
        index: GroupingIndex,
        question_id: int,
        found: Features,
        asker_id: int | None,
        group_key: int | None,
        fits: dict[int, float],
        text: str,
    ) -> tuple[Group, list[int]]:
        """Add a stored question to the index where `placement` put it; a question that
        fits two alike groups joins them into one (its own): the questions that moved.
        The encoder gets its text now (`_encode_on_arrival`)."""
        group = index.add(question_id, found, asker=asker_id, group=group_key)
        self._features.setdefault(webinar_id, {})[question_id] = found
        self._encode_on_arrival(webinar_id, question_id, text)
        moved = [] if group_key is None or group.general else index.absorb(question_id, fits)
        return group, moved

    async def _ask_and_group_later(
        self, webinar: Webinar, asker: User, source_msg: int, masked: str
    ) -> Asked:
        added = await self._store(webinar, asker, source_msg, masked)
        if added.created:
            self._later.setdefault(webinar.id, []).append(added.question.id)
            self._group_soon(webinar.id)
        return Asked(added.question, added.position, 0, added.created)

    def _group_soon(self, webinar_id: int) -> None:
        _in_background(self._grouping_later, webinar_id, self._group_when_quiet)

    async def _group_when_quiet(self, webinar_id: int) -> None:
        try:
            # The burst's questions of the next moment are grouped together, after it.
            await asyncio.sleep(GROUP_LATER_WITHIN)
            await self._group_the_later_ones(webinar_id)
        except StorageError as error:
            # The index is read again from what is stored (their texts) when next needed.
            log.warning("grouping after a burst failed: %s", type(error).__name__)
            self.forget_webinar(webinar_id)
        finally:
            del self._grouping_later[webinar_id]
            if self._later.get(webinar_id) and not self._closed:
                self._group_soon(webinar_id)

    async def close(self) -> None:
        """Group now what waits to be grouped (at a stop: a restart would read it again
        from the stored texts otherwise)."""
        self._closed = True
        for task in [*self._grouping_later.values(), *self._encoding.values()]:
            task.cancel()
        await asyncio.gather(*self._grouping_later.values(), return_exceptions=True)
        await asyncio.gather(*self._encoding.values(), return_exceptions=True)
        for webinar_id in list(self._later):
            await self._group_the_later_ones(webinar_id)

    async def grouped(self, webinar_id: int) -> None:
        """Until the questions stored ungrouped in a burst are grouped (tests, benchmarks)."""
        while (task := self._grouping_later.get(webinar_id)) is not None:
            await asyncio.shield(task)

    async def _group_the_later_ones(self, webinar_id: int) -> None:
        """Group the questions stored ungrouped, as `ask` groups one (a webinar whose index
        is not built yet reads them with the rest when it is)."""
        waiting = self._later.pop(webinar_id, [])
        if not waiting:
            return
        index = await self._index(webinar_id)  # built now, it holds them already
        not_yet: list[int] = []
        for question_id in waiting:
            if question_id in index:
                continue
            question = await self.questions.get(question_id)
            if question is None:
                # Stored by an update that has not committed yet (readers see committed
                # rows only; a long update, such as a rebuild of a large index, holds the
                # commit): look again at the next round.
                not_yet.append(question_id)
                continue
            self._not_yet_seen.pop(question_id, None)
            if question.state is not QuestionState.OPEN or question.text is None:
                continue
            found = index.features(question.text)
            group_key, fits = index.placement(question_id, found)
            group, moved = self._place(
                webinar_id,
                index,
                question_id,
                found,
                question.asker_id,
                group_key,
                fits,
                question.text,
            )
            await self.questions.set_features([(question_id, encode(found), group.key)])
            if moved:
                await self.questions.set_group_key(moved, group.key)
            if not group.general:
                await self._recount(webinar_id, group.key)
        self._look_again(webinar_id, not_yet)

    def _look_again(self, webinar_id: int, not_yet: list[int]) -> None:
        """Put questions not committed yet back for the next round; one not seen for
        `_LOOK_FOR_UNSEEN` is left to the next rebuild of the index, which groups a stored
        question without features from its text (an erased one is gone)."""
        now = self.clock.now()
        for question_id in not_yet:
            first = self._not_yet_seen.setdefault(question_id, now)
            if now - first > _LOOK_FOR_UNSEEN:
                del self._not_yet_seen[question_id]
                continue
            self._later.setdefault(webinar_id, []).append(question_id)
        if self._later.get(webinar_id) and not self._closed:
            self._group_soon(webinar_id)

    # --- groups ----------------------------------------------------------------------
    async def groups(self, webinar_id: int) -> list[GroupView]:
        """The waiting questions by group: most parents first, then oldest; the general
        group (if any) last."""
        index = await self._index(webinar_id)
        open_ids = await self.questions.still_open(
            [key for group in index.groups.values() for key in group.members]
        )
        views = []
        for group in index.groups.values():
            members = sorted(key for key in group.members if key in open_ids)
            if not members:
                continue
            parents = len({index.asker(key) for key in members})
            views.append(GroupView(group.key, group.general, members, parents))
        views.sort(key=lambda view: (view.general, -view.parents, view.question_ids[0]))
        return views

    # --- pulling ---------------------------------------------------------------------
    async def pull_next(self, webinar: Webinar, moderator_id: int) -> Card | None:
        question = await self.questions.claim_next(webinar.id, moderator_id, self.clock.now())
        if question is None:
            return None
        return await self.card(question)

    async def pull(self, webinar: Webinar, moderator_id: int, group_key: int) -> Card | None:
        """Claim the group's first waiting question (the same atomic claim as /volgende:
        if another gespreksleider took it first, the next one of the group is tried)."""
        for view in await self.groups(webinar.id):
            if view.key != group_key:
                continue
            for question_id in view.question_ids:
                question = await self.questions.pull(question_id, moderator_id, self.clock.now())
                if question is not None:
                    return await self.card(question)
        return None

    async def reserve_group(self, question: Question, moderator_id: int) -> int:
        """The rest of the held question's group is kept for this gespreksleider ("Neem
        deze groep"), to merge or take next; a colleague gets none of it meanwhile."""
        index = await self._index(question.webinar_id)
        group = index.group_of(question.id)
        if group is None:
            return 0
        others = [key for key in group.members if key != question.id]
        waiting = await self.questions.still_open(others)
        kept = [key for key in others if key in waiting]
        return await self.questions.reserve(question.webinar_id, moderator_id, kept)

    async def card(self, question: Question) -> Card:
        index = await self._index(question.webinar_id)
        group = index.group_of(question.id)
        candidates, maybe_ids = await self._card_questions(index, question, group)
        members = await self._members(index, question, candidates, maybe_ids)
        counts = await self.questions.counts(question.webinar_id)
        merged = await self.questions.merged_into(question.id)
        return Card(
            question,
            members,
            _other_parents(index, question, group, merged),
            counts.open,
            bool(group is not None and group.general),
            await self.questions.last_merge(question.id),
            merged,
        )

    async def _card_questions(
        self, index: GroupingIndex, question: Question, group: Group | None
    ) -> tuple[list[int], list[int]]:
        """The waiting members of the question's group and its "misschien hetzelfde"
        ones, as many as a card lists."""
        if group is None or group.general:
            return [], []
        found = self._features.get(question.webinar_id, {}).get(question.id)
        if found is None:
            found = index.features(question.text or "")
        # The oldest few: a card lists MAX_CARD_MEMBERS; some may be claimed by others.
        candidates = [key for key in group.members if key != question.id][: 4 * MAX_CARD_MEMBERS]
        maybe_ids = [key for key, _ in index.maybe(question.id, found)]
        nearest_ids = await self._nearest(index, question)
        open_ids = await self.questions.still_open([*candidates, *maybe_ids, *nearest_ids])
        return (
            [key for key in candidates if key in open_ids][:MAX_CARD_MEMBERS],
            card_maybe(
                index,
                [key for key in maybe_ids if key in open_ids],
                [key for key in nearest_ids if key in open_ids],
            ),
        )

    async def _nearest(self, index: GroupingIndex, question: Question) -> list[int]:
        """The waiting questions the encoder finds nearest to the card's question (among
        the newest `MAX_ENCODED`), that may be suggested on its card; [] without one.

        A card never waits long for the encoder: a few questions not encoded yet are
        encoded now (about 35 ms each), more of them (and the model's first read, at the
        first card of a process) in the background, and until then the card has
        the lexicon's suggestions alone."""
        if self.encoder is None:
            return []
        webinar_id = question.webinar_id
        keys = index.keys()[-MAX_ENCODED:]
        if question.id not in keys:
            keys.append(question.id)
        known = self._vectors.setdefault(webinar_id, {})
        missing = [key for key in keys if key not in known]
        if missing and self.encoder.ready and len(missing) <= ENCODE_ON_THE_CARD:
            await self._encode(webinar_id, dict.fromkeys(missing))
        elif missing:
            self._encode_soon(webinar_id, dict.fromkeys(missing))
        mine = known.get(question.id)
        if mine is None:
            return []
        others = [key for key in keys if key != question.id and key in known]
        return card_nearest(
            index,
            question.id,
            *mine,
            {key: known[key][0] for key in others},
            {key: known[key][1] for key in others},
        )

    def _encode_soon(self, webinar_id: int, missing: dict[int, str | None]) -> None:
        """Encode in the background (one task a webinar at a time, taking what is added
        while it runs). `missing`: question -> its text, or None to read it."""
        self._to_encode.setdefault(webinar_id, {}).update(missing)
        _in_background(self._encoding, webinar_id, self._encode_waiting)

    async def _encode_waiting(self, webinar_id: int) -> None:
        try:
            while waiting := self._to_encode.pop(webinar_id, {}):
                keys = sorted(waiting)
                for start in range(0, len(keys), _ENCODE_BATCH):
                    batch = keys[start : start + _ENCODE_BATCH]
                    await self._encode(webinar_id, {key: waiting[key] for key in batch})
        except StorageError as error:  # the next card asks again
            log.warning("encoding questions failed: %s", type(error).__name__)

    def _encode_on_arrival(self, webinar_id: int, question_id: int, text: str | None) -> None:
        """Once the model is read (a card was shown), a new question is encoded in the
        background as it arrives, so that the cards need not wait for it. With its text:
        the update that stores it may not have committed yet."""
        if self.encoder is not None and self.encoder.ready and not self._closed:
            self._encode_soon(webinar_id, {question_id: text})

    async def _encode(self, webinar_id: int, texts_of: dict[int, str | None]) -> None:
        """The encoder's vectors of these questions (by their texts; None: read it), kept
        for the webinar's cards. Those that left the queue meanwhile are not kept (nothing
        of an erased text stays), nor those whose text is not to be read (yet)."""
        assert self.encoder is not None
        unread = [key for key, text in texts_of.items() if text is None]
        stored = await self.questions.texts(unread) if unread else {}
        pairs = [
            (key, text if text is not None else stored.get(key)) for key, text in texts_of.items()
        ]
        keys = [key for key, text in pairs if text]
        texts = [text for _, text in pairs if text]
        if not keys:
            return
        found = await self.encoder.vectors(texts)
        index = self._indexes.get(webinar_id)
        if found is None or index is None:  # no encoder, or the webinar was forgotten
            return
        known = self._vectors.setdefault(webinar_id, {})
        known.update(
            (key, (vector, language_of(text)))
            for key, text, vector in zip(keys, texts, found, strict=True)
            if key in index
        )
        if len(known) > 2 * MAX_ENCODED:  # older questions no longer looked at
            newest = set(index.keys()[-MAX_ENCODED:])
            for key in set(known) - newest:
                del known[key]

    async def encoded(self, webinar_id: int) -> None:
        """Until the background encoding of the webinar's questions is done (tests)."""
        running = self._encoding.get(webinar_id)
        if running is not None:
            await asyncio.shield(running)

    async def _members(
        self, index: GroupingIndex, question: Question, candidates: list[int], maybe: list[int]
    ) -> list[Member]:
        """The card's other questions with their texts, numbers and toggles."""
        texts = await self.questions.texts([*candidates, *maybe])
        numbers = await self.questions.numbers([*candidates, *maybe])
        picks = self._picks.get(question.id, _Picks())
        same_group = [
            Member(
                key,
                numbers.get(key, 0),
                texts.get(key, ""),
                index.asker(key) == question.asker_id,
                key not in picks.left_out,
                False,
            )
            for key in candidates
        ]
        maybe_ones = [
            Member(key, numbers.get(key, 0), texts.get(key, ""), False, key in picks.taken_in, True)
            for key in maybe
        ]
        return same_group + maybe_ones

    async def toggle(self, question: Question, other_id: int) -> bool:
        """Leave a member of the card's group out of the next merge (or take it back in);
        take a "maybe" one in (or out again). False if `other_id` is not on the card."""
        card = await self.card(question)
        member = next((m for m in card.members if m.id == other_id), None)
        if member is None:
            return False
        picks = self._picks.setdefault(question.id, _Picks())
        chosen = picks.taken_in if member.maybe else picks.left_out
        if other_id in chosen:
            chosen.discard(other_id)
        else:
            chosen.add(other_id)
        return True

    # --- merging ---------------------------------------------------------------------
    async def merge(
        self, question: Question, moderator_id: int, others: list[int] | None = None
    ) -> Merged | None:
        """Fold `others` (default: what the card shows as included) into the claimed
        question. Nobody is told anything; `undo_merge` reverses it."""
        if others is None:
            others = (await self.card(question)).similar_open
        done = await self.questions.merge(question.id, moderator_id, others, self.clock.now())
        if done is None:
            return None
        merge_id, merged = done
        index = await self._index(question.webinar_id)
        # What the gespreksleider decided teaches the grouping of the next questions.
        known = self._features.get(question.webinar_id, {})
        index.learn([known[key] for key in (question.id, *merged) if key in known])
        picks = self._picks.get(question.id)
        for left_out in picks.left_out if picks is not None else ():
            index.keep_apart(question.id, left_out)
        touched = {group.key for key in merged if (group := index.group_of(key)) is not None}
        for key in merged:
            index.discard(key)
        # Merged questions now count as the question they went into: its group.
        for key in touched:
            await self._recount(question.webinar_id, key)
        self._picks.pop(question.id, None)
        return Merged(merge_id, merged)

    async def undo_merge(self, merge_id: int, moderator_id: int) -> list[int] | None:
        """Put a merge's questions back in the queue, in their groups. Nobody is told."""
        done = await self.questions.undo_merge(merge_id, moderator_id, self.clock.now())
        if done is None:
            return None
        into_id, restored = done
        into = await self.questions.get(into_id)
        assert into is not None
        index = await self._index(into.webinar_id)
        stored = {row.id: row for row in (await self.questions.indexed(into.webinar_id))[1]}
        touched = set()
        for key in restored:
            row = stored.get(key)
            if row is None:
                continue
            found = decode(row.features) if row.features else index.features(row.text)
            self._features.setdefault(into.webinar_id, {})[key] = found
            group = index.add(key, found, asker=row.asker_id, group=row.group_key)
            touched.add(group.key)
        for key in touched:
            await self._recount(into.webinar_id, key)
        return restored

    # --- finishing -------------------------------------------------------------------
    async def finish(
        self, question_id: int, moderator_id: int, how: str, notify: Notify
    ) -> list[int] | None:
        """Mark a claimed question answered; `notify` builds the askers' messages, which are
        queued in the same transaction. None if it was not this gespreksleider's."""
        askers = await self.questions.mark_answered(
            question_id, moderator_id, how, self.clock.now(), notify
        )
        if askers is not None:
            await self._leave_queue(question_id)
        return askers

    async def _leave_queue(self, question_id: int) -> None:
        self._picks.pop(question_id, None)
        # The row may be gone (a parent's data erased): look in every index.
        for webinar_id, index in list(self._indexes.items()):
            if question_id not in index:
                continue
            group = index.group_of(question_id)
            index.discard(question_id)
            self._features.get(webinar_id, {}).pop(question_id, None)
            self._vectors.get(webinar_id, {}).pop(question_id, None)
            if group is not None:
                await self._recount(webinar_id, group.key)

    async def left_queue(self, question_id: int) -> None:
        """Call after a question was removed or withdrawn."""
        await self._leave_queue(question_id)


def _in_background(
    tasks: dict[int, asyncio.Task[None]],
    webinar_id: int,
    work: Callable[[int], Coroutine[Any, Any, None]],
) -> None:
    """Start `work(webinar_id)` as the webinar's task in `tasks`, unless one runs. In a
    context of its own: it must not write as part of the update that started it
    (storage.db's current update)."""
    running = tasks.get(webinar_id)
    if running is not None and not running.done():
        return
    tasks[webinar_id] = asyncio.get_running_loop().create_task(
        work(webinar_id), context=contextvars.Context()
    )


def _other_parents(
    index: GroupingIndex, question: Question, group: Group | None, merged: list[MergedRow]
) -> int:
    """Distinct other parents who asked the card's question: its group's, and (merged
    questions left the index) those of the questions merged into it."""
    if not merged:
        return index.other_parents(question.id)
    in_group = [] if group is None or group.general else list(group.members)
    askers = {index.asker(key) for key in in_group}
    askers |= {row.asker_id for row in merged}
    return len(askers - {question.asker_id, None})

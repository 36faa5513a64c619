"""The webinar question queue as the domain sees it: asking, pulling, finishing.

Similar-question detection keeps one in-memory `SimilarityIndex` per webinar, built
from storage the first time it is needed (so a restart only costs a rebuild) and
updated as questions arrive and leave the queue.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from bot.core.clock import Clock
from bot.core.masking import Masker
from bot.core.models import Question, User, Webinar
from bot.webinar.similarity import SimilarityIndex
from storage.questions import Notify, QuestionRepository

MAX_SIMILAR_BUMPS = 10


@dataclass(frozen=True)
class Asked:
    question: Question
    position: int
    similar_count: int
    created: bool


@dataclass(frozen=True)
class Card:
    """What a gespreksleider sees of the question they pulled."""

    question: Question
    similar_open: list[int]
    remaining: int


class QuestionDesk:
    def __init__(self, questions: QuestionRepository, clock: Clock, mask: Masker):
        self.questions = questions
        self.clock = clock
        self.mask = mask
        self._indexes: dict[int, SimilarityIndex] = {}
        self._building: dict[int, asyncio.Lock] = {}

    async def _index(self, webinar_id: int) -> SimilarityIndex:
        index = self._indexes.get(webinar_id)
        if index is not None:
            return index
        lock = self._building.setdefault(webinar_id, asyncio.Lock())
        async with lock:
            if webinar_id not in self._indexes:
                fresh = SimilarityIndex()
                for question_id, text in await self.questions.comparable(webinar_id):
                    fresh.add(question_id, text)
                self._indexes[webinar_id] = fresh
        return self._indexes[webinar_id]

    def forget_webinar(self, webinar_id: int) -> None:
        self._indexes.pop(webinar_id, None)

    async def ask(self, webinar: Webinar, asker: User, source_msg: int, text: str) -> Asked:
        """Store a (cleaned) question, masked, and say where it stands."""
        masked = self.mask(text)
        index = await self._index(webinar.id)
        similar = index.similar_to(masked)
        added = await self.questions.add(
            webinar_id=webinar.id,
            asker_id=asker.id,
            source_msg=source_msg,
            text=masked,
            shown_name=asker.first_name if asker.show_name else None,
            similar_count=len(similar),
            # The closest ones count this question too. Bounded, so a question in a
            # cluster of 300 costs 10 row updates, not 300: every member of a large
            # cluster still ends up with a count of at least 10, ahead of all
            # questions without votes that fewer parents asked.
            bump=similar[:MAX_SIMILAR_BUMPS],
            now=self.clock.now(),
        )
        if added.created:
            index.add(added.question.id, masked)
        return Asked(added.question, added.position, added.question.similar_count, added.created)

    async def pull_next(self, webinar: Webinar, moderator_id: int) -> Card | None:
        question = await self.questions.claim_next(webinar.id, moderator_id, self.clock.now())
        if question is None:
            return None
        return await self.card(question)

    async def card(self, question: Question) -> Card:
        index = await self._index(question.webinar_id)
        similar = index.similar_to(question.text, exclude=question.id) if question.text else []
        open_ids = await self.questions.still_open(similar)
        counts = await self.questions.counts(question.webinar_id)
        return Card(question, [i for i in similar if i in open_ids], counts.open)

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

    async def merge_similar(self, question: Question, moderator_id: int) -> int:
        card = await self.card(question)
        merged = await self.questions.merge(question.id, moderator_id, card.similar_open)
        index = await self._index(question.webinar_id)
        for other in merged:
            index.discard(other)
        return len(merged)

    async def _leave_queue(self, question_id: int) -> None:
        question = await self.questions.get(question_id)
        if question is not None and question.webinar_id in self._indexes:
            self._indexes[question.webinar_id].discard(question_id)

    async def left_queue(self, question_id: int) -> None:
        """Call after a question was removed or withdrawn."""
        await self._leave_queue(question_id)

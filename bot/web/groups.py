"""The board's view of the queue: waiting questions in groups.

`QueueGroups.groups` is the one place the board gets its groups from. Today it clusters
the waiting questions with the similarity module's star clustering (the same notion of
"similar" as the chat card's counts) and orders groups as /volgende serves them; when
the grouping engine lands, this adapter is pointed at it and the JSON stays the same.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import datetime

from bot.core.models import Question, QuestionState
from bot.services import Services
from bot.webinar.similarity import group_similar


@dataclass(frozen=True)
class Member:
    id: int
    number: int  # place in the queue as /volgende would serve it, 1 = next
    text: str  # masked when it was asked (bot.core.masking)
    votes: int
    age_seconds: int
    deferred: bool
    visible: bool
    asker: int | None  # for counting distinct parents; never sent to the page

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "number": self.number,
            "text": self.text,
            "votes": self.votes,
            "age": self.age_seconds,
            "later": self.deferred,
            "visible": self.visible,
        }


@dataclass(frozen=True)
class Group:
    id: int  # the representative's question id
    kind: str  # "group"; the grouping engine adds "general" and "maybe"
    representative: Member
    members: list[Member]  # the representative first

    @property
    def count(self) -> int:
        """Distinct parents who asked something in this group."""
        askers = {m.asker if m.asker is not None else -m.id for m in self.members}
        return len(askers)

    @property
    def votes(self) -> int:
        return sum(m.votes for m in self.members)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "count": self.count,
            "votes": self.votes,
            "representative": self.representative.as_json(),
            "members": [m.as_json() for m in self.members],
        }


def member(question: Question, number: int, now: datetime) -> Member:
    return Member(
        id=question.id,
        number=number,
        text=question.text or "",
        votes=question.votes,
        age_seconds=max(0, int((now - question.created_at).total_seconds())),
        deferred=question.deferred,
        visible=question.visible,
        asker=question.asker_id,
    )


@dataclass(frozen=True)
class _Clustering:
    ids: tuple[int, ...]  # the waiting questions it was computed for, in queue order
    clusters: list[list[int]]  # question ids, the representative first
    at: float  # time.monotonic() when computed


class QueueGroups:
    """Groups of waiting questions per webinar.

    Clustering is quadratic in the queue (about 140 ms for 300 questions), so it runs in
    a worker thread, at most once per `RECLUSTER_SECONDS` per webinar, and is reused while
    the set of waiting questions stays the same. In between, questions that arrived show
    at once as groups of their own and finished ones drop out; votes and ages are always
    read fresh.
    """

    RECLUSTER_SECONDS = 1.0

    def __init__(self, services: Services):
        self.services = services
        self._clusterings: dict[int, _Clustering] = {}
        self._locks: dict[int, asyncio.Lock] = {}

    async def groups(self, webinar_id: int) -> list[Group]:
        services = self.services
        waiting = [
            q
            for q in await services.repos.questions.unanswered(webinar_id)
            if q.state is QuestionState.OPEN
        ]
        now = services.clock.now()
        members = {q.id: member(q, number, now) for number, q in enumerate(waiting, start=1)}
        groups = [
            Group(
                id=cluster[0],
                kind="group",
                representative=members[cluster[0]],
                members=[members[i] for i in cluster],
            )
            for cluster in await self._clusters(webinar_id, waiting)
        ]
        # In queue order: a group comes where its best-placed question would be served.
        groups.sort(key=lambda g: min(m.number for m in g.members))
        return groups

    async def _clusters(self, webinar_id: int, waiting: list[Question]) -> list[list[int]]:
        ids = tuple(q.id for q in waiting)
        known = self._clusterings.get(webinar_id)
        if known is not None and known.ids == ids:
            return known.clusters
        if known is not None and time.monotonic() - known.at < self.RECLUSTER_SECONDS:
            return _patched(known.clusters, ids)
        lock = self._locks.setdefault(webinar_id, asyncio.Lock())
        async with lock:
            known = self._clusterings.get(webinar_id)
            if known is not None and known.ids == ids:
                return known.clusters
            texts = [q.text or "" for q in waiting]
            found = await asyncio.to_thread(group_similar, texts)
            clusters = [[ids[i] for i in cluster] for cluster in found]
            self._clusterings[webinar_id] = _Clustering(ids, clusters, time.monotonic())
            return clusters


def _patched(clusters: list[list[int]], ids: tuple[int, ...]) -> list[list[int]]:
    """Older clusters fitted to the questions waiting now: finished ones left out, new
    ones alone until the next clustering."""
    present = set(ids)
    kept = [[i for i in cluster if i in present] for cluster in clusters]
    kept = [cluster for cluster in kept if cluster]
    placed = {i for cluster in kept for i in cluster}
    return kept + [[i] for i in ids if i not in placed]

"""The board's view of the queue: waiting questions in groups.

`QueueGroups.groups` is the one place the board gets its groups from. Today it clusters
the waiting questions with the similarity module's star clustering (the same notion of
"similar" as the chat card's counts) and orders groups as /volgende serves them; when
the grouping engine lands, this adapter is pointed at it and the JSON stays the same.
"""

from __future__ import annotations

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


class QueueGroups:
    """Groups of waiting questions per webinar. Clustering is quadratic in the queue, so
    the clusters of the last seen set of questions are kept and reused while it stays
    the same (votes and ages are read fresh every time)."""

    def __init__(self, services: Services):
        self.services = services
        self._clusters: dict[int, tuple[tuple[int, ...], list[list[int]]]] = {}

    async def groups(self, webinar_id: int) -> list[Group]:
        services = self.services
        waiting = [
            q
            for q in await services.repos.questions.unanswered(webinar_id)
            if q.state is QuestionState.OPEN
        ]
        now = services.clock.now()
        members = [member(q, number, now) for number, q in enumerate(waiting, start=1)]
        ids = tuple(q.id for q in waiting)
        cached = self._clusters.get(webinar_id)
        if cached is not None and cached[0] == ids:
            clusters = cached[1]
        else:
            clusters = group_similar([q.text or "" for q in waiting])
            self._clusters[webinar_id] = (ids, clusters)
        groups = [
            Group(
                id=members[cluster[0]].id,
                kind="group",
                representative=members[cluster[0]],
                members=[members[i] for i in cluster],
            )
            for cluster in clusters
        ]
        # In queue order: a group comes where its best-placed question would be served.
        groups.sort(key=lambda g: min(m.number for m in g.members))
        return groups

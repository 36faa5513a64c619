"""The board's view of the queue: waiting questions in groups.

`QueueGroups.groups` is the one place the board gets its groups from: the question
desk's groups (bot.webinar.grouping, the same groups as /rij and the chat card), with
votes and ages read fresh, in the order /volgende serves them; general questions last.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.models import Question, QuestionState
from bot.services import Services
from bot.webinar.lexicon import language_of
from bot.webinar.question_desk import GroupView


@dataclass(frozen=True)
class Member:
    id: int
    number: int  # the question's number in its webinar: the same in chat, board, exports
    place: int  # place in the queue as /volgende would serve it, 1 = next
    text: str  # masked when it was asked (bot.core.masking)
    votes: int
    age_seconds: int
    deferred: bool
    visible: bool
    asker: int | None  # for counting distinct parents; never sent to the page
    reserved_by: int | None = None  # kept for a gespreksleider who took its group

    def as_json(self, viewer: int | None = None) -> dict[str, object]:
        return {
            # Kept for a colleague ("Neem deze groep"): shown, not offered.
            "reserved": self.reserved_by is not None and self.reserved_by != viewer,
            "id": self.id,
            "number": self.number,
            "place": self.place,
            "text": self.text,
            "language": language_of(self.text),
            "votes": self.votes,
            "age": self.age_seconds,
            "later": self.deferred,
            "visible": self.visible,
        }


@dataclass(frozen=True)
class Group:
    id: int  # the representative's question id
    kind: str  # "group", or "general" for questions that only name the webinar's theme
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

    def as_json(self, viewer: int | None = None) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "count": self.count,
            "votes": self.votes,
            "representative": self.representative.as_json(viewer),
            "members": [m.as_json(viewer) for m in self.members],
        }


def member(question: Question, place: int, now: datetime) -> Member:
    return Member(
        id=question.id,
        number=question.number,
        place=place,
        text=question.text or "",
        votes=question.votes,
        age_seconds=max(0, int((now - question.created_at).total_seconds())),
        deferred=question.deferred,
        visible=question.visible,
        asker=question.asker_id,
        reserved_by=question.reserved_by,
    )


class QueueGroups:
    """Groups of waiting questions per webinar, as the question desk keeps them."""

    def __init__(self, services: Services):
        self.services = services

    async def groups(self, webinar_id: int) -> list[Group]:
        services = self.services
        waiting = [
            q
            for q in await services.repos.questions.unanswered(webinar_id)
            if q.state is QuestionState.OPEN
        ]
        now = services.clock.now()
        members = {q.id: member(q, place, now) for place, q in enumerate(waiting, start=1)}
        groups = [
            group
            for view in await services.desk.groups(webinar_id)
            if (group := _group_of(view, members)) is not None
        ]
        placed = {m.id for g in groups for m in g.members}
        # A question the desk has not indexed yet (asked a moment ago) stands alone.
        groups += [Group(i, "group", m, [m]) for i, m in members.items() if i not in placed]
        # In queue order: a group comes where its best-placed question would be served.
        groups.sort(key=lambda g: (g.kind == "general", g.representative.place))
        return groups


def _group_of(view: GroupView, members: dict[int, Member]) -> Group | None:
    """The desk's group as the board shows it: its waiting questions in queue order, the
    first placed representing it; None when none of them is waiting."""
    ids = sorted((i for i in view.question_ids if i in members), key=lambda i: members[i].place)
    if not ids:
        return None
    kind = "general" if view.general else "group"
    return Group(ids[0], kind, members[ids[0]], [members[i] for i in ids])

"""What a gespreksleider does with a question, whatever the screen they do it from.

The chat card (handlers.question_card) and the moderation board (bot.web) offer the
same actions with the same effects: "asked" tells the askers through the outbox, a
written answer reaches them the same way, merging folds votes together. Each method
re-checks on the server that the question is this gespreksleider's to act on and
returns a plain result; the caller decides what to show.

`wake` nudges the outbox dispatcher after a message was queued; `changed` tells the
queue panels (and anything else that mirrors the queue) that a webinar's queue changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.core.models import OutgoingMessage, Question, QuestionState, Webinar
from bot.core.text_input import clean_text, shorten
from bot.services import Services
from storage.questions import Notify, QuestionRepository, Restored

# Room for the question and the framing text within Telegram's 4,096 characters.
ANSWER_MAX_CHARS = 3000

UNDOABLE = ("asked", "back", "later", "remove", "merge", "show")


def asked_notice(question: Question, webinar_title: str) -> Notify:
    """The askers' "your question is being discussed now", queued with the finish."""

    def build(askers: list[int]) -> list[OutgoingMessage]:
        return [
            OutgoingMessage(
                user_id=asker,
                kind="question.asked",
                key="webinar.notify.asked",
                params={"title": webinar_title},
                dedup_key=f"asked:{question.id}:{asker}",
            )
            for asker in askers
        ]

    return build


def answer_notice(
    question: Question, webinar: Webinar, answer: str, own_words: dict[int, str] | None = None
) -> Notify:
    """The askers' written answer, queued in the transaction that finishes the question.
    `own_words`: each asker's own question (QuestionRepository.asker_texts), quoted to
    them instead of the text they were merged into."""
    words = own_words or {}

    def build(askers: list[int]) -> list[OutgoingMessage]:
        return [
            OutgoingMessage(
                user_id=asker,
                kind="question.answer",
                key="webinar.notify.written",
                params={
                    "title": webinar.title,
                    "question": shorten(words.get(asker, question.text or ""), 1000),
                    "answer": answer,
                },
                dedup_key=f"written:{question.id}:{asker}",
            )
            for asker in askers
        ]

    return build


def asked_correction(question: Question, webinar_title: str, now_key: str) -> Notify:
    """For askers told "your question is being discussed" when that was taken back."""

    def build(askers: list[int]) -> list[OutgoingMessage]:
        return [
            OutgoingMessage(
                user_id=asker,
                kind="question.asked_undone",
                key="webinar.notify.asked_undone",
                params={"title": webinar_title},
                dedup_key=f"asked-undone:{question.id}:{asker}:{now_key}",
            )
            for asker in askers
        ]

    return build


@dataclass(frozen=True)
class Undo:
    """How to take an action back: sent to the board with the result, checked again on
    the server when it comes back (it grants nothing a gespreksleider could not do)."""

    action: str
    question: int
    ids: tuple[int, ...] = ()
    deferred: bool = False
    merge_id: int = 0  # for "merge": the merge to take back (see QuestionDesk.undo_merge)


@dataclass(frozen=True)
class Outcome:
    done: bool
    undo: Undo | None = None
    merged: tuple[int, ...] = ()
    rejection: str | None = None  # why a written answer was not taken: "empty", "too_long"


class ModerationActions:
    def __init__(
        self,
        services: Services,
        wake: Callable[[], None],
        changed: Callable[[int], None],
    ):
        self.services = services
        self.wake = wake
        self.changed = changed

    @property
    def _questions(self) -> QuestionRepository:
        return self.services.repos.questions

    async def held(self, question_id: int, moderator_id: int) -> Question | None:
        """The question, if this gespreksleider holds it now."""
        question = await self._questions.get(question_id)
        if (
            question is None
            or question.state is not QuestionState.CLAIMED
            or question.claimed_by != moderator_id
        ):
            return None
        return question

    async def pick(
        self, webinar: Webinar, moderator_id: int, question_id: int, *, group: bool = False
    ) -> Question | None:
        """Take one waiting question (the board's pick); None if another has it. With
        `group` ("Neem deze groep") the rest of its group is kept for this gespreksleider."""
        question = await self._questions.claim(
            question_id, webinar.id, moderator_id, self.services.clock.now()
        )
        if question is not None:
            if group:
                await self.services.desk.reserve_group(question, moderator_id)
            self.changed(webinar.id)
        return question

    async def asked(self, question: Question, moderator_id: int) -> Outcome:
        webinar = await self.services.repos.webinars.by_id(question.webinar_id)
        assert webinar is not None
        askers = await self.services.desk.finish(
            question.id, moderator_id, "live", asked_notice(question, webinar.title)
        )
        return self._finished(question, askers is not None, Undo("asked", question.id))

    async def written(self, question: Question, moderator_id: int, text: str) -> Outcome:
        """Send a written answer to the askers; not done if the text is empty or too long."""
        cleaned = clean_text(text, ANSWER_MAX_CHARS)
        if cleaned.text is None:
            rejection = cleaned.rejection.value if cleaned.rejection else "empty"
            return Outcome(False, rejection=rejection)
        webinar = await self.services.repos.webinars.by_id(question.webinar_id)
        if webinar is None:
            return Outcome(False)
        own_words = await self._questions.asker_texts(question.id)
        notice = answer_notice(question, webinar, cleaned.text, own_words)
        # Finishing also drops a draft started with the chat card's "answer in writing".
        askers = await self.services.desk.finish(question.id, moderator_id, "written", notice)
        return self._finished(question, askers is not None, None)

    async def back(self, question: Question, moderator_id: int) -> Outcome:
        done = await self._questions.release(question.id, moderator_id, defer=False)
        return self._finished(question, done, Undo("back", question.id, (), question.deferred))

    async def later(self, question: Question, moderator_id: int) -> Outcome:
        done = await self._questions.release(question.id, moderator_id, defer=True)
        return self._finished(question, done, Undo("later", question.id, (), question.deferred))

    async def remove(self, question: Question, moderator_id: int) -> Outcome:
        done = await self._questions.remove(question.id, moderator_id)
        if done:
            await self.services.desk.left_queue(question.id)
        return self._finished(question, done, Undo("remove", question.id, (), question.deferred))

    async def show(self, question: Question, moderator_id: int) -> Outcome:
        done = await self._questions.set_visible(question.id, moderator_id, True)
        return self._finished(question, done, Undo("show", question.id))

    async def merge(self, question: Question, moderator_id: int, others: Sequence[int]) -> Outcome:
        """Fold the chosen waiting questions into the held one (their askers hear when it
        is answered, their votes count for it)."""
        merged = await self.services.desk.merge(question, moderator_id, list(others))
        if merged is None:
            return Outcome(False)
        self.changed(question.webinar_id)
        ids = tuple(merged.question_ids)
        return Outcome(True, Undo("merge", question.id, ids, merge_id=merged.merge_id), merged=ids)

    async def undo(self, webinar: Webinar, moderator_id: int, undo: Undo) -> bool:
        """Take back `undo.action`: the question is held by this gespreksleider again
        (back, later, remove), merged questions wait again (merge), a shown question is
        hidden again (show). False when it can no longer be taken back."""
        questions = self._questions
        if undo.action == "asked":  # the askers not told yet are not; the others corrected
            return await self.restore(webinar, undo.question, moderator_id) is not None
        if undo.action == "merge":
            done = await self.services.desk.undo_merge(undo.merge_id, moderator_id) is not None
        elif undo.action == "show":
            done = await questions.set_visible(undo.question, moderator_id, False)
        elif undo.action in ("back", "later", "remove"):
            question = await questions.claim(
                undo.question,
                webinar.id,
                moderator_id,
                self.services.clock.now(),
                deferred=undo.deferred,
            )
            done = question is not None
            if done and undo.action == "remove":
                self.services.desk.forget_webinar(webinar.id)
        else:
            return False
        if done:
            self.changed(webinar.id)
        return done

    async def restore(
        self, webinar: Webinar, question_id: int, moderator_id: int
    ) -> Restored | None:
        """An answered or removed question back to this gespreksleider (see
        QuestionRepository.restore); any gespreksleider of the webinar may."""
        question = await self._questions.get(question_id)
        if question is None or question.webinar_id != webinar.id:
            return None
        now = self.services.clock.now()
        correction = asked_correction(question, webinar.title, now.strftime("%Y%m%d%H%M%S"))
        restored = await self._questions.restore(
            question_id, webinar.id, moderator_id, now, correction
        )
        if restored is not None:
            self.services.desk.forget_webinar(webinar.id)  # its group again, rebuilt
            self.wake()
            self.changed(webinar.id)
        return restored

    async def hide(self, question: Question, moderator_id: int) -> Outcome:
        """Take "show to parents" back."""
        done = await self._questions.set_visible(question.id, moderator_id, False)
        return self._finished(question, done, None)

    def _finished(self, question: Question, done: bool, undo: Undo | None) -> Outcome:
        if done:
            self.wake()
            self.changed(question.webinar_id)
        return Outcome(done, undo if done else None)

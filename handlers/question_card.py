"""The card a gespreksleider sees for the question they pulled, and its buttons."""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Awaitable, Callable
from typing import Concatenate, ParamSpec

from telegram import Update

from bot.context import BotContext
from bot.core import callbacks
from bot.core.models import ChatMessage, Question, WebinarState
from bot.core.text_input import shorten
from bot.webinar.lexicon import language_of
from bot.webinar.moderation_actions import asked_notice
from bot.webinar.question_desk import Card
from handlers.common import (
    Label,
    chat_id,
    edit,
    edit_buttons,
    keyboard,
    pressed,
    queue,
    say,
    send_text,
)
from handlers.panels import queue_changed
from handlers.router import route

log = logging.getLogger(__name__)

# The newest merges each get an undo button on the card (older ones: on the board).
MAX_UNDO_BUTTONS = 4
UNDOABLE_FINISHES = ("moderation.card.done_asked", "moderation.card.done_removed")

P = ParamSpec("P")


def card_text(context: BotContext, card: Card) -> str:
    question = card.question
    lines = [
        context.tr(
            "moderation.card.heading",
            number=question.number,
            votes=question.votes,
            similar=context.services.t.count(
                context.language, "moderation.card.similar", card.other_parents
            ),
            remaining=card.remaining,
        )
    ]
    lines.append(f"<blockquote>{html.escape(question.text or '', quote=False)}</blockquote>")
    name = _language_name(context, question.text or "")
    if name is not None:  # the gespreksleider sees it was not asked in Dutch
        lines.append(context.tr("moderation.card.language", language=name))
    if question.shown_name:
        lines.append(context.tr("moderation.card.asked_by", name=question.shown_name))
    if question.visible:
        lines.append(context.tr("moderation.card.visible"))
    if card.general:
        lines.append(context.tr("moderation.card.general"))
    lines.extend(_member_lines(context, card))
    if card.merged:
        lines.append(context.tr("moderation.card.merged_heading", count=len(card.merged)))
        lines.extend(
            f"🔗 <b>{row.number}</b> {html.escape(shorten(row.text, 90), quote=False)}"
            for row in card.merged
        )
    return "\n".join(lines)


def _member_lines(context: BotContext, card: Card) -> list[str]:
    """The others a merge would combine (shortened, ✅ in / ⬜ left out), then the maybes."""
    lines: list[str] = []
    for maybe, heading in ((False, "moderation.card.group"), (True, "moderation.card.maybe")):
        members = [member for member in card.members if member.maybe == maybe]
        if not members:
            continue
        lines.append(context.tr(heading, count=len(members)))
        for member in members:
            same = " " + context.tr("moderation.card.same_parent") if member.same_parent else ""
            lines.append(
                f"{'✅' if member.included else '⬜'} <b>{member.number}</b> "
                f"{html.escape(shorten(member.text, 90), quote=False)}"
                f"{_language_mark(context, member.text)}{same}"
            )
    return lines


def _language_mark(context: BotContext, text: str) -> str:
    """ " (Türkçe)" after a question not in Dutch: a suggestion in another language is
    often its paraphrase, which the gespreksleider may not be able to read."""
    name = _language_name(context, text)
    return "" if name is None else f" ({name})"


def _language_name(context: BotContext, text: str) -> str | None:
    """The name of the language `text` is written in, None for Dutch."""
    language = language_of(text)
    return None if language == "nl" else context.services.t(language, "core.language.name")


def card_buttons(
    context: BotContext, card: Card, muted: bool = False
) -> list[list[tuple[str, str]]]:
    qid = card.question.id
    rows = [
        [
            ("moderation.card.asked", callbacks.CARD_ASKED.data(qid)),
            ("moderation.card.back", callbacks.CARD_BACK.data(qid)),
        ],
        [
            ("moderation.card.later", callbacks.CARD_LATER.data(qid)),
            ("moderation.card.remove", callbacks.CARD_REMOVE.data(qid)),
        ],
        [("moderation.card.write", callbacks.CARD_WRITE.data(qid))],
    ]
    toggles: list[tuple[str, str]] = [
        (
            Label(f"{'✅' if member.included else '⬜'} {member.number}"),
            callbacks.CARD_TOGGLE.data(qid, member.id),
        )
        for member in card.members
    ]
    rows.extend(toggles[i : i + 4] for i in range(0, len(toggles), 4))
    if card.similar_open:
        rows[2].append(("moderation.card.merge", callbacks.CARD_MERGE.data(qid)))
    # Every merge can be undone while the question is held: one button each (numbers).
    for merge_id in card.merges[-MAX_UNDO_BUTTONS:]:
        numbers = ", ".join(str(row.number) for row in card.merged if row.merge_id == merge_id)
        label = Label(context.tr("moderation.card.undo_merge", numbers=numbers))
        rows.append([(label, callbacks.CARD_UNDO.data(qid, merge_id))])
    second = [
        ("moderation.card.unmute", callbacks.CARD_UNMUTE.data(qid))
        if muted
        else ("moderation.card.mute", callbacks.CARD_MUTE.data(qid))
    ]
    if not card.question.visible:
        second.insert(0, ("moderation.card.show", callbacks.CARD_SHOW.data(qid)))
    else:
        second.insert(0, ("moderation.card.hide", callbacks.CARD_HIDE.data(qid)))
    rows.append(second)
    return rows


async def show_card(
    update: Update, context: BotContext, card: Card, *, edit_in_place: bool, confirm: bool = False
) -> None:
    """The card; with `confirm`, asking whether to pause the parent (yes / no only)."""
    text = card_text(context, card)
    muted = await _asker_muted(context, card.question)
    if muted:
        text += "\n" + context.tr("moderation.card.is_muted")
    buttons = card_buttons(context, card, muted)
    if confirm:
        qid = card.question.id
        text += "\n\n" + context.tr("moderation.card.mute_confirm")
        buttons = [
            [
                ("moderation.card.mute_yes", callbacks.CARD_MUTE_YES.data(qid)),
                ("moderation.card.mute_no", callbacks.CARD_MUTE_NO.data(qid)),
            ]
        ]
    if edit_in_place:
        await edit(update, context, text, buttons)
    else:
        chat = chat_id(update)
        await supersede_cards(update, context, card.question.webinar_id)
        # The dispatcher remembers the card's message id once sent ("qcard" recorder), so
        # that closing the webinar, or the next card, can take the card's buttons away.
        await send_text(
            context,
            chat,
            text,
            keyboard(context, buttons),
            purpose=f"qcard:{card.question.id}",
        )


async def supersede_cards(update: Update, context: BotContext, webinar_id: int) -> None:
    """A new card supersedes this chat's older ones: their buttons go, so none looks live
    and answers "niet (meer) van jou" (undo stays in /afgehandeld)."""
    chat = chat_id(update)
    old = await context.services.repos.panels.take_cards(webinar_id, chat)
    query = update.callback_query
    pressed_id = query.message.message_id if query is not None and query.message else None
    for message_id in old:
        if message_id != pressed_id:  # the pressed message's buttons: its action's
            await queue(context, ChatMessage(chat, method="markup", message_id=message_id))


async def _held_question(
    update: Update, context: BotContext, question_id: int, *, finished_too: bool
) -> Question | None:
    """The question, if this gespreksleider holds it; else the press is answered here."""
    question = await context.services.repos.questions.get(question_id)
    if question is not None and await webinar_closed(update, context, question.webinar_id):
        return None
    # Only the gespreksleider who pulled the question may act on it (forged or stale
    # presses included); nothing about the question is revealed otherwise. A pause can
    # be undone from the card of a question they finished, too.
    if (
        question is None
        or question.claimed_by != context.member.id
        or (question.state.value != "claimed" and not finished_too)
    ):
        await pressed(update).answer(context.tr("moderation.card.stale"), show_alert=True)
        return None
    return question


def _on_held_question(
    action: Callable[Concatenate[Update, BotContext, Question, P], Awaitable[None]],
    *,
    finished_too: bool = False,
) -> Callable[Concatenate[Update, BotContext, int, P], Awaitable[None]]:
    """A card button's handler, given the held question instead of its id."""

    async def checked(
        update: Update, context: BotContext, question_id: int, /, *args: P.args, **kwargs: P.kwargs
    ) -> None:
        question = await _held_question(update, context, question_id, finished_too=finished_too)
        if question is not None:
            await action(update, context, question, *args, **kwargs)

    functools.update_wrapper(checked, action)  # its name, and its fields for the router
    return checked


async def webinar_closed(update: Update, context: BotContext, webinar_id: int) -> bool:
    """True (after saying so, and taking the pressed message's buttons away) when the
    webinar has closed: no button of its cards or panels acts after /sluit."""
    webinar = await context.services.repos.webinars.by_id(webinar_id)
    if webinar is not None and webinar.state is not WebinarState.CLOSED:
        return False
    query = pressed(update)
    await query.answer(context.tr("moderation.closed_button"), show_alert=True)
    await edit_buttons(update, context, [])
    return True


async def card_asked(update: Update, context: BotContext, question: Question) -> None:
    services = context.services
    webinar = await services.repos.webinars.by_id(question.webinar_id)
    assert webinar is not None
    askers = await services.desk.finish(
        question.id, context.member.id, "live", asked_notice(question, webinar.title)
    )
    context.bot_data.dispatcher.wake()
    await _finished(update, context, question, "moderation.card.done_asked", askers is not None)


async def card_back(update: Update, context: BotContext, question: Question) -> None:
    done = await context.services.repos.questions.release(
        question.id, context.member.id, defer=False
    )
    await _finished(update, context, question, "moderation.card.done_back", done)


async def card_later(update: Update, context: BotContext, question: Question) -> None:
    done = await context.services.repos.questions.release(
        question.id, context.member.id, defer=True
    )
    await _finished(update, context, question, "moderation.card.done_later", done)


async def card_remove(update: Update, context: BotContext, question: Question) -> None:
    done = await context.services.repos.questions.remove(question.id, context.member.id)
    if done:
        await context.services.desk.left_queue(question.id)
    await _finished(update, context, question, "moderation.card.done_removed", done)


async def card_merge(update: Update, context: BotContext, question: Question) -> None:
    merged = await context.services.desk.merge(question, context.member.id)
    count = 0 if merged is None else len(merged.question_ids)
    await pressed(update).answer(context.tr("moderation.card.merged", count=count))
    await _refresh_card(update, context, question)


async def card_toggle(
    update: Update, context: BotContext, question: Question, other_id: int
) -> None:
    await context.services.desk.toggle(question, other_id)
    await pressed(update).answer()
    await _refresh_card(update, context, question)


async def card_undo(update: Update, context: BotContext, question: Question, merge_id: int) -> None:
    restored = await context.services.desk.undo_merge(merge_id, context.member.id)
    if restored is None:
        await pressed(update).answer(context.tr("moderation.card.stale"), show_alert=True)
        return
    await pressed(update).answer(context.tr("moderation.card.undone", count=len(restored)))
    await _refresh_card(update, context, question)


async def _refresh_card(update: Update, context: BotContext, question: Question) -> None:
    card = await context.services.desk.card(await _reload(context, question))
    await show_card(update, context, card, edit_in_place=True)
    queue_changed(context, question.webinar_id)


async def card_show(update: Update, context: BotContext, question: Question) -> None:
    """👁 Show to parents."""
    await _set_visible(update, context, question, show=True)


async def card_hide(update: Update, context: BotContext, question: Question) -> None:
    """🙈 Take "show" back (the same card, the other button)."""
    await _set_visible(update, context, question, show=False)


async def _set_visible(
    update: Update, context: BotContext, question: Question, *, show: bool
) -> None:
    await context.services.repos.questions.set_visible(question.id, context.member.id, show)
    await pressed(update).answer(
        context.tr("moderation.card.shown" if show else "moderation.card.hidden")
    )
    queue_changed(context, question.webinar_id)
    card = await context.services.desk.card(await _reload(context, question))
    await show_card(update, context, card, edit_in_place=True)


async def _asker_muted(context: BotContext, question: Question) -> bool:
    if question.asker_id is None:
        return False
    return await context.services.repos.webinars.is_muted(question.webinar_id, question.asker_id)


async def card_mute(update: Update, context: BotContext, question: Question) -> None:
    """🔇 asks first: pausing a parent by a slip of the thumb is not undone by itself."""
    await pressed(update).answer()
    card = await context.services.desk.card(question)
    await show_card(update, context, card, edit_in_place=True, confirm=True)


async def card_mute_yes(update: Update, context: BotContext, question: Question) -> None:
    await _mute(context, question, muted=True)
    await _after_mute_answer(update, context, question, "moderation.card.muted")


async def card_mute_no(update: Update, context: BotContext, question: Question) -> None:
    """No: the card as it was."""
    await _after_mute_answer(update, context, question, None)


async def card_unmute(update: Update, context: BotContext, question: Question) -> None:
    await _mute(context, question, muted=False)
    await _after_mute_answer(update, context, question, "moderation.card.unmuted")


async def _mute(context: BotContext, question: Question, *, muted: bool) -> None:
    if question.asker_id is not None:
        await context.services.repos.webinars.mute(
            question.webinar_id, question.asker_id, muted=muted
        )


async def _after_mute_answer(
    update: Update, context: BotContext, question: Question, key: str | None
) -> None:
    await pressed(update).answer(context.tr(key) if key else None)
    if question.state.value != "claimed":  # undone from a finished card: only the button goes
        await edit_buttons(
            update,
            context,
            [[("moderation.card.next", callbacks.PANEL_NEXT.data(question.webinar_id))]],
        )
        return
    card = await context.services.desk.card(question)
    await show_card(update, context, card, edit_in_place=True)


async def card_write(update: Update, context: BotContext, question: Question) -> None:
    services = context.services
    await services.repos.questions.start_written_answer(
        question.id, context.member.id, services.clock.now()
    )
    await pressed(update).answer()
    await say(
        update,
        context,
        "moderation.write.prompt",
        [[("moderation.write.cancel", callbacks.WRITTEN_CANCEL.data(question.id))]],
        number=question.number,
    )


async def _reload(context: BotContext, question: Question) -> Question:
    fresh = await context.services.repos.questions.get(question.id)
    assert fresh is not None
    return fresh


async def _finished(
    update: Update, context: BotContext, question: Question, key: str, done: bool
) -> None:
    query = update.callback_query
    assert query is not None
    if not done:
        await query.answer(context.tr("moderation.card.stale"), show_alert=True)
        return
    await query.answer()
    text = (
        context.tr(key, number=question.number)
        + "\n<blockquote>"
        + html.escape(shorten(question.text or "", 500))
        + "</blockquote>"
    )
    rows = [[("moderation.card.next", callbacks.PANEL_NEXT.data(question.webinar_id))]]
    if key in UNDOABLE_FINISHES:  # "Gesteld" and "Verwijderen" can be taken back
        rows[0].insert(
            0, ("moderation.card.undo_finish", callbacks.HISTORY_RESTORE.data(question.id))
        )
    fresh = await _reload(context, question)
    if fresh.claimed_by == context.member.id and await _asker_muted(context, fresh):
        rows.append([("moderation.card.unmute", callbacks.CARD_UNMUTE.data(question.id))])
    await edit(update, context, text, rows)
    queue_changed(context, question.webinar_id)


ROUTES = [
    route(callbacks.CARD_ASKED, _on_held_question(card_asked)),
    route(callbacks.CARD_BACK, _on_held_question(card_back)),
    route(callbacks.CARD_LATER, _on_held_question(card_later)),
    route(callbacks.CARD_REMOVE, _on_held_question(card_remove)),
    route(callbacks.CARD_MERGE, _on_held_question(card_merge)),
    route(callbacks.CARD_TOGGLE, _on_held_question(card_toggle)),
    route(callbacks.CARD_UNDO, _on_held_question(card_undo)),
    route(callbacks.CARD_SHOW, _on_held_question(card_show)),
    route(callbacks.CARD_HIDE, _on_held_question(card_hide)),
    route(callbacks.CARD_MUTE, _on_held_question(card_mute)),
    route(callbacks.CARD_MUTE_YES, _on_held_question(card_mute_yes)),
    route(callbacks.CARD_MUTE_NO, _on_held_question(card_mute_no)),
    route(callbacks.CARD_UNMUTE, _on_held_question(card_unmute, finished_too=True)),
    route(callbacks.CARD_WRITE, _on_held_question(card_write)),
]

"""A gespreksleider's written answer: after "answer in writing", their next text is
shown back as a preview (what the parent will get), and only "Versturen" sends it to
the asker (and the askers of merged questions, each with their own words quoted),
through the bot, names hidden. "Annuleren", "Aanpassen" and any command end or restart
it; nothing reaches a parent by accident."""

from __future__ import annotations

import zlib

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.context import BotContext
from bot.core import callbacks
from bot.core.models import Question, QuestionState, Role, WebinarState
from bot.core.text_input import clean_text, shorten
from bot.webinar.moderation_actions import answer_notice
from handlers.common import (
    chat_id,
    edit,
    edit_buttons,
    keyboard,
    pressed,
    reply,
    say,
    send_text,
    text_of,
)
from handlers.panels import queue_changed
from handlers.router import route
from handlers.webinar_parent import question_text

# A Telegram message holds at most 4,096 characters; the parent's copy, with the
# question quoted, is split by the outbox where it is longer than that.
ANSWER_MAX_CHARS = 4096


def checksum(text: str) -> int:
    """Which text a preview showed: its "Versturen" sends that text or nothing."""
    return zlib.crc32(text.encode()) % 1_000_000_000


def cancel_row(question_id: int) -> list[tuple[str, str]]:
    return [("moderation.write.cancel", callbacks.WRITTEN_CANCEL.data(question_id))]


async def written_answer(update: Update, context: BotContext) -> None:
    """A gespreksleider's text after "answer in writing" is previewed as the answer."""
    member = context.member
    question_id = (
        await context.services.repos.questions.pending_written_answer(member.id)
        if member.has(Role.MODERATOR)
        else None
    )
    if question_id is not None:
        await preview_answer(update, context, question_id)
    elif member.has(Role.MODERATOR):
        await staff_text(update, context)
    else:
        await question_text(update, context)


async def staff_text(update: Update, context: BotContext) -> None:
    """Staff's plain text is never a parent's question (nor a consent prompt): a hint to
    what they probably meant; their own question for the queue goes with /vraag."""
    webinar_id = context.member.current_webinar
    webinar = await context.services.repos.webinars.by_id(webinar_id) if webinar_id else None
    if webinar is None or webinar.state is WebinarState.CLOSED:
        await say(update, context, "moderation.no_webinar")
        return
    next_button = ("moderation.card.next", callbacks.PANEL_NEXT.data(webinar.id))
    await say(update, context, "moderation.staff_text", [[next_button]], title=webinar.title)


async def preview_answer(update: Update, context: BotContext, question_id: int) -> None:
    """Keep the typed text and show it as the parent would get it, with its buttons."""
    services = context.services
    cleaned = clean_text(text_of(update), ANSWER_MAX_CHARS)
    if cleaned.text is None:
        await say(update, context, "moderation.write.empty", [cancel_row(question_id)])
        return
    question = await services.repos.questions.get(question_id)
    webinar = await services.repos.webinars.by_id(question.webinar_id) if question else None
    if question is None or webinar is None:
        await services.repos.questions.cancel_written_answer(context.member.id)
        return
    await services.repos.questions.save_answer_draft(context.member.id, question_id, cleaned.text)
    askers = len(await services.repos.questions.asker_texts(question_id))
    text = (
        context.tr("moderation.write.preview", number=question.number, count=max(askers, 1))
        + "\n\n"
        + context.tr(
            "webinar.notify.written",
            title=webinar.title,
            question=shorten(question.text or "", 1000),
            answer=cleaned.text,
        )
    )
    rows = [
        [
            (
                "moderation.write.send",
                callbacks.WRITTEN_SEND.data(question_id, checksum(cleaned.text)),
            ),
            ("moderation.write.edit", callbacks.WRITTEN_EDIT.data(question_id)),
        ],
        cancel_row(question_id),
    ]
    await reply(update, context, text, rows)


async def _drafted_question(
    update: Update, context: BotContext, question_id: int
) -> Question | None:
    """The question this gespreksleider holds and is answering in writing (Versturen,
    Aanpassen, Annuleren act only on that); else the press is answered here."""
    question = await context.services.repos.questions.get(question_id)
    draft = await context.services.repos.questions.pending_written_answer(context.member.id)
    if (
        question is None
        or question.state is not QuestionState.CLAIMED
        or question.claimed_by != context.member.id
        or draft != question.id
    ):
        await pressed(update).answer(context.tr("moderation.write.stale"), show_alert=True)
        await edit_buttons(update, context, [])
        return None
    return question


async def send_pressed(update: Update, context: BotContext, question_id: int, shown: int) -> None:
    question = await _drafted_question(update, context, question_id)
    if question is not None:
        await send_answer(update, context, question, shown)


async def edit_pressed(update: Update, context: BotContext, question_id: int) -> None:
    question = await _drafted_question(update, context, question_id)
    if question is not None:
        await pressed(update).answer()
        await edit_buttons(update, context, [])
        await say(update, context, "moderation.write.again", [cancel_row(question.id)])


async def cancel_pressed(update: Update, context: BotContext, question_id: int) -> None:
    question = await _drafted_question(update, context, question_id)
    if question is not None:
        await context.services.repos.questions.cancel_written_answer(context.member.id)
        await pressed(update).answer()
        await edit(
            update, context, context.tr("moderation.write.cancelled", number=question.number)
        )


async def send_answer(update: Update, context: BotContext, question: Question, shown: int) -> None:
    """Send the previewed text; `shown`: the checksum of the text that preview showed."""
    services = context.services
    member = context.member
    text = await services.repos.questions.answer_draft(member.id, question.id)
    webinar = await services.repos.webinars.by_id(question.webinar_id)
    if text is None or webinar is None or checksum(text) != shown:
        await pressed(update).answer(context.tr("moderation.write.stale"), show_alert=True)
        return
    own_words = await services.repos.questions.asker_texts(question.id)
    notice = answer_notice(question, webinar, text, own_words)
    if await services.desk.finish(question.id, member.id, "written", notice) is None:
        await services.repos.questions.cancel_written_answer(member.id)
        await pressed(update).answer(context.tr("moderation.card.stale"), show_alert=True)
        return
    await pressed(update).answer()
    await edit_buttons(update, context, [])
    context.bot_data.dispatcher.wake()
    next_button = ("moderation.card.next", callbacks.PANEL_NEXT.data(webinar.id))
    # "Sent" once it was: this message waits in the outbox until the askers' copies went.
    await send_text(
        context,
        chat_id(update),
        context.tr("moderation.write.sent", number=question.number),
        keyboard(context, [[next_button]]),
        waits_for=f"written:{question.id}:",
    )
    queue_changed(context, webinar.id)


async def leave_answer_mode(update: Update, context: BotContext) -> None:
    """Any command ends a written answer in progress (nothing is sent); the command then
    runs as usual (group -3, see bot.app)."""
    member = context.member
    if not member.has(Role.MODERATOR):
        return
    questions = context.services.repos.questions
    question_id = await questions.pending_written_answer(member.id)
    if question_id is None:
        return
    await questions.cancel_written_answer(member.id)
    question = await questions.get(question_id)
    await say(
        update, context, "moderation.write.stopped", number=question.number if question else 0
    )


# Text from a gespreksleider with an answer pending; otherwise falls through to questions.
WRITTEN_ANSWER = MessageHandler(filters.TEXT & ~filters.COMMAND, written_answer)

ROUTES = [
    route(callbacks.WRITTEN_SEND, send_pressed),
    route(callbacks.WRITTEN_EDIT, edit_pressed),
    route(callbacks.WRITTEN_CANCEL, cancel_pressed),
]

# Group -3: a command ends answer mode before the command itself runs.
ANSWER_MODE_END: list[BaseHandler[Update, BotContext, None]] = [
    MessageHandler(filters.COMMAND, leave_answer_mode),
]

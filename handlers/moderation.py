"""A gespreksleider's commands and question card: /open, /rij, /volgende, /sluit."""

from __future__ import annotations

import html
import logging

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import callbacks
from bot.context import BotContext
from bot.i18n import Raw
from bot.models import OutgoingMessage, Question, Role, Webinar, WebinarState
from bot.question_desk import Card
from bot.text_input import clean_text, shorten
from handlers.common import (
    chat_id,
    command_argument,
    edit,
    pressed,
    reply,
    require_role,
    say,
    text_of,
)
from handlers.panels import queue_changed, send_panel
from handlers.webinar_parent import question_text
from storage.questions import Notify

log = logging.getLogger(__name__)

__all__ = ["HANDLERS", "WRITTEN_ANSWER", "queue_changed"]


async def current_webinar(update: Update, context: BotContext) -> Webinar | None:
    """The webinar this gespreksleider opened last, if it is still open."""
    webinar_id = context.member.current_webinar
    webinar = await context.services.repos.webinars.by_id(webinar_id) if webinar_id else None
    if webinar is None or webinar.state is not WebinarState.OPEN:
        await say(update, context, "moderation.no_webinar")
        return None
    return webinar


async def open_command(update: Update, context: BotContext) -> None:
    if not await require_role(update, context, Role.MODERATOR):
        return
    services = context.services
    code = command_argument(context).lower()
    webinar = await services.repos.webinars.by_code(code) if code else None
    if webinar is None:
        await say(update, context, "moderation.open.unknown", code=code or "…")
        return
    if webinar.state is WebinarState.CLOSED:
        await say(update, context, "moderation.open.closed", title=webinar.title)
        return
    await services.repos.webinars.set_state(webinar.id, WebinarState.OPEN, services.clock.now())
    await services.repos.webinars.join(webinar.id, context.member.id, services.clock.now())
    link = f"https://t.me/{context.bot_data.bot_username}?start=w-{webinar.code}"
    await say(
        update, context, "moderation.open.done", title=webinar.title, code=webinar.code, link=link
    )


async def queue_command(update: Update, context: BotContext) -> None:
    if not await require_role(update, context, Role.MODERATOR):
        return
    webinar = await current_webinar(update, context)
    if webinar is not None:
        await send_panel(context, webinar, chat_id(update))


def card_text(context: BotContext, card: Card) -> str:
    question = card.question
    lines = [
        context.tr(
            "moderation.card.heading",
            number=question.id,
            votes=question.votes,
            similar=question.similar_count,
            remaining=card.remaining,
        )
    ]
    lines.append(f"<blockquote>{Raw(_escape(question.text or ''))}</blockquote>")
    if question.shown_name:
        lines.append(context.tr("moderation.card.asked_by", name=question.shown_name))
    if question.visible:
        lines.append(context.tr("moderation.card.visible"))
    return "\n".join(lines)


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def card_buttons(card: Card) -> list[list[tuple[str, str]]]:
    qid = card.question.id
    rows = [
        [
            ("moderation.card.asked", callbacks.make("q", "asked", qid)),
            ("moderation.card.back", callbacks.make("q", "back", qid)),
        ],
        [
            ("moderation.card.later", callbacks.make("q", "later", qid)),
            ("moderation.card.remove", callbacks.make("q", "remove", qid)),
        ],
        [("moderation.card.write", callbacks.make("q", "write", qid))],
    ]
    if card.similar_open:
        rows[2].append(("moderation.card.merge", callbacks.make("q", "merge", qid)))
    second = [("moderation.card.mute", callbacks.make("q", "mute", qid))]
    if not card.question.visible:
        second.insert(0, ("moderation.card.show", callbacks.make("q", "show", qid)))
    rows.append(second)
    return rows


async def show_card(
    update: Update, context: BotContext, card: Card, *, edit_in_place: bool
) -> None:
    text = card_text(context, card)
    if card.similar_open:
        text += "\n" + context.tr("moderation.card.similar_open", count=len(card.similar_open))
    if edit_in_place:
        await edit(update, context, text, card_buttons(card))
    else:
        await reply(update, context, text, card_buttons(card))


async def next_command(update: Update, context: BotContext) -> None:
    if not await require_role(update, context, Role.MODERATOR):
        return
    webinar = await current_webinar(update, context)
    if webinar is not None:
        await pull_next(update, context, webinar)


async def pull_next(update: Update, context: BotContext, webinar: Webinar) -> None:
    card = await context.services.desk.pull_next(webinar, context.member.id)
    queue_changed(context, webinar.id)
    if card is None:
        await say(update, context, "moderation.queue_empty")
        return
    log.info("question %d claimed by a gespreksleider", card.question.id)
    await show_card(update, context, card, edit_in_place=False)


def asked_notice(question: Question, webinar_title: str) -> Notify:
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


async def on_card_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    if not await require_role(update, context, Role.MODERATOR):
        return
    choice = callbacks.parse(query.data)
    services = context.services
    question = await services.repos.questions.get(choice.arg)
    # Only the gespreksleider who pulled the question may act on it (forged or stale
    # presses included); nothing about the question is revealed otherwise.
    if (
        question is None
        or question.claimed_by != context.member.id
        or question.state.value != "claimed"
    ):
        await query.answer(context.tr("moderation.card.stale"), show_alert=True)
        return
    action = CARD_ACTIONS[choice.action]
    await action(update, context, question)


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
    merged = await context.services.desk.merge_similar(question, context.member.id)
    await pressed(update).answer(context.tr("moderation.card.merged", count=merged))
    card = await context.services.desk.card(await _reload(context, question))
    await show_card(update, context, card, edit_in_place=True)
    queue_changed(context, question.webinar_id)


async def card_show(update: Update, context: BotContext, question: Question) -> None:
    await context.services.repos.questions.set_visible(question.id, context.member.id, True)
    await pressed(update).answer(context.tr("moderation.card.shown"))
    card = await context.services.desk.card(await _reload(context, question))
    await show_card(update, context, card, edit_in_place=True)


async def card_mute(update: Update, context: BotContext, question: Question) -> None:
    if question.asker_id is not None:
        await context.services.repos.webinars.mute(question.webinar_id, question.asker_id)
    await pressed(update).answer(context.tr("moderation.card.muted"), show_alert=True)


async def card_write(update: Update, context: BotContext, question: Question) -> None:
    services = context.services
    await services.repos.questions.start_written_answer(
        question.id, context.member.id, services.clock.now()
    )
    await pressed(update).answer()
    await say(update, context, "moderation.write.prompt", number=question.id)


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
        context.tr(key, number=question.id)
        + "\n<blockquote>"
        + _escape(shorten(question.text or "", 500))
        + "</blockquote>"
    )
    await edit(
        update,
        context,
        text,
        [[("moderation.card.next", callbacks.make("panel", "next", question.webinar_id))]],
    )
    queue_changed(context, question.webinar_id)


CARD_ACTIONS = {
    "asked": card_asked,
    "back": card_back,
    "later": card_later,
    "remove": card_remove,
    "merge": card_merge,
    "show": card_show,
    "mute": card_mute,
    "write": card_write,
}


async def written_answer(update: Update, context: BotContext) -> None:
    """A gespreksleider's text after "answer in writing" is the answer for the asker."""
    services = context.services
    member = context.member
    question_id = (
        await services.repos.questions.pending_written_answer(member.id)
        if member.has(Role.MODERATOR)
        else None
    )
    if question_id is None:
        if member.has(Role.MODERATOR) and not member.current_webinar:
            await say(update, context, "moderation.no_webinar")
            return
        await question_text(update, context)
        return
    cleaned = clean_text(text_of(update), 3000)
    if cleaned.text is None:
        await say(update, context, "moderation.write.empty")
        return
    question = await services.repos.questions.get(question_id)
    webinar = await services.repos.webinars.by_id(question.webinar_id) if question else None
    if question is None or webinar is None:
        await services.repos.questions.cancel_written_answer(member.id)
        return
    answer = cleaned.text

    def notice(askers: list[int]) -> list[OutgoingMessage]:
        return [
            OutgoingMessage(
                user_id=asker,
                kind="question.answer",
                key="webinar.notify.written",
                params={
                    "title": webinar.title,
                    "question": shorten(question.text or "", 1000),
                    "answer": answer,
                },
                dedup_key=f"written:{question.id}:{asker}",
            )
            for asker in askers
        ]

    askers = await services.desk.finish(question.id, member.id, "written", notice)
    if askers is None:
        await services.repos.questions.cancel_written_answer(member.id)
        await say(update, context, "moderation.card.stale")
        return
    context.bot_data.dispatcher.wake()
    await say(
        update,
        context,
        "moderation.write.sent",
        number=question.id,
        rows=[[("moderation.card.next", callbacks.make("panel", "next", webinar.id))]],
    )
    queue_changed(context, webinar.id)


async def close_command(update: Update, context: BotContext) -> None:
    if not await require_role(update, context, Role.MODERATOR):
        return
    webinar = await current_webinar(update, context)
    if webinar is None:
        return
    services = context.services
    await services.repos.webinars.set_state(webinar.id, WebinarState.CLOSED, services.clock.now())
    counts = await services.repos.questions.counts(webinar.id)
    participants = await services.repos.webinars.participant_count(webinar.id)
    unanswered = await services.repos.questions.unanswered(webinar.id)
    await say(
        update,
        context,
        "moderation.close.summary",
        title=webinar.title,
        participants=participants,
        total=counts.total,
        answered=counts.answered,
        unanswered=len(unanswered),
    )
    for chunk in _chunks([shorten(q.text or "", 600) for q in unanswered]):
        await say(update, context, "core.raw", text=Raw(chunk))
    services.desk.forget_webinar(webinar.id)
    for react in context.bot_data.on_webinar_closed:
        await react(context, webinar)


def _chunks(texts: list[str], limit: int = 3500) -> list[str]:
    """Numbered question lines, packed into messages under Telegram's length limit."""
    chunks, current = [], ""
    for number, text in enumerate(texts, start=1):
        line = f"{number}. {_escape(text)}\n"
        if len(current) + len(line) > limit:
            chunks.append(current)
            current = ""
        current += line
    if current:
        chunks.append(current)
    return chunks


async def on_panel_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    if not await require_role(update, context, Role.MODERATOR):
        return
    choice = callbacks.parse(query.data)
    webinar = await context.services.repos.webinars.by_id(choice.arg)
    if webinar is None or webinar.state is not WebinarState.OPEN:
        await query.answer(context.tr("moderation.no_webinar"), show_alert=True)
        return
    await query.answer()
    if choice.action == "next":
        await pull_next(update, context, webinar)
    else:
        await send_panel(context, webinar, chat_id(update), refresh_only=True)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("open", open_command),
    CommandHandler("rij", queue_command),
    CommandHandler("volgende", next_command),
    CommandHandler("sluit", close_command),
    CallbackQueryHandler(on_card_button, pattern=callbacks.pattern("q")),
    CallbackQueryHandler(on_panel_button, pattern=callbacks.pattern("panel")),
]

# Text from a gespreksleider with an answer pending; otherwise falls through to questions.
WRITTEN_ANSWER = MessageHandler(filters.TEXT & ~filters.COMMAND, written_answer)

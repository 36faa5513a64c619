"""A gespreksleider's written answer: after "answer in writing", their next text goes
to the asker (and the askers of merged questions) through the bot, names hidden."""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.context import BotContext
from bot.core import callbacks
from bot.core.models import Role, WebinarState
from bot.core.text_input import clean_text
from bot.webinar.moderation_actions import answer_notice
from handlers.common import chat_id, keyboard, say, send_text, text_of
from handlers.panels import queue_changed
from handlers.webinar_parent import question_text

# A Telegram message holds at most 4,096 characters; the parent's copy, with the
# question quoted, is split by the outbox where it is longer than that.
ANSWER_MAX_CHARS = 4096


async def written_answer(update: Update, context: BotContext) -> None:
    """A gespreksleider's text after "answer in writing" is the answer for the asker."""
    member = context.member
    question_id = (
        await context.services.repos.questions.pending_written_answer(member.id)
        if member.has(Role.MODERATOR)
        else None
    )
    if question_id is not None:
        await deliver_answer(update, context, question_id)
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
    next_button = ("moderation.card.next", callbacks.make("panel", "next", webinar.id))
    await say(update, context, "moderation.staff_text", [[next_button]], title=webinar.title)


async def deliver_answer(update: Update, context: BotContext, question_id: int) -> None:
    services = context.services
    member = context.member
    cleaned = clean_text(text_of(update), ANSWER_MAX_CHARS)
    if cleaned.text is None:
        await say(update, context, "moderation.write.empty")
        return
    question = await services.repos.questions.get(question_id)
    webinar = await services.repos.webinars.by_id(question.webinar_id) if question else None
    if question is None or webinar is None:
        await services.repos.questions.cancel_written_answer(member.id)
        return
    notice = answer_notice(question, webinar, cleaned.text)
    if await services.desk.finish(question.id, member.id, "written", notice) is None:
        await services.repos.questions.cancel_written_answer(member.id)
        await say(update, context, "moderation.card.stale")
        return
    context.bot_data.dispatcher.wake()
    next_button = ("moderation.card.next", callbacks.make("panel", "next", webinar.id))
    # "Sent" once it was: this message waits in the outbox until the askers' copies went.
    await send_text(
        context,
        chat_id(update),
        context.tr("moderation.write.sent", number=question.number),
        keyboard(context, [[next_button]]),
        waits_for=f"written:{question.id}:",
    )
    queue_changed(context, webinar.id)


# Text from a gespreksleider with an answer pending; otherwise falls through to questions.
WRITTEN_ANSWER = MessageHandler(filters.TEXT & ~filters.COMMAND, written_answer)

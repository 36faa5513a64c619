"""A parent answering a feedback request: the buttons, and the two free-text questions.

Requests are created by `bot.feedback.requests` (after /sluit, after an inloopmoment) and
sent by the outbox dispatcher; from then on every press or typed answer is saved at once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

from telegram import CallbackQuery, Message, Update
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.core import callbacks
from bot.core.models import Webinar
from bot.core.text_input import clean_text
from bot.feedback.records import TEXT_STEPS, Decide, Step
from bot.feedback.requests import (
    FREE_TEXT_MAX_CHARS,
    HELPED_CODES,
    STEP_CODES,
    Buttons,
    FeedbackPlanner,
    on_attendance,
    on_choice,
    on_step,
    prompt,
)
from handlers.common import edit, pressed, reply, say, text_of
from handlers.router import route
from handlers.webinar_parent import ended_webinar
from storage.feedback import AnswerField, AnswerOutcome, FeedbackRequest


def step_text(context: BotContext, request: FeedbackRequest) -> tuple[str, Buttons]:
    """The message that asks the question `request` is at (or thanks, when done)."""
    key, buttons = prompt(request.id, request.step)
    return context.tr("feedback.header", title=request.title) + "\n\n" + context.tr(key), buttons


Meaning = tuple[Decide, AnswerField | None, int | str | None]


async def score_pressed(update: Update, context: BotContext, request_id: int, score: int) -> None:
    meaning: Meaning | None = (on_choice(Step.SCORE), "score", score) if 1 <= score <= 5 else None
    await _save_answer(update, context, request_id, meaning)


async def helped_pressed(update: Update, context: BotContext, request_id: int, code: int) -> None:
    helped = HELPED_CODES.get(code)
    meaning: Meaning | None = (
        (on_choice(Step.HELPED), "helped", helped.value) if helped is not None else None
    )
    await _save_answer(update, context, request_id, meaning)


async def skip_pressed(update: Update, context: BotContext, request_id: int, code: int) -> None:
    step = STEP_CODES.get(code)
    meaning = (on_step(step), None, None) if step is not None else None
    await _save_answer(update, context, request_id, meaning)


async def there_pressed(update: Update, context: BotContext, request_id: int, there: int) -> None:
    meaning = (on_attendance(there == 1), None, None) if there in (0, 1) else None
    await _save_answer(update, context, request_id, meaning)


async def _save_answer(
    update: Update, context: BotContext, request_id: int, meaning: Meaning | None
) -> None:
    """Save what a press means (None: a value no button carries) and ask the next step."""
    query = pressed(update)
    services = context.services
    outcome: AnswerOutcome | None = None
    if meaning is not None:
        outcome = await services.repos.feedback.answer(
            request_id, context.member.id, services.clock.now(), *meaning
        )
    if outcome is None or outcome.status == "unknown":
        await query.answer(context.tr("core.stale_button"), show_alert=True)
    elif outcome.status == "expired":
        # Kindly, and nothing changes: not the answer, not the message.
        await query.answer(context.tr("feedback.expired"), show_alert=True)
    elif outcome.status == "unchanged":
        await query.answer()
    else:
        assert outcome.request is not None
        await query.answer(context.tr("feedback.saved"))
        text, buttons = step_text(context, outcome.request)
        if not _shows(query, buttons):  # else the message already asks it
            await edit(update, context, text, buttons)


def _shows(query: CallbackQuery, buttons: Buttons) -> bool:
    """True when the pressed message already carries exactly these buttons."""
    message = query.message
    markup = message.reply_markup if isinstance(message, Message) else None
    shown = [b.callback_data for row in markup.inline_keyboard for b in row] if markup else []
    return shown == [data for row in buttons for _, data in row]


async def show_faces_again(update: Update, context: BotContext, request_id: int) -> None:
    """ "Change my face": the faces again; the answer saved so far stays until one is tapped."""
    services = context.services
    outcome = await services.repos.feedback.answer(
        request_id, context.member.id, services.clock.now(), lambda step: None
    )
    query = pressed(update)
    if outcome.status == "expired":
        await query.answer(context.tr("feedback.expired"), show_alert=True)
    elif outcome.request is None or outcome.request.step is not Step.HELPED:
        await query.answer(context.tr("core.stale_button"), show_alert=True)
    else:
        await query.answer()
        text, buttons = step_text(context, replace(outcome.request, step=Step.SCORE))
        await edit(update, context, text, buttons)


async def free_text(update: Update, context: BotContext) -> None:
    """A parent's text while a free-text question is pending is the answer to it.

    Runs in its own group before the webinar question router (see bot.app): when it takes
    the text it stops the update; otherwise the text goes on to be a question.
    """
    member = context.member
    if member.current_webinar is not None:
        return  # joined a webinar since: what they type now are questions for it
    services = context.services
    now = services.clock.now()
    request = await services.repos.feedback.text_step_of(member.id, now)
    if request is None:
        waiting = await services.repos.feedback.button_step_of(member.id, now)
        if waiting is not None:
            await buttons_again(update, context, waiting)
            raise ApplicationHandlerStop
        return
    cleaned = clean_text(text_of(update), FREE_TEXT_MAX_CHARS)
    if cleaned.text is None:
        key = "feedback.text_empty" if cleaned.rejection == "empty" else "feedback.text_too_long"
        await say(update, context, key, limit=FREE_TEXT_MAX_CHARS)
        raise ApplicationHandlerStop
    assert request.step in TEXT_STEPS
    field: AnswerField = "takeaway" if request.step is Step.TAKEAWAY else "wish"
    outcome = await services.repos.feedback.answer(
        request.id, member.id, now, on_step(request.step), field, services.masker(cleaned.text)
    )
    if outcome.status != "saved" or outcome.request is None:
        await say(update, context, "feedback.expired")
        raise ApplicationHandlerStop
    text, buttons = step_text(context, outcome.request)
    await reply(update, context, context.tr("feedback.saved") + "\n" + text, buttons)
    raise ApplicationHandlerStop


async def buttons_again(update: Update, context: BotContext, waiting: FeedbackRequest) -> None:
    """Words where a button is asked for ("Het was goed" at the faces): kindly, the same
    question and its buttons again; a late question hears its webinar ended (it is not
    silently taken as feedback)."""
    text, buttons = step_text(context, waiting)
    text = context.tr("feedback.use_buttons") + "\n\n" + text
    ended = await ended_webinar(context)
    if ended is not None:
        text = context.tr("webinar.ask.ended", title=ended.title) + "\n\n" + text
    await reply(update, context, text, buttons)


def webinar_closed_hook(
    planner: FeedbackPlanner,
) -> Callable[[BotContext, Webinar], Awaitable[None]]:
    """For `AppState.on_webinar_closed`: ask the webinar's parents for feedback."""

    async def hook(context: BotContext, webinar: Webinar) -> None:
        await planner.webinar_closed(webinar)

    return hook


ROUTES = [
    route(callbacks.FEEDBACK_SCORE, score_pressed),
    route(callbacks.FEEDBACK_HELPED, helped_pressed),
    route(callbacks.FEEDBACK_SKIP, skip_pressed),
    route(callbacks.FEEDBACK_THERE, there_pressed),
    route(callbacks.FEEDBACK_RESCORE, show_faces_again),
]

# Its own handler group, between the gatekeeper and the features (see bot.app).
TEXT_STEP: list[BaseHandler[Update, BotContext, None]] = [
    MessageHandler(filters.TEXT & ~filters.COMMAND, free_text),
]

__all__ = ["ROUTES", "TEXT_STEP", "step_text", "webinar_closed_hook"]

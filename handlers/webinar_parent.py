"""A parent in a webinar: joining, asking, withdrawing, backing other parents' questions."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.core import callbacks
from bot.core.choices import yes_no
from bot.core.i18n import Raw, format_moment
from bot.core.models import Webinar, WebinarState
from bot.core.text_input import clean_text, has_words, shorten
from bot.services import Services
from handlers.common import command_argument, edit, edit_buttons, pressed, reply, say
from handlers.consent import needs_consent, show_notice
from handlers.offers import offer, translated
from handlers.panels import queue_changed
from handlers.router import route

log = logging.getLogger(__name__)

VISIBLE_LIST_SIZE = 8
# Questions kept in memory for a parent who has not agreed yet (the newest).
MAX_WAITING_FOR_CONSENT = 5
# A parent who writes this soon after their webinar closed is told it ended.
ENDED_RECENTLY = timedelta(days=1)


async def join_webinar(update: Update, context: BotContext, code: str) -> None:
    services = context.services
    code = code.strip().lower()
    webinar = await services.repos.webinars.by_code(code) if code else None
    if webinar is None:
        await say(update, context, "webinar.join.unknown", code=code or "…")
        return
    if webinar.state is WebinarState.CLOSED:
        key = "webinar.join.closed_replay" if webinar.replay_url else "webinar.join.closed"
        await say(update, context, key, title=webinar.title, url=webinar.replay_url or "")
        return
    await services.repos.webinars.join(webinar.id, context.member.id, services.clock.now())
    when = format_moment(webinar.starts_at.astimezone(services.settings.zone), context.language)
    key = "webinar.join.open" if webinar.state is WebinarState.OPEN else "webinar.join.early"
    if needs_consent(context):  # one message: the welcome, the notice, its buttons
        await show_notice(update, context, context.tr(key, title=webinar.title, when=when))
        return
    await say(update, context, key, welcome_rows(webinar.id), title=webinar.title, when=when)


def welcome_rows(webinar_id: int, *, name_shown: bool = False) -> list[list[tuple[str, str]]]:
    """Under the welcome: show or hide one's first name, and other parents' questions
    (to back them with "ik wil dit ook weten", also before asking one's own)."""
    name = (
        ("webinar.name.hide", callbacks.PARENT_NONAME.data(webinar_id))
        if name_shown
        else ("webinar.name.show", callbacks.PARENT_NAME.data(webinar_id))
    )
    return [[name], [("webinar.ask.others", callbacks.PARENT_LIST.data(webinar_id))]]


async def webinar_command(update: Update, context: BotContext) -> None:
    code = command_argument(context)
    if not code:
        await say(update, context, "webinar.join.how")
        return
    await join_webinar(update, context, code)


async def question_text(update: Update, context: BotContext) -> None:
    message = update.effective_message
    assert message is not None
    assert message.text is not None
    await ask(update, context, message.text)


async def question_command(update: Update, context: BotContext) -> None:
    text = command_argument(context)
    if not text:
        await say(update, context, "webinar.ask.how")
        return
    await ask(update, context, text)


async def ask(update: Update, context: BotContext, raw: str) -> None:
    services = context.services
    member = context.member
    webinar, muted = (
        await services.repos.webinars.with_muted(member.current_webinar, member.id)
        if member.current_webinar
        else (None, False)
    )
    if webinar is None or webinar.state is WebinarState.CLOSED:
        await not_in_a_webinar(update, context)
        return
    cleaned = clean_text(raw, services.settings.limits.question_max_chars)
    if cleaned.text is not None and not has_words(cleaned.text):
        # "👍", "🙏🙏", "?": a reaction, not a question for the queue.
        await say(update, context, "webinar.ask.no_words")
        return
    if cleaned.text is None:
        await say(
            update,
            context,
            f"webinar.ask.{cleaned.rejection}",
            limit=services.settings.limits.question_max_chars,
        )
        return
    if muted:
        await say(update, context, "webinar.ask.muted")
        return
    if not services.question_limit.allow(member.id, services.clock.now().timestamp()):
        await say(update, context, "webinar.ask.too_many")
        return
    message = update.effective_message
    assert message is not None
    source_msg = message.message_id
    if needs_consent(context):
        await wait_for_consent(update, context, webinar, source_msg, cleaned.text)
        return
    await store_question(update, context, webinar, source_msg, cleaned.text)


async def wait_for_consent(
    update: Update, context: BotContext, webinar: Webinar, source_msg: int, text: str
) -> None:
    """Nothing is stored before the parent agrees; the questions wait in memory, every one
    of them (a "ja" typed at the notice is taken as the agreement: bot.app)."""
    waiting = context.services.awaiting_consent.setdefault(context.member.id, [])
    waiting.append((webinar.id, source_msg, text))
    del waiting[:-MAX_WAITING_FOR_CONSENT]
    await show_notice(
        update, context, context.tr("webinar.ask.consent_first"), question_waiting=True
    )


async def ended_webinar(context: BotContext) -> Webinar | None:
    """The webinar this parent was in, if it closed (within a day): what they type now
    was probably meant for it."""
    services = context.services
    webinar = await services.repos.webinars.last_joined(context.member.id)
    if webinar is None or webinar.state is not WebinarState.CLOSED or webinar.closed_at is None:
        return None
    return webinar if services.clock.now() - webinar.closed_at < ENDED_RECENTLY else None


async def not_in_a_webinar(update: Update, context: BotContext) -> None:
    """Text that cannot be a question: the webinar ended, or they are in none."""
    ended = await ended_webinar(context)
    if ended is not None:
        await say(update, context, "webinar.ask.ended", title=ended.title)
    else:
        await say(update, context, "webinar.ask.not_joined")


async def store_question(
    update: Update,
    context: BotContext,
    webinar: Webinar,
    source_msg: int,
    text: str,
    *,
    quoted: bool = False,
) -> None:
    """Queue the question and acknowledge it; `quoted`: the acknowledgement repeats the
    text (a question sent before the parent agreed, queued later)."""
    services = context.services
    asked = await services.desk.ask(webinar, context.member, source_msg, text)
    log.info("question %d stored in webinar %d", asked.question.id, webinar.id)
    key = "webinar.ask.queued_similar" if asked.similar_count else "webinar.ask.queued"
    rows = _question_buttons(asked.question.id, webinar.id)
    ack = context.tr(key, position=asked.position, count=asked.similar_count)
    if quoted:
        ack = context.tr("webinar.ask.queued_quote", text=shorten(text, 300)) + "\n" + ack
    await reply(update, context, ack, rows)
    queue_changed(context, webinar.id)


async def confirm_withdraw(update: Update, context: BotContext, question_id: int) -> None:
    """ "Vraag intrekken" asks first: a slip of the thumb should not take a question away."""
    question = await context.services.repos.questions.get(question_id)
    if (
        question is None
        or question.asker_id != context.member.id
        or question.state.value != "open"
        or await _webinar_over(context.services, question_id)
    ):
        await withdraw(update, context, question_id)  # says why it cannot be withdrawn
        return
    await pressed(update).answer()
    rows = [
        [
            ("webinar.ask.withdraw_yes", callbacks.PARENT_WITHDRAW_YES.data(question_id)),
            ("webinar.ask.withdraw_no", callbacks.PARENT_WITHDRAW_NO.data(question_id)),
        ]
    ]
    await edit_buttons(update, context, rows)
    await say(update, context, "webinar.ask.withdraw_confirm")
    # "ja" or "nee" typed instead: the same as the buttons, never a question.
    options = yes_no(("withdraw", question_id), ("keepq", question_id))
    offer(context, context.tr("webinar.ask.withdraw_confirm"), translated(context, rows), options)


async def withdraw_typed(update: Update, context: BotContext, question_id: int, yes: bool) -> None:
    """ "ja" or "nee" typed at "Je vraag intrekken?"."""
    services = context.services
    if not yes:
        await say(update, context, "webinar.ask.kept")
    elif await services.repos.questions.withdraw(question_id, context.member.id):
        await services.desk.left_queue(question_id)
        await say(update, context, "webinar.ask.withdrawn")
        question = await services.repos.questions.get(question_id)
        if question is not None:
            queue_changed(context, question.webinar_id)
    else:
        await say(update, context, "webinar.ask.cannot_withdraw")


async def keep_question(update: Update, context: BotContext, question_id: int) -> None:
    webinar_id = context.member.current_webinar or 0
    await pressed(update).answer(context.tr("webinar.ask.kept"))
    await edit_buttons(update, context, _question_buttons(question_id, webinar_id))


def _question_buttons(question_id: int, webinar_id: int) -> list[list[tuple[str, str]]]:
    return [
        [
            ("webinar.ask.withdraw", callbacks.PARENT_WITHDRAW.data(question_id)),
            ("webinar.ask.others", callbacks.PARENT_LIST.data(webinar_id)),
        ]
    ]


async def withdraw(update: Update, context: BotContext, question_id: int) -> None:
    services = context.services
    if await services.repos.questions.withdraw(question_id, context.member.id):
        await services.desk.left_queue(question_id)
        await pressed(update).answer()
        await edit(update, context, context.tr("webinar.ask.withdrawn"))
        question = await services.repos.questions.get(question_id)
        if question is not None:
            queue_changed(context, question.webinar_id)
    elif await _webinar_over(services, question_id):
        # Nothing can change after /sluit; the message's buttons go, so none misleads.
        await pressed(update).answer(context.tr("webinar.ask.over"), show_alert=True)
        await edit_buttons(update, context, [])
    else:
        await pressed(update).answer(context.tr("webinar.ask.cannot_withdraw"))


async def _webinar_over(services: Services, question_id: int) -> bool:
    question = await services.repos.questions.get(question_id)
    webinar = await services.repos.webinars.by_id(question.webinar_id) if question else None
    return webinar is not None and webinar.state is WebinarState.CLOSED


async def list_visible(update: Update, context: BotContext, webinar_id: int) -> None:
    services = context.services
    await pressed(update).answer()
    if context.member.current_webinar != webinar_id:
        await say(update, context, "webinar.ask.not_joined")
        return
    questions = await services.repos.questions.for_other_parents(
        webinar_id, context.member.id, VISIBLE_LIST_SIZE
    )
    if not questions:
        await say(update, context, "webinar.others.none")
        return
    lines = [context.tr("webinar.others.heading")]
    rows = []
    for number, question in enumerate(questions, start=1):
        lines.append(
            context.tr(
                "webinar.others.line",
                number=number,
                text=shorten(question.text or "", 300),
                votes=question.votes,
            )
        )
        rows.append([(f"webinar.others.vote_{number}", callbacks.PARENT_VOTE.data(question.id))])
    await say(update, context, "core.raw", rows, text=Raw("\n\n".join(lines)))


async def vote(update: Update, context: BotContext, question_id: int) -> None:
    services = context.services
    counted = await services.repos.questions.vote(
        question_id, context.member.id, services.clock.now()
    )
    key = "webinar.others.voted" if counted else "webinar.others.not_counted"
    await pressed(update).answer(context.tr(key))
    if counted:
        question = await services.repos.questions.get(question_id)
        if question is not None:
            queue_changed(context, question.webinar_id)


async def show_name(update: Update, context: BotContext, webinar_id: int) -> None:
    await _set_name_shown(update, context, webinar_id, show=True)


async def hide_name(update: Update, context: BotContext, webinar_id: int) -> None:
    await _set_name_shown(update, context, webinar_id, show=False)


async def _set_name_shown(
    update: Update, context: BotContext, webinar_id: int, *, show: bool
) -> None:
    sender = update.effective_user
    assert sender is not None
    await context.services.repos.users.set_shown_name(
        context.member.id, sender.first_name if show else None
    )
    await pressed(update).answer(
        context.tr("webinar.name.shown" if show else "webinar.name.hidden")
    )
    await edit_buttons(update, context, welcome_rows(webinar_id, name_shown=show))


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("webinar", webinar_command),
    CommandHandler("vraag", question_command),
]

ROUTES = [
    route(callbacks.PARENT_WITHDRAW, confirm_withdraw),
    route(callbacks.PARENT_WITHDRAW_YES, withdraw),
    route(callbacks.PARENT_WITHDRAW_NO, keep_question),
    route(callbacks.PARENT_LIST, list_visible),
    route(callbacks.PARENT_VOTE, vote),
    route(callbacks.PARENT_NAME, show_name),
    route(callbacks.PARENT_NONAME, hide_name),
]

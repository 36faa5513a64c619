"""A parent's rights: /mijngegevens (everything kept, as a message and a file) and
/vergeetmij (erase it all, after a confirmation by button)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.core import callbacks
from bot.core.i18n import Raw, format_day, format_moment
from bot.core.text_input import shorten
from bot.feedback.records import FeedbackAnswer
from bot.privacy.retention import forget_person
from handlers.common import chat_id, edit, pressed, say, send_file
from handlers.offers import offer, translated
from handlers.panels import queue_changed
from handlers.router import route
from storage.feedback import FeedbackRequest
from storage.privacy import AskedQuestion, InviteRecord, JoinedWebinar, PersonalData

FILE_NAME = "mijngegevens.json"
# Under Telegram's 4,096 characters, measured in UTF-16 units with the HTML tags counted
# too, so the text Telegram sees is always shorter.
MESSAGE_BUDGET = 3900
# Room kept for one heading and one "… and N more" line per section not yet written.
SECTION_RESERVE = 160
QUESTION_CHARS = 300
FEEDBACK_CHARS = 200

Feedback = list[tuple[FeedbackRequest, FeedbackAnswer | None]]
CONFIRM_BUTTONS = [
    [("privacy.forget.yes", callbacks.FORGET_ME.data())],
    [("privacy.forget.no", callbacks.KEEP_ME.data())],
]


async def my_data(update: Update, context: BotContext) -> None:
    repos = context.services.repos
    data = await repos.privacy.personal_data(context.member.id)
    feedback = await repos.feedback.of_user(context.member.id)
    await say(update, context, "core.raw", text=Raw(data_text(context, data, feedback)))
    document = json.dumps(
        data_json(data, feedback, context.services.clock.now()), ensure_ascii=False, indent=2
    )
    await send_file(
        context,
        chat_id(update),
        document.encode(),
        FILE_NAME,
        context.tr("privacy.data.file_caption"),
        html=False,
    )


async def forget_command(update: Update, context: BotContext) -> None:
    text = context.tr("privacy.forget.confirm")
    if context.member.roles:
        text += "\n\n" + context.tr("privacy.forget.confirm_staff", roles=Raw(_roles(context)))
    await say(update, context, "core.raw", CONFIRM_BUTTONS, text=Raw(text))
    # "ja" typed instead of tapped erases nothing: the buttons again (handlers.choices).
    offer(context, text, translated(context, CONFIRM_BUTTONS))


async def keep_me(update: Update, context: BotContext) -> None:
    await pressed(update).answer()
    await edit(update, context, context.tr("privacy.forget.kept"))


async def forget_me(update: Update, context: BotContext) -> None:
    query = pressed(update)
    erasure = await forget_person(context.services, context.member.id)
    await query.answer()
    await edit(update, context, context.tr("privacy.forget.done"))
    for webinar_id in {webinar_id for _, webinar_id in erasure.left_queue}:
        queue_changed(context, webinar_id)  # gespreksleiders' panels drop the question
    if erasure.held_roles:
        from handlers.menus import refresh_menu

        await refresh_menu(context, dataclasses.replace(context.member, roles=frozenset()))


def _roles(context: BotContext) -> str:
    return ", ".join(context.tr(f"privacy.data.role.{role.value}") for role in context.member.roles)


# -- the readable message ------------------------------------------------------------------


def data_text(context: BotContext, data: PersonalData, feedback: Feedback) -> str:
    """Everything in `data` and `feedback`, under Telegram's length limit: long lists are
    cut with "… and N more" (the file has them all)."""
    lines = [context.tr("privacy.data.heading"), *_profile_lines(context, data)]
    sections = [
        ("privacy.data.webinars", [_webinar_line(context, w) for w in data.webinars]),
        ("privacy.data.questions", [_question_line(context, q) for q in data.questions]),
        (
            "privacy.data.votes",
            [
                context.tr("privacy.data.vote_line", title=v.webinar, number=v.question_number)
                for v in data.votes
            ],
        ),
        (
            "privacy.data.subscriptions",
            [
                context.tr("privacy.data.subscription_line", title=s.series, wijk=s.wijk)
                for s in data.subscriptions
            ],
        ),
        ("privacy.data.feedback", [_feedback_line(context, r, a) for r, a in feedback]),
        ("privacy.data.invites", [_invite_line(context, invite) for invite in data.invites]),
    ]
    tail = [
        context.tr("privacy.data.pending_reminders", count=data.pending_reminders),
        context.tr("privacy.data.messages", count=len(data.messages)),
        "",
        context.tr("privacy.data.footer"),
    ]
    used = _length("\n".join(lines + tail))
    remaining = [section for section in sections if section[1]]
    for number, (heading, items) in enumerate(remaining):
        reserve = SECTION_RESERVE * (len(remaining) - number)
        lines += ["", context.tr(heading, count=len(items))]
        used += _length(lines[-1]) + 2
        for index, item in enumerate(items):
            if used + _length(item) + 1 + reserve > MESSAGE_BUDGET:
                lines.append(context.tr("privacy.data.more", count=len(items) - index))
                used += _length(lines[-1]) + 1
                break
            lines.append(item)
            used += _length(item) + 1
    return "\n".join([*lines, "", *tail])


def _length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _profile_lines(context: BotContext, data: PersonalData) -> list[str]:
    profile = data.profile
    if profile is None:
        return []
    language = Raw(context.services.t(profile.language, "core.language.name"))
    key = "privacy.data.language_chosen" if profile.language_chosen else "privacy.data.language"
    lines = [context.tr(key, language=language)]
    if profile.consent_version is not None and profile.consent_at:
        lines.append(
            context.tr(
                "privacy.data.consent",
                version=profile.consent_version,
                when=_moment(context, profile.consent_at),
            )
        )
    else:
        lines.append(context.tr("privacy.data.no_consent"))
    if profile.show_name and profile.first_name:
        lines.append(context.tr("privacy.data.name_shown", name=profile.first_name))
    else:
        lines.append(context.tr("privacy.data.name_hidden"))
    if profile.current_webinar:
        lines.append(context.tr("privacy.data.current", title=profile.current_webinar))
    if profile.roles:
        lines.append(context.tr("privacy.data.roles", roles=Raw(_roles(context))))
    for held in data.staff_roles:
        if held.display_name:
            role = Raw(context.tr(f"privacy.data.role.{held.role}"))
            lines.append(context.tr("privacy.data.staff_name", role=role, name=held.display_name))
    lines.append(
        context.tr(
            "privacy.data.contact",
            first=_moment(context, profile.created_at),
            last=_moment(context, profile.last_seen_at),
        )
    )
    return lines


def _moment(context: BotContext, stored: str) -> str:
    zone = context.services.settings.zone
    return format_moment(datetime.fromisoformat(stored).astimezone(zone), context.language)


def _webinar_line(context: BotContext, webinar: JoinedWebinar) -> str:
    key = "privacy.data.webinar_line_muted" if webinar.muted else "privacy.data.webinar_line"
    day = datetime.fromisoformat(webinar.starts_at).astimezone(context.services.settings.zone)
    return context.tr(key, title=webinar.title, day=format_day(day.date(), context.language))


def _invite_line(context: BotContext, invite: InviteRecord) -> str:
    role = Raw(context.tr(f"privacy.data.role.{invite.role}"))
    if not invite.made:
        return context.tr(
            "privacy.data.invite_used", role=role, when=_moment(context, invite.used_at or "")
        )
    if invite.used_at:
        status = context.tr(
            "privacy.data.invite_status_used", when=_moment(context, invite.used_at)
        )
    else:
        status = context.tr(
            "privacy.data.invite_status_open", when=_moment(context, invite.expires_at)
        )
    return context.tr(
        "privacy.data.invite_made",
        role=role,
        when=_moment(context, invite.created_at),
        status=Raw(status),
    )


def _question_line(context: BotContext, question: AskedQuestion) -> str:
    text: str | Raw = (
        shorten(question.text, QUESTION_CHARS)
        if question.text is not None
        else Raw(context.tr("privacy.data.question_erased"))
    )
    written = question.state == "answered" and question.answered_how == "written"
    state = Raw(context.tr(f"privacy.data.state.{'written' if written else question.state}"))
    return context.tr(
        "privacy.data.question_line",
        number=question.number,
        title=question.webinar,
        text=text,
        state=state,
        votes=question.votes,
    )


def _feedback_line(
    context: BotContext, request: FeedbackRequest, answer: FeedbackAnswer | None
) -> str:
    parts: list[str] = []
    if answer is not None:
        if answer.score is not None:
            parts.append(context.tr("privacy.data.feedback_score", score=answer.score))
        if answer.helped is not None:
            helped = Raw(context.tr(f"privacy.data.helped.{answer.helped.value}"))
            parts.append(context.tr("privacy.data.feedback_helped", helped=helped))
        for key, text in (("takeaway", answer.takeaway), ("wish", answer.wish)):
            if text:
                parts.append(
                    context.tr(f"privacy.data.feedback_{key}", text=shorten(text, FEEDBACK_CHARS))
                )
    answers = Raw("; ".join(parts) if parts else context.tr("privacy.data.feedback_none"))
    return context.tr(
        "privacy.data.feedback_line",
        title=request.title,
        day=format_day(request.day, context.language),
        answers=answers,
    )


# -- the file ------------------------------------------------------------------------------


def data_json(data: PersonalData, feedback: Feedback, now: datetime) -> dict[str, Any]:
    """Everything, untranslated and uncut, for the parent to keep or hand to someone."""
    plain: Callable[[Any], dict[str, Any]] = dataclasses.asdict
    return {
        "telegram_user_id": data.user_id,
        "exported_at": now.isoformat(timespec="seconds"),
        "profile": None if data.profile is None else plain(data.profile),
        "webinars": [plain(w) for w in data.webinars],
        "questions": [plain(q) for q in data.questions],
        "votes": [plain(v) for v in data.votes],
        "inloop_subscriptions": [plain(s) for s in data.subscriptions],
        "pending_reminders": data.pending_reminders,
        "messages": [plain(m) for m in data.messages],
        "feedback": [_feedback_json(request, answer) for request, answer in feedback],
        "staff_roles": [plain(held) for held in data.staff_roles],
        "invites": [plain(invite) for invite in data.invites],
    }


def _feedback_json(request: FeedbackRequest, answer: FeedbackAnswer | None) -> dict[str, Any]:
    found: dict[str, Any] = {
        "session": request.title,
        "day": request.day.isoformat(),
        "step": request.step.value,
        "expires_at": request.expires_at.isoformat(timespec="seconds"),
    }
    if answer is not None:
        found["answer"] = {
            "score": answer.score,
            "helped": None if answer.helped is None else answer.helped.value,
            "takeaway": answer.takeaway,
            "wish": answer.wish,
        }
    return found


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("mijngegevens", my_data),
    CommandHandler("vergeetmij", forget_command),
]

ROUTES = [route(callbacks.FORGET_ME, forget_me), route(callbacks.KEEP_ME, keep_me)]

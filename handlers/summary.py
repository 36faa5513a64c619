"""`/samenvatting`: coordinators read the feedback of one session, a theme or a period.

A scope travels in callback data as two integers (see bot.core.callbacks, "sum"), and is
resolved again on every press, after the role check: the data itself is never trusted.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.core import callbacks
from bot.core.i18n import Raw, format_day
from bot.core.models import Role
from bot.core.text_input import shorten
from bot.feedback.export import csv_header, csv_words, export_csv
from bot.feedback.records import FeedbackSession
from bot.feedback.summary import MIN_RESPONSES_FOR_TEXT, format_summary, scores_by_kind, summarize
from handlers.common import (
    chat_id,
    edit,
    edit_text,
    pressed,
    reply,
    require_role,
    say,
    send_file,
)
from handlers.router import route

LIST_SIZE = 10
SESSION, THEME, DAYS, WEEK = 1, 2, 3, 4
MENU_SESSIONS, MENU_THEMES = 1, 2
MAX_DAYS = 366

MENU = [
    [
        ("feedback.sum.button.sessions", callbacks.SUMMARY_MENU.data(MENU_SESSIONS)),
        ("feedback.sum.button.themes", callbacks.SUMMARY_MENU.data(MENU_THEMES)),
    ],
    [
        ("feedback.sum.button.days30", callbacks.SUMMARY_SHOW.data(DAYS, 30)),
        ("feedback.sum.button.days90", callbacks.SUMMARY_SHOW.data(DAYS, 90)),
    ],
]


@dataclass(frozen=True)
class Scope:
    heading: str
    sessions: list[FeedbackSession]


async def summary_command(update: Update, context: BotContext) -> None:
    if not await require_role(update, context, Role.COORDINATOR):
        return
    if not await context.services.repos.feedback.recent_sessions(1):
        await say(update, context, "feedback.sum.nothing")
        return
    await say(update, context, "feedback.sum.choose", MENU)


async def resolve(context: BotContext, kind: int, arg: int) -> Scope | None:
    """The sessions a scope stands for, and its heading; None for what does not exist."""
    repo, lang = context.services.repos.feedback, context.language
    if kind in (SESSION, THEME):
        session = await repo.session(arg)
        if session is None:
            return None
        if kind == SESSION:
            heading = context.tr(
                "feedback.sum.heading.session",
                title=session.title,
                day=format_day(session.day, lang),
            )
            return Scope(heading, [session])
        return Scope(
            context.tr("feedback.sum.heading.theme", theme=session.theme),
            await repo.sessions_with_theme(session.theme),
        )
    today = context.services.clock.now().astimezone(context.services.settings.zone).date()
    if kind == DAYS and 1 <= arg <= MAX_DAYS:
        return Scope(
            context.tr("feedback.sum.heading.days", days=arg, count=arg),
            await repo.sessions_between(today - timedelta(days=arg), today),
        )
    if kind == WEEK and date(2000, 1, 1).toordinal() <= arg <= today.toordinal():
        first = date.fromordinal(arg)
        last = first + timedelta(days=6)
        heading = context.tr(
            "feedback.sum.heading.week", first=format_day(first, lang), last=format_day(last, lang)
        )
        return Scope(heading, await repo.sessions_between(first, last))
    return None


async def show_summary(
    update: Update, context: BotContext, kind: int, arg: int, scope: Scope
) -> None:
    """The figures as text (with the CSV button), then the chart of scores over time."""
    services = context.services
    answers = await services.repos.feedback.answers_of(scope.sessions)
    summary = summarize(scope.sessions, answers)
    text = format_summary(summary, services.t, context.language, scope.heading)
    await reply(
        update,
        context,
        text,
        [[("feedback.sum.button.csv", callbacks.SUMMARY_CSV.data(kind, arg))]],
    )
    # Imported here, not at the top: matplotlib costs about 0.8 s and 50 MB to load, and
    # only a coordinator asking for a chart needs it (not the bot's start, nor a burst).
    from bot.feedback.charts import scores_chart_png

    png = await asyncio.to_thread(
        scores_chart_png,
        {
            context.tr(f"summary.chart.{kind}"): points
            for kind, points in scores_by_kind(scope.sessions, answers).items()
        },
        title=scope.heading,
        y_label=context.tr("summary.chart.y_label"),
        no_data_text=context.tr("summary.chart.no_data"),
        count_one=context.tr("summary.chart.count_one"),
        count_many=context.tr("summary.chart.count_many", count=Raw("{count}")),
    )
    await send_file(
        context,
        chat_id(update),
        png,
        "scores.png",
        context.tr("feedback.sum.chart_caption", heading=shorten(scope.heading, 900)),
        photo=True,
    )


async def send_csv(update: Update, context: BotContext, scope: Scope) -> None:
    services = context.services
    answers = await services.repos.feedback.answers_of(scope.sessions)
    data = export_csv(
        scope.sessions,
        answers,
        header=csv_header(services.t, context.language),
        words=csv_words(services.t, context.language),
    )
    today = services.clock.now().astimezone(services.settings.zone).date()
    name = f"{context.tr('feedback.sum.csv_file')}-{today.isoformat()}.csv"
    await send_file(
        context,
        chat_id(update),
        data,
        name,
        context.tr(
            "feedback.sum.csv_caption",
            heading=shorten(scope.heading, 800),
            min=MIN_RESPONSES_FOR_TEXT,
        ),
    )


async def show_list(update: Update, context: BotContext, menu: int) -> None:
    """Recent sessions, or themes, as buttons (their labels are data, not translations)."""
    repo = context.services.repos.feedback
    if menu == MENU_SESSIONS:
        key, rows = (
            "feedback.sum.pick_session",
            [
                (
                    f"{s.day.strftime('%d-%m')} · {shorten(s.title, 40)}",
                    callbacks.SUMMARY_SHOW.data(SESSION, s.id),
                )
                for s in await repo.recent_sessions(LIST_SIZE)
            ],
        )
    else:
        key, rows = (
            "feedback.sum.pick_theme",
            [
                (shorten(theme, 40), callbacks.SUMMARY_SHOW.data(THEME, session_id))
                for theme, session_id in await repo.recent_themes(LIST_SIZE)
            ],
        )
    if not rows:
        await edit(update, context, context.tr("feedback.sum.nothing"))
        return
    back = (context.tr("feedback.sum.button.back"), callbacks.SUMMARY_BACK.data())
    markup = InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data)] for label, data in [*rows, back]]
    )
    await edit_text(update, context, context.tr(key), markup)


async def back_pressed(update: Update, context: BotContext) -> None:
    """From a list to the first choice."""
    await pressed(update).answer()
    await edit(update, context, context.tr("feedback.sum.choose"), MENU)


async def menu_pressed(update: Update, context: BotContext, menu: int) -> None:
    if menu not in (MENU_SESSIONS, MENU_THEMES):
        await pressed(update).answer(context.tr("core.stale_button"), show_alert=True)
        return
    await pressed(update).answer()
    await show_list(update, context, menu)


async def show_pressed(update: Update, context: BotContext, kind: int, arg: int) -> None:
    scope = await _scope_pressed(update, context, kind, arg)
    if scope is not None:
        await show_summary(update, context, kind, arg, scope)


async def csv_pressed(update: Update, context: BotContext, kind: int, arg: int) -> None:
    scope = await _scope_pressed(update, context, kind, arg)
    if scope is not None:
        await send_csv(update, context, scope)


async def _scope_pressed(update: Update, context: BotContext, kind: int, arg: int) -> Scope | None:
    """The scope a button names (the press answered), or None (answered: it is gone)."""
    scope = await resolve(context, kind, arg)
    if scope is None:
        await pressed(update).answer(context.tr("feedback.sum.gone"), show_alert=True)
        return None
    await pressed(update).answer()
    return scope


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("samenvatting", summary_command),
]

ROUTES = [
    route(callbacks.SUMMARY_MENU, menu_pressed),
    route(callbacks.SUMMARY_SHOW, show_pressed),
    route(callbacks.SUMMARY_CSV, csv_pressed),
    route(callbacks.SUMMARY_BACK, back_pressed),
]

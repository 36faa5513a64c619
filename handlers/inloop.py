"""A parent and the inloopmomenten: /inloop, choose a wijk, "herinner mij" or "stop"."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.core import callbacks
from bot.core.i18n import Raw, format_moment
from bot.core.text_input import shorten
from bot.inloop.recurrence import next_occurrence
from bot.inloop.reminders import (
    InloopSeries,
    ReminderPolicy,
    Wijk,
    plan_reminders,
    reminder_message,
    upcoming_by_wijk,
)
from handlers.common import chat_id, edit_buttons, edit_text, send_text

# Button texts stay short enough to read on a phone.
LABEL_CHARS = 40
# Callback data of the parents' buttons (the coordinators' "i" buttons are in
# handlers.coordinator).
PARENT_BUTTONS = re.compile(rf"^{callbacks.VERSION}:i:(list|wijk|sub|unsub|stop)(:|$)")

Labelled = list[list[tuple[str, str]]]  # rows of (label text, callback data)


def markup(rows: Labelled) -> InlineKeyboardMarkup | None:
    """Buttons whose labels are already translated (they carry titles and names)."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def label(context: BotContext, key: str, **params: str) -> str:
    """A button label: plain text, so parameters are not HTML-escaped."""
    shortened = {name: Raw(shorten(value, LABEL_CHARS)) for name, value in params.items()}
    return context.tr(key, **shortened)


async def show(update: Update, context: BotContext, text: str, rows: Labelled) -> None:
    """Edit the pressed message, or send a new one for a command."""
    query = update.callback_query
    if query is None:
        await send_text(context, chat_id(update), text, markup(rows))
        return
    await edit_text(update, context, text, markup(rows))


async def current_wijken(context: BotContext) -> list[Wijk]:
    services = context.services
    series = await services.repos.inloop.all_series()
    return upcoming_by_wijk(series, services.settings.zone, services.clock.now())


async def inloop_command(update: Update, context: BotContext) -> None:
    await show_wijken(update, context)


async def show_wijken(update: Update, context: BotContext) -> None:
    wijken = await current_wijken(context)
    if not wijken:
        await show(update, context, context.tr("inloop.none"), [])
        return
    buttons = [
        (label(context, "inloop.button.wijk", wijk=w.name), callbacks.make("i", "wijk", w.ref))
        for w in wijken
    ]
    rows = [buttons[index : index + 2] for index in range(0, len(buttons), 2)]
    await show(update, context, context.tr("inloop.choose_wijk"), rows)


def series_block(
    context: BotContext, wijk: Wijk, index: int, subscribed: bool, cancelled: bool
) -> str:
    series, upcoming = wijk.series[index]
    zone = context.services.settings.zone
    lines = [
        context.tr(
            "inloop.wijk.series",
            title=series.title,
            location=series.location,
            repeat=Raw(context.tr(f"inloop.repeat.{series.rule.recurrence.value}")),
            when=format_moment(upcoming.starts_at.astimezone(zone), context.language),
            end=upcoming.ends_at.astimezone(zone).strftime("%H:%M"),
        )
    ]
    if cancelled:
        lines.append(context.tr("inloop.wijk.cancelled"))
    if series.organiser:
        lines.append(context.tr("inloop.wijk.organiser", organiser=series.organiser))
    if subscribed:
        lines.append(context.tr("inloop.wijk.subscribed"))
    return "\n".join(lines)


async def show_wijk(update: Update, context: BotContext, ref: int) -> None:
    services = context.services
    anchor = await services.repos.inloop.get(ref)
    wijk = next(
        (
            w
            for w in await current_wijken(context)
            if anchor is not None and w.name.casefold() == anchor.wijk.casefold()
        ),
        None,
    )
    if wijk is None:
        await show(
            update,
            context,
            context.tr("inloop.wijk.gone"),
            [[(context.tr("inloop.button.back"), callbacks.make("i", "list"))]],
        )
        return
    subscribed = await services.repos.inloop.subscribed_ids(context.member.id)
    blocks = [context.tr("inloop.wijk.heading", wijk=wijk.name)]
    rows: Labelled = []
    for index, (series, upcoming) in enumerate(wijk.series):
        on = series.id in subscribed
        off = upcoming.day in await services.repos.inloop.cancelled_days(series.id)
        blocks.append(series_block(context, wijk, index, on, off))
        key, action = ("inloop.button.stop", "unsub") if on else ("inloop.button.remind", "sub")
        rows.append(
            [(label(context, key, title=series.title), callbacks.make("i", action, series.id))]
        )
    blocks.append(context.tr("inloop.wijk.footer"))
    rows.append([(context.tr("inloop.button.back"), callbacks.make("i", "list"))])
    await show(update, context, shorten("\n\n".join(blocks), 4000), rows)


async def live_series(context: BotContext, series_id: int) -> InloopSeries | None:
    """The series, if it still has sessions to come."""
    services = context.services
    series = await services.repos.inloop.get(series_id)
    if (
        series is None
        or next_occurrence(series.rule, services.settings.zone, services.clock.now()) is None
    ):
        return None
    return series


async def subscribe(update: Update, context: BotContext, series_id: int) -> None:
    query = update.callback_query
    assert query is not None
    services = context.services
    series = await live_series(context, series_id)
    if series is None:
        await query.answer(context.tr("inloop.series_gone"), show_alert=True)
        return
    zone, now = services.settings.zone, services.clock.now()
    plans = plan_reminders(
        series, zone, ReminderPolicy.from_settings(services.settings.reminders), now=now
    )
    await services.repos.inloop.subscribe(
        series.id,
        context.member.id,
        now,
        plans,
        lambda plan, user_id: reminder_message(plan, user_id, zone),
    )
    context.bot_data.dispatcher.wake()
    await query.answer(context.tr("inloop.subscribed", title=Raw(series.title)))
    await show_wijk(update, context, series.id)


async def unsubscribe(
    update: Update, context: BotContext, series_id: int, *, in_list: bool
) -> None:
    query = update.callback_query
    assert query is not None
    services = context.services
    series = await services.repos.inloop.get(series_id)
    await services.repos.inloop.unsubscribe(series_id, context.member.id)
    title = series.title if series is not None else ""
    await query.answer(context.tr("inloop.unsubscribed", title=Raw(title)))
    if in_list and series is not None:
        await show_wijk(update, context, series.id)
    else:  # under a reminder: the reminder stays, its button goes
        await edit_buttons(update, context, None)


async def on_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    choice = callbacks.parse(query.data)
    if choice.action == "sub":
        await subscribe(update, context, choice.arg)
    elif choice.action in ("unsub", "stop"):
        await unsubscribe(update, context, choice.arg, in_list=choice.action == "unsub")
    else:
        await query.answer()
        if choice.action == "wijk":
            await show_wijk(update, context, choice.arg)
        else:
            await show_wijken(update, context)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CommandHandler("inloop", inloop_command),
    CallbackQueryHandler(on_button, pattern=PARENT_BUTTONS),
]

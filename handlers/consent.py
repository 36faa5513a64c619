"""The privacy notice and the parent's one-time agreement before a question is kept."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.core import callbacks
from handlers.common import reply

CONSENT_BUTTONS = [
    [
        ("core.consent.agree", callbacks.CONSENT_AGREE.data()),
        ("core.consent.decline", callbacks.CONSENT_DECLINE.data()),
    ]
]
# The same, shown because a question waits for the agreement: if the question is gone by
# the time the parent agrees (a restart; nothing is kept before consent), they are told.
CONSENT_BUTTONS_QUESTION = [
    [
        ("core.consent.agree", callbacks.CONSENT_AGREE_QUESTION.data()),
        ("core.consent.decline", callbacks.CONSENT_DECLINE.data()),
    ]
]


def needs_consent(context: BotContext) -> bool:
    """True until the user agreed to the current version of the notice."""
    return context.member.consent_version != context.services.settings.privacy.notice_version


async def show_notice(
    update: Update, context: BotContext, before: str = "", *, question_waiting: bool = False
) -> None:
    """The notice with its buttons; `before` (a welcome) goes in the same message."""
    privacy = context.services.settings.privacy
    notice = context.tr(
        "core.notice",
        days=privacy.retention_days,
        count=privacy.retention_days,
        url=privacy.statement_url,
    )
    buttons = CONSENT_BUTTONS_QUESTION if question_waiting else CONSENT_BUTTONS
    await reply(update, context, f"{before}\n\n{notice}" if before else notice, buttons)

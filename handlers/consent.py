"""The privacy notice and the parent's one-time agreement before a question is kept."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.core import callbacks
from handlers.common import reply

CONSENT_BUTTONS = [
    [
        ("core.consent.agree", callbacks.make("c", "agree")),
        ("core.consent.decline", callbacks.make("c", "decline")),
    ]
]


def needs_consent(context: BotContext) -> bool:
    """True until the user agreed to the current version of the notice."""
    return context.member.consent_version != context.services.settings.privacy.notice_version


async def show_notice(update: Update, context: BotContext, before: str = "") -> None:
    """The notice with its buttons; `before` (a welcome) goes in the same message."""
    privacy = context.services.settings.privacy
    notice = context.tr("core.notice", days=privacy.retention_days, url=privacy.statement_url)
    await reply(update, context, f"{before}\n\n{notice}" if before else notice, CONSENT_BUTTONS)

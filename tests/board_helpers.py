"""Helpers for the moderation board's tests: initData, an open webinar with questions,
and calls to the board's API on the bot's own web server."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import aiohttp

from bot.app import Ouderbot
from bot.core.models import Question
from bot.localapi import FakeUser, LocalBotApi
from bot.web.init_data import sign_init_data
from tests.helpers import (
    MODERATOR_IDS,
    TOKEN,
    add_webinar,
    make_moderator,
    parents_asked,
)

WEB = {"listen": "127.0.0.1:0", "public_url": "https://board.example.org"}


def init_data(user_id: int, when: datetime, *, token: str = TOKEN, language: str = "nl") -> str:
    user = {"id": user_id, "first_name": "Test", "language_code": language}
    return sign_init_data(user, token, when)


def base_url(bot: Ouderbot) -> str:
    assert bot.web is not None, "the test settings need a [web] section"
    return bot.web.local_url


async def call(
    bot: Ouderbot, method: str, path: str, data: str | None, body: Any = None
) -> tuple[int, Any]:
    """(status, JSON body) of one board API request with `data` as initData."""
    headers = {} if data is None else {"Authorization": f"tma {data}"}
    async with (
        aiohttp.ClientSession() as session,
        session.request(
            method, f"{base_url(bot)}/app/api/{path}", headers=headers, json=body
        ) as response,
    ):
        text = await response.text()
        try:
            return response.status, json.loads(text)
        except ValueError:
            return response.status, text


async def open_webinar(
    bot: Ouderbot, api: LocalBotApi, questions: list[str], moderators: int = 1
) -> tuple[list[FakeUser], list[FakeUser]]:
    """An open webinar, gespreksleiders who joined it, one consented parent per question."""
    await add_webinar(bot, "slapen")
    staff = []
    for user_id in MODERATOR_IDS[:moderators]:
        moderator = api.user(user_id, first_name="Gert", language_code="nl")
        await make_moderator(bot, moderator.id)
        moderator.send("/open slapen")
        await moderator.wait_for(lambda m: "open voor vragen" in m["text"])
        staff.append(moderator)
    parents = await parents_asked(bot, api, questions)
    return staff, parents


async def question_with(bot: Ouderbot, words: str) -> Question:
    webinar = await bot.services.repos.webinars.by_code("slapen")
    assert webinar is not None
    for question in await bot.services.repos.questions.unanswered(webinar.id):
        if words in (question.text or ""):
            return question
    raise AssertionError(f"no waiting question with {words!r}")

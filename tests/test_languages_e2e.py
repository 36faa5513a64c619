"""A parent whose Telegram is set to Turkish, and one set to Arabic, go through everything.

The real bot against the local Bot API server: join a webinar, agree to the privacy
notice, ask, hear the question is being discussed, answer feedback, subscribe to an
inloop and get its reminder, see /mijngegevens and erase it all with /vergeetmij. Every text is compared with the text the
tr or ar catalogue makes (rendered as Telegram shows it), so a message that fell back to
Dutch or English fails the test.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.app import Ouderbot
from bot.core.clock import ManualClock
from bot.core.i18n import RLM, Raw, Translator, format_day, format_moment
from bot.localapi import FakeUser, LocalBotApi
from bot.localapi.html_entities import parse_html
from tests.helpers import MODERATOR_IDS, add_webinar, close_webinar, eventually, make_moderator
from tests.test_inloop import SERIES, load_example
from tests.test_reminders import at

TITLE = "Samen eten zonder strijd"
UTRECHT = ZoneInfo("Europe/Amsterdam")

# What each parent types, in their own language.
WRITES = {
    "tr": {
        "question": "Çocuğum akşam yemeğini yemek istemiyor, ne yapabilirim?",
        "takeaway": "Sofrada telefon yok, herkes birlikte yiyor.",
        "wish": "Kardeş kavgaları",
    },
    "ar": {
        "question": "طفلي لا يريد أن يأكل العشاء، ماذا أفعل؟",
        "takeaway": "لا هواتف على المائدة، ونأكل معًا.",
        "wish": "الشجار بين الإخوة",
    },
}


def plain(html_text: str) -> str:
    """A text as Telegram shows it: the HTML tags taken out."""
    return parse_html(html_text)[0]


class Speaker:
    """The catalogue texts in one language, as the parent's chat shows them."""

    def __init__(self, bot: Ouderbot, language: str) -> None:
        self.t = bot.services.t
        self.language = language

    def __call__(self, key: str, **params: object) -> str:
        return plain(self.t(self.language, key, **params))

    def html(self, key: str, **params: object) -> str:
        return self.t(self.language, key, **params)


def is_text(expected: str) -> Any:
    return lambda m: (m.get("text") or "") == expected


def contains(expected: str) -> Any:
    return lambda m: expected in (m.get("text") or "")


def tap_button(parent: FakeUser, message: dict[str, Any], label: str) -> None:
    labels = [text for text, _ in parent.buttons(message)]
    assert label in labels, (label, labels)
    parent.tap(label, message)


async def open_webinar(bot: Ouderbot, api: LocalBotApi, code: str) -> FakeUser:
    await add_webinar(bot, code, title=TITLE)
    moderator = api.user(MODERATOR_IDS[0], first_name="Gert", language_code="nl")
    await make_moderator(bot, moderator.id)
    moderator.send(f"/open {code}")
    await moderator.wait_for(lambda m: "open voor vragen" in m["text"])
    return moderator


@pytest.mark.parametrize("language", ["tr", "ar"])
async def test_a_parent_does_everything_in_turkish_or_arabic(
    bot: Ouderbot, api: LocalBotApi, clock: ManualClock, language: str
) -> None:
    say = Speaker(bot, language)
    writes = WRITES[language]
    privacy = bot.services.settings.privacy
    moderator = await open_webinar(bot, api, "eten")

    # Joining and agreeing.
    parent = api.user(2001, first_name="Elif", language_code=language)
    parent.send("/start w-eten")
    # The welcome and the privacy notice: one message, with the consent buttons.
    notice_text = say(
        "core.notice",
        days=privacy.retention_days,
        count=privacy.retention_days,
        url=privacy.statement_url,
    )
    welcome_text = say("webinar.join.open", title=TITLE)
    notice = await parent.wait_for(is_text(f"{welcome_text}\n\n{notice_text}"))
    tap_button(parent, notice, say("core.consent.agree"))
    await parent.wait_for(is_text(say("core.consent.thanks")))

    # Asking; a second parent with the same language asks the same thing.
    parent.send(writes["question"])
    await parent.wait_for(is_text(say("webinar.ask.queued", position=1)))
    other = api.user(2002, first_name="Ayşe", language_code=language)
    other.send("/start w-eten")
    notice = await other.wait_for(is_text(f"{welcome_text}\n\n{notice_text}"))
    tap_button(other, notice, say("core.consent.agree"))
    await other.wait_for(is_text(say("core.consent.thanks")))
    other.send(writes["question"])
    ack = await other.wait_for(is_text(say("webinar.ask.queued_similar", position=2, count=1)))

    # The gespreksleider (Dutch) shows the first question to parents; the other parent
    # sees it in the list, in their language, and backs it.
    moderator.send("/volgende")
    card = await moderator.wait_for(lambda m: writes["question"] in m["text"])
    # The Dutch gespreksleider sees the language the question was asked in.
    language_name = Translator(language)(language, "core.language.name").strip(RLM)
    line = next(x for x in card["text"].splitlines() if x.startswith("🌐 Taal van de vraag: "))
    assert language_name in line
    moderator.press(card, next(d for _, d in moderator.buttons(card) if d and ":q:show:" in d))
    await eventually(lambda: api.unanswered_callback_queries() == [])
    tap_button(other, ack, say("webinar.ask.others"))
    heading = say("webinar.others.heading")
    listing = await other.wait_for(contains(heading))
    line = say("webinar.others.line", number=1, text=writes["question"], votes=0)
    assert listing["text"] == f"{heading}\n\n{line}"
    query = other.tap(say("webinar.others.vote_1"), listing)
    answer = await eventually(lambda: api.callback_answer(query))
    assert answer["text"] == say("webinar.others.voted")

    # The gespreksleider asks it; the parent hears so in their language.
    moderator.press(card, next(d for _, d in moderator.buttons(card) if d and ":q:asked:" in d))
    await parent.wait_for(is_text(say("webinar.notify.asked", title=TITLE)))

    # Feedback after the webinar.
    await close_webinar(moderator)
    webinar = await bot.services.repos.webinars.by_code("eten")
    assert webinar is not None
    await eventually(lambda: bot.services.repos.feedback.has_session(f"w:{webinar.id}"))
    await bot.dispatcher.send_due()
    day = format_day(webinar.starts_at.astimezone(UTRECHT).date(), language)
    intro = say(
        "feedback.request.intro", title=TITLE, day=day, question=Raw(say.html("feedback.ask.score"))
    )
    request = await parent.wait_for(is_text(intro), include_earlier=True)
    tap_button(parent, request, say("feedback.button.score5"))
    helped = await parent.wait_for(contains(say("feedback.ask.helped")))
    tap_button(parent, helped, say("feedback.button.helped_yes"))
    await parent.wait_for(contains(say("feedback.ask.takeaway")))
    parent.send(writes["takeaway"])
    await parent.wait_for(contains(say("feedback.ask.wish")))
    parent.send(writes["wish"])
    await parent.wait_for(contains(say("feedback.thanks")))
    session = next(
        s
        for s in await bot.services.repos.feedback.recent_sessions(5)
        if s.ref == f"w:{webinar.id}"
    )
    stored = [a for a in await bot.services.repos.feedback.answers_of([session]) if a.is_response]
    assert [(a.score, a.takeaway, a.wish) for a in stored] == [
        (5, writes["takeaway"], writes["wish"])
    ]

    # An inloop: choose the neighbourhood, subscribe, get the reminder the evening before.
    await load_example(bot)
    parent.send("/inloop")
    menu = await parent.wait_for(is_text(say("inloop.choose_wijk")))
    tap_button(parent, menu, plain(say.html("inloop.button.wijk", wijk="Hoograven")))
    view = await parent.wait_for(contains(say("inloop.wijk.heading", wijk="Hoograven")))
    first = datetime(2026, 12, 2, 9, 30, tzinfo=UTRECHT)
    assert format_moment(first, language) in view["text"]  # the date in Babel's words
    tap_button(parent, view, say("inloop.button.remind", title=SERIES))
    await parent.wait_for(contains(say("inloop.wijk.subscribed")))
    await at(bot, api, clock, datetime(2026, 12, 1, 18, 0, tzinfo=UTC))
    heading = say("inloop.reminder.evening", title=SERIES, when="", end="", location="", wijk="")
    reminder = await parent.wait_for(contains(heading.split("\n")[0]), include_earlier=True)
    assert format_moment(first, language) in reminder["text"]
    assert reminder["text"].split("\n")[-1] == heading.split("\n")[-1]

    # What do you keep about me?
    parent.send("/mijngegevens")
    data = await parent.wait_for(contains(say("privacy.data.heading")))
    assert (
        say("privacy.data.language", language=Raw(say.html("core.language.name"))) in data["text"]
    )

    # Forget me.
    parent.send("/vergeetmij")
    confirm = await parent.wait_for(is_text(say("privacy.forget.confirm")))
    tap_button(parent, confirm, say("privacy.forget.yes"))
    await parent.wait_for(is_text(say("privacy.forget.done")))
    assert await bot.services.repos.users.get(parent.id) is None

    # Nothing reached this parent in Dutch or English.
    received = [m.get("text") or m.get("caption") or "" for m in parent.messages]
    assert len(received) >= 10
    if language == "ar":
        # Every Arabic text starts right to left; Dutch or English ones would not.
        assert all(text.startswith(RLM) for text in received if text), received
    else:
        dutch_or_english = ("Je ", " je ", "Dank je", "Your ", " you ", "Thank you")
        assert [t for t in received if any(w in t for w in dutch_or_english)] == []

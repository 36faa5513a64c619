"""The outbox pacer and the splitting of long texts, without a network and without
waiting: the pacer runs on a fake timer that the test moves."""

from __future__ import annotations

import asyncio

import pytest

from bot.delivery.pacing import Pacer, Timer
from bot.delivery.splitting import CAPTION_LIMIT, MESSAGE_LIMIT, split_html, visible_length


class FakeTimer(Timer):
    """The pacer's `Timer` on time the test moves. It subclasses the protocol, so mypy
    says so when the protocol changes and this stand-in no longer matches it."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    async def wait(self, event: asyncio.Event, seconds: float) -> None:
        """Nobody else runs on this time: an event not set now never is within it."""
        if not event.is_set():
            await self.sleep(seconds)


def sends_in(pacer: Pacer, timer: FakeTimer, chats: list[int], seconds: float) -> int:
    """How many messages the pacer lets through in `seconds` (stepping 1 ms at a time)."""
    sent, end, queue = 0, timer.now + seconds, list(chats)
    while timer.now < end and queue:
        chat = queue[0]
        if pacer.overall_wait() <= 0 and pacer.chat_wait(chat) <= 0:
            pacer.take(chat)
            queue.pop(0)
            sent += 1
        else:
            timer.now += 0.001
    return sent


def test_the_overall_pace_stays_under_telegrams_30_a_second() -> None:
    timer = FakeTimer()
    pacer = Pacer(timer, overall_rate=28, overall_burst=5)
    sent = sends_in(pacer, timer, list(range(1, 1001)), 10.0)
    assert 28 * 10 <= sent <= 28 * 10 + 5


def test_one_chat_gets_a_short_burst_then_one_a_second() -> None:
    timer = FakeTimer()
    pacer = Pacer(timer, chat_rate=1, chat_burst=8)
    sent = sends_in(pacer, timer, [42] * 100, 10.0)
    assert sent == 8 + 10 - 1  # the burst, then one a second (the last one just after 10 s)


def test_a_429_holds_back_only_that_chat_for_retry_after() -> None:
    timer = FakeTimer()
    pacer = Pacer(timer)
    pacer.hold(7, 15)
    assert pacer.chat_wait(7) == pytest.approx(15)
    assert pacer.chat_wait(8) == 0
    timer.now += 14.9
    assert pacer.held(7)
    timer.now += 0.2
    assert not pacer.held(7)
    assert pacer.chat_wait(7) == 0


def test_unpaced_for_a_server_without_limits_yet_a_429_still_holds_its_chat() -> None:
    timer = FakeTimer()
    pacer = Pacer(timer, overall_rate=28, chat_rate=1, chat_burst=8, paced=False)
    assert sends_in(pacer, timer, [42] * 500 + list(range(1, 501)), 0.001) == 1000
    pacer.hold(7, 15)
    assert pacer.chat_wait(7) == pytest.approx(15)
    assert pacer.chat_wait(8) == 0


def test_the_pace_is_on_unless_switched_off_explicitly() -> None:
    from bot.config import settings_from_mapping

    assert settings_from_mapping({"roles": {"coordinators": [1]}}, {}).telegram.rate_limits is True
    unpaced = settings_from_mapping(
        {"roles": {"coordinators": [1]}, "telegram": {"rate_limits": False}}, {}
    )
    assert unpaced.telegram.rate_limits is False


def test_a_short_text_is_one_part() -> None:
    assert split_html("<b>Hallo</b> &amp; welkom") == ["<b>Hallo</b> &amp; welkom"]


def test_a_long_text_is_split_at_paragraphs_within_the_limit() -> None:
    paragraphs = [f"Alinea {n}: " + "woord " * 150 for n in range(12)]
    text = "\n\n".join(paragraphs)
    parts = split_html(text)
    assert len(parts) > 1
    assert all(visible_length(part) <= MESSAGE_LIMIT for part in parts)
    assert "".join(parts) == text  # nothing lost, nothing added
    assert all(part.startswith("Alinea") for part in parts)  # cut between paragraphs


def test_length_is_counted_after_entities_in_utf16_units() -> None:
    assert visible_length("<i>a</i> &lt; b") == 5
    assert visible_length("😀") == 2  # one emoji is two UTF-16 code units
    emoji_text = "😀" * 3000  # 6,000 units: two parts
    parts = split_html(emoji_text)
    assert [visible_length(part) for part in parts] == [4096, 6000 - 4096]


def test_a_cut_inside_a_tag_closes_and_reopens_it() -> None:
    sentence = "Dit is een zin die iets uitlegt. "
    text = "<blockquote>" + sentence * 200 + "</blockquote>"
    parts = split_html(text, CAPTION_LIMIT)
    assert len(parts) >= 6
    for part in parts:
        assert part.startswith("<blockquote>")
        assert part.endswith("</blockquote>")
        assert visible_length(part) <= CAPTION_LIMIT
        # Cut at the end of a sentence.
        assert part.removesuffix("</blockquote>").rstrip().endswith(".")

"""`ouderbot demo`: the whole scene runs by itself, without a token or a network."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from bot.demo import Person, Transcript
from bot.localapi import RequestRecord

ROOT = Path(__file__).resolve().parent.parent

# Each step of the scene, and what the transcript shows when the step ran.
STEPS = {
    "The coordinator loads the programme": "Alle rijen zijn ingelezen.",
    "The coordinator invites two gespreksleiders": "Je bent nu gespreksleider",
    "Parents join the webinar and ask": "Je bent niet de enige: een andere ouder vroeg",
    "Two gespreksleiders pull questions": "An answer to your question",
    "The webinar closes": "is gesloten.",
    "Parents give feedback": "Dank je wel! Met je antwoorden",
    "A parent subscribes to an inloopmoment and gets the reminder": "🔔 Morgen: Inloop op de",
    "The coordinator reads the summary": "📊 Laatste 30 dagen",
}


@pytest.fixture(scope="module")
def demo() -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OUDERBOT_")}
    # Anything that tried to leave this computer would go to a proxy that is not there.
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        env[proxy] = "http://127.0.0.1:9"
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "demo", "--fast"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )


def sections(transcript: str) -> dict[str, str]:
    """Step title -> the transcript lines of that step."""
    parts = re.split(r"^── \d+\. (.+?) ─+$", transcript, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


@pytest.mark.slow
def test_demo_finishes_by_itself_without_token_or_network(
    demo: subprocess.CompletedProcess[str],
) -> None:
    assert demo.returncode == 0, demo.stdout[-3000:] + demo.stderr[-3000:]
    assert "That was the demo." in demo.stdout
    assert "failed" not in demo.stdout


@pytest.mark.slow
def test_demo_transcript_shows_every_step_that_exists(
    demo: subprocess.CompletedProcess[str],
) -> None:
    shown = sections(demo.stdout)
    assert list(shown) == list(STEPS)
    for title, evidence in STEPS.items():
        # Every step runs and shows its effect: a skipped step is a missing feature.
        assert "(skipped:" not in shown[title], (title, shown[title])
        assert evidence in shown[title], (title, shown[title])


@pytest.mark.slow
def test_demo_transcript_is_plain_text_with_people_and_bot(
    demo: subprocess.CompletedProcess[str],
) -> None:
    assert "👩 Sanne → bot: Hoe krijg ik mijn peuter" in demo.stdout
    assert "🤖 bot → Sanne: ✅ Je vraag staat in de rij (plek 1)." in demo.stdout
    assert "<b>" not in demo.stdout
    assert "<blockquote>" not in demo.stdout


@pytest.mark.slow
def test_demo_prints_where_the_board_opens_as_a_gespreksleider(
    demo: subprocess.CompletedProcess[str],
) -> None:
    from datetime import UTC, datetime
    from urllib.parse import parse_qs, unquote

    from bot.demo import DEMO_TOKEN, GERT
    from bot.web.init_data import validate_init_data

    found = re.search(r"http://127\.0\.0\.1:\d+/app/#tgWebAppData=(\S+)", demo.stdout)
    assert found is not None, demo.stdout[:2000]
    data = unquote(found[1])
    issued = datetime.fromtimestamp(int(parse_qs(data)["auth_date"][0]), UTC)
    assert validate_init_data(data, DEMO_TOKEN, issued).id == GERT


@pytest.mark.slow
def test_demo_runs_at_telegrams_distance_with_a_latency_setting() -> None:
    """`--latency 0.08`: every request to the local Telegram takes 80 ms, as the real one
    from a server in Europe; the demo still finishes, every step as it should."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OUDERBOT_")}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "demo", "--fast", "--latency", "0.08"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "That was the demo." in result.stdout
    assert "failed" not in result.stdout


def test_the_transcript_says_what_kind_of_message_the_bot_sent() -> None:
    out = io.StringIO()
    transcript = Transcript(out, {5: Person(cast(Any, None), "👩", "Sanne", "nl")})
    markup = {"inline_keyboard": [[{"text": "Ja"}, {"text": "Nee"}]]}
    requests: list[tuple[str, dict[str, Any]]] = [
        ("sendMessage", {"text": "<b>Hallo</b>\ndaar", "reply_markup": markup}),
        ("editMessageText", {"text": "Anders"}),
        ("sendPhoto", {"caption": "Grafiek"}),
        ("sendDocument", {"document": SimpleNamespace(file_name="a.csv"), "caption": "CSV"}),
        ("sendDocument", {"caption": "Zonder naam"}),
        ("answerCallbackQuery", {"text": "Opgeslagen"}),
        ("answerCallbackQuery", {}),
        ("getMe", {"text": "niet getoond"}),
    ]
    for method, params in requests:
        transcript.bot_request(RequestRecord(method, params, True, 200, None, 0.0, 5))
    transcript.bot_request(RequestRecord("sendMessage", {"text": "x"}, True, 200, None, 0.0, 6))
    transcript.bot_request(RequestRecord("sendMessage", {"text": "y"}, False, 400, None, 0.0, 5))
    assert out.getvalue().splitlines() == [
        "🤖 bot → Sanne: Hallo",
        "      daar",
        "      [Ja] [Nee]",
        "🤖 bot → Sanne (edits its message): Anders",
        "🤖 bot → Sanne: [picture] Grafiek",
        "🤖 bot → Sanne: [file a.csv] CSV",
        "🤖 bot → Sanne: [file file] Zonder naam",
        "🤖 bot → Sanne (pop-up): Opgeslagen",
    ]

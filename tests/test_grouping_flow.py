"""Grouping end to end (issue 11), through the real bot and the local Bot API server:
150 parents in 11 clusters on one theme, the card's counts, merging with the texts shown
first, leaving one out, undo, and pulling a group from /rij."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from bot.app import Ouderbot
from bot.localapi import LocalBotApi
from tests.data.labelled import held_out_sleep
from tests.test_webinar_burst import consented_parents, open_webinar

COUNT = re.compile(r"👥 (\d+) andere ouders")


def _interleaved(total: int) -> list[tuple[int, str]]:
    """(cluster, text) for `total` parents, the clusters taking turns."""
    picked: list[tuple[int, str]] = []
    depth = 0
    while len(picked) < total:
        for cluster, texts in enumerate(held_out_sleep().clusters):
            if depth < len(texts) and len(picked) < total:
                picked.append((cluster, texts[depth]))
        depth += 1
    return picked


def _button(user, message, action: str) -> str:
    return next(data for _, data in user.buttons(message) if f":q:{action}:" in data)


async def _pull(moderator) -> dict[str, Any]:
    before = moderator.messages[-1]["message_id"] if moderator.messages else 0
    moderator.send("/volgende")
    return await moderator.wait_for(
        lambda m: m["message_id"] > before and ("Vraag " in m["text"] or "geen vragen" in m["text"])
    )


async def test_150_parents_in_11_clusters_counts_merge_shows_texts_and_undo_tells_nobody(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    (moderator, _) = await open_webinar(bot, api)
    asked = _interleaved(150)
    assert len({cluster for cluster, _ in asked}) == 11
    parents = await consented_parents(bot, api, len(asked))
    cluster_of = {parent.id: cluster for parent, (cluster, _) in zip(parents, asked, strict=True)}
    size = {c: sum(1 for cluster, _ in asked if cluster == c) for c in range(11)}
    for parent, (_, text) in zip(parents, asked, strict=True):
        parent.send(text)
    await asyncio.gather(
        *(p.wait_for(lambda m: "in de rij" in m["text"], timeout=30) for p in parents)
    )
    questions = bot.services.repos.questions
    webinar = await bot.services.repos.webinars.by_code("slapen")
    assert webinar is not None
    # A burst's questions are grouped right after their acknowledgements; the gespreksleider
    # pulls once that is done (a count on a card is the count of its moment).
    await bot.services.desk.grouped(webinar.id)

    # Every question's count (what its card says) stays within twice its cluster's size.
    for unanswered in await questions.unanswered(webinar.id):
        assert unanswered.asker_id is not None
        assert unanswered.similar_count <= 2 * size[cluster_of[unanswered.asker_id]]

    # The cards say so too; find one that would merge something.
    card = None
    for _ in range(12):
        shown = await _pull(moderator)
        question_id = int(_button(moderator, shown, "asked").rsplit(":", 1)[1])
        question = await questions.get(question_id)
        assert question is not None
        assert question.asker_id is not None
        match = COUNT.search(shown["text"])
        assert match is not None
        assert int(match.group(1)) <= 2 * size[cluster_of[question.asker_id]]
        members = [d for _, d in moderator.buttons(shown) if ":q:tog:" in d]
        if len(members) >= 2 and any(":q:merge:" in d for _, d in moderator.buttons(shown)):
            card = shown
            break
    assert card is not None, "no card offered a merge of two or more questions"
    assert question is not None
    toggles = [d for _, d in moderator.buttons(card) if ":q:tog:" in d]
    member_ids = [int(d.rsplit(":", 1)[1]) for d in toggles]
    included = [
        int(d.rsplit(":", 1)[1])
        for label, d in moderator.buttons(card)
        if label.startswith("✅") and ":q:tog:" in d
    ]
    assert len(included) >= 2

    # Merging shows the texts first: every question the merge would combine is on the card.
    texts = await questions.texts(member_ids)
    for member in member_ids:
        assert texts[member][:30].split(" ")[0] in card["text"]
        assert f"<b>{member}</b>" in card["text"] or f"{member} " in card["text"]

    # Leave one out, then merge with one tap.
    left_out = included[0]
    moderator.press(card, next(d for d in toggles if d.endswith(f":{left_out}")))
    card = await moderator.wait_for(
        lambda m: m["message_id"] == card["message_id"] and f"⬜ {left_out}" in m["text"]
    )
    messages_before = {p.id: len(p.messages) for p in parents}
    moderator.press(card, _button(moderator, card, "merge"))
    merged_card = await moderator.wait_for(
        lambda m: m["message_id"] == card["message_id"] and ":q:undo:" in str(moderator.buttons(m))
    )
    merged_ids = [i for i in included if i != left_out]
    for merged_id in merged_ids:
        merged_question = await questions.get(merged_id)
        assert merged_question is not None
        assert merged_question.state.value == "merged"
    kept = await questions.get(left_out)
    assert kept is not None
    assert kept.state.value == "open"
    # The header count is right after the merge: the desk's fresh count of other parents.
    target = await questions.get(question.id)
    assert target is not None
    fresh = await bot.services.desk.card(target)
    match = COUNT.search(merged_card["text"])
    assert match is not None
    assert int(match.group(1)) == fresh.other_parents

    # Undo restores every question and tells no asker anything.
    moderator.press(merged_card, _button(moderator, merged_card, "undo"))
    await moderator.wait_for(
        lambda m: (
            m["message_id"] == card["message_id"] and ":q:undo:" not in str(moderator.buttons(m))
        )
    )
    for merged_id in merged_ids:
        restored = await questions.get(merged_id)
        assert restored is not None
        assert restored.state.value == "open"
        assert restored.merged_into is None
    await bot.dispatcher.send_due()
    await asyncio.sleep(0)
    assert {p.id: len(p.messages) for p in parents} == messages_before
    assert (
        await bot.services.db.fetch_value(
            "SELECT count(*) FROM outbox WHERE kind = 'question.asked'"
        )
        == 0
    )


async def test_rij_lists_groups_and_tapping_one_pulls_it(bot: Ouderbot, api: LocalBotApi) -> None:
    (moderator, other) = await open_webinar(bot, api)
    asked = [
        "mijn kind wil elke nacht bij ons in bed slapen, hoe stop ik dat",
        "onze zoon komt iedere nacht bij ons in bed slapen",
        "hoe krijg ik mijn dochter uit ons bed, ze komt er elke nacht in",
        "is dit normaal bij slapen?",
        "heeft iemand tips over slapen?",
        "hoeveel zakgeld geef je een kind van 10?",
    ]
    parents = await consented_parents(bot, api, len(asked))
    for parent, text in zip(parents, asked, strict=True):
        parent.send(text)
    await asyncio.gather(*(p.wait_for(lambda m: "in de rij" in m["text"]) for p in parents))
    moderator.send("/rij")
    panel = await moderator.wait_for(lambda m: "Groepen" in m["text"])
    assert "👥 3 ouders · 3 vragen" in panel["text"]
    assert "2 algemene vragen over slapen" in panel["text"]
    group_buttons = [d for _, d in moderator.buttons(panel) if ":panel:group:" in d]
    assert len(group_buttons) == 2
    # Both gespreksleiders tap the same group at once: each gets a different question.
    other.send("/rij")
    other_panel = await other.wait_for(lambda m: "Groepen" in m["text"])
    moderator.press(panel, group_buttons[0])
    other.press(other_panel, group_buttons[0])
    first = await moderator.wait_for(lambda m: "Vraag " in m["text"])
    second = await other.wait_for(lambda m: "Vraag " in m["text"])
    first_id = _button(moderator, first, "asked").rsplit(":", 1)[1]
    second_id = _button(other, second, "asked").rsplit(":", 1)[1]
    assert first_id != second_id
    for card in (first, second):
        assert "bed" in card["text"]

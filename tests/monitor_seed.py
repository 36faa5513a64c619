"""A seeded half-year (1 January – 30 June 2026) for the monitor figures, and the figures
it must give, worked out by hand from the seed (tests/test_monitor.py, tests/test_practice.py).

Written straight into the tables (a test helper, not product code): six months of real
use through the bot would take minutes, and the figures only read the tables."""

from __future__ import annotations

import sqlite3
from typing import Any

from storage.db import Database, in_one_call

# Parents: 5001..5008 joined "Slapen" (JGZ, city-wide, 10 February); 5101..5103 joined
# "Pubers" (DOCK, Overvecht, 14 April): too few for any people figure.
SLAPEN_PARENTS = list(range(5001, 5009))
PUBERS_PARENTS = [5101, 5102, 5103]
SAME_QUESTION = "Hoe krijg ik mijn kind op tijd in bed?"


def _seed(raw: sqlite3.Connection) -> None:
    now = "2026-06-30T12:00:00+00:00"
    for user_id in SLAPEN_PARENTS + PUBERS_PARENTS + [5201]:
        raw.execute(
            "INSERT INTO users (id, language, created_at, last_seen_at) VALUES (?, 'nl', ?, ?)",
            (user_id, now, now),
        )
    webinars = [
        # id, code, title, start, organisation, wijk, practice_of, replay notices
        (101, "slapen", "Slapen", "2026-02-10T18:30:00+00:00", "JGZ", "", None, 8),
        (102, "pubers", "Pubers", "2026-04-14T17:30:00+00:00", "DOCK", "Overvecht", None, 2),
        # outside the period, and a practice webinar inside it: neither counts
        (103, "later", "Later", "2026-07-15T17:30:00+00:00", "JGZ", "", None, 0),
        (104, "oefen-1", "Oefenwebinar", "2026-03-03T10:00:00+00:00", "", "", 800001, 0),
    ]
    for wid, code, title, start, org, wijk, practice, notices in webinars:
        raw.execute(
            "INSERT INTO webinars (id, code, title, theme, starts_at, ends_at, state,"
            " organisation, wijk, practice_of, replay_notices, closed_at)"
            " VALUES (?, ?, ?, 'slapen', ?, ?, 'closed', ?, ?, ?, ?, ?)",
            (wid, code, title, start, start, org, wijk, practice, notices, start),
        )
    for user_id in SLAPEN_PARENTS:
        raw.execute(
            "INSERT INTO participants (webinar_id, user_id, joined_at) VALUES (101, ?, ?)",
            (user_id, now),
        )
    for user_id in PUBERS_PARENTS:
        raw.execute(
            "INSERT INTO participants (webinar_id, user_id, joined_at) VALUES (102, ?, ?)",
            (user_id, now),
        )
    # Slapen: five parents asked the same question (one group, key 1); 5006 asked two
    # more of their own; 5007 withdrew theirs (not counted). Answered: the group's first
    # (live) and one of 5006's (written) = 2 ... plus 2 of the group merged into it.
    questions = [
        # id, webinar, asker, text, state, group_key, merged_into, answered_how
        (1, 101, 5001, SAME_QUESTION, "answered", 1, None, "live"),
        (2, 101, 5002, "Mijn kind wil 's avonds niet naar bed", "merged", 1, 1, None),
        (3, 101, 5003, "Hoe krijg ik mijn zoon op tijd in bed", "merged", 1, 1, None),
        (4, 101, 5004, "Op tijd naar bed, hoe doe je dat?", "open", 1, None, None),
        (5, 101, 5005, "Bedtijd is elke avond strijd", "open", 1, None, None),
        (6, 101, 5006, "Mag mijn baby bij ons slapen?", "answered", 6, None, "written"),
        (7, 101, 5006, "Hoeveel slaap heeft een peuter nodig?", "open", 7, None, None),
        (8, 101, 5007, "Vraag die terug is getrokken", "withdrawn", 8, None, None),
        # Pubers: two parents, two questions, one answered
        (9, 102, 5101, "Hoe praat ik met mijn puber?", "answered", 9, None, "live"),
        (10, 102, 5102, "Mijn puber zit altijd op zijn telefoon", "open", 10, None, None),
    ]
    for qid, wid, asker, text, state, group, merged, how in questions:
        raw.execute(
            "INSERT INTO questions (id, webinar_id, number, asker_id, source_msg, text, state,"
            " group_key, merged_into, answered_how, answered_at, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (qid, wid, qid, asker, qid, text, state, group, merged, how,
             now if how else None, now),
        )  # fmt: skip
    # Feedback of Slapen: 8 requests, 6 responses (scores 5 4 4 3 5 and one without).
    raw.execute(
        "INSERT INTO feedback_sessions (id, ref, kind, title, theme, day, ended_at,"
        " participants, questions_asked, questions_answered, requests_sent)"
        " VALUES (1, 'w:101', 'webinar', 'Slapen', 'slapen', '2026-02-10', ?, 8, 7, 2, 8)",
        (now,),
    )
    answers = [(5, "yes"), (4, "yes"), (4, "a_bit"), (3, "no"), (5, "yes"), (None, None)]
    for index, user_id in enumerate(SLAPEN_PARENTS):
        raw.execute(
            "INSERT INTO feedback_requests (id, session_id, user_id, step, created_at,"
            " expires_at) VALUES (?, 1, ?, 'done', ?, ?)",
            (index + 1, user_id, now, now),
        )
        if index < len(answers):
            score, helped = answers[index]
            raw.execute(
                "INSERT INTO feedback_answers (session_id, request_id, score, helped, takeaway)"
                " VALUES (1, ?, ?, ?, ?)",
                (index + 1, score, helped, "Rust" if score is None else None),
            )
    # Inloop: "Speeltuin" in Hoograven (Buurtteam), Mondays 2 March – 27 April: nine
    # Mondays, 16 March cancelled = 8 sessions; on 2 March six parents were there, two not.
    raw.execute(
        "INSERT INTO inloop_series (id, import_key, title, theme, wijk, location, organiser,"
        " first_date, last_date, start_time, end_time, recurrence, created_at, updated_at)"
        " VALUES (1, 'k1', 'Speeltuin', 'opvoeden', 'Hoograven', 'De Pan', 'Buurtteam',"
        " '2026-03-02', '2026-04-27', '09:30', '11:00', 'wekelijks', ?, ?)",
        (now, now),
    )
    raw.execute(
        "INSERT INTO inloop_cancellations (series_id, day, reason, cancelled_at)"
        " VALUES (1, '2026-03-16', 'ziek', ?)",
        (now,),
    )
    raw.execute(
        "INSERT INTO feedback_sessions (id, ref, kind, title, theme, day, ended_at,"
        " requests_sent) VALUES (2, 'i:1:2026-03-02', 'inloop', 'Speeltuin', 'opvoeden',"
        " '2026-03-02', ?, 6)",
        (now,),
    )
    steps = ["done"] * 4 + ["score", "helped", "absent", "absent"]
    for index, step in enumerate(steps):
        user_id = SLAPEN_PARENTS[index]
        raw.execute(
            "INSERT INTO feedback_requests (id, session_id, user_id, step, created_at,"
            " expires_at) VALUES (?, 2, ?, ?, ?, ?)",
            (100 + index, user_id, step, now, now),
        )


async def seed_half_year(db: Database) -> None:
    async def op(conn: Any) -> None:
        await in_one_call(conn, _seed)

    await db.write(op, marks_update=False)


# The figures, by hand from the seed above. Webinar people: Slapen 8 participants and 6
# askers (5001-5006; 5007 withdrew), Pubers 3 and 2 (below five: hidden).
EXPECTED_TOTAL = {
    "webinars": 2,
    "participants": 11,  # 8 + 3
    "asked": 9,  # Slapen 7 (8 minus the withdrawn one) + Pubers 2
    "answered": 3,  # Slapen 2 (one live, one written) + Pubers 1
    "grouped": 5,  # the five questions of group 1 (two of them merged)
    "replay_notices": 10,  # 8 + 2
    "series": 1,
    "sessions": 8,
    "visits": 6,
    "cancellations": 1,
    "responses": 6,
}
EXPECTED_JGZ = {"participants": 8, "asked": 7, "answered": 2, "grouped": 5, "responses": 6}
MEAN_SCORE_JGZ = 4.2  # (5 + 4 + 4 + 3 + 5) / 5
HELPED_SHARE_JGZ = 0.8  # yes 3 + a bit 1, of 5
RESPONSE_RATE_JGZ = 0.75  # 6 of 8 requests

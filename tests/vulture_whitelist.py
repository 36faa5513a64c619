"""Names vulture (dead-code finder, run by .ci/run) reports that are used all the same.

Each line names a use vulture cannot see, with the reason. Reviewed on 7 December 2026;
add a name here only with its reason, and remove code that is really unused instead.
"""

# ruff: noqa: B018, F821
# pydantic reads these: model settings and validators (called by the decorator).
model_config
_._valid_time
_._host_port
_._http_url
_._valid_weekday
_._valid_digest_time
_._known_zone
# Enum members: stored in the database and compared by value (QuestionState).
REMOVED
WITHDRAWN
MERGED
# python-telegram-bot's BaseRequest reads it (bot/delivery/aiohttp_request.py).
_._write_timeout
# Counters kept for the benchmarks and for debugging a running bot (read in a debugger or
# by a future /status): the dispatcher's 429s, the reminder planner's total, the local
# server's deliveries, the retention pass's last report.
rate_limited
_.rate_limited
_.queued_total
deliveries
_.deliveries
_.last_report
# The local server's spec and state mirror Telegram's fields (kept for completeness).
_.returns
_.last_update_id
# logging.LogRecord's attribute, set by the redacting filter.
_.msg
# The board's actions are looked up by name (bot/web/routes.py, getattr).
_.hide
# aiosqlite reads it for every row.
_.row_factory
# Fields of records shown to a parent (/mijngegevens) or kept for the database's shape.
previous
notice_shown_at
joined_at
voted_at
subscribed_at
granted_at

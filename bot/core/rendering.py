"""Turning a stored message (translation key + parameters) into text in a user's language.

Outbox rows are rendered when they are sent, not when they are queued, so a parent who
switches language in between gets the new language. Parameters may be plain values or
small tagged objects that are formatted for the language at that moment:
``{"moment": iso}`` (day and time in the configured zone), ``{"day": iso_date}``,
``{"text": key}`` (a nested translation).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.core.i18n import Raw, Translator, format_day, format_moment
from bot.core.models import ParamValue


def moment(value: datetime) -> dict[str, str]:
    return {"moment": value.isoformat()}


def day(value: date) -> dict[str, str]:
    return {"day": value.isoformat()}


def nested(key: str) -> dict[str, str]:
    return {"text": key}


def render(
    t: Translator, language: str, zone: ZoneInfo, key: str, params: Mapping[str, ParamValue]
) -> str:
    resolved: dict[str, object] = {}
    for name, value in params.items():
        if isinstance(value, dict):
            if "moment" in value:
                resolved[name] = format_moment(
                    datetime.fromisoformat(value["moment"]).astimezone(zone), language
                )
            elif "day" in value:
                resolved[name] = format_day(date.fromisoformat(value["day"]), language)
            elif "text" in value:
                resolved[name] = Raw(t(language, value["text"]))
            else:
                raise ValueError(f"unknown parameter form for {name!r}")
        else:
            resolved[name] = value
    return t(language, key, **resolved)

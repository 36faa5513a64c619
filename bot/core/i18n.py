"""Translation catalogues: every text a user sees goes through `Translator`.

Catalogues are TOML files in ``bot/core/locales/<language>/<feature>.toml``. Tables nest, and
a key is the dotted path (``[webinar.ack] queued = "..."`` is ``webinar.ack.queued``).
Adding a language is adding a folder with the same files. Texts use ``str.format``
placeholders and Telegram HTML; parameters are HTML-escaped unless wrapped in `Raw`,
so text a parent wrote can never break (or inject) markup.
"""

from __future__ import annotations

import html
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_datetime, format_time

LOCALES_DIR = Path(__file__).parent / "locales"
SUPPORTED_FALLBACK = "nl"


@dataclass(frozen=True)
class Raw:
    """A parameter that is already valid Telegram HTML and must not be escaped."""

    html: str

    def __str__(self) -> str:
        return self.html


def _flatten(prefix: str, table: Mapping[str, Any], into: dict[str, str], source: Path) -> None:
    for key, value in table.items():
        dotted = f"{prefix}.{key}" if prefix else key
        if isinstance(value, Mapping):
            _flatten(dotted, value, into, source)
        elif isinstance(value, str):
            if dotted in into:
                raise ValueError(f"duplicate translation key {dotted!r} in {source}")
            into[dotted] = value
        else:
            raise ValueError(f"translation {dotted!r} in {source} is not a string")


def load_catalogue(folder: Path) -> dict[str, str]:
    """Read every ``*.toml`` file in one language folder into a flat key -> text map."""
    texts: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            _flatten("", tomllib.load(handle), texts, path)
    return texts


class Translator:
    """Looks texts up by key in the user's language, falling back to the default."""

    def __init__(self, default_language: str = SUPPORTED_FALLBACK, folder: Path = LOCALES_DIR):
        self.catalogues = {
            sub.name: load_catalogue(sub) for sub in sorted(folder.iterdir()) if sub.is_dir()
        }
        if default_language not in self.catalogues:
            raise ValueError(f"no translations for default language {default_language!r}")
        self.default_language = default_language

    @property
    def languages(self) -> list[str]:
        return sorted(self.catalogues)

    def pick_language(self, requested: str | None) -> str:
        """Map a Telegram ``language_code`` (``en-GB``, ``nl``) to a language we have."""
        if requested:
            base = requested.split("-")[0].lower()
            if base in self.catalogues:
                return base
        return self.default_language

    def has(self, key: str) -> bool:
        return key in self.catalogues[self.default_language]

    def __call__(self, language: str | None, key: str, /, **params: object) -> str:
        catalogue = self.catalogues.get(language or "", self.catalogues[self.default_language])
        template = catalogue.get(key) or self.catalogues[self.default_language].get(key)
        if template is None:
            raise KeyError(f"no translation for {key!r}")
        safe = {
            name: value.html if isinstance(value, Raw) else _escape(value)
            for name, value in params.items()
        }
        return template.format(**safe)

    def missing_keys(self) -> dict[str, set[str]]:
        """Keys some language has and another lacks, per lacking language."""
        every = set().union(*(set(c) for c in self.catalogues.values()))
        return {
            lang: every - set(catalogue)
            for lang, catalogue in self.catalogues.items()
            if every - set(catalogue)
        }


def _escape(value: object) -> str:
    if isinstance(value, str):
        return html.escape(value, quote=False)
    return html.escape(str(value), quote=False)


def babel_locale(language: str) -> str:
    return {"nl": "nl_NL", "en": "en_GB"}.get(language, language)


def format_day(value: date, language: str) -> str:
    """'dinsdag 1 december' / 'Tuesday 1 December'."""
    return format_date(value, "EEEE d MMMM", locale=babel_locale(language))


def format_clock(value: datetime, language: str) -> str:
    return format_time(value, "HH:mm", locale=babel_locale(language))


def format_moment(value: datetime, language: str) -> str:
    """'dinsdag 1 december, 10:00' in the time zone `value` carries."""
    return format_datetime(value, "EEEE d MMMM, HH:mm", locale=babel_locale(language))

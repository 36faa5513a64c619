"""Translation catalogues: every text a user sees goes through `Translator`.

Catalogues are gettext ``.po`` files, which translators' tools (Poedit, Weblate) open:
``bot/core/locales/<language>/LC_MESSAGES/<feature>.po``. Each entry is::

    msgctxt "webinar.ask.queued"                        # the key the code asks for
    msgid "✅ Your question is in the queue (place {position})."   # English source
    msgstr "✅ Sorunun sırada (sıra {position})."                  # this language's text

A text that depends on a number is a plural entry (``msgid_plural``, one ``msgstr[i]``
per plural form of the language, from its ``Plural-Forms`` header; Arabic has six); the
form is chosen by the ``count`` parameter: ``t(lang, "webinar.ask.queued_similar",
count=n)``. Adding a language is adding a folder with the same files.

Texts use ``str.format`` placeholders and Telegram HTML; parameters are HTML-escaped
unless wrapped in `Raw`, so text a parent wrote can never break (or inject) markup.

Dutch and English hold every text. Other languages hold the texts a parent sees (see
`is_parent_facing`); staff texts fall back to English there. Right-to-left languages
(Arabic) get each parameter wrapped in Unicode isolates and each line started with a
right-to-left mark, so a Latin title or a number does not turn a line around.
"""

from __future__ import annotations

import functools
import gettext
import html
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from babel.dates import format_date, format_datetime, format_time
from babel.messages.catalog import Message
from babel.messages.pofile import read_po

LOCALES_DIR = Path(__file__).parent / "locales"
MESSAGES_DIR = "LC_MESSAGES"
SUPPORTED_FALLBACK = "nl"
# Staff texts in a language that only covers what parents see are shown in English.
STAFF_FALLBACK = "en"
# Languages that hold every text, staff texts included.
FULL_LANGUAGES = frozenset({"nl", "en"})
# /taal lists the languages in this order; a language not named here comes after them.
LANGUAGE_ORDER = ("nl", "en", "tr", "ar")
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})
# The header comment of a catalogue whose texts no native speaker has checked yet.
UNREVIEWED_MARK = "NOT YET CHECKED BY A NATIVE SPEAKER"
# The translator comment on each such entry (``# review: ...``): not gettext's ``fuzzy``,
# which msgfmt, Poedit and Weblate leave out of the compiled catalogue
# (``python -m bot.core.review_marks`` moves the old fuzzy marks into this comment).
REVIEW_COMMENT = "review: not yet checked by a native speaker"

FSI, PDI, RLM = "\u2068", "\u2069", "\u200f"

# Keys only gespreksleiders and coordinators see. Every other key is parent-facing, so a
# key someone adds is required in every language until it is listed here.
STAFF_PREFIXES = (
    "board.",  # the moderation board and presenter view (staff, and the screen they share)
    "moderation.",
    "programme.",
    "roles.",
    "summary.",
    "privacy.data.staff_name",  # /mijngegevens of a gespreksleider or coordinator
    "privacy.data.invites",
    "privacy.data.invite_made",
    "privacy.data.invite_used",
    "privacy.data.invite_status_open",
    "privacy.data.invite_status_used",
    "core.not_allowed.",
    "core.help.moderator",
    "core.help.coordinator",
    "inloop.coord.",
    "inloop.import.",
    "inloop.upload.download_failed",
    "inloop.button.series",
    "inloop.button.day",
    "inloop.button.abort",
    "inloop.button.send",
    "feedback.digest.",
    "feedback.sum.",
    "privacy.data.roles",
    "privacy.data.role.",
    "privacy.forget.confirm_staff",
    "menu.open",
    "menu.rij",
    "menu.volgende",
    "menu.sluit",
    "menu.afgehandeld",
    "menu.programma",
    "menu.uitnodigen",
    "menu.rollen",
    "menu.afgelasten",
    "menu.bericht",
    "menu.samenvatting",
    "menu.terugkijken",
    "menu.monitor",
    "menu.oefenen",
    "replay.rec.",  # the panel's "⏺ Opname loopt"
    "replay.set.",  # /terugkijken
    "monitor.",
    "practice.",
)


def is_parent_facing(key: str) -> bool:
    return not any(key == p or key.startswith(p) for p in STAFF_PREFIXES)


@dataclass(frozen=True)
class Raw:
    """A parameter that is already valid Telegram HTML and must not be escaped."""

    html: str

    def __str__(self) -> str:
        return self.html


@dataclass(frozen=True)
class Entry:
    """One text: a single form, or one form per plural form of the language."""

    forms: tuple[str, ...]
    plural: bool = False
    unreviewed: bool = False  # fuzzy, or marked with REVIEW_COMMENT
    source: str = ""

    @property
    def translated(self) -> bool:
        return bool(self.forms) and all(self.forms)


class Catalogue(Mapping[str, Entry]):
    """Every text of one language, from all its ``.po`` files."""

    def __init__(
        self,
        language: str,
        entries: dict[str, Entry],
        num_plurals: int = 2,
        plural_expr: str = "(n != 1)",
        reviewed: bool = True,
    ) -> None:
        self.language = language
        self.entries = entries
        self.num_plurals = num_plurals
        self.plural_expr = plural_expr
        self.plural: Callable[[int], int] = gettext.c2py(plural_expr)
        self.reviewed = reviewed
        self.rtl = language in RTL_LANGUAGES

    def __getitem__(self, key: str) -> Entry:
        return self.entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def usable(self, key: str) -> Entry | None:
        entry = self.entries.get(key)
        return entry if entry is not None and entry.translated else None


def load_po(path: Path, language: str) -> tuple[dict[str, Entry], int, str, bool]:
    """(entries, number of plural forms, plural expression, reviewed) of one file."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=None, abort_invalid=True)
    entries: dict[str, Entry] = {}
    for message in catalog:
        if not message.id:
            continue  # the header
        key = message.context
        if not key:
            raise ValueError(f"{path}: an entry without msgctxt (the key): {message.id!r}")
        if key in entries:
            raise ValueError(f"duplicate translation key {key!r} in {path}")
        entries[key] = _entry(message)
    reviewed = UNREVIEWED_MARK not in (catalog.header_comment or "")
    return entries, catalog.num_plurals, catalog.plural_expr, reviewed


def _entry(message: Message) -> Entry:
    """One .po entry's translation (its plural forms, if it has them)."""
    unreviewed = message.fuzzy or REVIEW_COMMENT in message.user_comments
    if isinstance(message.id, tuple | list):
        strings = message.string if isinstance(message.string, tuple | list) else ()
        return Entry(tuple(s or "" for s in strings), True, unreviewed, str(message.id[0]))
    return Entry((str(message.string or ""),), False, unreviewed, message.id)


def load_catalogue(folder: Path) -> Catalogue:
    """Read every ``LC_MESSAGES/*.po`` file of one language folder."""
    language = folder.name
    _refuse_toml(folder)
    entries: dict[str, Entry] = {}
    plurals: set[tuple[int, str]] = set()
    reviewed = True
    for path in sorted((folder / MESSAGES_DIR).glob("*.po")):
        found, num_plurals, plural_expr, file_reviewed = load_po(path, language)
        for key in found.keys() & entries.keys():
            raise ValueError(f"duplicate translation key {key!r} in {path}")
        entries.update(found)
        plurals.add((num_plurals, plural_expr))
        reviewed = reviewed and file_reviewed
    if len(plurals) > 1:
        raise ValueError(f"the .po files of {language!r} disagree on Plural-Forms: {plurals}")
    num_plurals, plural_expr = plurals.pop() if plurals else (2, "(n != 1)")
    _check_plural_forms(entries, language, num_plurals)
    return Catalogue(language, entries, num_plurals, plural_expr, reviewed)


def _refuse_toml(folder: Path) -> None:
    """Catalogues were TOML once; a merge can bring such files back. Refuse to start
    without their texts rather than silently miss them."""
    leftovers = sorted(p.name for p in folder.glob("*.toml"))
    if leftovers:
        raise ValueError(
            f"{folder} holds TOML catalogues {leftovers}: merge their texts into the .po"
            " files (see docs/translations.md) and remove them"
        )


def _check_plural_forms(entries: Mapping[str, Entry], language: str, num_plurals: int) -> None:
    for key, entry in entries.items():
        if entry.plural and len(entry.forms) != num_plurals:
            raise ValueError(
                f"{key!r} in {language!r} has {len(entry.forms)} plural forms, not {num_plurals}"
            )


def _read_catalogues(folder: Path) -> dict[str, Catalogue]:
    return {sub.name: load_catalogue(sub) for sub in sorted(folder.iterdir()) if sub.is_dir()}


@functools.cache
def _packaged_catalogues() -> dict[str, Catalogue]:
    # The catalogues shipped in the package do not change while the process runs; babel
    # takes about 0.13 s of CPU to parse them, paid once instead of for every Translator
    # (each bot started in the tests, each CLI command).
    return _read_catalogues(LOCALES_DIR)


class Translator:
    """Looks texts up by key in the user's language, falling back to English, then the default."""

    def __init__(self, default_language: str = SUPPORTED_FALLBACK, folder: Path = LOCALES_DIR):
        self.catalogues = (
            dict(_packaged_catalogues()) if folder == LOCALES_DIR else _read_catalogues(folder)
        )
        if default_language not in self.catalogues:
            raise ValueError(f"no translations for default language {default_language!r}")
        self.default_language = default_language

    @property
    def languages(self) -> list[str]:
        """Every language, in the order /taal offers them."""

        def rank(language: str) -> tuple[int, str]:
            known = language in LANGUAGE_ORDER
            return (LANGUAGE_ORDER.index(language) if known else len(LANGUAGE_ORDER), language)

        return sorted(self.catalogues, key=rank)

    def pick_language(self, requested: str | None) -> str:
        """Map a Telegram ``language_code`` (``en-GB``, ``nl``, ``ar-EG``) to a language we have."""
        if requested:
            base = requested.replace("_", "-").split("-")[0].lower()
            if base in self.catalogues:
                return base
        return self.default_language

    def has(self, key: str) -> bool:
        return key in self.catalogues[self.default_language]

    def entry(self, language: str | None, key: str) -> tuple[Catalogue, Entry]:
        """The catalogue and entry a text comes from: the language's, else English, else default."""
        chain = [language or self.default_language, STAFF_FALLBACK, self.default_language]
        for name in chain:
            catalogue = self.catalogues.get(name)
            if catalogue is not None and (found := catalogue.usable(key)) is not None:
                return catalogue, found
        raise KeyError(f"no translation for {key!r}")

    def template(self, language: str | None, key: str, count: object = None) -> str:
        """The raw template, with the plural form for `count` chosen."""
        catalogue, found = self.entry(language, key)
        return _form(catalogue, found, key, count)

    def __call__(self, language: str | None, key: str, /, **params: object) -> str:
        return self.text(language, key, params)

    def count(self, language: str | None, key: str, count: int, /, **params: object) -> Raw:
        """A counted phrase ("3 ouders", a plural entry) for a text with more than one
        number: each number gets its own plural form, the phrase goes in as a parameter."""
        return Raw(self.text(language, key, {**params, "count": count}))

    def text(
        self, language: str | None, key: str, params: Mapping[str, object], *, escape: bool = True
    ) -> str:
        catalogue, found = self.entry(language, key)
        template = _form(catalogue, found, key, params.get("count"))
        safe = _filled(params, escape=escape)
        if _PASS_THROUGH.fullmatch(template):
            # "{text}": a text put together from other translations, marked already.
            return template.format(**safe)
        if catalogue.rtl:
            return right_to_left(template, safe)
        if escape:
            # Arabic a parent wrote (a question on a gespreksleider's card) is isolated too,
            # or it would turn the Dutch or English line around it right to left.
            safe = _isolated(safe)
        return template.format(**safe)

    def missing_keys(self) -> dict[str, set[str]]:
        """Keys a language must have and lacks (or has no text for), per lacking language.

        Dutch and English must have every key any language has; other languages every
        parent-facing key.
        """
        every = set().union(*(set(c) for c in self.catalogues.values()))
        missing: dict[str, set[str]] = {}
        for language, catalogue in self.catalogues.items():
            required = every if language in FULL_LANGUAGES else set(filter(is_parent_facing, every))
            lacking = {key for key in required if catalogue.usable(key) is None}
            if lacking:
                missing[language] = lacking
        return missing


def _form(catalogue: Catalogue, found: Entry, key: str, count: object) -> str:
    if not found.plural:
        return found.forms[0]
    if not isinstance(count, int):
        raise TypeError(f"{key!r} depends on a number: pass count=<int>")
    index = catalogue.plural(abs(count))
    return found.forms[min(index, len(found.forms) - 1)]


def right_to_left(template: str, params: Mapping[str, str]) -> str:
    """Fill in a right-to-left template so that mixed lines keep their direction.

    Each parameter (a Latin title, a number, a code) is wrapped in first-strong isolates
    (U+2068 … U+2069), so its own direction does not leak into the sentence around it;
    links are left bare so that Telegram still recognises them. Commands in the template
    (``/webinar CODE``) are isolated too, or the slash would show on the wrong side. Each
    line of the template that holds letters or a parameter starts with a right-to-left
    mark, so a line that begins with a Latin title still reads right to left (a line of
    emoji only, such as the button "😄", is left alone).
    """
    isolated = {
        name: value if _is_link(name) else f"{FSI}{value}{PDI}" for name, value in params.items()
    }
    lines = template.split("\n")
    marked = "\n".join(RLM + line if _has_direction(line) else line for line in lines)
    return _COMMAND.sub(lambda m: f"{FSI}{m.group(0)}{PDI}", marked).format(**isolated)


_PASS_THROUGH = re.compile(r"\{[a-z_]+\}")
# A command with its argument in a template ("/webinar CODE", "/help"), not a closing tag.
_COMMAND = re.compile(r"(?<![<\w/])/[a-z_]+(?: (?:[A-Z]{2,}|[a-z0-9-]+)\b)?")


def _has_direction(line: str) -> bool:
    """A line with letters or a parameter; not one of emoji and digits only ("🙋 3")."""
    return "{" in line or any(unicodedata.bidirectional(c) in ("L", "R", "AL") for c in line)


# Hebrew, Arabic, Syriac, Thaana, N'Ko ... and the Arabic and Hebrew presentation forms.
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def _has_rtl(value: str) -> bool:
    return _RTL_LETTER.search(value) is not None


def _is_link(name: str) -> bool:
    return name.endswith(("url", "link"))


def _escape(value: object) -> str:
    if isinstance(value, str):
        return html.escape(value, quote=False)
    return html.escape(str(value), quote=False)


def _filled(params: Mapping[str, object], *, escape: bool) -> dict[str, str]:
    """The parameters as texts to fill in: HTML-escaped (a `Raw` one as it is) unless
    `escape` is False."""
    if not escape:
        return {name: str(value) for name, value in params.items()}
    return {
        name: value.html if isinstance(value, Raw) else _escape(value)
        for name, value in params.items()
    }


def _isolated(safe: Mapping[str, str]) -> dict[str, str]:
    """Right-to-left parameters on one line isolated (FSI ... PDI), links left alone."""
    return {
        name: f"{FSI}{value}{PDI}"
        if not _is_link(name) and "\n" not in value and _has_rtl(value)
        else value
        for name, value in safe.items()
    }


def babel_locale(language: str) -> str:
    return {"nl": "nl_NL", "en": "en_GB", "tr": "tr_TR", "ar": "ar"}.get(language, language)


# Arabic separates the day from the time with its own comma.
_MOMENT_PATTERNS = {"ar": "EEEE d MMMM، HH:mm"}


def format_day(value: date, language: str) -> str:
    """'dinsdag 1 december' / 'Tuesday 1 December' / '1 Aralık Salı'."""
    pattern = "d MMMM EEEE" if language == "tr" else "EEEE d MMMM"
    return format_date(value, pattern, locale=babel_locale(language))


def format_clock(value: datetime, language: str) -> str:
    return format_time(value, "HH:mm", locale=babel_locale(language))


def format_moment(value: datetime, language: str) -> str:
    """'dinsdag 1 december, 10:00' in the time zone `value` carries."""
    default = "d MMMM EEEE, HH:mm" if language == "tr" else "EEEE d MMMM, HH:mm"
    pattern = _MOMENT_PATTERNS.get(language, default)
    return format_datetime(value, pattern, locale=babel_locale(language))

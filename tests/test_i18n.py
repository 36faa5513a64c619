"""Languages: every text the code asks for exists in every language, and users get theirs.

How the code is scanned for translation keys (a heuristic, on the syntax tree of every
module in ``bot/`` and ``handlers/``, the local Bot API server excepted):

* a string literal that looks like a dotted key (``core.welcome``, ``webinar.ack.queued``)
  and whose first part is a namespace the catalogues use (``core``, ``webinar``, ...) is
  a key, wherever it appears: in ``tr(...)``, ``t(lang, ...)``, ``say(..., ...)``, in a
  button list or in an outbox message; it must be a text in every language;
* except the value of a ``kind=`` argument or of a ``kind`` variable or attribute: the
  outbox names the kind of a message (``inloop.reminder``) like a key, but it is a label;
* an f-string that starts with such a dotted prefix (``f"webinar.ask.{state}"``) is
  checked by its prefix: every language must have a key that starts with it.

Strings built any other way are not seen; the tests through the bot cover those paths.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from bot.app import Ouderbot
from bot.core.i18n import LOCALES_DIR, Entry, Translator
from bot.localapi import LocalBotApi
from handlers.menus import COORDINATOR_COMMANDS, MODERATOR_COMMANDS, PARENT_COMMANDS

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("bot", "handlers")
KEY = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+")
PREFIX = re.compile(r"[a-z][a-z0-9_]*\.[a-z0-9_.]*")


def _is_kind_label(node: ast.Constant, parents: dict[ast.AST, ast.AST]) -> bool:
    parent = parents.get(node)
    if isinstance(parent, ast.keyword):
        return parent.arg == "kind"
    if isinstance(parent, ast.Assign | ast.AnnAssign):
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        return any(
            (isinstance(t, ast.Name) and t.id == "kind")
            or (isinstance(t, ast.Attribute) and t.attr == "kind")
            for t in targets
        )
    return False


def used_keys(namespaces: set[str]) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(where, key) for literal keys and (where, prefix) for f-string prefixes in the code."""
    keys: set[tuple[str, str]] = set()
    prefixes: set[tuple[str, str]] = set()
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "localapi" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            parents = {
                child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)
            }
            for node in ast.walk(tree):
                where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
                if isinstance(node, ast.JoinedStr):
                    first = node.values[0] if node.values else None
                    if (
                        isinstance(first, ast.Constant)
                        and isinstance(first.value, str)
                        and PREFIX.fullmatch(first.value)
                        and first.value.split(".")[0] in namespaces
                    ):
                        prefixes.add((where, first.value))
                elif (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and KEY.fullmatch(node.value)
                    and node.value.split(".")[0] in namespaces
                    and not isinstance(parents.get(node), ast.JoinedStr)
                    and not _is_kind_label(node, parents)
                ):
                    keys.add((where, node.value))
    return keys, prefixes


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator("nl")


def namespaces_of(translator: Translator) -> set[str]:
    return {key.split(".")[0] for texts in translator.catalogues.values() for key in texts}


def test_every_key_used_in_the_code_exists_in_every_language(translator: Translator) -> None:
    keys, prefixes = used_keys(namespaces_of(translator))
    assert len(keys) > 50, "the scan found hardly any keys: is the heuristic still right?"
    missing = [
        f"{where}: {key} ({language})"
        for where, key in sorted(keys)
        for language, texts in translator.catalogues.items()
        if key not in texts
    ]
    missing += [
        f"{where}: {prefix}… ({language})"
        for where, prefix in sorted(prefixes)
        for language, texts in translator.catalogues.items()
        if not any(key.startswith(prefix) for key in texts)
    ]
    assert missing == []


def test_every_menu_command_has_a_description_in_every_language(translator: Translator) -> None:
    for name in PARENT_COMMANDS + MODERATOR_COMMANDS + COORDINATOR_COMMANDS:
        for language, texts in translator.catalogues.items():
            assert f"menu.{name}" in texts, (name, language)


def test_no_language_lacks_a_translation(translator: Translator) -> None:
    assert set(translator.languages) >= {"nl", "en"}
    assert translator.missing_keys() == {}


def _write_po(path: Path, language: str, entries: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(
        f'msgctxt "{key}"\nmsgid "{key}"\nmsgstr "{text}"\n\n' for key, text in entries.items()
    )
    header = f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n\n'
    path.write_text(header + body, encoding="utf-8")


def test_missing_keys_names_the_text_a_language_lacks(tmp_path: Path) -> None:
    _write_po(
        tmp_path / "nl" / "LC_MESSAGES" / "core.po", "nl", {"core.hi": "Hoi", "core.bye": "Doei"}
    )
    _write_po(tmp_path / "en" / "LC_MESSAGES" / "core.po", "en", {"core.hi": "Hi", "core.bye": ""})
    assert Translator("nl", folder=tmp_path).missing_keys() == {"en": {"core.bye"}}


def _fields(template: str) -> set[str]:
    names = set()
    for _, field, _, _ in string.Formatter().parse(template):
        if field is not None:
            names.add(re.split(r"[.\[]", field)[0])
    return names


def _entry_fields(entry: Entry) -> set[str]:
    return set().union(*(_fields(form) for form in entry.forms))


def test_placeholders_match_across_languages(translator: Translator) -> None:
    default = translator.catalogues[translator.default_language]
    differing = [
        f"{key} ({language}): {sorted(_entry_fields(texts[key]))} vs {sorted(_entry_fields(entry))}"
        for key, entry in sorted(default.items())
        for language, texts in translator.catalogues.items()
        if texts.usable(key) is not None and _entry_fields(texts[key]) != _entry_fields(entry)
    ]
    assert differing == []


def test_locales_folder_is_what_the_translator_reads() -> None:
    assert {p.name for p in LOCALES_DIR.iterdir() if p.is_dir()} >= {"nl", "en"}


@pytest.mark.parametrize(
    ("requested", "expected"), [("en-GB", "en"), ("en", "en"), ("nl-BE", "nl"), ("tr", "nl")]
)
def test_telegram_language_code_picks_a_language(
    translator: Translator, requested: str, expected: str
) -> None:
    assert translator.pick_language(requested) == expected


async def test_taal_switches_the_language_of_the_next_reply(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    parent = api.user(1101, first_name="Sanne", language_code="nl")
    parent.send("/taal")
    choice = await parent.wait_for(lambda m: "Which language?" in m["text"])
    parent.tap("🇬🇧 English", choice)
    await parent.wait_for(lambda m: m["text"] == "I will talk to you in English now.")
    parent.send("/help")
    await parent.wait_for(lambda m: "What can you do?" in m["text"])
    stored = await bot.services.repos.users.get(parent.id)
    assert stored is not None and stored.language == "en"


async def test_english_telegram_gets_english_and_unknown_language_gets_dutch(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    english = api.user(1102, first_name="Amy", language_code="en-GB")
    turkish = api.user(1103, first_name="Elif", language_code="tr")
    english.send("/start")
    turkish.send("/start")
    await english.wait_for(lambda m: m["text"].startswith("Hi! I am the Ouderbot"))
    await turkish.wait_for(lambda m: m["text"].startswith("Hoi! Ik ben de Ouderbot"))

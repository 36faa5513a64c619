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
import shutil
import string
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural

from bot.app import Ouderbot
from bot.core.i18n import (
    FSI,
    FULL_LANGUAGES,
    LOCALES_DIR,
    PDI,
    RLM,
    UNREVIEWED_MARK,
    Entry,
    Translator,
    format_day,
    format_moment,
    is_parent_facing,
)
from bot.localapi import LocalBotApi
from bot.localapi.html_entities import EntityParseError, parse_html
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


def _needs(language: str, key: str) -> bool:
    """Dutch and English hold every text; other languages the texts parents see."""
    return language in FULL_LANGUAGES or is_parent_facing(key)


def test_every_key_used_in_the_code_exists_in_every_language(translator: Translator) -> None:
    keys, prefixes = used_keys(namespaces_of(translator))
    assert len(keys) > 50, "the scan found hardly any keys: is the heuristic still right?"
    missing = [
        f"{where}: {key} ({language})"
        for where, key in sorted(keys)
        for language, texts in translator.catalogues.items()
        if _needs(language, key) and texts.usable(key) is None
    ]
    missing += [
        f"{where}: {prefix}… ({language})"
        for where, prefix in sorted(prefixes)
        for language, texts in translator.catalogues.items()
        if _needs(language, prefix) and not any(key.startswith(prefix) for key in texts)
    ]
    assert missing == []


def test_every_menu_command_has_a_description_in_every_language(translator: Translator) -> None:
    for name in PARENT_COMMANDS:
        for language, texts in translator.catalogues.items():
            assert texts.usable(f"menu.{name}") is not None, (name, language)
    for name in MODERATOR_COMMANDS + COORDINATOR_COMMANDS:
        for language in FULL_LANGUAGES:
            assert translator.catalogues[language].usable(f"menu.{name}") is not None, name


def test_no_language_lacks_a_translation(translator: Translator) -> None:
    assert set(translator.languages) >= {"nl", "en", "tr", "ar"}
    assert translator.missing_keys() == {}


def test_parent_texts_are_translated_in_every_language(translator: Translator) -> None:
    """Every parent-facing key has a text in tr, ar (and any added language).

    After a merge that brought new keys from TOML (tools/toml_to_po.py), this test
    lists the ones still to translate: "<language>: <key> (<English text>)".
    """
    dutch = translator.catalogues["nl"]
    untranslated = [
        f"{language}: {key} ({translator.catalogues['en'][key].forms[0]!r})"
        for language, texts in translator.catalogues.items()
        if language not in FULL_LANGUAGES
        for key in dutch
        if is_parent_facing(key) and texts.usable(key) is None
    ]
    assert untranslated == []
    parent_keys = [key for key in dutch if is_parent_facing(key)]
    assert len(parent_keys) > 100, "hardly any parent-facing keys: is STAFF_PREFIXES too wide?"


def _words(text: str) -> str:
    return re.sub(r"\{[^}]*\}|<[^>]*>", "", text)


def test_turkish_and_arabic_texts_are_their_own(translator: Translator) -> None:
    """Not English copied over: most parent texts differ from the English ones."""
    english = translator.catalogues["en"]
    for language in ("tr", "ar"):
        texts = translator.catalogues[language]
        keys = [k for k in texts if any(c.isalpha() for c in _words(english[k].forms[0]))]
        same = [k for k in keys if texts[k].forms[0] == english[k].forms[0]]
        assert len(keys) > 100
        assert len(same) < 3, (language, same)


def test_staff_texts_fall_back_to_english_in_turkish_and_arabic(translator: Translator) -> None:
    for language in ("tr", "ar"):
        assert translator.catalogues[language].usable("moderation.queue_empty") is None
        assert translator(language, "moderation.queue_empty") == translator(
            "en", "moderation.queue_empty"
        )
        assert translator(language, "core.help.coordinator").startswith("<b>Coordinator</b>")
    assert not is_parent_facing("moderation.card.asked")
    assert not is_parent_facing("feedback.sum.choose")
    assert is_parent_facing("feedback.ask.score")
    assert is_parent_facing("menu.vergeetmij")
    assert not is_parent_facing("menu.rij")


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


def test_a_plural_entry_lacking_a_form_is_not_translated(tmp_path: Path) -> None:
    _write_po(tmp_path / "nl" / "LC_MESSAGES" / "core.po", "nl", {"core.hi": "Hoi"})
    path = tmp_path / "nl" / "LC_MESSAGES" / "core.po"
    path.write_text(
        path.read_text(encoding="utf-8")
        + 'msgctxt "core.n"\nmsgid "one"\nmsgid_plural "many"\nmsgstr[0] "een"\n',
        encoding="utf-8",
    )
    _write_po(tmp_path / "en" / "LC_MESSAGES" / "core.po", "en", {"core.hi": "Hi"})
    translator = Translator("nl", folder=tmp_path)
    # A missing form is an empty one: the text counts as not translated.
    assert translator.catalogues["nl"]["core.n"].forms == ("een", "")
    assert translator.missing_keys() == {"nl": {"core.n"}, "en": {"core.n"}}


def test_toml_catalogues_left_after_a_merge_stop_the_start(tmp_path: Path) -> None:
    _write_po(tmp_path / "nl" / "LC_MESSAGES" / "core.po", "nl", {"core.hi": "Hoi"})
    (tmp_path / "nl" / "webinar.toml").write_text('[webinar]\nnew = "Nieuw"\n')
    with pytest.raises(ValueError, match=r"webinar\.toml"):
        Translator("nl", folder=tmp_path)


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
    ("requested", "expected"),
    [
        ("en-GB", "en"),
        ("en", "en"),
        ("nl-BE", "nl"),
        ("tr", "tr"),
        ("ar", "ar"),
        ("ar-MA", "ar"),
        ("fr", "nl"),
        (None, "nl"),
    ],
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
    assert stored is not None
    assert stored.language == "en"


async def test_telegram_language_picks_english_turkish_or_arabic_and_unknown_gets_dutch(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    english = api.user(1102, first_name="Amy", language_code="en-GB")
    turkish = api.user(1103, first_name="Elif", language_code="tr")
    arabic = api.user(1104, first_name="Samira", language_code="ar")
    french = api.user(1105, first_name="Chloé", language_code="fr")
    for user in (english, turkish, arabic, french):
        user.send("/start")
    await english.wait_for(lambda m: m["text"].startswith("Hi! I am the Ouderbot"))
    await turkish.wait_for(lambda m: m["text"].startswith("Merhaba! Ben Utrecht"))
    await arabic.wait_for(lambda m: m["text"].startswith(RLM + "مرحبًا! أنا Ouderbot"))
    await french.wait_for(lambda m: m["text"].startswith("Hoi! Ik ben de Ouderbot"))


async def test_taal_offers_each_language_by_its_own_name(bot: Ouderbot, api: LocalBotApi) -> None:
    parent = api.user(1106, first_name="Sanne", language_code="nl")
    parent.send("/taal")
    choice = await parent.wait_for(lambda m: "Which language?" in m["text"])
    labels = [b["text"] for row in choice["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == ["🇳🇱 Nederlands", "🇬🇧 English", "Türkçe", RLM + "العربية"]
    parent.tap(RLM + "العربية", choice)
    await parent.wait_for(lambda m: m["text"] == RLM + "سأتحدث معك بالعربية من الآن.")
    parent.send("/help")
    await parent.wait_for(lambda m: "ماذا يمكنك أن تفعل؟" in m["text"])
    stored = await bot.services.repos.users.get(parent.id)
    assert stored is not None
    assert stored.language == "ar"


# --- plural forms -----------------------------------------------------------------------


def test_plural_entries_have_as_many_forms_as_the_language_has(translator: Translator) -> None:
    expected = {"nl": 2, "en": 2, "tr": 2, "ar": 6}
    plurals = 0
    for language, texts in translator.catalogues.items():
        assert texts.num_plurals == expected.get(language, get_plural(language).num_plurals)
        for key, entry in texts.items():
            if entry.plural:
                plurals += 1
                assert len(entry.forms) == expected[language], (language, key)
    assert plurals >= 4


@pytest.mark.parametrize(
    ("count", "fragment"),
    [
        (1, "سأل وليّ أمر آخر"),
        (2, "سأل وليّا أمر آخران"),
        (3, f"سأل {FSI}3{PDI} أولياء أمور آخرين"),
        (10, f"سأل {FSI}10{PDI} أولياء أمور آخرين"),
        (11, f"سأل {FSI}11{PDI} وليَّ أمر آخر"),
        (99, f"سأل {FSI}99{PDI} وليَّ أمر آخر"),
        (100, f"سأل {FSI}100{PDI} وليّ أمر آخر"),
        (103, f"سأل {FSI}103{PDI} أولياء أمور آخرين"),
    ],
)
def test_arabic_picks_the_plural_form_for_the_number(
    translator: Translator, count: int, fragment: str
) -> None:
    text = translator("ar", "webinar.ask.queued_similar", position=4, count=count)
    assert fragment in text


def test_dutch_english_and_turkish_pick_one_or_many(translator: Translator) -> None:
    key = "webinar.ask.queued_similar"
    assert "een andere ouder vroeg" in translator("nl", key, position=1, count=1)
    assert "3 andere ouders vroegen" in translator("nl", key, position=1, count=3)
    assert "another parent asked" in translator("en", key, position=1, count=1)
    assert "2 other parents asked" in translator("en", key, position=1, count=2)
    assert "başka bir ebeveyn de" in translator("tr", key, position=1, count=1)
    assert "5 ebeveyn daha" in translator("tr", key, position=1, count=5)
    with pytest.raises(TypeError):
        translator("en", key, position=1)
    done = "inloop.coord.announce_done"
    assert translator("nl", done, count=1) == "Je bericht gaat naar 1 ouder."
    assert translator("nl", done, count=0) == "Je bericht gaat naar 0 ouders."
    assert translator("en", done, count=7) == "Your message goes to 7 parents."


# --- valid Telegram HTML ----------------------------------------------------------------


def _sample_params(entry: Entry) -> dict[str, object]:
    return {name: f"<x & {name}>" for name in _entry_fields(entry)} | {"count": 3}


def test_every_text_is_valid_telegram_html_in_every_language(translator: Translator) -> None:
    checked = 0
    for language, texts in translator.catalogues.items():
        for key, entry in texts.items():
            if not entry.translated:
                continue
            for count in range(texts.num_plurals + 100 if entry.plural else 1):
                params = _sample_params(entry) | {"count": count}
                try:
                    parse_html(translator(language, key, **params))
                except EntityParseError as error:
                    raise AssertionError(f"{language} {key}: {error}") from error
                checked += 1
    assert checked > 600


# --- right to left ----------------------------------------------------------------------


def _paragraph_direction(line: str) -> str:
    """The Unicode bidi rule P2/P3: the first strong character outside isolates decides."""
    depth = 0
    for char in line:
        if char in (FSI, "\u2066", "\u2067"):
            depth += 1
        elif char == PDI:
            depth = max(0, depth - 1)
        elif depth == 0:
            kind = unicodedata.bidirectional(char)
            if kind in ("R", "AL"):
                return "rtl"
            if kind == "L":
                return "ltr"
    return "ltr"


def test_arabic_lines_read_right_to_left_even_when_they_start_with_a_latin_title(
    translator: Translator,
) -> None:
    plain = "{number}. {text} (🙋 {votes})"
    # Without marks this line starts with a Latin title, so it would run left to right:
    assert _paragraph_direction(plain.format(number=1, text="Slapen", votes=2)) == "ltr"
    line = translator("ar", "webinar.others.line", number=1, text="Slapen <3", votes=2)
    assert line == f"{RLM}{FSI}1{PDI}. {FSI}Slapen &lt;3{PDI} (🙋 {FSI}2{PDI})"
    assert _paragraph_direction(line) == "rtl"
    card = translator(
        "ar",
        "inloop.reminder.evening",
        title="Koffieochtend Kanaleneiland",
        when="الثلاثاء 1 ديسمبر، 10:00",
        end="11:30",
        location="Buurthuis De Stek, Kanaalstraat 12",
        wijk="Kanaleneiland",
    )
    for text_line in card.split("\n"):
        assert _paragraph_direction(text_line) == "rtl", text_line
        assert text_line.count(FSI) == text_line.count(PDI)
    assert f"{FSI}Koffieochtend Kanaleneiland{PDI}" in card
    assert f"{FSI}11:30{PDI}" in card
    # Take the marks out and the text is what a left-to-right renderer would get.
    bare = card.translate({ord(FSI): None, ord(PDI): None, ord(RLM): None})
    assert "<b>غدًا: Koffieochtend Kanaleneiland</b>" in bare


def test_arabic_commands_are_isolated_but_closing_tags_and_links_are_not(
    translator: Translator,
) -> None:
    notice = translator("ar", "core.notice", days=30, count=30, url="https://example.org/privacy")
    assert f"{FSI}/vergeetmij{PDI}" in notice
    assert f"{FSI}/mijngegevens{PDI}" in notice
    assert "</b>" in notice
    assert f"<{FSI}" not in notice
    assert notice.endswith(" https://example.org/privacy")
    how = translator("ar", "webinar.join.how")
    assert f"{FSI}/webinar sleep{PDI}" in how
    # Left-to-right languages get no marks at all.
    assert not set(translator("tr", "core.notice", days=30, count=30, url="u")) & {FSI, PDI, RLM}


def test_arabic_a_parent_wrote_keeps_a_dutch_line_left_to_right(translator: Translator) -> None:
    question = "طفلي لا ينام، ماذا أفعل؟"
    line = translator(
        "nl", "moderation.panel.line", rank=1, number=3, text=question, votes=2, similar=1
    )
    assert line == f"1. <b>Vraag 3</b>: {FSI}{question}{PDI} · 🙋 2 · ≈ 1"
    assert _paragraph_direction(line) == "ltr"
    # Dutch and English text is left alone.
    assert translator(
        "nl", "moderation.panel.line", rank=1, number=3, text="Slapen", votes=2, similar=1
    ) == ("1. <b>Vraag 3</b>: Slapen · 🙋 2 · ≈ 1")


def test_dates_are_written_in_the_parents_language() -> None:
    moment = datetime(2026, 12, 1, 10, 0)  # noqa: DTZ001 (a local wall-clock time, as shown)
    assert format_moment(moment, "nl") == "dinsdag 1 december, 10:00"
    assert format_moment(moment, "en") == "Tuesday 1 December, 10:00"
    assert format_moment(moment, "tr") == "1 Aralık Salı, 10:00"
    assert format_moment(moment, "ar") == "الثلاثاء 1 ديسمبر، 10:00"
    assert format_day(moment.date(), "tr") == "1 Aralık Salı"


# --- the review mark --------------------------------------------------------------------


def test_a_catalogue_marked_unreviewed_says_so(tmp_path: Path) -> None:
    _write_po(tmp_path / "nl" / "LC_MESSAGES" / "core.po", "nl", {"core.hi": "Hoi"})
    _write_po(tmp_path / "tr" / "LC_MESSAGES" / "core.po", "tr", {"core.hi": "Merhaba"})
    path = tmp_path / "tr" / "LC_MESSAGES" / "core.po"
    path.write_text(f"# {UNREVIEWED_MARK}.\n" + path.read_text(encoding="utf-8"), "utf-8")
    translator = Translator("nl", folder=tmp_path)
    assert translator.catalogues["nl"].reviewed
    assert not translator.catalogues["tr"].reviewed


def test_a_language_with_unchecked_texts_says_so_in_its_header(translator: Translator) -> None:
    """Texts marked unreviewed (not yet checked) never hide under a header that claims review.

    When a native speaker has checked every text of a language and removed the review
    marks (docs/translations.md), they also remove the header line; until then it stays.
    """
    for language, catalogue in translator.catalogues.items():
        unchecked = [
            key for key, entry in catalogue.items() if entry.unreviewed and entry.translated
        ]
        if unchecked:
            assert not catalogue.reviewed, (language, unchecked[:5])
    assert translator.catalogues["nl"].reviewed
    assert translator.catalogues["en"].reviewed


def test_adding_a_language_is_adding_a_folder(tmp_path: Path) -> None:
    """A copy of the Turkish folder, renamed and relabelled, is a new language at once."""
    shutil.copytree(LOCALES_DIR, tmp_path, dirs_exist_ok=True)
    for po in (tmp_path / "tr" / "LC_MESSAGES").glob("*.po"):
        target = tmp_path / "pl" / "LC_MESSAGES" / po.name
        target.parent.mkdir(parents=True, exist_ok=True)
        text = po.read_text(encoding="utf-8").replace('"Language: tr\\n"', '"Language: pl\\n"')
        target.write_text(text.replace('msgstr "Türkçe"', 'msgstr "Polski"'), encoding="utf-8")
    translator = Translator("nl", folder=tmp_path)
    assert translator.languages == ["nl", "en", "tr", "ar", "pl"]
    assert translator.pick_language("pl-PL") == "pl"
    assert translator("pl", "core.language.name") == "Polski"
    assert translator("pl", "moderation.queue_empty") == translator("en", "moderation.queue_empty")
    assert translator.missing_keys() == {}


# Counted nouns after a placeholder in a text that is not a plural entry read wrong for 1
# ("1 ouders deden mee"): such a number must be a plural entry or a counted phrase.
_COUNTED_NOUN = re.compile(
    r"\{\w+\} (?:andere )?(?:ouders|vragen|dagen|verzoeken|problemen|other parents|parents|"
    r"questions|days|hours|requests|problems|more problem\(s\))\b"
)


def test_no_number_is_followed_by_a_plural_noun_outside_a_plural_entry(
    translator: Translator,
) -> None:
    wrong = [
        f"{language} {key}: {entry.forms[0]!r}"
        for language in ("nl", "en")
        for key, entry in translator.catalogues[language].items()
        if not entry.plural and _COUNTED_NOUN.search(entry.forms[0])
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("key", "params", "one", "many"),
    [
        (
            "moderation.card.similar",
            {},
            "1 andere ouder vroeg hetzelfde",
            "2 andere ouders vroegen",
        ),
        ("moderation.close.participants", {}, "1 ouder deed mee.", "2 ouders deden mee."),
        ("moderation.close.total", {}, "1 vraag ingestuurd", "2 vragen ingestuurd"),
        ("moderation.card.undone", {}, "1 vraag staat weer", "2 vragen staan weer"),
        ("moderation.panel.parents", {}, "1 ouder", "2 ouders"),
        ("moderation.panel.questions", {}, "1 vraag", "2 vragen"),
        ("inloop.import.more_in_file", {}, "nog 1 probleem.", "nog 2 problemen."),
        ("summary.requests", {"number": "1"}, "1 verzoek", "1 verzoeken"),
        ("feedback.sum.heading.days", {"days": 1}, "Laatste 1 dag", "Laatste 1 dagen"),
        ("core.notice", {"days": 1, "url": "u"}, "tot 1 dag na", "tot 1 dagen na"),
    ],
)
def test_counted_texts_take_the_singular_for_one(
    translator: Translator, key: str, params: dict[str, object], one: str, many: str
) -> None:
    assert one in translator("nl", key, **params, count=1)
    assert many in translator("nl", key, **params, count=2)


def test_english_counted_texts_take_the_singular_for_one(translator: Translator) -> None:
    heading = translator(
        "en", "moderation.card.heading", number=7, votes=0, remaining=3,
        similar=translator.count("en", "moderation.card.similar", 1),
    )  # fmt: skip
    assert "👥 1 other parent asked the same ·" in heading
    invite = translator("en", "roles.invite.created", role="x", link="l", hours=1, count=1)
    assert "for 1 hour:" in invite
    assert "for 48 hours:" in translator(
        "en", "roles.invite.created", role="x", link="l", hours=48, count=48
    )

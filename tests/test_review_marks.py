"""Unchecked translations are marked by a translator comment, not gettext's fuzzy flag, so
standard tools (msgfmt, Poedit, Weblate) keep them."""

from __future__ import annotations

import gettext
import subprocess
from pathlib import Path

from bot.core.i18n import LOCALES_DIR, REVIEW_COMMENT, Translator, load_po
from bot.core.review_marks import main as mark_files
from bot.core.review_marks import mark

FUZZY_PO = """\
# NOT YET CHECKED BY A NATIVE SPEAKER. These translations were written without a native
# speaker's review; each entry is marked fuzzy ('needs work') until someone
# who reads this language well has checked it. See the README, 'Languages'.
msgid ""
msgstr ""
"Language: tr\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"Content-Type: text/plain; charset=utf-8\\n"

#. nl: Hoi {name}
#, fuzzy, python-brace-format
msgctxt "core.hi"
msgid "Hi {name}"
msgstr "Merhaba {name}"

#, fuzzy
msgctxt "core.bye"
msgid "Bye"
msgstr ""
"Hoşça "
"kal"

#, fuzzy
msgctxt "core.todo"
msgid "Not yet"
msgstr ""

msgctxt "core.checked"
msgid "Checked"
msgstr "Kontrol edildi"
"""


def test_the_script_marks_the_files_it_is_given(tmp_path: Path) -> None:
    path = tmp_path / "core.po"
    path.write_text(FUZZY_PO, encoding="utf-8")
    assert mark_files([str(path)]) == 0
    assert path.read_text(encoding="utf-8") == mark(FUZZY_PO)


def test_fuzzy_translations_become_review_comments_and_untranslated_stay_fuzzy(
    tmp_path: Path,
) -> None:
    marked = mark(FUZZY_PO)
    assert mark(marked) == marked  # running it again changes nothing
    path = tmp_path / "core.po"
    path.write_text(marked, encoding="utf-8")
    entries, *_ = load_po(path, "tr")
    assert entries["core.hi"].unreviewed
    assert entries["core.bye"].unreviewed
    assert not entries["core.checked"].unreviewed
    assert f"# {REVIEW_COMMENT}\n#. nl: Hoi {{name}}\n#, python-brace-format\n" in marked
    assert f'# {REVIEW_COMMENT}\nmsgctxt "core.bye"' in marked  # no flags left: no #, line
    assert '#, fuzzy\nmsgctxt "core.todo"' in marked  # nothing to check yet: still fuzzy
    assert "fuzzy ('needs work')" not in marked  # the header explains the new mark


def test_the_shipped_catalogues_hold_no_fuzzy_entry_and_mark_every_unchecked_text() -> None:
    translator = Translator("nl")
    for language in ("tr", "ar"):
        catalogue = translator.catalogues[language]
        assert not catalogue.reviewed
        assert all(entry.unreviewed for entry in catalogue.values()), language
    for po in LOCALES_DIR.glob("*/LC_MESSAGES/*.po"):
        text = po.read_text(encoding="utf-8")
        assert "#, fuzzy" not in text, po
        assert mark(text) == text, po  # the script has nothing left to do


def test_msgfmt_keeps_every_turkish_and_arabic_text(tmp_path: Path) -> None:
    for language in ("tr", "ar"):
        for po in sorted((LOCALES_DIR / language / "LC_MESSAGES").glob("*.po")):
            mo = tmp_path / f"{language}-{po.stem}.mo"
            result = subprocess.run(
                ["msgfmt", "--check", "--statistics", "-o", str(mo), str(po)],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            assert result.returncode == 0, result.stderr
            assert result.stderr.strip().endswith(" translated messages."), result.stderr
            with mo.open("rb") as handle:
                compiled = gettext.GNUTranslations(handle)
            entries, *_ = load_po(po, language)
            for key, entry in entries.items():
                if not entry.plural:
                    assert compiled.pgettext(key, entry.source) == entry.forms[0], key
            assert entries, po

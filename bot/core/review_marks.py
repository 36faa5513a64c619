"""Move the "not yet checked by a native speaker" mark out of gettext's ``fuzzy`` flag.

    python -m bot.core.review_marks [FILE.po ...]

gettext's tools (msgfmt, pybabel compile, Poedit, Weblate) leave fuzzy entries out of
the compiled catalogue, so a language whose every entry was fuzzy showed up empty there.
The mark "no native speaker has checked this yet" is a translator comment instead, which
every tool keeps and msgfmt ignores::

    # review: not yet checked by a native speaker
    #. nl: ...
    #, python-brace-format
    msgctxt "webinar.join.unknown"

For each entry that is fuzzy and has a translation, this removes ``fuzzy`` and adds that
comment (once); an entry already marked is left as it is, so running it again changes
nothing. An untranslated fuzzy entry keeps its flag (``msgfmt --statistics`` in CI then
names it). A reviewer who has checked an entry deletes the comment line. Without
arguments it treats every .po file of the languages that are not Dutch or English.
It edits the text line by line, so the files keep their layout and a diff shows only the
marks.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.core.i18n import FULL_LANGUAGES, LOCALES_DIR, MESSAGES_DIR, REVIEW_COMMENT

_OLD_HEADER = (
    "# speaker's review; each entry is marked fuzzy ('needs work') until someone\n"
    "# who reads this language well has checked it."
)
_NEW_HEADER = (
    "# speaker's review; each entry carries the comment\n"
    f"# '{REVIEW_COMMENT}' until someone who reads\n"
    "# this language well has checked it and removed that line."
)

_OLD_SEE = "See the README, 'Languages'."
_NEW_SEE = "See docs/translations.md."


def _mark_block(block: str) -> str:
    lines = block.split("\n")
    flags_at = _fuzzy_flags_at(lines)
    if flags_at is None or not _translated(lines):
        return block
    rest = [flag for flag in _flags(lines[flags_at]) if flag != "fuzzy"]
    if rest:
        lines[flags_at] = "#, " + ", ".join(rest)
    else:
        del lines[flags_at]
    if f"# {REVIEW_COMMENT}" not in lines:
        lines.insert(0, f"# {REVIEW_COMMENT}")
    return "\n".join(lines)


def _fuzzy_flags_at(lines: list[str]) -> int | None:
    """The line of an entry's flags ("#, fuzzy, python-format") when they say fuzzy; None
    for an entry that is not, the header or text between entries."""
    if not any(line.startswith("msgctxt ") for line in lines):
        return None
    flags_at = next((i for i, line in enumerate(lines) if line.startswith("#,")), None)
    if flags_at is None or "fuzzy" not in _flags(lines[flags_at]):
        return None
    return flags_at


def _flags(line: str) -> list[str]:
    return [flag.strip() for flag in line[2:].split(",")]


def _translated(lines: list[str]) -> bool:
    """Whether every msgstr of the entry holds text (continuation lines included)."""
    texts: list[str] = []
    for line in lines:
        if line.startswith("msgstr"):
            texts.append(line.split(" ", 1)[1].strip('"'))
        elif line.startswith('"') and texts:
            texts[-1] += line.strip('"')
    return bool(texts) and all(texts)


def mark(text: str) -> str:
    """The .po text with fuzzy marks turned into review comments."""
    text = text.replace(_OLD_HEADER, _NEW_HEADER).replace(_OLD_SEE, _NEW_SEE)
    return "\n\n".join(_mark_block(block) for block in text.split("\n\n"))


def default_files() -> list[Path]:
    return sorted(
        path
        for folder in LOCALES_DIR.iterdir()
        if folder.is_dir() and folder.name not in FULL_LANGUAGES
        for path in (folder / MESSAGES_DIR).glob("*.po")
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    files = [Path(arg) for arg in args] or default_files()
    for path in files:
        text = path.read_text(encoding="utf-8")
        marked = mark(text)
        if marked != text:
            path.write_text(marked, encoding="utf-8")
            print(f"marked {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

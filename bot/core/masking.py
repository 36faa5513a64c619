"""Mask contact details and identifiers in a parent's text before anyone else sees it.

Parents sometimes type their phone number, e-mail, BSN, bank account, postcode or street
address into a question ("bel me op 06-12345678"). Those never reach a gespreksleider or
another parent: each is replaced by a placeholder that says what was there ("[telefoon]"),
so the question still reads well. What the privacy notice promises (core.notice) is what
is masked here, and no more: amounts, dates and times stay ("tussen 1000 en 2000",
"12-03-2024 om 10:30").

The placeholders come from the translation catalogues (`core.mask.<kind>`), in the bot's
default language: the masked text is stored once and read by staff.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from enum import StrEnum


class MaskKind(StrEnum):
    EMAIL = "email"
    IBAN = "iban"
    PHONE = "phone"
    BSN = "bsn"
    ADDRESS = "address"
    POSTCODE = "postcode"


# Dashes and spaces people (and their phones' keyboards) put inside numbers: hyphen,
# non-breaking hyphen, figure dash, en and em dash, minus; space, no-break and thin spaces.
_DASH = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
_SPACE = " \t\u00a0\u2007\u202f"
_SEP = f"[{_DASH}{_SPACE}./()]"

_AT = r"(?:@|\s*[\(\[\{]\s*(?:at|apenstaartje)\s*[\)\]\}]\s*|\s+at\s+)"
_DOT = r"(?:\.|\s*[\(\[\{]\s*(?:dot|punt)\s*[\)\]\}]\s*|\s+(?:dot|punt)\s+)"
_EMAIL = re.compile(
    rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[a-z]{{2,24}}\b", re.IGNORECASE | re.UNICODE
)
# An IBAN: country, check digits, then 11 to 30 letters and digits, in groups of four
# or run together ("NL91 ABNA 0417 1643 00", "nl91abna0417164300").
_IBAN = re.compile(
    rf"(?<![\w])[A-Z]{{2}}\d{{2}}(?:[{_SPACE}]?[A-Z0-9]{{4}}){{2,7}}(?:[{_SPACE}]?[A-Z0-9]{{1,3}})?(?![\w])",
    re.IGNORECASE,
)
# A date written with dashes or slashes starts many digit runs that are not phone numbers.
_DATE_AHEAD = r"(?!\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?!\d))"
# Phone numbers: Dutch (0, +31, 0031) and international (+, 00), 9 to 13 digits with
# any of the separators above between them.
_PHONE = re.compile(
    rf"(?<![\w+(])(?<!\d[.,]){_DATE_AHEAD}\(?(?:\+|00|0)\d(?:{_SEP}*\d){{7,12}}(?![\w])"
)
# Nine digits, maybe grouped (123.456.782, 123 45 6782): a BSN if it passes the
# eleven-test, or whatever follows the word BSN / burgerservicenummer.
_NINE_DIGITS = re.compile(rf"(?<![\w.,]){_DATE_AHEAD}\d(?:[{_SPACE}.]?\d){{8}}(?![\w]|[.,]\d)")
_BSN_WORD = re.compile(
    rf"\b(?:bsn|burgerservicenummer)(?:\s*(?:nummer|nr\.?|is|:))*\s*(\d(?:[{_SPACE}.]?\d){{7,8}})\b",
    re.IGNORECASE,
)
# A street and house number: a word ending in a street word (Biltstraat, Oudegracht,
# Amsterdamsestraatweg), then a number with maybe a letter or addition (12, 231a, 5-2).
# (Not "ring", "oord", "markt", "dam", "wijk": "vergadering 3", "antwoord 2",
# "supermarkt 2", "Rotterdam 2" are no addresses.)
_STREET_WORDS = (
    "straat|laan|weg|plein|gracht|kade|singel|dreef|hof|pad|steeg|dijk|park|plantsoen"
    "|baan|wal|haven|veld|erf|zijde|boulevard|allee|hoven|poort|kwartier|burcht|wetering"
    "|vliet|horst|akker|werf|gaarde"
)
# A number followed by one of these is an amount, not a house number ("snelweg 12 km").
_UNITS = (
    r"(?:km|m|m2|cm|meter|kg|gram|liter|x|keer|s|sec|seconden|min|minuten|uur|dag|dagen"
    r"|week|weken|maand|maanden|jaar|jaren|euro|procent|%|kind|kinderen|jongens|meisjes"
    r"|straten|huizen|stappen|stuks)(?!\w)"
)
_ADDRESS = re.compile(
    rf"\b[A-Za-zÀ-ÿ'-]{{2,}}(?:{_STREET_WORDS})[{_SPACE}]+\d{{1,5}}"
    rf"(?:[{_SPACE}]?[a-zA-Z](?![a-zA-Z]))?(?:[{_DASH}/]\d{{1,4}}|[{_SPACE}]?bis\b)?"
    rf"(?![\w]|[{_SPACE}]*{_UNITS})",
    re.IGNORECASE,
)
# Postcode: four digits (no leading zero), then two letters (not SA, SD, SS), written
# 3511AB, 3511 AB, 3511-AB or 3511ab. With a space and in lower case ("1000 en",
# "2024 om") it is only a postcode if the two letters are not a short Dutch word.
_POSTCODE = re.compile(
    rf"(?<![\w]){_DATE_AHEAD}[1-9]\d{{3}}(?:([{_SPACE}])|[{_DASH}])?(?!SA|SD|SS)([A-Z]{{2}})(?![\w])",
    re.IGNORECASE,
)
_SHORT_WORDS = frozenset(
    re.findall(
        r"\w+",
        "aa al af an as at be da de di do du ee en er es ga ge he ho ik in is ja je jl ka la li"
        " ma me mi mo na ne no nu of oh ok om on op or ou pa pm re si so te to tv uw vd wa we"
        " wo ze zo",
    )
)

Labels = Mapping[MaskKind, str]


def _eleven_test(digits: str) -> bool:
    """The BSN check: 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11."""
    total = sum((9 - index) * int(digit) for index, digit in enumerate(digits[:8]))
    return digits[0] != "0" and (total - int(digits[8])) % 11 == 0


def _bsn(labels: Labels) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        return labels[MaskKind.BSN] if _eleven_test(digits) else match.group(0)

    return replace


def _postcode(labels: Labels) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        spaced, letters = match.group(1), match.group(2)
        if spaced and not letters.isupper() and letters.lower() in _SHORT_WORDS:
            return match.group(0)  # "tussen 1000 en 2000", "2024 om 10:30"
        return labels[MaskKind.POSTCODE]

    return replace


def mask_personal_data(text: str, labels: Labels) -> str:
    """`text` with e-mail addresses, IBANs, phone numbers, BSNs, street addresses and
    postcodes replaced by the label of their kind."""
    text = _EMAIL.sub(labels[MaskKind.EMAIL], text)
    text = _IBAN.sub(labels[MaskKind.IBAN], text)
    text = _BSN_WORD.sub(
        lambda m: m.group(0)[: m.start(1) - m.start(0)] + labels[MaskKind.BSN], text
    )
    text = _PHONE.sub(labels[MaskKind.PHONE], text)
    text = _NINE_DIGITS.sub(_bsn(labels), text)
    text = _ADDRESS.sub(labels[MaskKind.ADDRESS], text)
    return _POSTCODE.sub(_postcode(labels), text)


class Masker:
    """`mask_personal_data` with the placeholders of one language."""

    def __init__(self, labels: Labels):
        missing = set(MaskKind) - set(labels)
        if missing:
            raise ValueError(f"no placeholder for {sorted(missing)}")
        self.labels = dict(labels)

    @classmethod
    def in_language(cls, translate: Callable[[str, str], str], language: str) -> Masker:
        """Placeholders from `translate(language, "core.mask.<kind>")`."""
        return cls({kind: translate(language, f"core.mask.{kind.value}") for kind in MaskKind})

    def __call__(self, text: str) -> str:
        return mask_personal_data(text, self.labels)

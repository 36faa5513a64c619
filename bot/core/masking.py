"""Mask contact details and identifiers in a question before a gespreksleider sees it.

Parents sometimes type their phone number, e-mail, BSN or postcode into a question
("bel me op 06-12345678"). Those never reach a gespreksleider or another parent.
"""

from __future__ import annotations

import re

MASK = "[…]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Dutch mobile/landline and international numbers, with spaces, dashes or dots inside.
_PHONE = re.compile(r"(?<![\w])(?:\+|00)?\d(?:[\s\-.()]*\d){8,13}(?![\w])")
# A BSN is nine digits (often written 123.456.789 or 123 45 6789).
_BSN = re.compile(r"(?<![\w])\d{3}[\s.]?\d{2,3}[\s.]?\d{3,4}(?![\w])")
# Postcode: four digits (no leading zero), optional space, two letters (not SA/SD/SS).
_POSTCODE = re.compile(r"(?<![\w])[1-9]\d{3}\s?(?!SA|SD|SS|sa|sd|ss)[A-Za-z]{2}(?![\w])")


def mask_personal_data(text: str) -> str:
    """`text` with e-mail addresses, phone numbers, BSNs and postcodes replaced by a mark."""
    for pattern in (_EMAIL, _PHONE, _BSN, _POSTCODE):
        text = pattern.sub(MASK, text)
    return text

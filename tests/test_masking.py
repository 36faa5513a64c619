"""Masking: what the privacy notice promises is taken out of a parent's text and named
("[telefoon]"); amounts, dates and times stay."""

from __future__ import annotations

import pytest

from bot.app import Ouderbot
from bot.core.i18n import Translator
from bot.core.masking import Masker, MaskKind
from bot.localapi import LocalBotApi
from tests.helpers import (
    webinar_opened_by_gert,
)

MASK = Masker.in_language(Translator("nl"), "nl")


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("bel me op 06-12345678", "bel me op [telefoon]"),
        ("bel 06\u201112345678 na zessen", "bel [telefoon] na zessen"),  # non-breaking hyphen
        ("tel 030\u2011234\u00a05678", "tel [telefoon]"),
        ("06 12 34 56 78", "[telefoon]"),
        ("+31 6 1234 5678 of 0031 6 12345678", "[telefoon] of [telefoon]"),
        ("Nummer: 06-1234 5678, bel maar", "Nummer: [telefoon], bel maar"),
        ("bel (030) 123 45 67 (na zessen)", "bel [telefoon] (na zessen)"),
        ("mail jan.de.vries@example.co.uk!", "mail [e-mail]!"),
        ("jan(at)example.nl", "[e-mail]"),
        ("jan [at] example [dot] nl", "[e-mail]"),
        ("mijn bsn is 111222333", "mijn bsn is [BSN]"),
        ("123.456.782", "[BSN]"),
        ("IBAN NL91 ABNA 0417 1643 00 graag", "IBAN [IBAN] graag"),
        ("nl91abna0417164300", "[IBAN]"),
        ("3511-AB", "[postcode]"),
        ("3511 AB Utrecht", "[postcode] Utrecht"),
        ("postcode 3511ab", "postcode [postcode]"),
        ("ik woon Biltstraat 12", "ik woon [adres]"),
        ("op de Oudegracht 231a in Utrecht", "op de [adres] in Utrecht"),
        ("Van Limburg Stirumstraat 12-2, 3581 TB", "Van Limburg [adres], [postcode]"),
    ],
)
def test_what_the_notice_promises_is_masked_and_named(text: str, masked: str) -> None:
    assert MASK(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "tussen 1000 en 2000 euro per maand",
        "op 12-03-2024 om 10:30",
        "12/03/2024 10:30 of 01-03-2024 09:15",
        "het kost €1.250.000 of 1.000.000.000 mensen",
        "we hebben 3 kinderen van 2, 4 en 6",
        "om 10:30 of 11:00, in 2024 op de snelweg 12 km",
        "een getal als 123456789 dat geen BSN is",
        "mijn antwoord 2 en vergadering 3 in Rotterdam 2 keer",
        "de supermarkt 2 straten verder, de zwembaan 25 meter",
    ],
)
def test_amounts_dates_and_times_stay(text: str) -> None:
    assert MASK(text) == text


def test_the_notice_names_every_kind_that_is_masked() -> None:
    t = Translator("nl")
    for language, words in {
        "nl": ("Telefoonnummers", "e-mailadressen", "adressen", "postcode", "BSN", "IBAN"),
        "en": ("phone numbers", "e-mail addresses", "addresses", "postcode", "BSNs", "IBAN"),
    }.items():
        notice = t(language, "core.notice", days=30, count=30, url="https://example.org")
        assert all(word in notice for word in words), (language, notice)
        assert "[telefoon]" in notice
    assert len(MaskKind) == 6


async def test_a_gespreksleider_sees_placeholders_not_the_parents_details(
    bot: Ouderbot, api: LocalBotApi
) -> None:
    moderator = await webinar_opened_by_gert(bot, api)
    parent = api.user(5_000_400, first_name="Ouder", language_code="nl")
    parent.send("/start w-slapen")
    notice = await parent.wait_for(
        lambda m: any(":c:agree" in (d or "") for _, d in parent.buttons(m))
    )
    assert "[telefoon]" in notice["text"]
    parent.press(notice, "1:c:agree")
    await parent.wait_for(lambda m: "Dank je! Je kunt nu" in m["text"])
    parent.send("Wij wonen Biltstraat 12, bel 06\u201112345678 over de 1000 en 2000 euro")
    await parent.wait_for(lambda m: "in de rij" in m["text"])
    moderator.send("/volgende")
    card = await moderator.wait_for(lambda m: "Wij wonen" in m["text"])
    assert "Wij wonen [adres], bel [telefoon] over de 1000 en 2000 euro" in card["text"]

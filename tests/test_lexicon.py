"""bot.webinar.lexicon: the lexicons as data files, how a theme picks one, Turkish and
Arabic words by their roots, and what `ouderbot lexicon check` finds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.webinar.grouping import GroupingIndex
from bot.webinar.grouping_eval import LabelledSet, load_set
from bot.webinar.lexicon import (
    LEXICON_DIR,
    LexiconError,
    LexiconFile,
    check_files,
    core_lexicon,
    fold,
    lexicon_for_theme,
    read_file,
    theme_file_for,
    theme_files,
)
from bot.webinar.phrases import Words, compile_phrase
from tests.data.labelled import tuning_sets


def _all_files() -> list[Any]:
    return [read_file(LEXICON_DIR / "kern.toml"), *theme_files()]


def test_the_shipped_lexicons_have_no_problems() -> None:
    """Every concept a role, a broader link or a phrase rule names is defined, every theme
    file has keywords, and no keyword picks two themes."""
    assert check_files(_all_files()) == []


@pytest.mark.parametrize(
    ("thema", "file"),
    [
        ("Slapen", "slapen"),
        ("Goed slapen voor peuters", "slapen"),
        ("Driftbuien", "driftbuien en lastig gedrag"),
        ("Schermtijd", "schermtijd"),
        # The organisers' own names for their webinars.
        ("Het tienerbrein", "pubers en social media"),
        ("Lastig gedrag", "driftbuien en lastig gedrag"),
        ("Peuterpuberteit", "driftbuien en lastig gedrag"),
        ("Somberheid", "somberheid en angst"),
        # A compound names a theme by one of its parts.
        ("Het slaapritueel", "slapen"),
        # Names a team may give a webinar without the theme's own word (a round-16 author
        # called the gloom webinar "Als je kind niet lekker in zijn vel zit"; "Mediaopvoeding"
        # ended in the eating file's "voeding").
        ("Als je kind niet lekker in zijn vel zit", "somberheid en angst"),
        ("Stress bij kinderen", "somberheid en angst"),
        ("Rustig naar bed", "slapen"),
        ("Boze buien", "driftbuien en lastig gedrag"),
        ("Kinderen die slaan", "driftbuien en lastig gedrag"),
        ("Mediaopvoeding", "schermtijd"),
        ("Kinderen en media", "schermtijd"),
        ("Het eetmoment", "eten"),
        ("Rouw en verlies", None),
        # As many keywords of two files ("nacht" is sleep's): the one named first wins.
        ("Zindelijkheid: dag en nacht droog", "zindelijkheid"),
        ("Slapen: een goede nacht voor je kind en voor jou", "slapen"),
        ("Dag en nacht droog", "zindelijkheid"),
        ("Telefoon", "schermtijd"),
        ("Mijn kind, wie ben jij?", "identiteit"),
        ("Kinderen en hun telefoon", "schermtijd"),
        # "opvoeding" ends in the eating file's "voeding" but is no compound of it.
        ("Grootouders en opvoeding", None),
        ("Positief opvoeden", None),
        ("Ruimtevaart voor ouders", None),
        ("", None),
    ],
)
def test_the_programmes_thema_picks_the_theme_file_by_its_keywords(
    thema: str, file: str | None
) -> None:
    assert theme_file_for(thema) == file
    assert lexicon_for_theme(thema).theme_name == file


def test_a_theme_file_adds_to_the_core_and_changes_the_version() -> None:
    sleep = lexicon_for_theme("slapen")
    assert sleep.version != core_lexicon().version
    assert "avond" in sleep.same_as_theme
    assert core_lexicon().same_as_theme == frozenset()


def test_turkish_and_arabic_words_match_by_their_root_and_without_accents() -> None:
    sleep = lexicon_for_theme("slapen")
    assert sleep.concept("uyku") == "slaap"
    assert sleep.concept(fold("uykusunu")) == "slaap"  # a Turkish ending on the root
    assert sleep.concept(fold("والنوم")) == "slaap"  # "and the" before the Arabic root
    assert fold("Kızım") == "kizim"
    # A Turkish form is never "corrected" into another word: "yatıyor" (lies down) is
    # not the stopword "yapıyor" (does).
    assert sleep.spelled(fold("yatıyor")) == "yatiyor"


def test_a_compound_takes_its_last_parts_concept_but_not_after_a_verb_prefix() -> None:
    lexicon = core_lexicon()
    # A compound names the thing by its last part ...
    assert lexicon.concept("cyberpesten") == lexicon.concept("pesten") == "pesten"
    assert lexicon.concept("meivakantie") == lexicon.concept("vakantie")
    # ... but a verb's prefix makes another verb: read as itself, and not "corrected" to
    # some other word either.
    for word, other in [("verwachten", "wachten"), ("weglopen", "lopen"), ("aanspreken", "praten")]:
        assert lexicon.concept(word) not in lexicon.concept_words
        assert lexicon.concept(word) != lexicon.concept(other)
        assert lexicon.spelled(word) == word


def test_a_phrase_rule_may_be_written_with_accents_and_arabic_letter_forms() -> None:
    from bot.webinar.lexicon import Lexicon, LexiconFile

    core = read_file(LEXICON_DIR / "kern.toml")
    rule = LexiconFile(
        "proef",
        Path("proef.toml"),
        "0",
        ("proef",),
        {},
        {"wc": {"*": ("wc",)}},
        {},
        (("متى يتعلم", "wc"), ("çiş yapmak", "wc")),
        (),
        (),
        (),
        (),
        {},
    )
    lexicon = Lexicon([core, rule])
    assert "wc" in lexicon.normalize("متى يتعلم ابني").split()
    assert "wc" in lexicon.normalize("cis yapmak istemiyor").split()


def test_arabic_question_marks_and_commas_separate_words() -> None:
    assert fold("هل هذا طبيعي؟ نعم،") == "هل هذا طبيعي نعم"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("mijn dochter wil niet slapen, wat moet ik doen", "nl"),
        ("how do I get my son to sleep in his own bed", "en"),
        ("kızım geceleri uyumuyor ne yapmalıyım", "tr"),
        ("cocugum uyumuyor ne yapmaliyim", "tr"),
        ("ابني لا ينام في الليل", "ar"),
    ],
)
def test_a_questions_language_is_recognised(text: str, language: str) -> None:
    assert core_lexicon().language(text) == language


def test_a_broken_file_is_refused_with_its_name_and_the_entry(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.toml"
    broken.write_text('[lexicon]\nname = "kapot"\n[concepts]\nSlaap = "slapen"\n')
    with pytest.raises(LexiconError, match=r"kapot\.toml: concept 'Slaap'"):
        read_file(broken)
    bad_rule = tmp_path / "regel.toml"
    bad_rule.write_text('[lexicon]\nname = "regel"\n[[phrase]]\npattern = "(open"\nmeans = "x"\n')
    with pytest.raises(LexiconError, match=r"regel\.toml: phrase 1"):
        read_file(bad_rule)


def test_a_rule_with_passes_runs_that_many_times_in_a_row(tmp_path: Path) -> None:
    """A rule with a gap keeps the words it skips: each pass rewrites one match."""
    rule = "pattern = 'zwart (?:\\w+ ){0,4}geld'\nmeans = 'zwart'\n"
    once = tmp_path / "een.toml"
    once.write_text(f'[lexicon]\nname = "een"\n[[phrase]]\n{rule}')
    twice = tmp_path / "twee.toml"
    twice.write_text(f'[lexicon]\nname = "twee"\n[[phrase]]\n{rule}passes = 2\n')
    assert read_file(once).phrases * 2 == read_file(twice).phrases


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[lexicon\n", r"fout\.toml: .*line 1"),
        ('[lexicon]\nname = "fout"\n[extra]\n', r"fout\.toml: unknown sections \['extra'\]"),
        ('[lexicon]\nname = ""\n', r"fout\.toml: \[lexicon\] needs a name"),
        ("[theme]\n", r"fout\.toml: \[lexicon\] needs a name"),
        ('lexicon = "x"\n', r"fout\.toml: \[lexicon\] must be a table"),
        (
            '[lexicon]\nname = "fout"\n[roles]\nweights = { slaap = 2 }\n',
            r"fout\.toml: \[roles\] weights are numbers from 0 to 1",
        ),
        (
            '[lexicon]\nname = "fout"\n[stopwords]\nnl = 3\n',
            r"fout\.toml: stopwords\.nl: expected words",
        ),
        (
            '[lexicon]\nname = "fout"\n[broader]\nslaap = [1]\n',
            r"fout\.toml: broader\.slaap: expected words",
        ),
        (
            '[lexicon]\nname = "fout"\n[theme]\nnear_theme = 1\n',
            r"fout\.toml: theme\.near_theme: expected words",
        ),
        (
            '[lexicon]\nname = "fout"\n[[phrase]]\npattern = "a b"\nmeans = "c"\npasses = 0\n',
            r"fout\.toml: phrase 1: passes is a whole number 1-5",
        ),
        (
            '[lexicon]\nname = "fout"\n[[phrase]]\npattern = "a b"\nmeans = "c"\nsoms = 1\n',
            r"fout\.toml: phrase 1 needs `pattern` and `means`",
        ),
        (
            '[lexicon]\nname = "fout"\n[stopwords]\nnl = """\nalleen\n# a note\nsamen\n"""\n',
            r"fout\.toml: stopwords\.nl: a '#' line inside the words",
        ),
        (
            "[lexicon]\nname = \"fout\"\n[[phrase]]\npattern = 'he doesn t eat'\nmeans = 'c'\n",
            r"fout\.toml: phrase 1: 'doesn t' never matches .*write 'doesn \?t'",
        ),
    ],
)
def test_a_file_that_breaks_a_rule_is_refused_with_the_rule(
    tmp_path: Path, content: str, message: str
) -> None:
    broken = tmp_path / "fout.toml"
    broken.write_text(content)
    with pytest.raises(LexiconError, match=message):
        read_file(broken)


def test_a_files_entries_are_read_folded(tmp_path: Path) -> None:
    theme = tmp_path / "thema.toml"
    theme.write_text(
        '[lexicon]\nname = "thema"\n[theme]\nkeywords = ["Slaap  Goed", 3, "!"]\n'
        '[stopwords]\nnl = "Één twee"\n[broader]\nrust = ["slaap", "Dutje"]\n'
        "[roles]\nweights = { slaap = 1, rust = 0.5 }\n"
    )
    read = read_file(theme)
    assert read.keywords == ("slaap goed",)
    assert read.stopwords == {"nl": ("een", "twee")}
    assert read.broader == {"slaap": "rust", "dutje": "rust"}
    assert read.weights == {"slaap": 1.0, "rust": 0.5}


def test_check_wants_one_core_file_and_keywords_in_every_theme(tmp_path: Path) -> None:
    assert check_files(theme_files()) == ["there must be one core file (kern.toml)"]
    theme = tmp_path / "leeg.toml"
    theme.write_text('[lexicon]\nname = "leeg"\n')
    assert check_files([*_all_files(), read_file(theme)]) == ["leeg.toml: [theme] needs keywords"]


def test_check_finds_names_no_file_defines_and_shared_keywords(tmp_path: Path) -> None:
    theme = tmp_path / "nieuw.toml"
    theme.write_text(
        '[lexicon]\nname = "nieuw"\n[theme]\nkeywords = ["slapen"]\n'
        'same_as_theme = ["bestaatniet"]\n[[phrase]]\npattern = "heel raar"\nmeans = "qqzzwx"\n'
    )
    problems = check_files([*_all_files(), read_file(theme)])
    assert any("'bestaatniet' is not a concept" in p for p in problems)
    assert any("writes unknown 'qqzzwx'" in p for p in problems)
    assert any("keyword 'slapen' also picks" in p for p in problems)


@pytest.mark.parametrize("theme_file", theme_files(), ids=lambda f: f.path.stem)
def test_the_quick_test_that_spares_a_rule_never_skips_a_match(theme_file: LexiconFile) -> None:
    """`Phrase.apply` skips a rule when no word of the text is or starts like one of its
    leads (`Phrase.may_match`): in every theme's lexicon, on labelled tuning texts of all
    themes, no skipped rule matches."""
    lexicon = lexicon_for_theme(theme_file.keywords[0])
    texts = [t for s in tuning_sets() for c in s.clusters for t in c]
    texts += [t for s in tuning_sets() for t in s.general]
    skipped_matches = []
    # About 1,000 texts for slapen (as before the other themes were checked), 300 for
    # each other theme: the twelve take about 10 s (some themes' rules are slow to search).
    sample = 1000 if theme_file.path.stem == "slapen" else 300
    for text in texts[:: len(texts) // sample]:
        words = fold(text).split()
        spelled = " ".join(lexicon.spelled(w) if len(w) >= 5 else w for w in words)
        words_now = Words.of(spelled)
        for phrase in lexicon.phrases:
            if not phrase.may_match(words_now) and phrase.pattern.search(spelled):
                skipped_matches.append((phrase.pattern.pattern[:40], text))
    assert skipped_matches == []
    # Nearly every rule has leads (the others always run): at most one in fifteen.
    assert sum(phrase.first_words is None for phrase in lexicon.phrases) * 15 <= len(
        lexicon.phrases
    )


def test_a_rule_that_starts_with_one_letter_or_a_lookbehind_still_has_leads() -> None:
    rule = compile_phrase("(?:ik|i) (?:\\w+ )?(?:roep|shout)", "roepen")
    assert rule.word_starts == frozenset({"ik", "i"})
    assert rule.may_match(Words.of("i always shout"))
    assert rule.pattern.search("i always shout")
    assert not rule.may_match(Words.of("hij roept steeds"))
    behind = compile_phrase("(?<!niet )uit (?:zijn )?bed", "uitbed")
    assert behind.first_words == frozenset({"uit"})
    assert not behind.may_match(Words.of("in bed blijven"))
    ahead = compile_phrase("(?!nooit)\\w+ bed", "bed")  # what follows has no plain start
    assert ahead.first_words is None
    named = compile_phrase("(?P<word>slaap) goed", "slapen")  # consumes text: no leads read
    assert named.first_words is None


def test_features_made_with_another_lexicon_version_are_not_current() -> None:
    index = GroupingIndex("slapen")
    found = index.features("mijn kind wil niet in zijn eigen bed slapen")
    assert index.current(found)
    other = GroupingIndex("eten")
    assert not other.current(found)


def test_grouping_eval_prints_the_figures_of_a_labelled_set_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    labelled = {
        "theme": "slapen",
        "clusters": [
            {
                "label": "in ons bed",
                "questions": [
                    "mijn kind wil elke nacht bij ons in bed slapen",
                    "onze zoon komt elke nacht bij ons in bed slapen",
                    "hoe krijg ik mijn dochter uit ons bed",
                ],
            },
            {
                "label": "nachtmerries",
                "questions": ["mijn zoon heeft elke nacht nachtmerries", "nare dromen, wat doe ik"],
            },
        ],
        "general": ["is dit normaal bij slapen?"],
    }
    path = tmp_path / "set.json"
    path.write_text(json.dumps(labelled), encoding="utf-8")
    assert main(["grouping-eval", str(path), "--orders", "2", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert set(figures) == {"precision", "recall", "f1", "vague_worst"}
    assert figures["precision"] == 1.0
    assert figures["vague_worst"] == 0
    assert 0 < figures["recall"] <= 1


def test_grouping_eval_says_what_is_wrong_with_a_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    path = tmp_path / "kapot.json"
    path.write_text('{"theme": "x", "clusters": [{"label": "a"}]}', encoding="utf-8")
    assert main(["grouping-eval", str(path)]) == 2
    assert "cluster 1 needs a list of questions" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[]", "expected an object with a list of clusters"),
        ('{"clusters": [{"questions": ["a"]}, ["b"]]}', "cluster 2 needs a list of questions"),
        ('{"clusters": [{"questions": ["a", 1]}]}', "cluster 1 needs a list of questions"),
        ('{"clusters": [], "general": "a"}', "general must be a list of questions"),
        ('{"clusters": [], "theme": 3}', "theme must be a text"),
    ],
)
def test_a_labelled_set_that_is_not_one_is_refused_with_what_is_wrong(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "kapot.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=f"kapot.json: {message}"):
        load_set(path)


def test_a_labelled_set_may_have_no_general_questions(tmp_path: Path) -> None:
    path = tmp_path / "set.json"
    path.write_text('{"clusters": [{"questions": ["a", "b"]}], "general": []}', encoding="utf-8")
    assert load_set(path) == LabelledSet("", (("a", "b"),), (), "set")


def test_lexicon_check_passes_the_shipped_files_and_fails_a_broken_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    assert main(["lexicon", "check"]) == 0
    assert "all fine" in capsys.readouterr().out
    broken = tmp_path / "nieuw.toml"
    broken.write_text(
        '[lexicon]\nname = "nieuw"\n[theme]\nkeywords = ["nieuwthema"]\n'
        '[broader]\nslaap = "bestaatniet"\n'
    )
    assert main(["lexicon", "check", str(broken)]) == 1
    assert "'bestaatniet' is not a concept" in capsys.readouterr().out


def test_lexicon_check_names_a_theme_stopword_the_core_already_lists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    theme = tmp_path / "nieuw.toml"
    theme.write_text(
        '[lexicon]\nname = "nieuw"\n[theme]\nkeywords = ["nieuwthema"]\n'
        '[stopwords]\nnl = "hetzelfde woensdagmiddag"\nen = "hetzelfde"\n'
    )
    assert main(["lexicon", "check", str(theme)]) == 1
    out = capsys.readouterr().out
    assert "nieuw.toml: stopword 'hetzelfde' (nl) is already in kern.toml" in out
    # Only the same language counts: the core's Dutch list says nothing of English.
    assert "(en)" not in out
    assert "woensdagmiddag" not in out


def test_a_rule_for_an_english_contraction_matches_the_folded_text(tmp_path: Path) -> None:
    # The folded text joins "doesn't" into "doesnt"; the check above refuses "doesn t".
    theme = tmp_path / "thema.toml"
    theme.write_text(
        "[lexicon]\nname = \"thema\"\n[[phrase]]\npattern = 'doesn ?t eat'\nmeans = 'nachtmerrie'\n"
    )
    from bot.webinar.lexicon import Lexicon

    lexicon = Lexicon([read_file(LEXICON_DIR / "kern.toml"), read_file(theme)])
    assert lexicon.normalize("He doesn't eat") == lexicon.normalize("he doesnt eat")
    assert lexicon.normalize("He doesn't eat anything") == "nachtmerrie"


def test_a_rule_written_with_a_real_apostrophe_matches_as_the_text_is_folded(
    tmp_path: Path,
) -> None:
    # A coordinator writes "doesn't" or "z’n" as parents do (a double-quoted TOML string);
    # the pattern's apostrophe is folded away as the text's is.
    theme = tmp_path / "thema.toml"
    theme.write_text(
        '[lexicon]\nname = "thema"\n'
        "[[phrase]]\npattern = \"doesn't eat\"\nmeans = 'nachtmerrie'\n"
        "[[phrase]]\npattern = \"z’n knuffel\"\nmeans = 'nachtmerrie'\n"
    )
    from bot.webinar.lexicon import Lexicon

    lexicon = Lexicon([read_file(LEXICON_DIR / "kern.toml"), read_file(theme)])
    assert lexicon.normalize("He doesn't eat anything") == "nachtmerrie"
    assert lexicon.normalize("he doesnt eat") == "nachtmerrie"
    assert lexicon.normalize("z'n knuffel") == "nachtmerrie"


def test_a_turkish_verb_is_not_corrected_into_another_verb() -> None:
    # "istiyor" (wants) is one letter from "itiyor" (pushes) and two from "istemiyor"
    # (does not want): a Turkish verb is only corrected to its own start.
    from bot.webinar.lexicon import _correction

    assert _correction("istiyor", ["itiyor", "istemiyor"]) is None
    assert _correction("konusuyor", ["kotuluyor"]) is None
    assert _correction("anlamiyorum", ["anlamiyor"]) == "anlamiyor"
    assert _correction("slaaapt", ["slaapt"]) == "slaapt"  # other words as before


def test_a_correctly_spelt_word_is_not_corrected_into_another_word() -> None:
    # "spanning" (tension) is one letter from "spanking", "voordeur" (front door) from
    # "voorkeur", "uitgerust" (rested) two from "uitgeput" (exhausted): real Dutch and
    # English words, so they stay; a real word still becomes another form of itself, and
    # a misspelling is still corrected.
    from bot.webinar.lexicon import _correction

    assert _correction("spanning", ["spanking"]) is None
    assert _correction("voordeur", ["voorkeur"]) is None
    assert _correction("uitgerust", ["uitgeput"]) is None
    assert _correction("conversation", ["conversion"]) is None
    assert _correction("huilend", ["huilen"]) == "huilen"
    assert _correction("frustrated", ["frustratie"]) == "frustratie"
    assert _correction("slapn", ["slapen"]) == "slapen"
    assert _correction("nachtmeries", ["nachtmerries"]) == "nachtmerries"

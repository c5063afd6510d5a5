"""Language detection: the English-only families (spelling, spin) skip pages in another language."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.config.settings import Config
from newslint.model.document import Document
from newslint.model.language import SAMPLE_WORDS, _sample, declared, detect, language
from newslint.model.language import _words as language_words
from newslint.testing import lint_text

# Written for these tests.
SPANISH = """El ayuntamiento aprobó el martes el nuevo presupuesto para el próximo año, según informó una
portavoz. La votación fue muy ajustada y varios concejales pidieron más tiempo para estudiar las
cifras, porque el documento llegó tarde. También se habló de las obras del puerto, que están
paradas desde el verano, y de la limpieza de las calles del centro. El alcalde dijo que la ciudad
necesita más inversión y que los vecinos serán consultados antes de cualquier cambio importante.
"""
GERMAN = """Der Stadtrat hat am Dienstag den neuen Haushalt für das kommende Jahr beschlossen, wie eine
Sprecherin mitteilte. Die Abstimmung war knapp, und mehrere Mitglieder wollten mehr Zeit, weil das
Dokument zu spät verschickt wurde. Auch über die Baustelle am Hafen wurde gesprochen, die seit dem
Sommer stillsteht. Der Bürgermeister sagte, dass die Stadt mehr Geld braucht und die Anwohner vor
jeder wichtigen Änderung gefragt werden sollen, aber noch ist nichts entschieden.
"""
FRENCH = """Le conseil municipal a adopté mardi le nouveau budget pour l'année prochaine, selon une porte-parole.
Le vote a été serré et plusieurs élus ont demandé plus de temps pour étudier les chiffres, car le
document est arrivé en retard. Il a aussi été question des travaux du port, qui sont arrêtés depuis
l'été, et de la propreté des rues du centre. Le maire a dit que la ville avait besoin de plus
d'investissements et que les habitants seraient consultés avant tout changement important.
"""
ENGLISH = """The council approved the new budget for next year on Tuesday, a spokeswoman said. The vote was
close and several members asked for more time to study the figures, because the document arrived
late. There was also talk of the harbour works, which have been stopped since the summer, and of
cleaning the streets of the centre. The mayor said that the city needs more investment and that
residents would be consulted before any major change was made to the plan.
"""


@pytest.mark.parametrize(("text", "lang"), [(SPANISH, "es"), (GERMAN, "de"), (FRENCH, "fr"), (ENGLISH, "en")])
def test_detect(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_english_with_a_foreign_quote_stays_english() -> None:
    mixed = ENGLISH + '\nShe added: "No es el momento de hablar de esto."\n'
    assert detect(mixed) == "en"


def test_short_or_wordless_text_is_undecided() -> None:
    assert detect("El alcalde dijo que no.") is None
    assert detect("12 34 56 " * 30) is None


@pytest.mark.parametrize(("front", "lang"), [("---\nlang: es\n---\n", "es"), ('+++\nlanguage = "de-DE"\n+++\n', "de"),
                                             ("---\nlocale: fr_FR\n---\n", "fr"), ("---\ntitle: x\n---\n", None)])
def test_front_matter_declares(front: str, lang: str | None) -> None:
    assert declared(front + "Body.\n") == lang


def test_front_matter_wins_over_detection() -> None:
    doc = Document.from_text("a.md", "---\nlang: en\n---\n" + SPANISH)
    assert language(doc) == "en"


def _spelling(text: str, name: str = "a.md", config: Config | None = None) -> list[str]:
    return [d.message for d in lint_text(text, ["spelling", "spin"], name=name, config=config)]


# English typos that NL601 flags (it no longer calls foreign words typos): the controls add them
# to a foreign page, so a skipped spelling check shows as zero findings, a run one as three.
TYPOS = "\nThe council will recieve the goverment plan and seperate it from the rest.\n"


@pytest.mark.parametrize("text", [SPANISH + TYPOS, GERMAN + TYPOS, FRENCH + TYPOS])
def test_foreign_pages_get_no_spelling_findings(text: str) -> None:
    assert _spelling(text) == []


def test_declared_english_foreign_page_is_still_quiet_through_the_spelling_guard() -> None:
    # Declared English, the page passes the language gate, and the spelling rule's own guard (most
    # distinct words unknown: another language) keeps its words from being called typos.
    assert _spelling("---\nlang: en\n---\n" + SPANISH + TYPOS) == []
    assert len(_spelling("---\nlang: en\n---\n" + TYPOS)) == 3  # control: the typos alone are found


def test_english_page_still_checked() -> None:
    assert any("recieve" in m for m in _spelling(ENGLISH + "\nOfficials will recieve it.\n"))


def test_declared_foreign_short_page_is_skipped() -> None:
    assert _spelling("---\nlang: es\n---\nEl alcalde dijo que sí.\n") == []


def test_detect_language_false_checks_every_page() -> None:
    # A page the detector calls Spanish, holding a spun English phrase: skipped with detection on,
    # checked with it off (spin has no foreign-text guard of its own, so the gate alone decides).
    page = SPANISH + "\nThe Chinese language President spoke.\n"
    assert _spelling(page) == []
    assert len(_spelling(page, config=Config(detect_language=False))) == 1


def test_other_families_still_read_foreign_pages() -> None:
    page = SPANISH + "\n[ad_1]\n"
    assert any(d.code.startswith("NL4") for d in lint_text(page, ["boilerplate"], name="a.md"))


def _first_words(prose: str, most: int) -> list[str]:
    """The words a loop over every match reads, stopping at ``most``: the reference for ``_sample``."""
    out = []
    for m in re.finditer(r"[^\W\d_]+", prose):
        out.append(m.group())
        if len(out) >= most:
            break
    return out


@pytest.mark.parametrize("prose", [
    "word " * 5000,                                   # long: the prefix holds the sample
    "extraordinarily " * 2500,                        # long words: the prefix holds too few
    ("a" * 30000) + " tail",                          # one long word across the cut
    "x\n" * 20000 + " the end",                       # no space until far past the cut
    "short text here",
    # the split in C: typographic marks, digits, underscores, non-ASCII letters and digits, symbols
    "don’t stop — 3rd_place £5m café Zürich İstanbul ٣x y…z «quoted» a\u00a0b “c” 中文 x_y 2024-05 " * 300,
])
def test_sample_reads_the_first_words_of_the_text(prose: str) -> None:
    assert _sample(prose) == _first_words(prose, SAMPLE_WORDS)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Zé1_'’“”—–…«»\u00a0£3٣中-.\n\tİß")), max_size=300))
def test_words_split_in_c_are_the_patterns(text: str) -> None:
    """The sample's words split with ``spaced_words`` and ``str.split`` are ``findall``'s."""
    assert language_words(text) == re.findall(r"[^\W\d_]+", text)


def test_only_the_first_words_decide() -> None:
    english = "The minister said that the plan was a good one and that it would be put to the vote. " * 150
    spanish = "El ministro dijo que el plan era bueno y que se votaría en la asamblea con los demás. " * 400
    assert detect(english + spanish) == "en"
    assert detect(spanish + english) == "es"

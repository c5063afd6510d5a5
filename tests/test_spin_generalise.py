"""Spin from knowledge of English, beyond one spinner's phrases (issue 15, fourth step): NL204's
weaker misfits in a spun article, the deletable-word evidence of NL203, and clean text that uses
the spinners' favourite words on purpose.

Every text here (tests/data/spin/model-*.txt) was written for these tests: a car-sales story, the
same story through a style-A thesaurus ("12 months", "financial institution", "in line with",
"gross sales", "traders") and a filler-inserting style ("actually", "and also", "brand-brand new"),
and a clean bank story that says "financial institution", "12 months", "in line with",
"additionally", "individuals" and "throughout" as an editor might.
"""
from __future__ import annotations

from pathlib import Path

from newslint.config.settings import Config
from newslint.families.spin import model as spin_model
from newslint.families.spin import rules as spin_rules
from newslint.model.document import Document
from newslint.testing import lint_text

DATA = Path(__file__).resolve().parent / "data" / "spin"


def _text(name: str) -> str:
    return (DATA / f"model-{name}.txt").read_text(encoding="utf-8")


def test_a_thesaurus_spinner_is_flagged_and_its_original_is_not():
    spun = lint_text(_text("spun-a"), ["spin"])
    assert [d.code for d in spun].count("NL203") == 1
    assert lint_text(_text("original"), ["spin"]) == []


def test_clean_copy_with_the_spinners_words_has_no_spin_finding():
    # "financial institution", "12 months", "in line with", "additionally", "individuals",
    # "stated", "throughout", "actually" and -ly adverbs, each used as an editor would.
    assert lint_text(_text("tricky-clean"), ["spin"]) == []
    doc = Document.from_text("a.txt", _text("tricky-clean"))
    score = spin_rules.article_score(doc, 3.0).score
    assert score < spin_rules.SpunArticle.meta.options["threshold"] - 10  # not near the bar


def test_weaker_misfits_of_a_spun_article_are_reported_without_a_fix():
    text = _text("spun-a")
    found = [d for d in lint_text(text, ["NL204"])]
    words = {text[d.start_offset : d.end_offset]: d for d in found}
    # A word a neighbour fits only ten to ten thousand times better, but which broke both of its
    # pairs ("has bogged down as", "enlargement has"): reported, with no guess at the original.
    weaker = [d for d in found if d.fix is None and "rare synonym" not in d.message]
    assert any("no original is guessed at this margin" in d.message for d in weaker)
    assert all("no original is guessed" in d.message or "no single one is clearly the original" in d.message
               for d in weaker)
    assert "enlargement" in words and words["enlargement"].fix is None
    # The strong ones keep their restored original.
    assert words["decrease"].fix is not None and words["decrease"].fix.edits[0].replacement == "lower"


def test_each_weaker_report_broke_both_pairs_or_passes_the_margin_and_is_no_adverb():
    doc = Document.from_text("a.txt", _text("spun-a"))
    found = spin_rules.article_score(doc, 3.0)
    reported = spin_rules._reported(doc, found.misfits, 3.0, 4.0, spin_rules.UNSEEN_MARGIN)
    weaker = [m for m in reported if not m.rare and m.margin <= 4.0]
    assert weaker
    for m, (left, right) in zip(weaker, spin_model.unseen_sides(doc, weaker)):
        assert not m.word.endswith("ly") and m.better == ""
        assert m.margin > 3.0 or (left and right and m.margin > spin_rules.UNSEEN_MARGIN)


def test_an_adverb_is_not_reported_on_a_weak_margin():
    # "additionally" for "also": English, and a bigram model cannot place an adverb.
    doc = Document.from_text("a.txt", _text("spun-a"))
    found = spin_rules.article_score(doc, 3.0)
    reported = spin_rules._reported(doc, found.misfits, 3.0, 4.0, spin_rules.UNSEEN_MARGIN)
    assert all(m.margin > 4.0 or m.rare or not m.word.endswith("ly") for m in reported)


def test_an_inserted_filler_is_a_deletable_word():
    plain = spin_model.misfits(Document.from_text("a.txt", "It is the largest lender in the region and the oldest.\n"))
    filler = spin_model.misfits(Document.from_text("a.txt", "It is actually the largest lender in the region and also the oldest.\n"))
    assert filler.deletable >= plain.deletable + 2  # "actually", "also": the text reads far better without
    assert plain.judged and filler.judged == plain.judged + 2


def test_spun_copy_has_more_deletable_words_than_its_original():
    def share(name: str) -> float:
        ev = spin_model.misfits(Document.from_text("a.txt", _text(name)))
        return ev.deletable / ev.judged

    assert share("spun-d") > 1.3 * share("original") and share("spun-a") > 1.3 * share("original")


def test_unseen_sides_reads_the_pairs_around_each_misfit():
    doc = Document.from_text("a.txt", "The staff would be offered other jobs wherever imaginable in the city.\n")
    ev = spin_model.misfits(doc, 1.0)
    (m,) = [m for m in ev.misfits if m.word == "imaginable"]
    left, right = spin_model.unseen_sides(doc, [m])[0]
    model = spin_model.model()
    assert left == (model.bigram(model.word_id("wherever"), model.word_id("imaginable")) is None)
    assert right == (model.bigram(model.word_id("imaginable"), model.word_id("in")) is None)


def test_a_page_the_model_mostly_cannot_read_gets_no_verdict():
    # Another language with one English spun phrase: the phrase is still found (NL201), but a
    # density over the handful of words the model judged is no verdict on the article.
    text = ("El ayuntamiento aprobó el martes el nuevo presupuesto para el próximo año, según una portavoz. "
            "La votación fue muy ajustada y varios concejales pidieron más tiempo para estudiar las cifras. "
            "También se habló de las obras del puerto y de la limpieza de las calles del centro, y el alcalde "
            "dijo que los vecinos serán consultados antes de cualquier cambio importante en la ciudad.\n"
            "The Chinese language President spoke.\n")
    codes = [d.code for d in lint_text(text, ["spin"], config=Config(detect_language=False))]
    assert "NL203" not in codes and "NL204" not in codes and codes.count("NL201") + codes.count("NL202") == 1

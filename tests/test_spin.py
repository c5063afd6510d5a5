"""spin (NL2xx): spun phrases are found, clean news text that uses the same words is not."""
from __future__ import annotations

import pytest

from newslint.families.spin import counted as spin_counted
from newslint.families.spin import data as spin_data
from newslint.families.spin import model as spin_model
from newslint.families.spin import rules as spin_rules
from newslint.model.document import Document
from newslint.testing import lint_text
from tests.spin_eval import DATA, recall, unlabel


def spin_codes(text: str) -> list[tuple[str, str]]:
    return [(d.code, text[d.start_offset : d.end_offset]) for d in lint_text(text, ["spin"])]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Officials at the State Division declined to comment.", "State Division"),
        ("He took workplace in January after a close race.", "took workplace"),
        ("The nationwide safety adviser flew to Tokyo.", "nationwide safety adviser"),
        ("They agreed to keep open strains of communication.", "strains of communication"),
        ("A second spherical of talks is planned for May.", "spherical of talks"),
        ("The mayor shared her imaginative and prescient for the city.", "imaginative and prescient"),
        ("Photo: Jane Roe / Getty Photographs", "Getty Photographs"),
        ("The Russian language Foreign Minister arrived late.", "Russian language Foreign Minister"),
        ("The Japanese language Prime Minister spoke first.", "Japanese language Prime Minister"),
        ("Curiosity rates rose again in March.", "Curiosity rates"),
        ("The Home Speaker called a vote.", "Home Speaker"),
        ("Beijing will defend its core pursuits, the spokesman said.", "core pursuits"),
        ("Both sides hope ties return to a wholesome and secure path.", "wholesome and secure"),
        ("On the query of tariffs, the minister gave no date.", "On the query of"),
        ("The ferry sank shortly earlier than dawn.", "shortly earlier than"),
    ],
)
def test_spun_phrases_are_flagged(text, phrase):
    assert any(found == phrase and code in ("NL201", "NL202") for code, found in spin_codes(text))


@pytest.mark.parametrize(
    "text",
    [
        "The Home Office and the Home Secretary said results were in line with expectations.",
        "Voters will go to the polls in May, and the 2 a.m. shift will vote by post.",
        "Both nations stated their positions; additionally, officials met within the hour.",
        "The Chinese language teachers' union and Spanish language media covered the talks.",
        "GobiernoUSA.gov, the Spanish language counterpart of USA.gov, was translated by hand.",
        "The state division of labour was the subject of her thesis.",
        "The Foreign Ministry and the State Department said the two countries would meet.",
        "International policy experts said the foreign coverage of the war had grown.",
        "He said the ultimate goal was a ceasefire, and the final day of talks went well.",
        "Home speakers and office workers were among the workplace safety winners.",
        "The pupils had a wholesome lunch, felt secure at school and stayed healthy and stable.",
        "Markets closed earlier than usual, shortly after the rate decision and shortly before noon.",
        "The database query of last year failed; on the question of pay, core interests and "
        "personal pursuits differ.",
        # Ordinary English that the lists once flagged on clean news (issue 14):
        "He faces a jail sentence; sales rose over the last 12 months and will for the next 12 months.",
        "Rates of interest on savings fell, the Family Justice Division of the High Court heard.",
        "The final 12 months of his term, the tourist information centre and public well being.",
        "Officials advised the company; the National Safety Council and the education division of the "
        "firm were in line with data and in line with officials' forecasts.",
        "Questions arise for the board of administrators of the Child Protection Division.",
    ],
)
def test_clean_news_text_is_not_flagged(text):
    assert spin_codes(text) == []


@pytest.mark.parametrize("path", sorted(DATA.glob("clean-*.txt")), ids=lambda p: p.name)
def test_clean_articles_have_no_spin_findings(path):
    assert spin_codes(path.read_text(encoding="utf-8")) == []


def test_unseen_subject_spun_articles_are_caught():
    # Subjects the phrase lists were not built from: sport, health, courts, business, weather.
    hits = total = 0
    for path in sorted(DATA.glob("spun-*.txt")):
        marked = path.read_text(encoding="utf-8")
        text, _ = unlabel(marked)
        found = [(d.start_offset, d.end_offset) for d in lint_text(text, ["NL201", "NL202"])]
        h, t = recall(marked, found)
        hits, total = hits + h, total + t
    assert total >= 40
    assert hits / total >= 0.6, f"recall {hits}/{total}"


def test_spun_article_score_flags_spun_text_only():
    spun = " ".join(unlabel(p.read_text(encoding="utf-8"))[0] for p in sorted(DATA.glob("spun-*.txt")))
    assert [d.code for d in lint_text(spun, ["spin"]) if d.code == "NL203"] == ["NL203"]
    clean = " ".join(p.read_text(encoding="utf-8") for p in sorted(DATA.glob("clean-*.txt")))
    assert lint_text(clean, ["spin"]) == []


def test_fix_restores_the_original_and_keeps_capitals(tmp_path):
    from newslint.cli import main

    path = tmp_path / "a.txt"
    path.write_text("State Division officials met. The state division said so.\n", encoding="utf-8")
    main(["check", "--fix", "--unsafe-fixes", "--select", "spin", str(path)])
    assert path.read_text(encoding="utf-8") == "State Department officials met. The State Department said so.\n"


def test_replacement_keeps_title_case():
    from newslint.api.packs import match_case

    assert match_case("Legal Professional Basic", "attorney general") == "Attorney General"
    assert match_case("State division", "state department") == "State department"
    assert match_case("STATE DIVISION", "State Department") == "STATE DEPARTMENT"


def test_variant_generation():
    swaps = [spin_data.Swap(("department",), "division", "strong"), spin_data.Swap(("state",), "nation", "weak"),
             spin_data.Swap(("foreign",), "international", "title")]
    assert sorted(spin_data.variants("State Department", swaps)) == [
        ("Nation Department", False), ("Nation Division", True), ("State Division", True)]
    assert spin_data.variants("foreign policy", swaps) == []  # title swaps need capitals
    assert ("International Ministry", True) in spin_data.variants("Foreign Ministry", swaps)


def test_data_files_are_valid():
    folder = spin_data.data_dir()
    expressions = spin_data.read_lines(folder / "spin-expressions.txt")
    assert len(expressions) >= 300
    # "Foreign Minister" (a title, matched with capitals) and "foreign minister" are distinct entries.
    assert len(expressions) == len(set(expressions)), "duplicate expression"
    assert expressions == sorted(expressions, key=str.lower), "expressions must stay sorted"
    swaps = spin_data.load_swaps(folder / "spin-substitutions.toml")
    assert len(swaps) >= 100
    assert all(s.replacement and s.replacement.lower() != " ".join(s.words) for s in swaps)
    allow = spin_data.read_lines(folder / "spin-allow.txt")
    assert allow == sorted(allow, key=str.lower) and len(allow) == len(set(allow))


def test_curated_pack_is_sorted_unique_and_has_originals():
    from newslint.api.packs import builtin_pack_dir, load_pack_file

    (spec,) = load_pack_file(builtin_pack_dir() / "spin.toml")
    keys = list(spec.phrases)
    assert keys == sorted(keys) and len(keys) >= 200
    assert all(v and v.lower() != k for k, v in spec.phrases.items())


def _verdicts(text: str) -> list[str]:
    return [d.code for d in lint_text(text, ["spin"]) if d.code == "NL203"]


def test_wire_copy_dense_with_rare_real_words_is_not_spun(monkeypatch):
    # A securities-and-farming wire story written for this test: "enjoin", "rescind",
    # "indemnification", "amortize", "germination" are real words in their right places, which the
    # bigram model has seen too little to place, so their commoner synonyms score far better there.
    text = (DATA / "clean-wire-legal.txt").read_text(encoding="utf-8")
    assert _verdicts(text) == []
    # The text is of the kind the frequency test is for: counting every such word reads it as spun.
    monkeypatch.setattr(spin_counted, "FREQUENCY_MARGIN", float("-inf"))
    assert _verdicts(text) == ["NL203"]


def test_a_rare_real_word_fits_once_commonness_is_taken_out_and_a_swap_does_not():
    def margin(text: str, word: str) -> float:
        doc = Document.from_text("a.txt", text)
        (m,) = [m for m in spin_model.misfits(doc, 2.0).misfits if m.word == word]
        return spin_counted.frequency_margin(spin_model.token_ids(doc), m.at)

    # "enjoin", "amortize": a neighbour fits ten thousand times better, only by being a commoner word.
    for text, word in (("It asks a judge to enjoin the vote next month.\n", "enjoin"),
                       ("The lenders agreed to amortize the loan over seven years.\n", "amortize")):
        assert margin(text, word) <= spin_counted.FREQUENCY_MARGIN, word
    # A spinner's "towards" for "to": "to" fits the place better even relative to its frequency.
    assert margin("This might suffice towards offer the bank a cut.\n", "towards") > spin_counted.FREQUENCY_MARGIN


def test_spun_articles_keep_their_verdict_and_their_swaps_count():
    for name in ("model-spun-a.txt", "spun-business.txt"):
        text = unlabel((DATA / name).read_text(encoding="utf-8"))[0]
        assert _verdicts(text) == ["NL203"], name
    doc = Document.from_text("a.txt", (DATA / "model-spun-a.txt").read_text(encoding="utf-8"))
    found = spin_rules.article_score(doc, 3.0)
    ids = spin_model.token_ids(doc)
    swaps = [m for m in found.misfits if not m.rare and m.margin > 3.0]
    kept = [m for m in swaps if spin_counted.frequency_margin(ids, m.at) > spin_counted.FREQUENCY_MARGIN]
    assert len(kept) >= 0.7 * len(swaps) > 0


def test_a_word_alone_on_its_line_is_a_label_not_a_sentence():
    prose = "Topics:\n  - accessibility\n  - usability\n\nThe team said usability mattered.\n| cell |\n"
    assert spin_counted.on_label_line(prose, prose.index("usability"))
    assert spin_counted.on_label_line(prose, prose.index("accessibility"))
    assert not spin_counted.on_label_line(prose, prose.rindex("usability"))

"""spelling (NL6xx): typos get suggestions; other dialects, names, URLs, wire abbreviations,
foreign words and new vocabulary do not."""
from __future__ import annotations

import pytest

from newslint.config.settings import Config
from newslint.testing import lint_text


def flagged(text: str, config: Config | None = None, name: str = "a.md") -> list[str]:
    return [text[d.start_offset : d.end_offset] for d in lint_text(text, ["spelling"], name=name, config=config)]


def test_typos_are_flagged_with_ranked_suggestions():
    diags = lint_text("The goverment said teh plan was recieved well by the comittee.\n", ["NL601"])
    assert [(d.message.split("'")[1], d.fix.edits[0].replacement) for d in diags] == [
        ("goverment", "government"), ("teh", "the"), ("recieved", "received"), ("comittee", "committee")]


def test_fix_is_safe_only_for_a_known_misspelling_with_one_correction():
    (diag,) = lint_text("The goverment fell.\n", ["NL601"])  # codespell: one correction
    assert diag.fix.safety.value == "safe"
    (diag,) = lint_text("They failed alot of tests.\n", ["NL601"])  # codespell: "a lot", "allot"
    assert diag.fix.safety.value == "unsafe" and "allot" in diag.message
    # Not a listed misspelling: a guess from word frequencies is never safe.
    (diag,) = lint_text("The minister confirned the plan.\n", ["NL601"])
    assert diag.fix.safety.value == "unsafe" and diag.fix.edits[0].replacement == "confirmed"


@pytest.mark.parametrize(
    "text",
    [
        "Qin Gang and Zbigniew Brzezinski met NATO and UNHCR officials in Kyiv.",
        "See https://example.com/qwzxv or mail desk@qwzxv.org, follow @qwzxnews and #qwzxv2024.",
        # British, Canadian and Australian forms with their suffixes, and American ones.
        "The favourite organisers honoured the offences of the centre's travellers; colourful defences.",
        "The favorite organizers honored the offenses of the center's travelers; colorful defenses.",
        "She said it was *joie de vivre* and _schadenfreude_ that drove the ceasefire talks.",
        "The lockdown, the livestream and the cyberattack dominated the podcast on the website.",
        "The spyware hit the carmaker, and eurozone ministers met; the ringtone and the frontman.",
        # Wire copy abbreviations.
        "Shr profit 12 cts vs 10 cts, net 5.2 mln dlrs, revs 1.1 bln dlrs, up 4 pct; 300,000 bpd; 2 bln stg.",
        "The qtr avg rose; oper shr loss 3 cts.",
        "It's the committee's view that they'd rather wait; we've heard the miscommunications.",
        "Prices rose 3.5% to €2,400 in Q3 and 2024's figures were revised.",
        "The rate was higher than expected, and officials could have acted sooner.",
        "Files went to fbi.gov and news.example.co.uk; the report.pdf and data.csv were read.",
        "The caf&eacute; and a&nbsp;b&nbsp;c &nbsp; &nbsp; were undecoded, as was qwzx&amp;co.",
        "Ruud van der Sar and Osama bin Laden; Luis dos Santos and Ursula von der Leyen.",
        "His protege was risque, and the cafe was naive.",
        "The unpatched servers and the renationalisation plan; freakery and the weblogger.",
    ],
)
def test_clean(text):
    assert flagged(text + "\n") == []


def test_user_words_from_config_and_accept_list(tmp_path):
    text = "The fintek report and the goverment plan.\n"
    assert flagged(text) == ["fintek", "goverment"]
    (tmp_path / ".newslint-words.txt").write_text("# our words\ngoverment\n", encoding="utf-8")
    config = Config(root=tmp_path, rule_options={"spelling": {"words": ["fintek"]}})
    assert flagged(text, config) == []


def test_a_text_in_another_language_is_not_spell_checked():
    spanish = ("Estamos creando servicios digitales con las agencias, y el equipo trabaja dentro de cada "
               "proyecto para crear prototipos, iterar con usuarios, publicar resultados, evaluar experiencias "
               "previas y determinar mejores procesos; hablamos con grupos que tienen dudas sobre el acceso, "
               "el calendario, los idiomas y los aspectos del contenido posible.\n")
    assert flagged(spanish) == []
    assert flagged("The goverment met.\n" + spanish.replace("posible", "")) == []
    assert flagged("The goverment met the agencies and the team.\n") == ["goverment"]


def test_real_word_typos_in_context_only():
    text = ("It cost less then expected and they could of known. Then more came; the might of Sweden "
            "would of course win, and other then-senators agreed.\n")
    assert flagged(text) == ["less then", "could of known"]


def test_real_word_typo_fix_keeps_the_context():
    (diag,) = lint_text("They should of been told.\n", ["NL602"])
    assert diag.fix.safety.value == "safe" and diag.fix.edits[0].replacement == "should have been"


def test_data_files_are_sorted_and_unique():
    import gzip

    from newslint.api.packs import builtin_pack_dir, load_pack_file

    (spec,) = load_pack_file(builtin_pack_dir() / "spelling.toml")
    keys = list(spec.phrases)
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    data = builtin_pack_dir() / "data"
    words = (data / "spelling-words.txt").read_text(encoding="utf-8").split("\n")
    entries = [w for w in words if w and not w.startswith("#")]
    assert entries == sorted(set(entries)) and all(w.isascii() and w.islower() for w in entries)
    for name in ("dictionary", "dialects", "frequencies", "misspellings"):
        lines = gzip.decompress((data / f"spelling-{name}.txt.gz").read_bytes()).decode().splitlines()
        assert len(lines) > 10_000 and lines == sorted(set(lines)), name


def test_only_the_token_around_a_word_decides_whether_it_is_skipped():
    # The same unknown word inside a URL, an address, a file name and a comment is skipped, and
    # flagged where it stands as a word of its own, even right next to those tokens.
    text = ("See https://example.com/recieved and desk@recieved.org, the file recieved.pdf, "
            "<!-- recieved --> and then recieved https://example.com/x at last.\n")
    assert flagged(text, name="a.txt") == ["recieved"]
    (diag,) = lint_text(text, ["NL601"], name="a.txt")
    assert text[diag.start_offset - 5 : diag.start_offset] == "then "


def test_dialect_is_a_style_finding_only_when_a_house_sets_one(tmp_path):
    text = "The colour of the organisers was their favourite.\n"
    assert flagged(text) == []
    us = Config(root=tmp_path, rule_options={"spelling": {"dialect": "en-US"}})
    diags = lint_text(text, ["spelling"], config=us)
    assert [(d.code, d.fix.edits[0].replacement, d.fix.safety.value) for d in diags] == [
        ("NL603", "color", "unsafe"), ("NL603", "organizers", "unsafe"), ("NL603", "favorite", "unsafe")]
    assert "house dialect en-US" in diags[0].message
    gb = Config(root=tmp_path, rule_options={"spelling": {"dialect": "en-GB"}})
    assert flagged(text, gb) == []
    assert flagged("The color of the organizers.\n", gb) == ["color", "organizers"]


def test_a_bad_dialect_is_a_config_error(tmp_path):
    from newslint.cli import main

    (tmp_path / "newslint.toml").write_text('[spelling]\ndialect = "en-XX"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Fine text.\n", encoding="utf-8")
    assert main(["check", "--no-cache", "--config", str(tmp_path / "newslint.toml"), str(tmp_path / "a.txt")]) == 2


def test_a_word_that_runs_on_across_a_link_target_is_not_a_typo():
    # "[a projec](url)t" renders "a project": a "fix" to "project" would render "projectt".
    assert flagged("We posted an [open\nprojec](https://example.com/issues/9)t, and more.\n") == []
    assert flagged("See [the docs](https://example.com/a)recieved here.\n") == []
    # "an ongoing serie[s](url)" renders "series": a "fix" would render "seriess".
    assert flagged("The second part of an ongoing serie[s](https://example.com/week-1) on data.\n") == []
    # Control: the same typos inside or after a link, not glued to the markup, are flagged.
    assert flagged("We posted a [projec](https://example.com/issues/9) and recieved it.\n") == [
        "projec", "recieved"]


def test_an_abbreviation_defined_in_place_is_not_a_typo():
    # Wire copy defines its abbreviations in lowercase, in parentheses after the words they abbreviate.
    assert flagged("Output was 1.4 mln bpd of natural gas liquids (ngls), up from 1.2 mln; ngls exports fell.\n") == []
    assert flagged("Sales of video tape recorders (vtrs) fell to 300,000 from 340,000.\n") == []
    # Control: the same letters in parentheses after words they do not abbreviate are still judged.
    assert flagged("Output rose sharply in the quarter (ngls), the board said.\n") == ["ngls"]

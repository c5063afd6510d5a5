"""names (NL3xx): one person spelled two ways is flagged; different people with similar names are not."""
from __future__ import annotations

import pytest

from newslint.config.settings import Config
from newslint.testing import lint_text, lint_texts

LEAD = "The council met on Monday to discuss the budget for next year, officials said.\n\n"


def names(text: str, config: Config | None = None) -> list[tuple[str, str]]:
    full = LEAD + text
    return [(d.code, full[d.start_offset : d.end_offset]) for d in lint_text(full, ["names"], config=config)]


def test_minority_spelling_is_flagged_with_the_majority_as_fix():
    diags = lint_text(LEAD + "Tomasz Wilczek spoke. Wilczek said yes. Later Mr Wilczeck said no.\n", ["names"])
    assert [(d.code, d.fix.edits[0].replacement) for d in diags] == [("NL301", "Wilczek")]


@pytest.mark.parametrize(
    "text",
    [
        # Two different people with similar names, each introduced in full.
        "Jon Smith, a farmer, and John Smyth, a banker, spoke. Smith said prices were low; Smyth disagreed.",
        # A father and son.
        "Joe Biden and his son Hunter Biden arrived. Biden spoke first.",
        # Two people named Ahmed and Ahmad, side by side.
        "Ahmed Khan and his brother Ahmad Khan both spoke, and Ahmed Khan answered questions.",
        # Names that are ordinary words.
        "Rose Brown and Mark Price led the talks. Brown said the price of bread would rise; Price agreed.",
        # Possessives and the same name many times.
        "Antony Blinken arrived. Blinken's plane was late, and Blinken’s aides waited. Blinken left.",
        # Surname-first names, referred to by the family name.
        "Foreign Minister Qin Gang met the envoy. Mr Qin said the talks were useful.",
        # Places and institutions that look like names.
        "The State Department and the Foreign Ministry met in Hong Kong. Washington and Beijing agreed.",
    ],
)
def test_clean_names(text):
    assert names(text + "\n") == []


def test_given_name_variant():
    text = "John Smith spoke first. John Smith took questions. Later, Jon Smith left.\n"
    assert names(text) == [("NL302", "Jon")]


def test_unintroduced_honorific_reference():
    assert names("Foreign Minister Qin Gang met the envoy. Mr Chen said the talks were useful.\n") == [
        ("NL303", "Chen")]


def test_house_list_from_file_and_inline(tmp_path):
    path = tmp_path / "names.txt"
    path.write_text("# house list\nLeah Millis: Leah Mellis\n", encoding="utf-8")
    config = Config(rule_options={"names": {"names-file": str(path)}})
    assert names("Photo by Leah Mellis. Leah Milis edited it.\n", config) == [
        ("NL304", "Leah Mellis"), ("NL304", "Leah Milis")]
    assert names("Photo by Leah Millis.\n", config) == []


def test_names_file_from_config_is_relative_to_it(tmp_path, monkeypatch, capsys):
    from newslint.cli import main

    (tmp_path / "names.txt").write_text("Leah Millis: Leah Mellis\n", encoding="utf-8")
    (tmp_path / "newslint.toml").write_text('[names]\nnames-file = "names.txt"\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(LEAD + "Photo by Leah Mellis.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")
    assert main(["check", "a.txt", "--select", "NL304"]) == 1
    assert "is spelled 'Leah Millis' in the house list" in capsys.readouterr().out


def test_repo_wide_spelling():
    texts = [LEAD + "Photo: Leah Millis for the paper.\n", LEAD + "Leah Millis took this.\n",
             LEAD + "Leah Mellis took the photo.\n", LEAD + "John Smyth spoke.\n", LEAD + "Jon Smith spoke.\n"]
    diags = lint_texts(texts, ["NL305"], names=[f"{i}.md" for i in range(5)])
    assert [(d.path, d.message) for d in diags] == [
        ("2.md", "'Leah Mellis' is spelled 'Leah Millis' elsewhere in this repository")]


def test_example_articles():
    from pathlib import Path

    from newslint.testing import lint_text as lint

    root = Path(__file__).resolve().parent.parent / "examples"
    clean = (root / "names-clean-tricky.md").read_text(encoding="utf-8")
    assert lint(clean, ["names"], name="names-clean-tricky.md") == []
    bad = (root / "names-inconsistent.md").read_text(encoding="utf-8")
    found = lint(bad, ["names"], name="names-inconsistent.md")
    assert [(d.code, bad[d.start_offset : d.end_offset]) for d in found] == [("NL301", "Wilczeck")]


def test_titles_and_transliteration_variants():
    text = ("President Volodymyr Zelensky spoke. Zelensky thanked allies. President Zelenskiy left. "
            "Zelensky returned.\n")
    # A one-letter transliteration variant after a title is grouped with the majority spelling.
    assert names(text) == [("NL301", "Zelenskiy")]


def test_a_tie_goes_to_the_introduction():
    # One mention each: the full-name introduction is the reference (issue 16).
    assert names("Anna Lindqvist spoke. Later Ms Lindquist left.\n") == [("NL301", "Lindquist")]


def test_unintroduced_needs_an_honorific_and_no_near_match():
    # A near spelling of an introduced surname is NL301's (a slip), not NL303's (no one).
    assert [c for c, _ in names("Tomasz Wilczek spoke. Mr Wilczeck said no.\n")] == ["NL301"]
    assert names("The envoy arrived. Chen accepted the invitation.\n") == []


def test_short_surnames_are_never_grouped():
    assert names("Anna Kim spoke. Kim said yes. Kim left. Later Kin said no.\n") == []
    assert names("Anna Kimball spoke. Kimball said yes. Kimball left. Later Kimbal said no.\n") == [
        ("NL301", "Kimbal")]


def test_dotted_honorific_and_lowercase_title_are_read_from_before_the_name():
    # "Mr." ends like a sentence; the look-back still reads it as an honorific.
    assert names("Foreign Minister Qin Gang met the envoy. Mr. Chen said the talks were useful.\n") == [
        ("NL303", "Chen")]
    # A lowercase title is a title but not an honorific; "p.m." before a name is no title at all.
    assert names("Foreign Minister Qin Gang met the chief executive Chen at the hotel.\n") == []
    assert names("Foreign Minister Qin Gang left at 5 p.m. Chen said the talks were useful.\n") == []


def test_title_look_back_pattern_is_the_same_in_every_process():
    # The per-user cache keys the compiled look-back by its text: built in set order (which
    # changes with the string hash seed), no run found the program the previous run stored.
    import os
    import subprocess
    import sys

    code = "from newslint.families.names.extract import _TITLE_BEFORE; print(_TITLE_BEFORE)"
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(outputs) == 1

"""spelling (NL6xx): typos get suggestions; names, URLs, foreign words and house words do not."""
from __future__ import annotations

import pytest

from newslint.config import Config
from newslint.testing import lint_text


def flagged(text: str, config: Config | None = None, name: str = "a.md") -> list[str]:
    return [text[d.start_offset : d.end_offset] for d in lint_text(text, ["spelling"], name=name, config=config)]


def test_typos_are_flagged_with_ranked_suggestions():
    diags = lint_text("The goverment said the plan was recieved well by the comittee.\n", ["NL601"])
    assert [(d.message.split("'")[1], d.fix.edits[0].replacement) for d in diags] == [
        ("goverment", "government"), ("recieved", "received"), ("comittee", "committee")]


def test_fix_is_safe_only_with_one_close_candidate():
    (diag,) = lint_text("The goverment fell.\n", ["NL601"])
    assert diag.fix.safety.value == "safe"
    (diag,) = lint_text("The bnak closed.\n", ["NL601"])  # bank, back, ... several candidates
    assert diag.fix.safety.value == "unsafe"


@pytest.mark.parametrize(
    "text",
    [
        "Qin Gang and Zbigniew Brzezinski met NATO and UNHCR officials in Kyiv.",
        "See https://example.com/qwzxv or mail desk@qwzxv.org, follow @qwzxnews and #qwzxv2024.",
        "The colour of the organisation's programme was recognised, and travellers realised it.",
        "She said it was *joie de vivre* and _schadenfreude_ that drove the ceasefire talks.",
        "The lockdown, the livestream and the cyberattack dominated the podcast on the website.",
        "It's the committee's view that they'd rather wait; we've heard the miscommunications.",
        "Prices rose 3.5% to €2,400 in Q3 and 2024's figures were revised.",
        "The rate was higher than expected, and officials could have acted sooner.",
    ],
)
def test_clean(text):
    assert flagged(text + "\n") == []


def test_user_words_from_config_and_accept_list(tmp_path, monkeypatch):
    text = "The fintek report and the vaxxer plan.\n"
    assert flagged(text) == ["fintek", "vaxxer"]
    (tmp_path / ".newslint-words.txt").write_text("# our words\nvaxxer\n", encoding="utf-8")
    config = Config(root=tmp_path, rule_options={"spelling": {"words": ["fintek"]}})
    assert flagged(text, config) == []


def test_real_word_typos_in_context_only():
    text = "It cost more then expected and they could of known. Then more came; what they could of the money.\n"
    assert flagged(text) == ["more then", "could of"]


def test_pack_is_sorted_and_unique():
    from newslint.packs import builtin_pack_dir, load_pack_file

    (spec,) = load_pack_file(builtin_pack_dir() / "spelling.toml")
    keys = list(spec.phrases)
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    words = (builtin_pack_dir() / "data" / "spelling-words.txt").read_text(encoding="utf-8").split("\n")
    entries = [w for w in words if w and not w.startswith("#")]
    assert entries == sorted(set(entries))


def test_only_the_token_around_a_word_decides_whether_it_is_skipped():
    # The same unknown word inside a URL, an address, a file name and a comment is skipped, and
    # flagged where it stands as a word of its own, even right next to those tokens.
    text = ("See https://example.com/recieved and desk@recieved.org, the file recieved.pdf, "
            "<!-- recieved --> and then recieved https://example.com/x at last.\n")
    assert flagged(text, name="a.txt") == ["recieved"]
    (diag,) = lint_text(text, ["NL601"], name="a.txt")
    assert text[diag.start_offset - 5 : diag.start_offset] == "then "

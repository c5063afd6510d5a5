"""encoding (NL5xx): mojibake and invisible characters, and the text that only looks like them."""
from __future__ import annotations

import pytest

from newslint.model.diagnostic import FixSafety
from newslint.testing import lint_text


def found(text: str) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in lint_text(text, ["encoding"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The cafÃ© is open.\n", [(1, 8, "NL501")]),
        ("He said itâ€™s fine.\n", [(1, 11, "NL501")]),
        ("Price: 10Â\u00a0euros\n", [(1, 10, "NL501")]),
        ("Prime\u200b Minister\n", [(1, 6, "NL504")]),
        ("govern\u00adment\n", [(1, 7, "NL504")]),
        ("a\u202eb\n", [(1, 2, "NL504")]),
        ("The vote was\u00a0\u00a0close.\n", [(1, 13, "NL505")]),
        ("The vote \u00a0 was close.\n", [(1, 9, "NL505")]),
        ("Jos\ufffd Mourinho\n", [(1, 4, "NL506")]),
        ("bell\x07 rang\n", [(1, 5, "NL503")]),
    ],
)
def test_flagged(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Café naïve résumé — “quoted” ‘single’ … São Paulo, Zürich, Łódź, Ørsted.\n",
        "The race was 10\u00a0km long and 5\u202f000 people ran.\n",
        "A family emoji 👩\u200d👩\u200d👧 and a flag 🏳️\u200d🌈 are fine.\n",
        "می\u200cخواهم is Persian with a zero-width non-joiner.\n",
        "\ufeffA byte-order mark at the very start is the BOM, not debris.\n",
        "ÀÉÎÕÜ in capitals, and Ã alone as a letter: Ã is a Portuguese letter.\n",
        "Tabs\tare fine, and so are Windows line endings.\r\n",
    ],
)
def test_clean(text):
    assert found(text) == []


def test_mojibake_fix_repairs_text(tmp_path):
    from newslint.cli import main

    path = tmp_path / "a.txt"
    path.write_text("RenÃ©e Castillo called it â€œunavoidableâ€\u009d.\n", encoding="utf-8")
    main(["check", "--fix", "--select", "encoding", str(path)])
    assert path.read_text(encoding="utf-8") == "Renée Castillo called it “unavoidable”.\n"


@pytest.mark.parametrize(
    "text",
    [
        # Hebrew and Arabic: direction marks place punctuation and numbers beside RTL words.
        "הפגישה נקבעה ל-3.5.2016\u200f, אמר הדובר.\n",
        "Shira Cohen (שירה כהן\u200f) spoke first.\n",
        "قال الوزير\u061c 2024 إن المشروع\u200e (المرحلة الأولى) بدأ.\n",
        "The mayor \u2067שירה כהן\u2069 said yes.\n",
        # A line of English in a document that has Hebrew elsewhere: the mark may be for the page.
        "שלום עולם\n\nWindows 10\u200e!\n",
    ],
)
def test_bidi_marks_beside_right_to_left_text_are_kept(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prime\u200e Minister\n", [(1, 6, "NL504")]),
        ("\u200fBreaking news from London\n", [(1, 1, "NL504")]),
        ("Call (555) 0100\u200e.\n", [(1, 16, "NL504")]),
        # An override reorders letters: flagged even beside Hebrew.
        ("שלום \u202eabc\n", [(1, 6, "NL504")]),
        # Zero-width space and soft hyphen inside words are debris in any script.
        ("the board of \u200bharbour\u200b pilots\n", [(1, 14, "NL504"), (1, 22, "NL504")]),
    ],
)
def test_bidi_marks_without_right_to_left_text_are_flagged(text, expected):
    assert found(text) == expected


def fixed(tmp_path, name: str, text: str) -> str:
    from newslint.cli import main

    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    main(["check", "--fix", "--no-cache", "--select", "encoding", str(path)])
    return path.read_bytes().decode("utf-8")


def test_nbsp_fix_never_touches_a_masked_link_url_or_list_marker(tmp_path):
    text = ("Read the [Executive Order](https://example.gov/order-2013)\u00a0 requiring open data.\n\n"
            "* \u00a0 analyse program outcomes;\n* \u00a0 oversee the states.\n")
    assert fixed(tmp_path, "a.md", text) == (
        "Read the [Executive Order](https://example.gov/order-2013) requiring open data.\n\n"
        "* analyse program outcomes;\n* oversee the states.\n")


def test_nbsp_fix_at_line_ends_keeps_markdown_hard_breaks_and_indentation(tmp_path):
    text = "First line.\u00a0 \nSecond line\u00a0  \nThird.\n\n- item\n\n  \u00a0continued item text.\n"
    assert fixed(tmp_path, "a.md", text) == (
        "First line.\nSecond line  \nThird.\n\n- item\n\n  continued item text.\n")
    assert fixed(tmp_path, "a.txt", "End of story.\u00a0\u00a0\nNext.\n") == "End of story.\nNext.\n"


def test_mojibake_stretches_match_a_character_diff():
    """The linear pairing finds the same changes as difflib on lines where both apply."""
    import difflib

    from newslint.families.encoding.diff import changed_stretches

    pairs = [
        ("RenÃ©e said itâ€™s â€œfineâ€\u009d.", "Renée said it’s “fine”."),
        ("ZÃ¼rich and SÃ£o Paulo, 10Â\u00a0km", "Zürich and São Paulo, 10\u00a0km"),
        ("Ð¿Ñ€Ð¸Ð²ÐµÑ‚ world", "привет world"),
    ]
    for before, after in pairs:
        ours = changed_stretches(before, after)
        reference = [op[1:] for op in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
                     if op[0] != "equal"]
        rebuilt, pos = [], 0
        for i1, i2, j1, j2 in ours:
            rebuilt += [before[pos:i1], after[j1:j2]]
            pos = i2
        assert "".join([*rebuilt, before[pos:]]) == after
        assert ours == reference or len(ours) <= len(reference)


def test_mojibake_cost_is_linear_in_the_line_length():
    """A 16,000-character paragraph of mojibake (one line) took 70 s with a character diff."""
    import time

    good = "Le café de la gare, où l’on sert des crêpes, ferme à 20 h. "
    bad = good.encode("utf-8").decode("cp1252")
    timings = []
    for size in (4000, 16000):
        text = (bad * (size // len(bad) + 1))[:size] + "\n"
        best = float("inf")
        for _ in range(3):  # CPU time, the best of three: a loaded machine's other jobs are not counted
            began = time.process_time()
            diags = lint_text(text, ["NL501"])
            best = min(best, time.process_time() - began)
        timings.append(best)
        assert diags and all(d.fix for d in diags)
    assert timings[1] < 2.0 and timings[1] < 8 * timings[0] + 0.2


def test_an_invisible_character_between_markdown_delimiters_has_an_unsafe_fix():
    # "### Format_\u200b_API …" and "**\u200b**In addition": deleting the space would make "__" and
    # "****", which Markdown renders otherwise. Still reported; the deletion waits for --unsafe-fixes.
    text = "### Format_\u200b_API formats are the schema.\n\n**\u200b**In addition, the API needs support.\n\nPrime\u200b Minister\n"
    found = {d.line: d.fix.safety for d in lint_text(text, ["NL504"], name="post.md")}
    assert found == {1: FixSafety.UNSAFE, 3: FixSafety.UNSAFE, 5: FixSafety.SAFE}
    plain = {d.line: d.fix.safety for d in lint_text(text, ["NL504"], name="post.txt")}
    assert set(plain.values()) == {FixSafety.SAFE}

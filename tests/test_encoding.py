"""encoding (NL5xx): mojibake and invisible characters, and the text that only looks like them."""
from __future__ import annotations

import pytest

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

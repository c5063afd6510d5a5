"""NL901 unused-suppression and NL902 unknown-suppression (ruff's RUF100 for newslint comments)."""
from __future__ import annotations

from newslint.testing import lint_text

AD = "-------- Advertisement---------"
STORY = "The minister resigned on Monday after a long debate, officials said."


def _codes(text: str, select: list[str] | None = None) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in lint_text(text, select, name="a.md") if d.code.startswith("NL9")]


def test_used_suppression_is_quiet() -> None:
    assert _codes(f"{AD} <!-- newslint: disable-line NL401 -->\n\n{STORY}\n") == []


def test_unused_suppression_is_reported() -> None:
    assert _codes(f"{STORY} <!-- newslint: disable-line NL401 -->\n") == [(1, "NL901")]


def test_unused_next_line_and_block_suppressions() -> None:
    text = f"<!-- newslint: disable-next-line NL401 -->\n{STORY}\n\n<!-- newslint: disable NL5 -->\n{STORY}\n<!-- newslint: enable -->\n"
    assert _codes(text) == [(1, "NL901"), (4, "NL901")]


def test_off_rule_is_named_in_the_message() -> None:
    (diag,) = [d for d in lint_text(f"{STORY} <!-- newslint: disable-line NL401 -->\n", ["NL901"], name="a.md")]
    assert "NL401 not enabled" in diag.message


def test_unknown_code_is_reported_once_not_as_unused() -> None:
    assert _codes(f"{AD} <!-- newslint: disable-line NL4O1 -->\n") == [(1, "NL902")]


def test_names_categories_prefixes_and_all_are_known() -> None:
    for selector in ("ad-marker", "boilerplate", "NL4", "ALL"):
        assert _codes(f"{AD} <!-- newslint: disable-line {selector} -->\n") == [], selector


def test_blanket_and_corpus_suppressions_are_never_unused() -> None:
    text = f"<!-- newslint: disable -->\n{STORY}\n<!-- newslint: enable -->\n\n{STORY} <!-- newslint: disable-line NL305 -->\n"
    assert _codes(text) == []


def test_english_only_suppression_on_a_foreign_page_is_not_unused() -> None:
    page = "---\nlang: es\n---\nEl alcalde dijo que sí. <!-- newslint: disable-line NL601 -->\n"
    assert _codes(page) == []
    english = f"---\nlang: en\n---\n{STORY} <!-- newslint: disable-line NL601 -->\n"
    assert _codes(english) == [(4, "NL901")]


def test_a_suppression_of_nl901_itself_is_left_alone() -> None:
    assert _codes(f"{STORY} <!-- newslint: disable-line NL901 -->\n") == []


def test_corpus_suppression_is_not_unused_when_the_corpus_rules_are_off() -> None:
    text = f"{STORY} <!-- newslint: disable-line NL305 -->\n"
    assert _codes(text, ["NL4", "NL9"]) == []

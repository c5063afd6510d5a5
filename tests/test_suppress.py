"""Inline suppressions work the same in plain text and Markdown."""
from __future__ import annotations

import pytest

from newslint.testing import lint_text

AD = "-------- Advertisement---------"


@pytest.mark.parametrize("name", ["a.txt", "a.md"])
def test_disable_enable_block(name):
    text = f"<!-- newslint: disable NL401 -->\n{AD}\n\n{AD}\n<!-- newslint: enable -->\n\n{AD}\n"
    assert [d.line for d in lint_text(text, ["NL401"], name=name)] == [7]


@pytest.mark.parametrize("name", ["a.txt", "a.md"])
def test_disable_next_line_skips_blank_lines(name):
    text = f"<!-- newslint: disable-next-line ad-marker -->\n\n{AD}\n\n{AD}\n"
    assert [d.line for d in lint_text(text, ["NL401"], name=name)] == [5]


def test_disable_by_category_and_all():
    text = f"<!-- newslint: disable boilerplate -->\n{AD}\nThe cafÃ© is open.\n"
    assert [d.code for d in lint_text(text)] == ["NL501"]
    text = f"<!-- newslint: disable -->\n{AD}\nThe cafÃ© is open.\n"
    assert lint_text(text) == []


def test_disable_other_code_does_not_suppress():
    text = f"<!-- newslint: disable NL501 -->\n{AD}\n"
    assert [d.code for d in lint_text(text, ["NL4", "NL5"])] == ["NL401"]


def test_unclosed_disable_runs_to_end_of_file():
    text = f"{AD}\n\n<!-- newslint: disable NL401 -->\n\n{AD}\n\n{AD}\n"
    assert [d.line for d in lint_text(text, ["NL401"])] == [1]

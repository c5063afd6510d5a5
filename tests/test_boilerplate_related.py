"""NL420: the headlines of a related-stories list under its label (issue 16), in several site styles."""
from __future__ import annotations

from pathlib import Path

import pytest

from newslint.cli import main

from newslint.testing import lint_text

STORY = ("The finance minister resigned on Monday after parliament rejected her budget for the second "
         "time this year, officials said.\n")
STORY2 = ("Opposition leaders called for an early election, saying the government had lost its majority "
          "and its authority over the budget.\n")


def lists(text: str) -> list[tuple[int, int]]:
    return [(d.line, d.end_line) for d in lint_text(text, ["NL420"])]


@pytest.mark.parametrize("widget, span", [
    # a wordpress auto-blog: label and headlines on one block
    ("You may also like\nMinister quits over budget row\nTrain fares to rise in January\n", (4, 5)),
    # a regional paper: bullets
    ("More from News\n- Storm closes school for a week\n- Police appeal after break-in\n", (4, 5)),
    # a magazine: numbered, a question headline
    ("Recommended for you:\n1. Is the housing boom over?\n2. Ten best walks in the hills\n", (4, 5)),
    # a wire site: label and headlines each a block of their own
    ("Related stories\n\nMinister quits over budget row\n\nTrain fares to rise in January\n", (5, 7)),
])
def test_flags_the_headlines_under_a_label(widget: str, span: tuple[int, int]) -> None:
    assert lists(f"{STORY}\n{widget}\n{STORY2}") == [span]


def test_one_paragraph_per_line_copy_stops_at_the_story() -> None:
    text = f"{STORY}Related stories\nMinister quits over budget row\n{STORY2}"
    assert lists(text) == [(3, 3)]


@pytest.mark.parametrize("text", [
    # a subheading and its paragraph, no label
    f"{STORY}\nWhat happens next\n{STORY2}",
    # a label followed by the story going on
    f"{STORY}\nRelated stories\n{STORY2}",
    # a section label above the article's own headline
    f"Latest News\nMinister quits over budget row\n\n{STORY}",
    f"Latest News\nMinister quits over budget row\n{STORY}",
    # the label then a subheading with its paragraph
    f"{STORY}\nMost read\n\nWhat happens next\n{STORY2}",
])
def test_leaves_story_structure_alone(text: str) -> None:
    assert lists(text) == []


def test_markdown_heading_and_link_list_are_the_authors() -> None:
    text = f"{STORY}\n## Related posts\n\n- [Minister quits](/a)\n- [Fares rise](/b)\n"
    assert lint_text(text, ["NL420"], name="post.md") == []


def test_fix_deletes_the_widget_and_leaves_one_blank_line(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(f"{STORY}\nRelated stories\nMinister quits over budget row\nTrain fares to rise\n\n{STORY2}")
    main(["check", "--fix", "--select", "NL404,NL420", "--exit-zero", str(path)])
    assert path.read_text() == f"{STORY}\n{STORY2}"

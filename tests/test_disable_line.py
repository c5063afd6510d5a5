"""'Disable for this line': an inline ``disable-line`` comment that leaves the rendered page alone."""
from __future__ import annotations

import pytest

pytest.importorskip("lsprotocol")

from markdown_it import MarkdownIt  # noqa: E402

from newslint.lsp.actions import disable_edit  # noqa: E402
from newslint.lsp.positions import LineIndex  # noqa: E402
from newslint.testing import lint_text  # noqa: E402

PARAGRAPH = ("The council said on Monday that the vote\n"
             "-------- Advertisement---------\n"
             "had been postponed until the spring.\n")


def _apply(text: str, line: int, code: str) -> str:
    index = LineIndex(text)
    edit = disable_edit(index, line, code)
    at = index.offset(edit.range.start.line, edit.range.start.character)
    return text[:at] + edit.new_text + text[at:]


def _html(text: str) -> str:
    return MarkdownIt("commonmark").render(text)


def test_comment_keeps_a_hard_wrapped_paragraph_whole() -> None:
    edited = _apply(PARAGRAPH, 1, "NL401")
    assert edited.splitlines()[1] == "-------- Advertisement--------- <!-- newslint: disable-line NL401 -->"
    assert _html(edited).count("<p>") == 1
    # The old form, a comment line above, would have split it: what this guards against.
    old = PARAGRAPH.replace("-------- Adv", "<!-- newslint: disable-next-line NL401 -->\n-------- Adv")
    assert _html(old).count("<p>") == 2


@pytest.mark.parametrize(("line", "expected"), [
    ("A hard break  ", "A hard break <!-- newslint: disable-line NL401 -->  "),
    ("A backslash break\\", "A backslash break <!-- newslint: disable-line NL401 -->\\"),
])
def test_hard_line_breaks_survive(line: str, expected: str) -> None:
    assert _apply(f"{line}\nnext line\n", 0, "NL401").splitlines()[0] == expected


def test_crlf_line() -> None:
    assert _apply("one\r\ntwo\r\n", 0, "NL401") == "one <!-- newslint: disable-line NL401 -->\r\ntwo\r\n"


def test_disable_line_suppresses_only_its_line() -> None:
    assert any(d.code == "NL401" for d in lint_text(PARAGRAPH, ["NL401"], name="a.md"))
    assert not lint_text(_apply(PARAGRAPH, 1, "NL401"), ["NL401"], name="a.md")
    other = PARAGRAPH + "\n-------- Advertisement---------\n"
    assert [d.line for d in lint_text(_apply(other, 1, "NL401"), ["NL401"], name="a.md")] == [5]

"""Markdown: only prose is linted, and positions point into the original file."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.model.document import Document
from newslint.testing import lint_text

AD = "-------- Advertisement---------"
MD = f"""---
title: "{AD}"
---

# Minister resigns

Some prose with `{AD}` inline and a [link](https://example.com/Ã©) and <span>tag</span>.

```text
{AD}
cafÃ©
```

    {AD}

<!-- {AD} -->

<div>
{AD}
</div>

> The cafÃ© is open.

{AD}
"""


def test_non_prose_is_never_linted():
    found = [(d.line, d.column, d.code) for d in lint_text(MD, ["boilerplate", "encoding"], name="a.md")]
    assert found == [(22, 10, "NL501"), (24, 1, "NL401")]


def test_same_file_as_plain_text_is_linted_everywhere():
    found = {d.line for d in lint_text(MD, ["NL401"], name="a.txt")}
    assert found == {10, 14, 19, 24}


def test_mask_keeps_length_and_newlines():
    doc = Document.from_text("a.md", MD)
    assert len(doc.prose) == len(doc.text)
    assert [i for i, c in enumerate(doc.prose) if c == "\n"] == [i for i, c in enumerate(MD) if c == "\n"]
    assert "Some prose with" in doc.prose and "example.com" not in doc.prose


def test_unclosed_backtick_does_not_swallow_the_article():
    text = "A stray ` backtick.\n\nThe cafÃ© is open.\n"
    assert [d.line for d in lint_text(text, ["NL501"], name="a.md")] == [3]


# Markdown that either holds a masked block's sign (a fence, "<", four columns of indentation)
# or, more often, holds none: lists, quotes, headings, emphasis, tables, links, lazy lines.
_PIECES = ["word", "The council", "# Heading", "- item", "* item", "1. item", "> quote", "  - nested", "   text",
           "**bold**", "_em_", "`code`", "[link](https://e.com/a)", "| a | b |", "|---|---|", "---", "***",
           "Setext", "===", "\\*", "&amp;", "!", "~~", "``", "~", " ", "\n", "\n\n", "\n\n", "\t", "    ", "```",
           "~~~", "<b>", "<!-- x -->", "<div>", "a < b", "cafÃ©"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_markdown_without_a_block_sign_masks_as_markdown_it_does(text: str) -> None:
    """The mask skips markdown-it when the body holds none of ``_BLOCK_SIGNS`` (no fence, HTML or
    indented code can occur): the mask is the one markdown-it's parse gives, sign or no sign."""
    from newslint.model.formats import markdown

    quick = markdown.mask(text)
    saved = markdown._BLOCK_SIGNS
    try:
        markdown._BLOCK_SIGNS = ("",)  # every body "holds" the empty sign: always parsed
        assert markdown.mask(text) == quick
    finally:
        markdown._BLOCK_SIGNS = saved


def test_the_block_signs_test_bites() -> None:
    """Without the parse, an indented code block, an HTML block or a ~~~ fence would stay prose:
    the shortcut is only safe because each of them holds one of the signs."""
    from newslint.model.formats import markdown

    blocks = ["Intro.\n\n    Ad: buy now\n", "Intro.\n\n<div>\nAd: buy now\n</div>\n", "Intro.\n\n~~~\nAd: buy now\n~~~\n"]
    saved = markdown._BLOCK_SIGNS
    try:
        markdown._BLOCK_SIGNS = ("\0",)  # no body holds it: never parsed
        unparsed = [markdown.mask(text) for text in blocks]
    finally:
        markdown._BLOCK_SIGNS = saved
    for text, without in zip(blocks, unparsed):
        assert "Ad: buy now" in without and "Ad: buy now" not in markdown.mask(text), text

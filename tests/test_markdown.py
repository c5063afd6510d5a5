"""Markdown: only prose is linted, and positions point into the original file."""
from __future__ import annotations

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

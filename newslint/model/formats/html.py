"""HTML prose: the visible text only. Tags, attribute values, comments, scripts, styles, the
document head and character references are masked; positions stay those of the original file.
"""
from __future__ import annotations

import re

from newslint.model.formats import blank

_HIDDEN = re.compile(
    r"<!--.*?-->|<(script|style|head|noscript|template|svg)\b[^>]*>.*?</\1\s*>|<!\[CDATA\[.*?\]\]>"
    r"|<![^>]*>|<\?.*?\?>|</?[A-Za-z][^>]*>|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]{1,31});",
    re.S | re.I,
)
# Block-level tags end a paragraph: a tag like </p> is masked to spaces ending in a blank line, so
# paragraphs on one line of HTML stay apart (the mask keeps the length, not the line breaks).
_BLOCK_TAGS = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|br|hr|tr|td|th|table|section|article|header|footer|"
                         r"blockquote|figure|figcaption|main|aside|nav)\b", re.I)


def mask(text: str) -> str:
    """The visible text of an HTML document, as a same-length mask."""
    out: list[str] = []
    pos = 0
    for m in _HIDDEN.finditer(text):
        out.append(text[pos : m.start()])
        hidden = blank(m.group())
        if _BLOCK_TAGS.match(m.group()) and "\n" not in hidden and len(hidden) >= 3:
            hidden = hidden[:-2] + "\n\n"  # the text's line numbers still come from the text itself
        out.append(hidden)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)

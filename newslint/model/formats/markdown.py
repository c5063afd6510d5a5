"""Markdown prose: markdown-it-py finds the blocks; inline syntax is masked by pattern.

Never linted: front matter, fenced and indented code, HTML blocks and comments, inline code, inline
HTML, link and image URLs, reference definitions, and the markers of headings, quotes and lists.
"""
from __future__ import annotations

import re

from newslint.model.formats import apply_spans as _apply
from newslint.model.lazyre import lazy

_FRONT_MATTER = lazy(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$", re.M | re.S)
_INLINE = lazy(
    r"""
    (?P<comment><!--.*?-->)
    | (?P<code>(?<!`)(?P<ticks>`+)(?!`)(?:[^\n]|\n(?![ \t]*\n))+?(?<!`)(?P=ticks)(?!`))
    | (?P<autolink><(?:https?|mailto|ftp):[^>\s]*>)
    | (?P<dest>(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"]*"|'[^']*'))?\s*\))
    | (?P<refdef>^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$)
    | (?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)
    | (?P<marker>^[ \t]{0,3}(?:\#{1,6}(?=[ \t]|$)|(?:>[ \t]?)+|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))
        | ^[ \t]*(?:[-*_][ \t]*){3,}$ | ^[ \t]*[=-]+[ \t]*$ | !(?=\[))
    """,
    re.M | re.S | re.X,
)
_LINE_BREAK = lazy(r"\r\n?|\n")
_MASKED_BLOCKS = {"fence", "code_block", "html_block", "front_matter"}
# Each masked block needs one of these: a fence its ``` or ~~~, an HTML block its "<", an indented
# code block four columns of indentation past its container's (four spaces or a tab: markdown-it
# counts no other character as indentation). A body without any of them has no masked block, and
# importing markdown-it (~15 ms, as much as linting the article) is skipped.
_BLOCK_SIGNS = ("```", "~~~", "<", "    ", "\t")


def mask(text: str) -> str:
    """The prose of a Markdown document, as a same-length mask."""
    spans: list[tuple[int, int]] = []
    front = _FRONT_MATTER.match(text)
    body_offset = front.end() if front else 0
    if front:
        spans.append((0, body_offset))
    # markdown-it counts a lone \r as a line break too; count lines the same way it does.
    line_starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
    first_body_line = sum(1 for _ in _LINE_BREAK.finditer(text, 0, body_offset))
    body = text[body_offset:]
    if any(sign in body for sign in _BLOCK_SIGNS):
        from markdown_it import MarkdownIt

        tokens = MarkdownIt("commonmark").enable("table").parse(body)
    else:
        tokens = []
    for tok in tokens:
        if tok.type in _MASKED_BLOCKS and tok.map:
            first, last = tok.map[0] + first_body_line, tok.map[1] + first_body_line
            if first >= len(line_starts):
                continue
            end = line_starts[last] if last < len(line_starts) else len(text)
            spans.append((line_starts[first], end))
    partly = _apply(text, spans)
    return _apply(partly, [m.span() for m in _INLINE.finditer(partly)])


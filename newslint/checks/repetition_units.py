"""The units the repetition scan compares: paragraphs, or lines where each line is a paragraph.

Scraped copy very often has one paragraph per line and no blank lines, so a whole article is one
block of lines. Compared block by block, an article pasted four times that way is one "paragraph"
holding 69 repeated sentences; compared line by line, it is three repeated blocks. A block is read
line by line when most of its lines end like a sentence; a hard-wrapped paragraph (its lines end
mid-sentence), a table or a list of fragments stays one unit.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newslint.document import Span

if TYPE_CHECKING:
    from newslint.document import Document

# A line that ends a sentence: terminal punctuation, then closing quotes or brackets.
_ENDS_SENTENCE = re.compile(r"[.!?…][\"”’'»)\]*_]*\s*$")
_LINE = re.compile(r"[^\n]*\S[^\n]*")
# Share of a block's lines that must end a sentence for each line to be a paragraph: one-per-line
# copy ends nearly every line so (the title and a dateline may not), hard-wrapped prose one in
# five or so.
LINE_SHARE = 0.6
# A template tag alone on a unit (Liquid, Jekyll, Hugo, Eleventy, Jinja): a layout include that a
# page repeats on purpose (one image tag per person), never pasted copy.
_TEMPLATE = re.compile(r"\s*\{[{%]")


def units(doc: Document) -> list[Span]:
    """The document's paragraphs, each block of one-paragraph-per-line text split into its lines
    (computed once, shared by the repetition rules through ``doc.memo``)."""
    cached = doc.memo.get("repetition.units")
    if cached is None:
        cached = doc.memo["repetition.units"] = [u for para in doc.paragraphs for u in _split(para)]
    return cached  # type: ignore[return-value]


def _split(para: Span) -> list[Span]:
    """``para`` as one unit, or as its lines when it is one paragraph per line."""
    text = para.text
    if "\n" not in text:
        return [para]
    lines = [m for m in _LINE.finditer(text)]
    ending = sum(1 for m in lines if _ENDS_SENTENCE.search(m.group()))
    if ending < LINE_SHARE * len(lines):
        return [para]
    return [Span(para.start + m.start(), para.start + m.end(), m.group()) for m in lines]


def is_template(doc: Document, unit: Span) -> bool:
    """True when the unit's text (not its prose) opens with a template tag."""
    return _TEMPLATE.match(doc.text, unit.start) is not None

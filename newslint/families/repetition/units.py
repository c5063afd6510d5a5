"""The units the repetition scan compares: paragraphs, or lines where each line is a paragraph.

Scraped copy very often has one paragraph per line and no blank lines, so a whole article is one
block of lines. Compared block by block, an article pasted four times that way is one "paragraph"
holding 69 repeated sentences; compared line by line, it is three repeated blocks. A block is read
line by line when most of its lines end like a sentence; a hard-wrapped paragraph (its lines end
mid-sentence), a table or a list of fragments stays one unit.
"""
from __future__ import annotations

import re
from array import array
from typing import TYPE_CHECKING, NamedTuple

from newslint.model.document import Span, Spans

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newslint.model.document import Document

# Where a sentence ends inside a unit and the next begins (spaces optional: a lost line break).
_SENTENCE_END = re.compile(r"(?<=[.!?])(?P<close>[\"”’')\]]*)[ \t]*(?=[\"“‘(]?[A-Z0-9])")
# Each side of a seam is a unit of its own (a title is three words or more); a unit longer than
# this is not a line of pasted copy, so it is not searched for seams (that keeps the scan linear).
_SEAM_MIN_WORDS = 3
_SEAM_MAX_CHARS = 2000
_PROBE = 24
# A template tag alone on a unit (Liquid, Jekyll, Hugo, Eleventy, Jinja): a layout include that a
# page repeats on purpose (one image tag per person), never pasted copy.
_TEMPLATE = re.compile(r"\s*\{[{%]")


def units(doc: Document) -> Sequence[Span]:
    """The document's paragraphs, each block of one-paragraph-per-line text split into its lines
    (computed once, shared by the repetition rules through ``doc.memo``): offsets into the prose,
    as ``doc.units`` (a list of Spans holding their texts was a copy of a big article)."""
    cached = doc.memo.get("repetition.units")
    if cached is None:
        cached = doc.memo["repetition.units"] = split_seams(doc.units)
    return cached  # type: ignore[return-value]


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def split_seams(found: Sequence[Span]) -> Sequence[Span]:
    """``found`` with each seam split: a unit holding the end of one copy and the start of the next
    ("…the last line.The title of the copy"), where a pasted article lost its line break.

    A unit is split after the end of a sentence when the text on one side of it is a unit of its
    own elsewhere and the copy goes on from there: the unit after it repeats the one after that
    unit (or the unit before it the one before). Only then is it a seam; a sentence that is also
    a paragraph of its own elsewhere is left to the sentence rule (NL104)."""
    keys: list[int] = []
    heads: set[str] = set()
    tails: set[str] = set()
    for u in found:  # one key string at a time
        k = _key(u.text)
        keys.append(hash(k))
        heads.add(k[:_PROBE])
        tails.add(k[-_PROBE:])
    where: dict[int, int] = {}
    repeated: set[int] = set()  # the keys of more than one unit
    for i, h in enumerate(keys):
        if where.setdefault(h, i) != i:
            repeated.add(h)
    # Each side must be a whole unit's text: its first (or last) characters are checked first,
    # from a slice of the unit, so a line of many sentences costs a few set lookups per sentence.
    index = _Index(keys, where, heads, tails)
    lazy = isinstance(found, Spans)  # then each text is the prose between its offsets
    starts, ends = array("q"), array("q")
    out: list[Span] = []
    for i, unit in enumerate(found):
        # A seam needs a unit next to this one that repeats another unit (``_seam_cut``: the unit
        # after the tail repeats the one after the tail's own copy, or the same before the head),
        # so a unit between two unrepeated ones, nearly every unit of clean copy, is not searched.
        beside = (i + 1 < len(keys) and keys[i + 1] in repeated) or (i > 0 and keys[i - 1] in repeated)
        cut = _seam_cut(unit, i, index) if beside and len(unit.text) <= _SEAM_MAX_CHARS else None
        if cut is None:
            pieces: tuple[Span, ...] = (unit,)
        else:
            head = unit.text[:cut].rstrip()
            pieces = (Span(unit.start, unit.start + len(head), head), Span(unit.start + cut, unit.end, unit.text[cut:]))
        if lazy:
            for piece in pieces:
                starts.append(piece.start)
                ends.append(piece.end)
        else:
            out.extend(pieces)
    return Spans(found.prose, starts, ends) if isinstance(found, Spans) else out


class _Index(NamedTuple):
    keys: list[int]  # each unit's hashed key
    where: dict[int, int]  # a unit's hashed key -> the first unit with it
    starts: set[str]  # the first _PROBE characters of every key
    ends: set[str]  # and the last


def _seam_cut(unit: Span, i: int, index: _Index) -> int | None:
    """Where unit ``i`` splits at a seam (see ``split_seams``), or None."""
    keys, where, text = index.keys, index.where, unit.text
    for m in _SENTENCE_END.finditer(text):
        end = m.end("close")  # the head keeps its closing quotes
        if _key(text[m.end() : m.end() + 3 * _PROBE])[:_PROBE] in index.starts:
            tail = _key(text[m.end():])
            k = where.get(hash(tail), i)
            if (k != i and len(tail.split()) >= _SEAM_MIN_WORDS and i + 1 < len(keys) and k + 1 < len(keys)
                    and k + 1 != i and keys[i + 1] == keys[k + 1]):
                return m.end()
        if _key(text[max(0, end - 3 * _PROBE) : end])[-_PROBE:] in index.ends:
            head = _key(text[:end])
            k = where.get(hash(head), i)
            if (k != i and len(head.split()) >= _SEAM_MIN_WORDS and i > 0 and k > 0 and k - 1 != i
                    and keys[i - 1] == keys[k - 1]):
                return m.end()
    return None


def is_template(doc: Document, unit: Span) -> bool:
    """True when the unit's text (not its prose) opens with a template tag."""
    return _TEMPLATE.match(doc.text, unit.start) is not None

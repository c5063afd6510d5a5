"""The Document: an article's text, the prose regions to check, and offset → (line, column).

Every rule sees the same Document. ``prose`` has exactly the length of ``text``: characters that
are not prose (code, front matter, markup, link URLs) are replaced by spaces and newlines are kept,
so an offset found in ``prose`` is an offset in ``text`` and in the original file.
"""
from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple, overload

from newslint.model.diagnostic import Diagnostic, Edit, Fix, FixSafety, Position, Severity
from newslint.model.lazyre import lazy

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newslint.api.rule import RuleMeta

_NEWLINE = re.compile(r"\n")
_NON_SPACE = re.compile(r"\S")
_WORD = lazy(r"\w+(?:['’]\w+)*")
_STORY_END = lazy(r"[.!?…][\"”’')\]]*\s*$")
# A paragraph of the story itself: enough words, ending like a sentence.
STORY_MIN_WORDS = 15
# Anchored at line starts: unanchored, a search retried at every character of a blank (or masked)
# stretch and scanned to its end each time, quadratic in the stretch's length (issue 22, NL413).
_BLOCK = lazy(r"^[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", re.M)
# A candidate sentence end: terminal punctuation and closing quotes. Whether it really ends a
# sentence (next word capitalised, previous word not an abbreviation) is checked in Python, at
# the few candidates only; one regex with look-behinds at every character was the slow part.
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s|$)")
_LAST_WORD = re.compile(r"(\w+)\W*$")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st gen gov sen rep lt col capt sgt rev hon no vs etc inc ltd co corp "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s a.m p.m".split()
)


# A line that ends like a sentence (terminal punctuation, then closing quotes or brackets). A block
# is one paragraph per line (scraped copy) when this share of its lines end so: such copy ends nearly
# every line so (a title, a byline or a credit does not), a hard-wrapped paragraph one line in five.
_ENDS_SENTENCE = re.compile(r"[.!?…][\"”’'»)\]*_]*\s*$")
_LINE = re.compile(r"[^\n]*\S[^\n]*")
LINE_SHARE = 0.6
# Only the long lines are counted when a block has two or more: a scraped page carries many short
# lines that end no sentence (a byline, "Also Read | …", a share row) between its paragraphs, and a
# paragraph is longer than this; a hard-wrapped paragraph's long lines end mid-sentence at any width.
LONG_LINE = 90


def reads_line_by_line(lines: Sequence[str]) -> bool:
    """True when a block of ``lines`` (two or more) is one paragraph per line (see LINE_SHARE)."""
    if len(lines) < 2:
        return False
    long = [line for line in lines if len(line.strip()) >= LONG_LINE]
    sample = long if len(long) >= 2 else lines
    ending = sum(1 for line in sample if _ENDS_SENTENCE.search(line))
    return ending >= LINE_SHARE * len(sample)


# Lines longer than this are running text; page debris (labels, widgets, credits) is shorter.
SHORT_LINE_MAX = 320
_SHORT_LINE = lazy(r"^[^\S\n]*\S(?:[^\n]{0,%d})$" % (SHORT_LINE_MAX - 1), re.M)


@dataclass(frozen=True)
class ShortLines:
    """The document's short non-blank prose lines joined by newlines, with a map back.

    Line rules run their one compiled pattern over this text, which in news copy is a small part
    of the article, instead of trying every pattern at every line start of the whole document.
    """

    text: str
    starts: Sequence[int]  # offset in ``text`` of each short line
    origins: Sequence[int]  # offset in the document of the same line

    def to_document(self, offset: int) -> int:
        """The document offset of an offset in ``text``."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.origins[index] + offset - self.starts[index]


class Span(NamedTuple):
    """A stretch of the document: offsets (end exclusive) and the prose text between them.

    A NamedTuple: articles have hundreds of paragraphs and sentences, and a frozen dataclass took
    three times as long to build."""

    start: int
    end: int
    text: str


class Spans(Sequence[Span]):
    """Spans of a prose kept as offsets, each :class:`Span` made (its text sliced from the prose)
    when it is read: a read-only sequence that compares equal to the list of those Spans.

    ``doc.paragraphs`` and ``doc.units`` used to be lists of Spans holding their texts, a second
    copy of the article kept until its lint ended (28 MB of a 20 MB article, issue 18); as
    offsets they take 16 bytes a span. The prose is the string they were found in, so a Span
    reads the same text as before even if ``doc.prose`` is replaced later."""

    __slots__ = ("_prose", "_starts", "_ends")

    def __init__(self, prose: str, starts: array[int], ends: array[int]) -> None:
        self._prose, self._starts, self._ends = prose, starts, ends

    @property
    def prose(self) -> str:
        """The text the spans were found in."""
        return self._prose

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> Span: ...

    @overload
    def __getitem__(self, index: slice) -> list[Span]: ...

    def __getitem__(self, index: int | slice) -> Span | list[Span]:
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self._starts)))]
        start, end = self._starts[index], self._ends[index]
        return Span(start, end, self._prose[start:end])

    def __iter__(self) -> Iterator[Span]:
        prose = self._prose
        for start, end in zip(self._starts, self._ends):
            yield Span(start, end, prose[start:end])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, (Spans, list, tuple)) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # a sequence: compared by value, like a list

    def __repr__(self) -> str:
        return f"Spans({list(self)!r})"


class Document:
    """One article, decoded, with its prose mask and line index."""

    def __init__(self, path: str, text: str, fmt: str = "text", prose: str | None = None) -> None:
        self.path = path
        self.text = text
        self.format = fmt
        self.prose = text if prose is None else prose
        if len(self.prose) != len(text):
            raise ValueError("the prose mask must have the length of the text")
        self.fixable = True  # False when decoding lost information (invalid UTF-8)
        self.decode_error: int | None = None  # offset of the first undecodable byte
        # Results that several rules share (computed once per document by whichever runs first).
        self.memo: dict[str, object] = {}
        self._positions: dict[int, Position] = {}  # a finding and its fix ask for the same offsets

    @classmethod
    def from_text(cls, path: str, text: str, fmt: str | None = None) -> Document:
        """Build a Document, detecting the format from the path when ``fmt`` is None."""
        from newslint.model.formats import format_for_path, prose_mask

        fmt = fmt or format_for_path(path)
        return cls(path, text, fmt, prose_mask(text, fmt))

    def forget(self, names: Iterable[str]) -> None:
        """Drop these derived texts (cached properties, such as ``short_lines``) once no rule
        reads them any more; one asked for again is computed again."""
        for name in names:
            self.__dict__.pop(name, None)

    @cached_property
    def line_starts(self) -> array[int]:
        """Offset of the first character of every line (an array: 8 bytes a line, where a list
        of ints took 36)."""
        starts = array("q", (0,))
        starts.extend(m.end() for m in _NEWLINE.finditer(self.text))
        return starts

    def position(self, offset: int) -> Position:
        """The 1-based (line, column) of a character offset."""
        found = self._positions.get(offset)
        if found is None:
            starts = self.line_starts
            index = bisect.bisect_right(starts, offset) - 1
            found = self._positions[offset] = Position(index + 1, offset - starts[index] + 1)
        return found

    def line_span(self, line: int, *, with_newline: bool = True) -> tuple[int, int]:
        """Offsets of a 1-based line, with or without its line terminator."""
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        if not with_newline:
            while end > start and self.text[end - 1] in "\r\n":
                end -= 1
        return start, end

    def line_text(self, line: int) -> str:
        """The original text of a 1-based line, without its terminator."""
        start, end = self.line_span(line, with_newline=False)
        return self.text[start:end]

    @cached_property
    def short_lines(self) -> ShortLines:
        """Short non-blank prose lines (see :class:`ShortLines`)."""
        parts: list[str] = []
        starts, origins = array("q"), array("q")  # (8 bytes a line, not a list's 36)
        pos = 0
        for m in _SHORT_LINE.finditer(self.prose):
            starts.append(pos)
            origins.append(m.start())
            parts.append(m.group())
            pos += len(m.group()) + 1
        return ShortLines("\n".join(parts), starts, origins)

    @cached_property
    def paragraphs(self) -> Spans:
        """Blocks of consecutive non-blank prose lines (a sequence of Spans, see :class:`Spans`)."""
        starts, ends = array("q"), array("q")
        for m in _BLOCK.finditer(self.prose):
            starts.append(m.start())
            ends.append(m.end())
        return Spans(self.prose, starts, ends)

    @cached_property
    def units(self) -> Spans:
        """The paragraphs, with each block of one-paragraph-per-line copy split into its lines."""
        paragraphs = self.paragraphs
        starts, ends = array("q"), array("q")
        for para in paragraphs:
            for unit in self.line_paragraphs(para):
                starts.append(unit.start)
                ends.append(unit.end)
        return Spans(paragraphs._prose, starts, ends)  # a unit's text is its slice of the prose

    @staticmethod
    def line_paragraphs(para: Span) -> list[Span]:
        """``para`` as one unit, or as its lines when it is one paragraph per line."""
        if "\n" not in para.text:
            return [para]
        lines = list(_LINE.finditer(para.text))
        if not reads_line_by_line([m.group() for m in lines]):
            return [para]
        return [Span(para.start + m.start(), para.start + m.end(), m.group()) for m in lines]

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences of every paragraph, split on terminal punctuation (abbreviation-aware)."""
        return [s for para in self.paragraphs for s in self.sentences_in(para)]

    def sentences_in(self, para: Span) -> list[Span]:
        """The sentences of one paragraph (see :attr:`sentences`)."""
        out: list[Span] = []
        prose = self.prose
        begin = para.start
        for m in _SENTENCE_END.finditer(prose, para.start, para.end):
            after = prose[m.end() : m.end() + 3].lstrip()[:1]
            if after and not (after.isupper() or after.isdigit() or after in "\"“‘(["):
                continue
            word = _LAST_WORD.search(prose, max(begin, m.start() - 12), m.start())
            if m.group()[0] == "." and word and (word.group(1).lower() in ABBREVIATIONS or
                                                 (len(word.group(1)) == 1 and word.group(1).isupper())):
                continue
            out.append(self._sentence(begin, m.end()))
            begin = m.end()
        if prose[begin : para.end].strip():
            out.append(self._sentence(begin, para.end))
        return out

    def _sentence(self, start: int, end: int) -> Span:
        text = self.prose[start:end]
        lead = len(text) - len(text.lstrip())
        return Span(start + lead, end, text.strip())

    def is_story_paragraph(self, para: Span) -> bool:
        """True for a paragraph of running text (as opposed to a label, credit or widget line)."""
        return bool(_STORY_END.search(para.text)) and len(_WORD.findall(para.text)) >= STORY_MIN_WORDS

    @cached_property
    def story_bounds(self) -> tuple[int, int]:
        """(end of the head, start of the tail): the head is what precedes the first story
        paragraph, the tail what follows the last one (a line of one-paragraph-per-line copy is
        a paragraph). With no story paragraph there is no head and no tail."""
        paras = self.units
        first = next((p for p in paras if self.is_story_paragraph(p)), None)
        if first is None:
            return 0, len(self.text)
        last = next(p for p in reversed(paras) if self.is_story_paragraph(p))
        return first.start, last.end

    def edit(self, start: int, end: int, replacement: str) -> Edit:
        """An edit replacing ``text[start:end]``."""
        return Edit(start, end, replacement, self.position(start), self.position(end))

    def delete_line_edit(self, line: int, span: tuple[int, int] | None = None) -> Edit:
        """An edit that deletes a whole line without leaving a double blank line behind.

        Deleting "Advertisement" between two paragraphs must leave one blank line, not two, and
        deleting the last line must not leave blank lines at the end, so a second ``--fix`` run has
        nothing left to change.
        """
        start, end = self.line_span(line)
        if self.prose[start:end] != self.text[start:end]:
            # The line also holds markup (an HTML tag, a Markdown quote marker): delete only the
            # flagged text (``span``), or else the line's prose.
            if span is not None:
                return self.edit(span[0], span[1], "")
            visible = self.prose[start:end]
            lead = len(visible) - len(visible.lstrip())
            return self.edit(start + lead, start + len(visible.rstrip()), "")
        if _NON_SPACE.search(self.text, end) is None:
            # Last content line: also drop the blank lines before it and the whitespace after it.
            end = len(self.text)
            while line > 1 and not self.line_text(line - 1).strip():
                line -= 1
            start = self.line_starts[line - 1]
            if end > start and not self.text[end - 1] == "\n" and line > 1:
                start = self.line_span(line - 1, with_newline=False)[1]
            return self.edit(start, end, "")
        prev_blank = line == 1 or not self.line_text(line - 1).strip()
        if prev_blank and not self.line_text(line + 1).strip():
            end = self.line_span(line + 1)[1]
        return self.edit(start, end, "")

    def diagnostic(
        self,
        meta: RuleMeta,
        start: int,
        end: int,
        message: str,
        *,
        edits: Sequence[Edit] = (),
        fix_description: str = "",
        severity: Severity | None = None,
        safety: FixSafety | None = None,
    ) -> Diagnostic:
        """Make a diagnostic for ``meta`` covering ``text[start:end]``, with an optional fix."""
        begin, finish = self.position(start), self.position(max(start, end))
        fix = None
        if edits and self.fixable:
            fix = Fix(safety or meta.fix_safety or FixSafety.UNSAFE, fix_description or meta.summary, tuple(edits))
        return Diagnostic(
            path=self.path,
            line=begin.line,
            column=begin.column,
            end_line=finish.line,
            end_column=finish.column,
            code=meta.code,
            rule=meta.name,
            category=meta.category,
            severity=severity or meta.severity,
            message=message,
            fix=fix,
            start_offset=start,
            end_offset=max(start, end),
        )

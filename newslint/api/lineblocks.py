"""Where a line sits in its block: may a line rule flag it, and may its fix delete it?

Line rules (page debris) judge a line by its words; this module judges it by its place, so that
the same words inside a paragraph are left alone:

- A line **continuing a hard-wrapped sentence** (the line before it is long and stops on a word
  or a comma, or the line stops so and the next goes on in lower case) is part of a paragraph,
  never debris.
- A line holding a **Markdown link, an image or a template tag** (``{{ … }}``, ``{% … %}``,
  ``{{< … >}}``), and a Markdown **heading or list item**, is authored content or site
  structure: line rules never flag it ("## Read more" above a list of links is the author's).
- Deleting a line is **safe** only when the line is a block of its own (blank lines or the
  document's edges around it), or in plain text whose lines are paragraphs (scraped copy with one
  paragraph per line), or in HTML an element on a line of its own (the fix deletes its text,
  never a tag), or when every line of its block is flagged (the block goes as one edit). A line
  inside a Markdown paragraph, or one carrying a quote marker, is flagged with an unsafe fix.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from newslint.model.document import reads_line_by_line
from newslint.model.lazyre import lazy

if TYPE_CHECKING:
    from newslint.model.diagnostic import Edit
    from newslint.model.document import Document

# A line shorter than this is a label, a widget line or the last line of a paragraph; a longer
# line that stops on a word or a comma was wrapped in the middle of a sentence.
WRAP_MIN_CHARS = 40
_TEMPLATE = lazy(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
# A link the author wrote, in Markdown's syntax or as HTML (Markdown allows both: "Originally published on
# <a href=…>Usability.gov</a>"), or a Hugo/Jekyll reference to another page.
_MD_LINK = lazy(r"\]\(|\]\[|!\[|<https?:|^[ ]{0,3}\[[^\]\n]+\]:|<a[ \t\n][^>]*href|\{\{<|\{%[ \t]*(?:link|post_url)")
_MD_MARKER = lazy(r"^[ \t]{0,3}(?:#{1,6}[ \t]|(?:>[ \t]?)+|[-*+][ \t]|\d{1,9}[.)][ \t])")
# A heading, a list item, or a line set wholly in bold or italics (Markdown's other heading): structure
# the author wrote ("## Read more", "- Search", "**Register**", "_Updated: …_"), not debris.
_MD_STRUCTURE = lazy(r"^[ \t]*(?:>[ \t]?)*[ \t]*(?:#{1,6}(?:[ \t]|$)|(?:[-*+]|\d{1,9}[.)])[ \t])"
                     r"|^[ \t]*(?P<em>\*\*|__|\*|_)(?=\S)[^\n]*\S(?P=em)[ \t]*$")


def markdown_block(line: str) -> str:
    """The Markdown block ``line`` opens: "heading", "quote", "item" (of a list) or ""."""
    m = _MD_MARKER.match(line)
    if m is None:
        return ""
    first = m.group().lstrip(" \t")[0]
    return "heading" if first == "#" else "quote" if first == ">" else "item"


class LineVerdict(NamedTuple):
    """``flag``: a line rule may report the line; ``safe``: deleting the whole line is safe."""

    flag: bool
    safe: bool


def _ends_open(line: str) -> bool:
    """True when ``line`` stops on a word or a comma, where a hard wrap cuts a sentence (not on a
    full stop, a colon, a closing bracket, or a rule of dashes)."""
    text = line.rstrip()
    return bool(text) and (text[-1].isalnum() or text[-1] == ",")


def is_open(line: str) -> bool:
    """True for a long line that ends in the middle of a sentence (a hard wrap)."""
    return len(line.rstrip()) >= WRAP_MIN_CHARS and _ends_open(line)


def _continues(before: str, after: str, by_line: bool = False) -> bool:
    """True when ``after`` goes on with the sentence that ``before`` left open. In a block read one
    paragraph per line (``by_line``: most lines end a sentence) a long line ending on a word is a
    label or a headline, not a hard wrap, unless the next line goes on in lower case."""
    if not before.strip() or not after.strip():
        return False
    first = after.lstrip()[:1]
    if not (first.isalnum() or first in "\"“‘'(["):
        return False  # "-------- Advertisement" goes on with no sentence
    if is_open(before) and not by_line:
        return True
    # A URL line after a short one ("Source link") is the label's link, not a sentence going on.
    return _ends_open(before) and first.islower() and not after.lstrip().startswith(("http://", "https://", "www."))


def has_template_tag(text: str) -> bool:
    """True when ``text`` holds template syntax (Liquid, Jinja, Hugo, Eleventy/Nunjucks)."""
    return _TEMPLATE.search(text) is not None


def _blank(doc: Document, line: int) -> bool:
    """A line outside the document, or blank; in HTML a line of tags only counts as blank too."""
    if line < 1 or line > len(doc.line_starts):
        return True
    if doc.format == "html":
        start, end = doc.line_span(line, with_newline=False)
        return not doc.prose[start:end].strip()
    return not doc.line_text(line).strip()


def block_lines(doc: Document, line: int) -> range:
    """The 1-based numbers of the lines of the block (run of non-blank lines) holding ``line``.

    Found once per block and shared through ``doc.memo``: scraped copy with no blank lines is one
    block of the whole article, and walking it again for every flagged line was quadratic."""
    memo: dict[int, range] = doc.memo.setdefault("lineblocks.block", {})  # type: ignore[assignment]
    found = memo.get(line)
    if found is None:
        first = line
        while not _blank(doc, first - 1):
            first -= 1
        last = line
        while not _blank(doc, last + 1):
            last += 1
        found = range(first, last + 1)
        memo.update(dict.fromkeys(found, found))
    return found


def _lines_are_paragraphs(doc: Document, lines: range) -> bool:
    """True when no line of the block continues the one before it (one paragraph per line)."""
    memo: dict[int, bool] = doc.memo.setdefault("lineblocks.paragraphs", {})  # type: ignore[assignment]
    found = memo.get(lines.start)
    if found is None:
        texts = [doc.line_text(n) for n in lines]
        by_line = _by_line(doc, lines)
        found = memo[lines.start] = not any(_continues(a, b, by_line) for a, b in zip(texts, texts[1:]))
    return found


def _by_line(doc: Document, lines: range) -> bool:
    """True when the block ``lines`` is one paragraph per line (``reads_line_by_line``)."""
    memo: dict[int, bool] = doc.memo.setdefault("lineblocks.by_line", {})  # type: ignore[assignment]
    found = memo.get(lines.start)
    if found is None:
        found = memo[lines.start] = reads_line_by_line([doc.line_text(n) for n in lines])
    return found


def judge_line(doc: Document, line: int, *, templates: bool = False) -> LineVerdict:
    """Whether a line rule may flag ``line``, and whether deleting it is safe (module docstring).

    ``templates=True`` is for the one rule that looks for template tags left in plain text."""
    text = doc.line_text(line)
    if has_template_tag(text) and not templates:
        return LineVerdict(False, False)
    markdown = doc.format == "markdown"
    if markdown and (_MD_LINK.search(text) or _MD_STRUCTURE.match(text) or "|" in text):
        return LineVerdict(False, False)  # a "|" row in Markdown is a table row
    before = "" if _blank(doc, line - 1) else doc.line_text(line - 1)
    after = "" if _blank(doc, line + 1) else doc.line_text(line + 1)
    by_line = bool(before or after) and _by_line(doc, block_lines(doc, line))
    if _continues(before, text, by_line) or _continues(text, after, by_line):
        return LineVerdict(False, False)
    if markdown and _MD_MARKER.match(text):
        return LineVerdict(True, False)
    if not before and not after:
        return LineVerdict(True, True)
    if doc.format == "html" and text.lstrip().startswith("<"):
        # An element of its own ("<p>Advertisement</p>"): its fix deletes the text, not the tags.
        return LineVerdict(True, True)
    if doc.format == "text":
        return LineVerdict(True, _lines_are_paragraphs(doc, block_lines(doc, line)))
    return LineVerdict(True, False)


def block_is_debris(doc: Document, line: int, flagged: set[int], seen: dict[int, bool] | None = None) -> bool:
    """True when every line of the block holding ``line`` is ``flagged`` and none carries Markdown
    structure: deleting them all removes a whole block of debris and nothing else. ``seen`` keeps
    the answer per block for the calls of one rule on one document."""
    lines = block_lines(doc, line)
    if seen is not None and lines.start in seen:
        return seen[lines.start]
    debris = all(n in flagged for n in lines) and (
        doc.format != "markdown" or not any(_MD_MARKER.match(doc.line_text(n)) for n in lines))
    if seen is not None:
        seen[lines.start] = debris
    return debris


def delete_block_edit(doc: Document, lines: range) -> Edit | None:
    """One edit deleting the whole block ``lines`` and one blank line beside it, as
    ``Document.delete_line_edit`` does for one line; None when a line also holds markup (then
    each line's own fix deletes only its prose)."""
    start, end = doc.line_starts[lines.start - 1], doc.line_span(lines.stop - 1)[1]
    if doc.prose[start:end] != doc.text[start:end]:
        return None
    if not doc.text[end:].strip():
        first = lines.start
        while first > 1 and not doc.line_text(first - 1).strip():
            first -= 1
        start = doc.line_starts[first - 1]
        if first > 1 and not doc.text.endswith("\n"):
            start = doc.line_span(first - 1, with_newline=False)[1]
        return doc.edit(start, len(doc.text), "")
    if _blank(doc, lines.start - 1) and _blank(doc, lines.stop):
        end = doc.line_span(lines.stop)[1]
    return doc.edit(start, end, "")

"""NL507: HTML character references left undecoded in the text (``caf&#233;``, ``&amp;``).

Scrapers that take a page's source instead of its rendered text leave the references in. What is a
defect depends on the format:

- plain text: every reference is one, since nothing will ever decode it; the fix decodes it;
- Markdown: a reference is how the format spells a character (``&mdash;``, ``&nbsp;``,
  ``caf&#233;`` all render decoded), so only a double-escaped one is a defect: ``&amp;#233;``
  renders as the literal text "&#233;". The fix removes the extra ``amp;``, so the page shows the
  character. References in code spans, code blocks, HTML tags and link URLs are masked and never
  seen;
- HTML: the HTML prose mask treats every reference as markup, so the rule never sees one there.

Only references HTML defines are taken: a name of the HTML5 table with its semicolon, or a
number that is a Unicode scalar value ("AT&T;" is not a reference and is left alone).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from newslint.model.diagnostic import FixSafety, Severity
from newslint.model.lazyre import lazy
from newslint.api.rule import Rule, RuleMeta

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.model.diagnostic import Diagnostic
    from newslint.model.document import Document

_REFERENCE = lazy(r"&(?P<amps>(?:amp;)*)(?P<ref>#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_APOSTROPHES = ("’", "'")
_INVERTED_QUESTION = "¿"


def decode(ref: str) -> str | None:
    """The character(s) of one reference (``#233;``, ``amp;``: the part after "&"), or None
    when it is not one HTML defines or decodes to a control character."""
    import html
    from html.entities import html5

    if ref.startswith("#"):
        digits = ref[2:-1] if ref[1] in "xX" else ref[1:-1]
        value = int(digits, 16 if ref[1] in "xX" else 10)
        if value == 0 or value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
            return None
        out = html.unescape("&" + ref)  # 128-159 are read as Windows-1252, as browsers do
    else:
        out = html5.get(ref)
        if out is None:
            return None
    if any(not ch.isprintable() and ch not in "\t\n" and ch != "\u00a0" for ch in out):
        return None
    return out


class HtmlEntity(Rule):
    """An HTML character reference that was never decoded."""

    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL507", name="html-entity", category="encoding",
        summary="Undecoded HTML entity",
        what="Finds HTML character references left in the text: in plain text every reference "
             "(`caf&#233;`, `&amp;`, `&nbsp;`, `&quot;`, `&#x27;`), since nothing will decode it; in "
             "Markdown, where a reference is how the format writes a character, only a "
             "double-escaped one (`&amp;#233;`, which renders as the text \"&#233;\"). Only "
             "references HTML defines are taken (`AT&T;` is not one).",
        why="Readers see `caf&#233;` instead of `café`; the scraper took the page's source, not its text.",
        bad="They met at the caf&#233; on Smith &amp; Sons Street.\n",
        good="AT&T and Procter & Gamble met at the café; R&D; the Q&A.\n",
        severity=Severity.WARNING, fix_safety=FixSafety.SAFE,
        fix_note="Plain text: the reference is replaced by its character (an inverted question mark "
                 "between two letters, `Hartley&#191;s`, is an apostrophe lost in an earlier conversion: "
                 "it becomes the document's own apostrophe). Markdown: the extra `amp;` is "
                 "removed, so the format decodes the reference.",
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """One finding per reference; the fix decodes it (plain text) or unescapes it once (Markdown)."""
        if "&" not in doc.prose:
            return
        markup = doc.format != "text"  # Markdown; HTML masks references itself
        decoded: dict[str, str | None] = {}  # once per distinct reference, not per occurrence
        for m in _REFERENCE.finditer(doc.prose):
            ref, amps = m.group("ref"), m.group("amps")
            if markup and not amps:
                continue
            start, end = m.span()
            if doc.text[start:end] != m.group():
                continue  # partly masked markup
            if ref not in decoded:
                decoded[ref] = decode(ref)
            char = decoded[ref]
            if char is None:
                continue
            if markup:
                good = "&" + ref
                message = f"Double-escaped HTML entity '{m.group()}' shows as '{good}'; it should read '{char}'"
            else:
                good = self._plain(doc, start, end, char)
                message = f"Undecoded HTML entity '{m.group()}' should read '{_shown(good)}'"
            yield doc.diagnostic(self.meta, start, end, message, edits=[doc.edit(start, end, good)],
                                 fix_description=f"Replace with '{_shown(good)}'")

    @staticmethod
    def _plain(doc: Document, start: int, end: int, char: str) -> str:
        """What plain text should hold in place of the reference."""
        text = doc.text
        if char == _INVERTED_QUESTION and start > 0 and end < len(text) and \
                text[start - 1].isalpha() and text[end].isalpha():
            # "¿" never stands between two letters: it is an apostrophe that a conversion lost.
            curly = doc.memo.get("encoding.curly")
            if curly is None:
                curly = doc.memo["encoding.curly"] = text.count(_APOSTROPHES[0]) > text.count(_APOSTROPHES[1])
            return _APOSTROPHES[0] if curly else _APOSTROPHES[1]
        return char


def _shown(text: str) -> str:
    """Invisible replacements named in messages."""
    return {"\u00a0": "\\u00a0 (no-break space)", "\u200b": "\\u200b", "\u00ad": "\\u00ad (soft hyphen)"}.get(text, text)

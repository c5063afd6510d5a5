"""encoding (NL5xx): mojibake, undecodable bytes, control and invisible characters.

One compiled pattern finds every suspicious character in a single pass; ftfy (slow to import) is
loaded only when that pass sees a likely mojibake sequence.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newslint.families.encoding.diff import changed_stretches
from newslint.model.diagnostic import FixSafety, Severity
from newslint.model.lazyre import lazy
from newslint.api.rule import Rule, RuleMeta

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.model.diagnostic import Diagnostic
    from newslint.model.document import Document

# A UTF-8 lead byte read as cp1252/latin-1, followed by a continuation byte read the same way.
_MOJIBAKE_HINT = lazy(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_CONTROL = lazy(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
# Always debris in article text: zero-width space, word joiner, BOM mid-text, soft hyphen.
# Bidi marks (LRM, RLM, ALM), embeddings and isolates: debris in a document without
# right-to-left text, where they change nothing; in one with Hebrew, Arabic or another RTL
# script they place punctuation and numbers, so they are left alone there. Overrides (LRO, RLO)
# reorder the letters themselves and are always flagged. ZWJ/ZWNJ only between Latin letters
# or spaces (they are meaningful in emoji, Persian and Indic text).
_INVISIBLE = lazy(
    r"(?P<bidi>[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]+)"
    r"|[\u200b\u2060\ufeff\u00ad]+"
    r"|(?<=[\p{Latin}\p{N} ,.])[\u200c\u200d]+(?=[\p{Latin}\p{N} ,.])"
)
_OVERRIDES = frozenset("\u202d\u202e")
# Right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic
# extensions and presentation forms, and the historic RTL scripts beyond U+FFFF.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")
_NBSP_RUN = lazy(r"(?:[\u00a0\u2007\u202f] *){2,}|(?: +[\u00a0\u2007\u202f]| *[\u00a0\u2007\u202f] +)[ \u00a0\u2007\u202f]*")
_FTFY_CONFIG = None
_MOJIBAKE_LEADS = frozenset(chr(c) for c in range(0xC2, 0xF5))
_CONTROL_CHARS = frozenset(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)])
_INVISIBLE_CHARS = frozenset("\u200b\u200c\u200d\u200e\u200f\u061c\u2060\ufeff\u00ad\u202a\u202b\u202c\u202d"
                             "\u202e\u2066\u2067\u2068\u2069")
_NBSP_CHARS = frozenset("\u00a0\u2007\u202f")


def _has_any(doc: Document, chars: frozenset[str]) -> bool:
    """True when the prose holds one of ``chars``: one set per document makes clean text cost nothing."""
    present = doc.memo.get("encoding.chars")
    if present is None:
        present = doc.memo["encoding.chars"] = frozenset(doc.prose)
    return not chars.isdisjoint(present)  # type: ignore[union-attr]


def _fix_text(text: str) -> str:
    global _FTFY_CONFIG
    import ftfy

    if _FTFY_CONFIG is None:
        _FTFY_CONFIG = ftfy.TextFixerConfig(
            unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
            fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
            remove_control_chars=False, normalization=None, explain=False,
        )
    return ftfy.fix_text(text, _FTFY_CONFIG)


class Mojibake(Rule):
    """Text decoded with the wrong encoding ("â€œ" for a quote, "Ã©" for "é")."""

    meta = RuleMeta(
        code="NL501", name="mojibake", category="encoding",
        summary="Mojibake: text decoded with the wrong encoding",
        what="Finds sequences such as `â€™`, `Ã©` or `Â` that appear when UTF-8 text is read as "
             "Windows-1252 or Latin-1, and repairs them with ftfy.",
        why="Readers see garbage in place of quotes, accents and dashes; search and names break.",
        bad="The cafÃ© said itâ€™s open.\n",
        good="The café said it’s open.\n",
        severity=Severity.ERROR, fix_safety=FixSafety.SAFE,
        fix_note="ftfy only changes text it can decode back to the original characters.",
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag each changed stretch of a line that ftfy repairs."""
        if not _has_any(doc, _MOJIBAKE_LEADS):
            return
        seen_lines: set[int] = set()
        for hint in _MOJIBAKE_HINT.finditer(doc.prose):
            line = doc.position(hint.start()).line
            if line in seen_lines:
                continue
            seen_lines.add(line)
            start, end = doc.line_span(line, with_newline=False)
            before = doc.prose[start:end]
            after = _fix_text(before)
            if after == before:
                continue
            for i1, i2, j1, j2 in changed_stretches(before, after):
                bad, good = before[i1:i2], after[j1:j2]
                if doc.text[start + i1 : start + i2] != bad:
                    continue  # the change would touch masked markup: leave it to a person
                yield doc.diagnostic(
                    self.meta, start + i1, start + i2, f"Mojibake '{bad}' should read '{good}'",
                    edits=[doc.edit(start + i1, start + i2, good)], fix_description=f"Replace with '{good}'",
                )


class InvalidUtf8(Rule):
    """Bytes that are not valid UTF-8."""

    meta = RuleMeta(
        code="NL502", name="invalid-utf8", category="encoding",
        summary="File is not valid UTF-8",
        what="Reports the first byte sequence that is not valid UTF-8. The rest of the file is "
             "linted with replacement characters; no fix rewrites such a file.",
        why="A file in a legacy encoding or with a corrupt byte shows garbage on the site and breaks tools.",
        bad="caf\udce9\n",
        good="café\n",
        severity=Severity.ERROR,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """One diagnostic at the first undecodable byte."""
        if doc.decode_error is not None:
            off = doc.decode_error
            yield doc.diagnostic(self.meta, off, off + 1,
                                 "Invalid UTF-8 byte sequence; save the file as UTF-8 (fixes are disabled)")


def _names(chars: str) -> str:
    import unicodedata

    names = []
    for ch in dict.fromkeys(chars):
        names.append(f"U+{ord(ch):04X} {unicodedata.name(ch, 'CONTROL')}")
    return ", ".join(names)


class ControlCharacter(Rule):
    """C0/C1 control characters inside the text."""

    meta = RuleMeta(
        code="NL503", name="control-character", category="encoding",
        summary="Control character in the text",
        what="Finds C0 and C1 control characters (other than tab and line breaks).",
        why="They are invisible in editors, break XML feeds and some CMSs, and come from bad copy-paste.",
        bad="The minister\x08 said no.\n",
        good="The minister said no.\n",
        severity=Severity.ERROR, fix_safety=FixSafety.SAFE,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag each run of control characters; the fix deletes it."""
        if not _has_any(doc, _CONTROL_CHARS):
            return
        for m in _CONTROL.finditer(doc.prose):
            yield doc.diagnostic(self.meta, m.start(), m.end(), f"Control character {_names(m.group())}",
                                 edits=[doc.edit(m.start(), m.end(), "")], fix_description="Delete it")


class InvisibleCharacter(Rule):
    """Zero-width and formatting characters that do not belong in article prose."""

    meta = RuleMeta(
        code="NL504", name="invisible-character", category="encoding",
        summary="Invisible character in the text",
        what="Finds zero-width spaces, word joiners, stray byte-order marks and soft hyphens; bidi "
             "marks (LRM, RLM, ALM), embeddings and isolates only in a document without right-to-left "
             "text (in Hebrew or Arabic text they place punctuation and numbers), bidi overrides "
             "everywhere; zero-width joiners only between Latin letters (they are meaningful in emoji "
             "and in Persian and Indic scripts). In Markdown, deleting one that stands between two emphasis "
             "or code delimiters (\"_\u200b_\") would make a new delimiter, so that fix is unsafe.",
        why="Invisible characters break search, word counts and name matching and hide text changes.",
        bad="Prime\u200b Minister\n",
        good="Prime Minister 👩\u200d👩\u200d👧 met Shira Cohen (שירה כהן\u200f) on 3.5.2016\u200f.\n",
        fix_safety=FixSafety.SAFE,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag each run of invisible characters; the fix deletes it."""
        if not _has_any(doc, _INVISIBLE_CHARS):
            return
        rtl: bool | None = None
        for m in _INVISIBLE.finditer(doc.prose):
            if m.start() == 0 and m.group() == "\ufeff":
                continue
            if m.group("bidi") and _OVERRIDES.isdisjoint(m.group()):
                if rtl is None:
                    rtl = _RTL.search(doc.prose) is not None
                if rtl:
                    continue
            yield doc.diagnostic(self.meta, m.start(), m.end(), f"Invisible character {_names(m.group())}",
                                 edits=[doc.edit(m.start(), m.end(), "")], fix_description="Delete it",
                                 safety=FixSafety.UNSAFE if _joins_markup(doc, m.start(), m.end()) else None)


def _joins_markup(doc: Document, start: int, end: int) -> bool:
    """Whether deleting ``text[start:end]`` of a Markdown file would glue two emphasis or code
    delimiters into a new one ("_\u200b_" becomes "__", "**\u200b**" becomes "****"): the page would
    render otherwise, so the deletion is not safe."""
    if doc.format != "markdown" or not start or end >= len(doc.text):
        return False
    return doc.text[start - 1] in _MD_DELIMITERS and doc.text[end] in _MD_DELIMITERS


_MD_DELIMITERS = frozenset("_*~`")


class NbspRun(Rule):
    """Runs of non-breaking spaces (or spaces mixed with them) left by copy from a web page."""

    meta = RuleMeta(
        code="NL505", name="nbsp-run", category="encoding",
        summary="Run of non-breaking spaces",
        what="Finds two or more non-breaking spaces in a row, or non-breaking and ordinary spaces mixed.",
        why="They come from `&nbsp;&nbsp;` in scraped HTML and show as odd gaps; a single non-breaking "
            "space (as in `10\u00a0km`) is fine and not flagged.",
        bad="The vote was\u00a0\u00a0close.\n",
        good="The race was 10\u00a0km long.\n",
        severity=Severity.INFO, fix_safety=FixSafety.SAFE,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag each run; the fix replaces it with one space (see :func:`_nbsp_replacement`).

        Only text the prose mask kept is touched: a run found beside a masked link URL or list
        marker (masked as spaces) is cut back to its unmasked part, or the fix would delete them."""
        if not _has_any(doc, _NBSP_CHARS):
            return
        text, prose = doc.text, doc.prose
        for m in _NBSP_RUN.finditer(prose):
            start, end = m.span()
            if text[start:end] == prose[start:end]:
                found = [m]
            else:
                found = [n for a, b in _unmasked(text, prose, start, end) for n in _NBSP_RUN.finditer(text, a, b)]
            for n in found:
                yield doc.diagnostic(self.meta, n.start(), n.end(), "Run of non-breaking spaces",
                                     edits=[doc.edit(n.start(), n.end(), _nbsp_replacement(doc, n.start(), n.end()))],
                                     fix_description="Replace with one space")


def _unmasked(text: str, prose: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The stretches of ``start..end`` where the prose is the text (nothing masked)."""
    begin = None
    for k in range(start, end):
        if text[k] == prose[k]:
            if begin is None:
                begin = k
        elif begin is not None:
            yield begin, k
            begin = None
    if begin is not None:
        yield begin, end


def _nbsp_replacement(doc: Document, start: int, end: int) -> str:
    """One space between words; at a line's start the indentation before the first non-breaking
    space (Markdown list continuations depend on it); at a line's end nothing, or in Markdown the
    two spaces of a hard line break when the run ends with them."""
    text = doc.text
    run = text[start:end]
    at_start = start == 0 or text[start - 1] == "\n"
    at_end = end == len(text) or text[end] in "\r\n"
    if at_start:
        return run[: len(run) - len(run.lstrip(" "))]
    if at_end:
        tail = len(run) - len(run.rstrip(" "))
        return "  " if doc.format == "markdown" and tail >= 2 else ""
    return " "


class ReplacementCharacter(Rule):
    """U+FFFD in the text: an earlier conversion lost characters."""

    meta = RuleMeta(
        code="NL506", name="replacement-character", category="encoding",
        summary="Replacement character (U+FFFD): characters were lost",
        what="Finds U+FFFD REPLACEMENT CHARACTER in a file that is otherwise valid UTF-8.",
        why="Some earlier tool could not decode the text and replaced characters it lost; only a "
            "person with the original can restore them.",
        bad="Jos\ufffd Mourinho said\n",
        good="José Mourinho said\n",
        severity=Severity.ERROR,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag each run of U+FFFD (not when the file itself failed to decode: NL502 covers that)."""
        if doc.decode_error is not None or "\ufffd" not in doc.prose:
            return
        for m in re.finditer("\ufffd+", doc.prose):  # a plain character: re and regex agree
            yield doc.diagnostic(self.meta, m.start(), m.end(), "Replacement character: text was lost here")


def _entity_rules() -> list[type[Rule]]:
    from newslint.families.encoding.entities import HtmlEntity

    return [HtmlEntity]


RULES = [Mojibake, InvalidUtf8, ControlCharacter, InvisibleCharacter, NbspRun, ReplacementCharacter, *_entity_rules()]

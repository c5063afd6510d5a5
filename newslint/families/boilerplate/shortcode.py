"""NL402: WordPress-style shortcodes, and template tags left in plain text.

A shortcode is ``[name]``, ``[name attr="value" …]`` or ``[/name]`` with a lower-case identifier
for a name. Brackets are also Markdown links (``[text](url)``, ``[text][ref]``, ``[text]`` with a
reference definition) and editorial insertions in quotes ("[the minister] said"), so:

- a **strong** tag (attributes, a closing ``[/name]``, or a name with ``_`` or a digit, as in
  ``[ad_2]``, ``[vc_row]``) is flagged wherever it stands; the fix deletes the tag only, keeping
  the text a pair of tags wraps (a caption);
- a **weak** tag (``[list]``) is flagged only as a whole line of tags, never as a link, and not in
  Markdown (a site written in Markdown has its own tags; "[format]" there is an author's placeholder);
- ``{{ … }}``, ``{% … %}`` and ``%%name%%`` are template tags: in Markdown and HTML they belong to
  the site (Jekyll, Hugo, Eleventy) and are never flagged; in plain text, alone on a line, they
  are residue of a scraped template.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newslint.model.diagnostic import FixSafety
from newslint.model.lazyre import lazy
from newslint.api.lineblocks import judge_line
from newslint.api.rule import Rule, RuleMeta

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.model.diagnostic import Diagnostic
    from newslint.model.document import Document

_TAG = lazy(r"""\[(?P<close>/)?(?P<name>[a-z][a-z0-9_-]+)(?P<attrs>(?:[ \t]+[a-z_][\w-]*(?:=(?:"[^"\n\]]*"|'[^'\n\]]*'|[^\s\]"']+))?)*)[ \t]*/?\]""")
_ATTR_VALUE = lazy(r"[\w-]+=")
_TEMPLATE_LINE = lazy(r"[^\S\n]*(?:\{\{[^{}\n]{1,60}\}\}|\{%[^{}\n]{1,60}%\}|%%[a-z_]{2,40}%%)[^\S\n]*")
_REFDEF = lazy(r"^[ ]{0,3}\[([^\]\n]+)\]:", re.M)
_LINE_CHROME = " \t*_"


class CmsShortcode(Rule):
    """WordPress-style shortcodes anywhere, and template tags alone on a line of plain text."""

    meta = RuleMeta(
        code="NL402", name="cms-shortcode", category="boilerplate",
        summary="Leftover CMS shortcode or template tag",
        what="Finds WordPress-style shortcodes: `[ad_1]`, `[adinserter block=\"3\"]`, `[caption id=\"…\"]…[/caption]`, "
             "`[/embed]` anywhere, and a line made only of shortcodes; in plain text also a line holding only a "
             "template tag (`{{ ad }}`, `%%excerpt%%`). Markdown links (`[text](url)`, `[text][ref]`), "
             "editorial insertions in quotes (\"[the minister] said\") and the template tags of a Markdown "
             "or HTML site (Liquid, Hugo, Eleventy) are never flagged.",
        why="Auto-blog plugins insert these markers around scraped text; they render as literal brackets.",
        bad="The talks ended.\n\n[ad_2]\n\n[caption id=\"attachment_7\" width=\"300\"]The minister arrives.[/caption]\n",
        good="The ministry's report [PDF] is online, and \"[the minister] will go,\" an aide said.\n\n"
             "[Back to the table of contents](#contents)\n",
        fix_safety=FixSafety.SAFE,
        fix_note="A line of tags is deleted only where it is a block of its own; a tag inside a line is deleted "
                 "alone, keeping the text it wraps.",
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag whole lines of shortcodes (delete the line) and strong tags inside a line (delete the tag)."""
        prose = doc.prose
        if "[" in prose:
            yield from self._shortcodes(doc)
        if doc.format == "text" and ("{" in prose or "%%" in prose):
            yield from self._template_lines(doc)

    def _shortcodes(self, doc: Document) -> Iterator[Diagnostic]:
        refs = {m.group(1).lower() for m in _REFDEF.finditer(doc.text)} if doc.format == "markdown" else set()
        by_line: dict[int, list[re.Match[str]]] = {}
        closed: set[str] = set()  # names with a closing tag: their opening tags are shortcodes too
        for m in _TAG.finditer(doc.prose):
            if not _is_link(doc, m, refs):
                by_line.setdefault(doc.position(m.start()).line, []).append(m)
                if m.group("close"):
                    closed.add(m.group("name"))
        for line, tags in by_line.items():
            start, end = doc.line_span(line, with_newline=False)
            rest = _without(doc.prose[start:end], [(m.start() - start, m.end() - start) for m in tags])
            if not rest.strip(_LINE_CHROME):
                yield from self._whole_line(doc, line, tags, start, end)
            else:
                for m in tags:
                    if _strong(m) or m.group("name") in closed:
                        yield doc.diagnostic(self.meta, m.start(), m.end(), f"Leftover shortcode '{m.group()}'",
                                             edits=[_delete_tag(doc, m.start(), m.end())],
                                             fix_description="Delete the shortcode")

    def _whole_line(self, doc: Document, line: int, tags: list[re.Match[str]], start: int, end: int) -> Iterator[Diagnostic]:
        verdict = judge_line(doc, line)
        strong = any(_strong(m) for m in tags)
        if not (verdict.flag or strong):
            return
        if not strong and doc.format == "markdown":
            return  # "[format]" under a URL in a how-to: the author's placeholder; Markdown sites use their own tags
        begin, finish = tags[0].start(), tags[-1].end()
        label = doc.text[begin:finish]
        if verdict.safe:
            edit, safety = doc.delete_line_edit(line, (begin, finish)), None
        else:
            # Inside a paragraph: taking the line out with its line break keeps the paragraph whole,
            # but a line deletion inside a block is a judgement call (newslint/api/lineblocks.py).
            edit, safety = doc.edit(start, doc.line_span(line)[1], ""), FixSafety.UNSAFE
        yield doc.diagnostic(self.meta, begin, finish, f"Leftover shortcode '{label}'", edits=[edit],
                             fix_description="Delete the line", safety=safety)

    def _template_lines(self, doc: Document) -> Iterator[Diagnostic]:
        for line in range(1, len(doc.line_starts) + 1):
            start, end = doc.line_span(line, with_newline=False)
            text = doc.prose[start:end]
            if ("{" not in text and "%%" not in text) or not _TEMPLATE_LINE.fullmatch(text):
                continue
            verdict = judge_line(doc, line, templates=True)
            if not verdict.flag:
                continue
            lead = len(text) - len(text.lstrip())
            begin, finish = start + lead, start + len(text.rstrip())
            yield doc.diagnostic(self.meta, begin, finish, f"Leftover template tag '{text.strip()}'",
                                 edits=[doc.delete_line_edit(line, (begin, finish))], fix_description="Delete the line",
                                 safety=None if verdict.safe else FixSafety.UNSAFE)


def _strong(m: re.Match[str]) -> bool:
    """A tag no prose bracket looks like: a closing tag, attributes, or a name with ``_`` or a digit."""
    name = m.group("name")
    return bool(m.group("close") or _ATTR_VALUE.search(m.group("attrs") or "")
                or "_" in name or any(c.isdigit() for c in name))


def _is_link(doc: Document, m: re.Match[str], refs: set[str]) -> bool:
    """True for the text of a Markdown link, image, reference or footnote, rather than a shortcode
    (plain text has no links: ``[vc_row][vc_column]`` there is two shortcodes)."""
    if doc.format != "markdown":
        return False
    text = doc.text
    before = text[m.start() - 1] if m.start() else ""
    after = text[m.end()] if m.end() < len(text) else ""
    label = m.group()[1:-1].lower()
    if before == "!" or after in "(:" or label in refs:
        return True
    if after == "[":  # [text][ref] or [text][]: a link when the reference is defined or empty
        close = text.find("]", m.end())
        return close > 0 and text[m.end() + 1 : close].lower() in refs | {""}
    return False


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for a, b in spans:
        out.append(text[pos:a])
        pos = b
    out.append(text[pos:])
    return "".join(out)


def _delete_tag(doc: Document, start: int, end: int) -> object:
    """Delete a tag, and one space beside it when it sat between two words."""
    text = doc.text
    if start and end < len(text) and text[start - 1] == " " and text[end] in " \t":
        end += 1
    return doc.edit(start, end, "")


RULES = [CmsShortcode]

"""NL420: the headlines of a related-stories widget, left under its label.

NL404 flags the widget's label ("Related stories", "You may also like"); its fix deletes the
label and left the list of other stories' headlines behind, in the middle of the story. The list
is described by its structure, not by a site's wording: it starts on the line after a label NL404
knows, and goes on while each line reads as a headline (a short line starting with a capital or
a digit, optionally after a bullet, that does not end like a sentence or a clause). The first
line that ends like a sentence (the story going on) or a blank line followed by a longer block
ends it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from newslint.model.diagnostic import FixSafety
from newslint.model.lazyre import lazy
from newslint.api.lineblocks import delete_block_edit, judge_line
from newslint.api.phrases import doc_lower, lower_text
from newslint.api.rule import Rule, RuleMeta

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.model.diagnostic import Diagnostic
    from newslint.model.document import Document

# Labels that introduce a list ("Related stories", "Read more:"), not a label with its headline on
# the same line ("Next article: …", "Tags: …"): those are a teaser or a tag line of their own.
_EXTRA_LABELS = r"(?:read\s+more|also\s+read|read\s+also|see\s+also|further\s+reading|more\s+on\s+this(?:\s+story)?)\s*:?"
_ITEM = lazy(r"^[^\S\n]*(?:(?:[-–•*·►▶→»]|\d{1,2}[.)])[^\S\n]+)?[\p{Lu}\d‘“'\"]")
_ITEM_MAX_WORDS = 20
_ITEM_MAX_CHARS = 160
_MAX_ITEMS = 12
_STORY_LINE_CHARS = 60
# A headline may end in a question or an exclamation mark, or a closing quote; a sentence or a
# clause of the story ends in a full stop, a comma, a colon or a semicolon.
_SENTENCE_END = (".", ",", ":", ";", "…")


@lru_cache(maxsize=1)
def _label_re() -> re.Pattern[str]:
    """A whole-line label of NL404 (rules/boilerplate.toml) or a bare "Read more:"."""
    from newslint.api.packs import builtin_pack_dir, load_pack_file

    specs = load_pack_file(builtin_pack_dir() / "boilerplate.toml", validate=False)
    patterns = [p for s in specs if s.meta.code == "NL404" for p in s.patterns]
    body = "|".join([*patterns, _EXTRA_LABELS])
    return lazy(r"[^\S\n]*[*_]{0,3}(?:" + body + r")[*_]{0,3}[^\S\n]*", re.I)  # type: ignore[return-value]


def _is_label(text: str) -> bool:
    if ":" in text.rstrip().rstrip(":"):
        return False  # a label with its headline on the line ("Next article: …") is a teaser
    return _label_re().fullmatch(text) is not None


def _is_item(text: str) -> bool:
    """A headline: short, starting with a capital or a digit, not ending like a sentence."""
    stripped = text.strip().strip("*_").strip()
    if not stripped or not _ITEM.match(stripped) or len(stripped) > _ITEM_MAX_CHARS:
        return False
    words = stripped.split()
    return 2 <= len(words) <= _ITEM_MAX_WORDS and not stripped.endswith(_SENTENCE_END)


def _blank_line(doc: Document, line: int) -> bool:
    return line < 1 or line > len(doc.line_starts) or not doc.line_text(line).strip()


class RelatedHeadlines(Rule):
    """The headlines of a related-stories list under a widget label."""

    meta = RuleMeta(
        code="NL420", name="related-headlines", category="boilerplate",
        summary="Headlines of a related-stories list left under its label",
        what="Finds the list of other stories' headlines under a related-links label (\"Related "
             "stories\", \"You may also like\", \"More from News\", \"Read more:\"): the lines "
             "right after the label that read as headlines (short, starting with a capital, "
             "optionally after a bullet, not ending in a full stop, comma or colon), on the "
             "label's block or in one-line blocks after it. The label itself is NL404's; a "
             "subheading followed by a paragraph, and headlines with no label above them, are not flagged.",
        why="The widget's links are gone and its headlines read as stray lines in the middle of the "
            "story; deleting only the label leaves them behind.",
        bad="The talks ended on Monday without an agreement on the budget, officials said.\n\nRelated stories\n"
            "Minister resigns after budget vote\nParks funding cut by a third\n\n"
            "Both sides will meet again in March, the ministry said.\n",
        good="The talks ended without agreement, officials said.\n\nWhat happens next\n"
             "Both sides will meet again in March, the ministry said.\n",
        fix_safety=FixSafety.SAFE,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """One finding per list, from its first headline to its last; the fix deletes them."""
        lowered = doc_lower(doc) or lower_text(doc.prose)  # the shared lowercase copy (memory on a big file)
        if not any(word in lowered for word in ("related", "more", "also", "popular", "trending", "top ",
                                               "latest", "recommend", "like", "miss", "read", "next",
                                               "pick", "similar", "suggested")):
            return
        count = len(doc.line_starts)
        head_end, _ = doc.story_bounds
        # Above the story a label is the site's section ("Latest News") and the next line the
        # article's own headline (NL415's family), so only labels after the story starts count.
        # In scraped copy with no blank lines the head is not a paragraph of its own, so a line of
        # the story (long, ending like a sentence) must also come before the label.
        line = doc.position(head_end).line if head_end else 1
        story_seen = False
        while line <= count:
            text = doc.line_text(line)
            if not story_seen:
                story_seen = len(text) >= _STORY_LINE_CHARS and text.rstrip().endswith((".", "!", "?", '"', "”"))
            elif _is_label(text) and judge_line(doc, line).flag:
                items = self._items(doc, line + 1, count)
                if items:
                    yield self._flag(doc, line, items)
                    line = items[-1] + 1
                    continue
            line += 1

    @staticmethod
    def _items(doc: Document, first: int, count: int) -> list[int]:
        """The headline lines after a label: on its block, then one-line blocks after blank lines."""
        items: list[int] = []
        line = first
        while line <= count and len(items) < _MAX_ITEMS:
            text = doc.line_text(line)
            if not text.strip():
                # Past a blank line a headline stands alone in its block; a block of several lines
                # (a paragraph, or a subheading and its paragraph) is the story going on.
                nxt = line + 1
                while nxt <= count and not doc.line_text(nxt).strip():
                    nxt += 1
                if nxt > count or (nxt < count and doc.line_text(nxt + 1).strip()):
                    break
                line = nxt
                continue
            if _is_label(text) or not _is_item(text) or not judge_line(doc, line).flag:
                break
            items.append(line)
            line += 1
        return items

    def _flag(self, doc: Document, label: int, items: list[int]) -> Diagnostic:
        first, last = items[0], items[-1]
        start, _ = doc.line_span(first, with_newline=False)
        _, end = doc.line_span(last, with_newline=False)
        lead = len(doc.line_text(first)) - len(doc.line_text(first).lstrip())
        safe = all(judge_line(doc, n).safe for n in items)
        edit = delete_block_edit(doc, range(first, last + 1))
        if edit is not None and label == first - 1 and _blank_line(doc, label - 1) and _blank_line(doc, last + 1) \
                and last + 1 <= len(doc.line_starts) and doc.text[edit.end_offset:].strip():
            # NL404 deletes the label on its own line; the widget stood between two blank lines,
            # and one of them goes with the headlines so that one is left, not two.
            edit = doc.edit(edit.start_offset, doc.line_span(last + 1)[1], "")
        if edit is not None:
            # NL404 deletes the label with the blank line after it: the headlines' edit starts
            # after that, or the two would overlap and the fixer would apply only one.
            label_edit = doc.delete_line_edit(label)
            if edit.start_offset < label_edit.end_offset < edit.end_offset:
                edit = doc.edit(label_edit.end_offset, edit.end_offset, "")
        label_text = doc.line_text(label).strip()
        noun = "headline" if len(items) == 1 else "headlines"
        message = f"Related-stories list under '{label_text}': {len(items)} {noun} of other stories"
        return doc.diagnostic(self.meta, start + lead, end, message, edits=[edit] if edit else [],
                              fix_description="Delete the headlines",
                              safety=None if safe else FixSafety.UNSAFE)

"""NL421: a promo headline for another story, left in the body without a label.

Pages put the headline of another story between two paragraphs ("Council votes to close two
libraries"), as a link; scraped, the link is gone and the headline stays. Without a label
("Read more:", NL409) it looks like a subheading, so it is told apart by structure, not by
wording:

- **where**: a line of its own inside the story (a story paragraph before it and after it), never
  above the first paragraph or after the last, never a Markdown heading or list item;
- **shape**: a headline, 5 to 16 words, starting with a capital or a digit, no punctuation but a
  final ``?`` or ``!`` (a sentence or a clause ends in ``.`` ``,`` ``:`` ``;``; a label has ``:``
  or ``|``);
- **not another rule's**: a line the pack's patterns match (a sign-up prompt, a share row) is
  left to that rule;
- **topic**: it shares no content word with the rest of the article. A subheading introduces
  what follows ("Brown water and low pressure" over a paragraph about the water), so it shares
  some; another story's headline, about something else, shares none. A word is compared by its
  first five letters, so "library" and "libraries" are one word.

A guess, so the finding is info and its fix (deleting the line) is unsafe.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from newslint.model.diagnostic import FixSafety, Severity
from newslint.api.lineblocks import judge_line
from newslint.api.rule import Rule, RuleMeta

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.model.diagnostic import Diagnostic
    from newslint.model.document import Document, Span

_HEADLINE = re.compile(r"[A-Z0-9‘“'\"][\w‘’'\"“”&%$£€ -]*[?!]?")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
MIN_WORDS, MAX_WORDS = 5, 16
MIN_CONTENT = 4  # content words a headline needs before its topic can be told ("Looking ahead to spring" has 3)
STEM = 5
# Words of four letters or more that carry no topic.
_FUNCTION = frozenset("""
about above after again against also along among another around away back been before behind being below
between both came come comes could does done down during each even ever every from gets give given goes going
gone have having here into just know last like made make makes many more most much must near need never next
only onto other ours over said same says should show shows since some still such take takes tell than that
their them then there these they thing things this those though through told took under until upon very want
wants were what when where which while whom whose will with without would year years your yours
""".split())


@lru_cache(maxsize=1)
def _debris_re() -> re.Pattern[str]:
    """Every whole-line pattern of the built-in boilerplate pack: a line another rule flags
    ("Facebook Twitter Email", "Sign up to receive alerts") is that rule's, not a promo."""
    from newslint.api.packs import builtin_pack_dir, load_pack_file

    specs = load_pack_file(builtin_pack_dir() / "boilerplate.toml", validate=False)
    body = "|".join(p for s in specs if s.kind == "line" for p in s.patterns)
    return re.compile(r"[^\S\n]*(?:" + body + r")[^\S\n]*", re.I)


def _stems(text: str) -> list[str]:
    return [w.lower()[:STEM] for w in _WORD.findall(text) if len(w) >= 4 and w.lower() not in _FUNCTION]


class PromoHeadline(Rule):
    """A headline of another story between two paragraphs, with no label."""

    meta = RuleMeta(
        code="NL421", name="promo-headline", category="boilerplate",
        summary="Unlabelled promo headline for another story",
        what="Finds a line inside the story (a story paragraph before and after it) that reads as a "
             "headline (5 to 16 words, a capital first, no punctuation but a final ? or !) and "
             "shares no content word with the rest of the article: the headline of another story "
             "that the page linked between two paragraphs. A subheading shares words with the text "
             "it introduces and is not flagged; nor are Markdown headings and list items, or lines "
             "above the first paragraph or after the last.",
        why="The link is gone; the other story's headline interrupts this one and reads as a "
            "subheading that the next paragraph does not follow.",
        bad="The regional water board approved a plan on Wednesday to replace ageing pipes under the old "
            "town, a project expected to take four years.\n\nCouncil votes to close two libraries\n\n"
            "Residents had complained for months about brown water and low pressure, and the board said "
            "the repairs could not wait any longer.\n",
        good="The regional water board approved a plan on Wednesday to replace ageing pipes under the old "
             "town, a project expected to take four years.\n\nBrown water and low pressure for months\n\n"
             "Residents had complained for months about brown water and low pressure, and the board said "
             "the repairs could not wait any longer.\n",
        severity=Severity.INFO, fix_safety=FixSafety.UNSAFE,
        fix_note="Telling a promo from a subheading is a judgement, so the deletion is unsafe.",
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag each headline-shaped line inside the story that shares no word with the rest."""
        units = doc.units
        candidates = [i for i in range(1, len(units) - 1) if self._shaped(units[i])
                      and doc.is_story_paragraph(units[i - 1]) and doc.is_story_paragraph(units[i + 1])]
        if not candidates:
            return
        counts = Counter(_stems(doc.prose))
        for i in candidates:
            unit = units[i]
            own = Counter(_stems(unit.text))
            if len(own) < MIN_CONTENT or any(counts[s] > n for s, n in own.items()):
                continue
            if _debris_re().fullmatch(unit.text):
                continue
            line = doc.position(unit.start).line
            verdict = judge_line(doc, line)
            if not verdict.flag:
                continue
            text = unit.text.strip()
            start = unit.start + unit.text.index(text)
            yield doc.diagnostic(self.meta, start, start + len(text),
                                 f"Headline of another story '{text}' in the body (shares no word with the article)",
                                 edits=[doc.delete_line_edit(line, (start, start + len(text)))],
                                 fix_description="Delete the line")

    @staticmethod
    def _shaped(unit: Span) -> bool:
        """A line that reads as a headline (module docstring)."""
        text = unit.text.strip()
        if "\n" in text or len(text) > 140 or not _HEADLINE.fullmatch(text):
            return False
        return MIN_WORDS <= len(text.split()) <= MAX_WORDS

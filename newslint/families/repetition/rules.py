"""repetition (NL1xx): paragraphs, blocks and passages repeated inside one article.

The scan is in repetition_scan.py; duplicate articles across files are in repetition_corpus.py.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, ClassVar

from newslint.families.repetition.scan import Analysis, analyse
from newslint.model.diagnostic import FixSafety, Severity
from newslint.api.lineblocks import markdown_block
from newslint.api.rule import Rule, RuleMeta

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.families.repetition.blocks import Repeat
    from newslint.model.diagnostic import Diagnostic, Edit
    from newslint.model.document import Document, Span

OPTIONS = {"min-words": 8, "near-threshold": 0.8, "passage-words": 14}
_STORY = ("The council approved the new budget on Monday after a long debate about school funding, "
          "officials said.\n\n")
_OTHER = ("The mayor promised that repairs to the main bridge would start in the spring and end "
          "before the winter.\n\n")


class _RepetitionRule(Rule):
    """Shared plumbing: every repetition rule reads the one analysis of the document."""

    def analysis(self, doc: Document) -> Analysis:
        return analyse(doc, int(self.options["min-words"]), float(self.options["near-threshold"]),
                       int(self.options["passage-words"]))

    def line(self, doc: Document, para: int) -> int:
        return doc.position(self.analysis(doc).units[para].start).line


def fix_safety(doc: Document, paras: list[Span], rep: Repeat) -> FixSafety:
    """Safe, unless the copy is one line of a Markdown paragraph: Markdown renders a block of
    lines as one paragraph, so deleting one repeated line of it (written one sentence per line,
    say) is a line deletion inside a paragraph, which a person should accept. A run of lines
    pasted again (a whole article) is deleted safely.

    Unsafe too when one Markdown paragraph repeats one that is not just before it: an edited
    post that says a thing twice, paragraphs apart (an invitation with a link at the end of two
    sections), does it on purpose; a paste slip doubles a paragraph in place. Unsafe whenever
    the copy holds a Markdown heading or list item: a fix does not delete structure on its own."""
    if doc.format != "markdown":
        return FixSafety.SAFE
    copy = doc.text[paras[rep.first].start : paras[rep.last].end]
    if any(markdown_block(line) in ("heading", "item") for line in copy.split("\n")):
        return FixSafety.UNSAFE  # a heading or a list item is Markdown structure (a live blog repeats "### Fun Fact:")
    if rep.first != rep.last:
        return FixSafety.SAFE
    unit = paras[rep.first]
    if rep.first > rep.orig_last + 1 and rep.start is None and paras[rep.first - 1].text.split() != unit.text.split():
        return FixSafety.UNSAFE  # (a third copy in a row repeats the first, but also the one before it)
    unit = paras[rep.first]
    whole = any(p.start == unit.start and p.end == unit.end for p in doc.paragraphs)
    return FixSafety.SAFE if whole else FixSafety.UNSAFE


def delete_units(doc: Document, paras: list[Span], rep: Repeat) -> Edit:
    """An edit removing the copy ``rep`` (units ``first..last``) and the blank lines after it.

    A copy glued onto the end of the line before it is cut from where it starts on that line
    (and the spaces before it), so that line keeps the original's text and its line ending; a
    copy whose end is glued to the start of the next copy ends where that one starts."""
    first, last = rep.first, rep.last
    begin = paras[first].start if rep.start is None else rep.start
    glued_before = begin != doc.line_starts[doc.position(begin).line - 1]
    if glued_before:
        while begin > 0 and doc.text[begin - 1] in " \t":
            begin -= 1
    else:
        begin = doc.line_starts[doc.position(begin).line - 1]
    if last + 1 < len(paras):
        following = paras[last + 1].start
        if following != doc.line_starts[doc.position(following).line - 1]:
            return doc.edit(begin, following, "")  # the next copy starts on the copy's last line
        if glued_before:
            end = paras[last]
            return doc.edit(begin, end.start + len(end.text.rstrip()), "")  # the line ending ("\r\n") stays
        return doc.edit(begin, doc.line_starts[doc.position(following).line - 1], "")
    # At the end of the file: keep the previous paragraph's line ending, drop everything after it.
    tail = "\n" if doc.text.endswith("\n") else ""
    before = paras[first - 1].end if first > 0 else 0
    if glued_before:
        end = paras[last]
        return doc.edit(begin, end.start + len(end.text.rstrip()), "")
    return doc.edit(before, len(doc.text), tail if first > 0 else "")


class RepeatedParagraph(_RepetitionRule):
    """A paragraph pasted again later in the article."""

    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL101", name="repeated-paragraph", category="repetition",
        summary="Paragraph repeated verbatim",
        what="Finds a paragraph that appears again later in the article, after folding case, "
             "whitespace, curly quotes and dashes (other punctuation counts). A block of lines that "
             "mostly end a sentence is one paragraph per line, as scraped copy often is, and is "
             "compared line by line. Paragraphs under `min-words` words (8: a one-word refrain, a "
             "dateline, \"Photo:\" lines) are never flagged, nor one under 15 words far from its "
             "original (a transition a tutorial repeats), a template tag (`{% include %}`) or a table. "
             "Runs of repeated paragraphs are reported once, as NL102.",
        why="Copy pasted twice reads as a production error and is a mark of scraped text.",
        bad=_STORY + _OTHER + _STORY,
        good=_STORY + "\"We will not back down.\"\n\n" + _OTHER + "\"We will not back down.\"\n",
        fix_safety=FixSafety.SAFE,
        fix_note="The fix deletes the later, verbatim copy. It is unsafe when the copy is one line of a "
                 "Markdown paragraph (Markdown renders the block as one paragraph, so that is a line "
                 "deletion inside a paragraph), and when a Markdown paragraph repeats one that is not "
                 "just before it (an edited post repeating an invitation at the end of two sections "
                 "does so on purpose).",
        options=OPTIONS,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """One finding on each later copy, naming the line of the first."""
        analysis = self.analysis(doc)
        for rep in analysis.repeats:
            if rep.first != rep.last:
                continue
            para = analysis.units[rep.first]
            start = para.start if rep.start is None else rep.start
            yield doc.diagnostic(self.meta, start, para.end,
                                 f"Paragraph repeats line {self.line(doc, rep.orig_first)}",
                                 edits=[delete_units(doc, analysis.units, rep)],
                                 fix_description="Delete the repeated paragraph",
                                 safety=fix_safety(doc, analysis.units, rep))


class RepeatedBlock(_RepetitionRule):
    """A run of consecutive paragraphs pasted again: an article pasted twice or four times."""

    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL102", name="repeated-block", category="repetition",
        summary="Block of paragraphs repeated verbatim",
        what="Finds a run of two or more consecutive paragraphs (or lines, in one-paragraph-per-line "
             "copy) that repeats an earlier run, and reports it once per copy, spanning the whole "
             "run and saying how many times the block appears when it is more than twice "
             "(\"Lines 28–54 repeat lines 1–27 (27 paragraphs; the block appears 4 times)\"). A copy "
             "pasted onto the end of the previous line starts there.",
        why="A whole article or section pasted again doubles the copy readers scroll through.",
        bad=_STORY + _OTHER + _STORY + _OTHER,
        good=_STORY + _OTHER,
        fix_safety=FixSafety.SAFE,
        fix_note="The fix deletes the later, verbatim copy of the block.",
        options=OPTIONS,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """One finding per repeated copy, covering all its lines; the message says how many times
        the block appears when it is more than twice ("the article is pasted 4 times")."""
        analysis = self.analysis(doc)
        paras = analysis.units
        copies = Counter((r.orig_first, r.orig_last) for r in analysis.repeats)
        for rep in analysis.repeats:
            if rep.first == rep.last:
                continue
            start = paras[rep.first].start if rep.start is None else rep.start
            end = paras[rep.last].end
            here = f"{doc.position(start).line}–{doc.position(end).line}"
            # A copy glued at the seam also repeats the unit before the original (its head).
            there = f"{self.line(doc, rep.orig_first - (rep.start is not None))}–" \
                    f"{doc.position(paras[rep.orig_last].end).line}"
            times = copies[rep.orig_first, rep.orig_last] + 1
            note = f"; the block appears {times} times" if times > 2 else ""
            yield doc.diagnostic(self.meta, start, end,
                                 f"Lines {here} repeat lines {there} ({rep.last - rep.first + 1 + (rep.start is not None)} "
                                 f"paragraphs{note})",
                                 edits=[delete_units(doc, paras, rep)],
                                 fix_description="Delete the repeated block",
                                 safety=fix_safety(doc, paras, rep))


class NearDuplicateParagraph(_RepetitionRule):
    """A paragraph that is an almost exact copy of an earlier one."""

    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL103", name="near-duplicate-paragraph", category="repetition",
        summary="Paragraph nearly repeats an earlier one",
        what="Finds a paragraph of 15 words or more whose own 5-word shingles are mostly (containment "
             "≥ `near-threshold`, 0.8) found in one earlier paragraph, and reports the "
             "similarity. Two paragraphs that only share a long title or a quoted phrase stay far "
             "below the threshold.",
        why="Light edits of a pasted paragraph hide it from exact matching but not from readers.",
        bad=_STORY + _OTHER + "The council approved the new budget on Monday after a long debate about "
            "school funding, officials told reporters.\n",
        good=_STORY + "The United Nations Special Rapporteur on the Situation of Human Rights Defenders "
             "spoke first at the hearing, and the council took no vote.\n\n"
             "Later the United Nations Special Rapporteur on the Situation of Human Rights Defenders "
             "met the mayor at the town hall to discuss the bridge.\n",
        options=OPTIONS,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """One finding per near-copy, with the similarity; no automatic fix."""
        analysis = self.analysis(doc)
        for para, earlier, score in analysis.near:
            span = analysis.units[para]
            yield doc.diagnostic(self.meta, span.start, span.end,
                                 f"Paragraph is {score:.0%} the same as line {self.line(doc, earlier)}")


class RepeatedPassage(_RepetitionRule):
    """A long run of words from one sentence repeated inside a later sentence."""

    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL104", name="repeated-sentence", category="repetition",
        summary="Sentence or long passage repeated",
        what="Finds a sentence that repeats a run of at least `passage-words` (14) consecutive words "
             "of an earlier sentence, covering at least 40% of the shorter one: a sentence pasted "
             "again inside another paragraph. Quotes the story repeats on purpose (both copies "
             "opening with a quotation mark, or the shared words inside quotation marks in both: a "
             "phrase quoted in the opening and the whole quote later) are not flagged, nor, in Markdown, a "
             "blockquote that restates the story (a summary, a pull quote) or two items of a list.",
        why="Rewritten copy often keeps a sentence twice; readers notice, spell checkers cannot.",
        bad=_STORY + _OTHER + "Residents packed the hall for hours. Then the council approved the new budget on "
            "Monday after a long debate about school funding, and protesters left in the rain.\n",
        good=_STORY + _OTHER,
        severity=Severity.WARNING,
        options=OPTIONS,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """One finding per repeated passage, naming the earlier line."""
        for later, earlier, run in self.analysis(doc).passages:
            if _restated(doc, later, earlier):
                continue
            yield doc.diagnostic(self.meta, later.start, later.end,
                                 f"Sentence repeats {run} words of line {doc.position(earlier.start).line}")


def _restated(doc: Document, later: Span, earlier: Span) -> bool:
    """Whether Markdown structure says the repetition is meant: a blockquote (a post's "> Summary:"
    restates its lede, a pull quote repeats a line of the story), or two list items (parallel items
    of one list: "[Top queries]—Use the data to find and analyze the short head of ...")."""
    if doc.format != "markdown":
        return False
    kinds = {_line_kind(doc, later.start), _line_kind(doc, earlier.start)}
    return "quote" in kinds or kinds == {"item"}


def _line_kind(doc: Document, at: int) -> str:
    """The Markdown block of the line holding offset ``at`` (``markdown_block``)."""
    start = doc.text.rfind("\n", 0, at) + 1
    end = doc.text.find("\n", at)
    return markdown_block(doc.text[start : end if end >= 0 else len(doc.text)])


def _corpus_rules() -> list[type[Rule]]:
    from newslint.families.repetition.corpus import DuplicateArticle

    return [DuplicateArticle]


RULES = [RepeatedParagraph, RepeatedBlock, NearDuplicateParagraph, RepeatedPassage, *_corpus_rules()]

"""spelling (NL603): a spelling of another dialect than the house's, when a house sets one.

By default (``dialect = "any"``) every dialect's spellings are accepted and this rule says
nothing. With ``[tool.newslint.spelling] dialect = "en-US"`` (or en-GB, en-GB-oxendict for
Oxford -ize, en-CA, en-AU) a word that SCOWL lists only for other dialects is reported, with the
house dialect's form where one regular change of spelling (-our/-or, -ise/-ize, -tre/-ter,
-ll-/-l-, -ence/-ense, ...) gives a word that dialect accepts. It is a style finding, not a typo.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar

from newslint.families.spelling import data
from newslint.model.diagnostic import FixSafety
from newslint.api.phrases import doc_words
from newslint.api.rule import Rule, RuleMeta

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from newslint.model.diagnostic import Diagnostic
    from newslint.model.document import Document

# Regular differences between the dialects' spellings, each used in both directions.
_CHANGES = [("our", "or"), ("ise", "ize"), ("isa", "iza"), ("isi", "izi"), ("yse", "yze"), ("ysi", "yzi"),
            ("tre", "ter"), ("tred", "tered"), ("tring", "tering"), ("ll", "l"), ("ence", "ense"),
            ("mme", "m"), ("ae", "e"), ("oe", "e"), ("ogue", "og"), ("que", "ck"), ("eable", "able")]


class DialectSpelling(Rule):
    """A spelling of another English dialect than the one the house writes in."""

    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL603", name="dialect-spelling", category="spelling",
        summary="Spelling of another dialect than the house's",
        what="With `dialect` set under `[tool.newslint.spelling]` (en-US, en-GB, en-GB-oxendict, en-CA, en-AU), "
             "finds lowercase words that the SCOWL lists give only for other dialects (colour in an en-US house, "
             "color in an en-GB one) and names the house form. The default, `any`, accepts every dialect.",
        why="A house style holds one spelling; mixing colour and color in one publication looks careless.",
        bad="The colour of the theatre was a favourite.\n",
        good="The color of the theater was a favorite.\n",
        fix_safety=FixSafety.UNSAFE,
        fix_note="Unsafe: a spelling change in a quotation or a proper name (Labour Party) may be wanted.",
        options={"dialect": "any"},
        example_options={"dialect": "en-US"},
    )

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        if str(self.options.get("dialect")) not in data.DIALECTS:
            from newslint.config.settings import ConfigError

            raise ConfigError(f"option 'spelling.dialect' must be one of {', '.join(data.DIALECTS)}, "
                              f"got {self.options.get('dialect')!r}")

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag each lowercase occurrence of a word other dialects use and the house does not."""
        house = str(self.options.get("dialect"))
        if house == "any":
            return
        tagged = data.dialect_words()
        words = [w for w in doc_words(doc) if w in tagged and house not in tagged[w]]
        if not words:
            return
        from newslint.families.spelling.rules import _occurrences

        for start, word in sorted(_occurrences(doc.prose, words)):
            others = ", ".join(sorted(tagged[word]))
            forms = house_forms(word, house)
            end = start + len(word)
            if len(forms) == 1:
                yield doc.diagnostic(self.meta, start, end,
                                     f"'{word}' is a spelling of {others}; the house dialect {house} writes '{forms[0]}'",
                                     edits=[doc.edit(start, end, forms[0])],
                                     fix_description=f"Replace with '{forms[0]}'", safety=FixSafety.UNSAFE)
            else:
                yield doc.diagnostic(self.meta, start, end,
                                     f"'{word}' is a spelling of {others}, not of {house} (the house dialect)")


@lru_cache(maxsize=4096)
def house_forms(word: str, house: str) -> tuple[str, ...]:
    """Spellings one regular change from ``word`` that ``house`` accepts."""
    tagged = data.dialect_words()
    known = data.dictionary()
    found = set()
    for a, b in _CHANGES + [(b, a) for a, b in _CHANGES]:
        pos = word.find(a)
        while pos >= 0:
            form = word[:pos] + b + word[pos + len(a):]
            if form in known and (form not in tagged or house in tagged[form]):
                found.add(form)
            pos = word.find(a, pos + 1)
    return tuple(sorted(found))

"""spin (NL2xx): synonym-spun expressions generated from data, and a whole-article spin score.

NL201 (curated pairs) is the data pack rules/spin.toml. NL202 generates the spun variants of a
list of fixed news expressions (see spin_data.py) and matches them all in one pass; NL203 turns
the density of spin evidence into one document-level finding.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from newslint.families.spin import counted as spin_counted
from newslint.families.spin import data as spin_data

from newslint.families.spin import model as spin_model
from newslint.model.diagnostic import FixSafety, Severity
from newslint.api.packs import builtin_pack_dir, load_pack_file, match_case
from newslint.api.phrases import PhraseIndex, doc_words, lookup, word_count
from newslint.api.rule import Rule, RuleMeta

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.model.diagnostic import Diagnostic
    from newslint.model.document import Document

# Weak signals: fine alone, but spinners leave them at many times the usual rate.
_WEAK_PHRASES = PhraseIndex([
    "stated", "additionally", "nations", "within the", "in line with", "in keeping with", "moreover", "furthermore",
    "nonetheless", "throughout", "individuals", "officers", "resembling", "whereas", "12 months", "yr",
])
# Weak patterns, each tried only when the document has its trigger word, each starting with a
# literal so the engine skips ahead at C speed: "the 2 nations" (a spinner's digit), "however"
# used as "how" ("however this is done"), a lowercase "america" (not "latinamerica.com").
_WEAK_PATTERNS = (
    ("2", re.compile(r"2\s+[a-z]"), re.compile(r"(?:^|\W)[Tt]he\s+$")),
    ("however", re.compile(r"however(?=\s+\w+\s+(?:is|was|are|were|had|has|have|will|would)\b)"), None),
    ("america", re.compile(r"america\b"), None),
)


def _data() -> spin_data.SpinData:
    """The variant tables, built once per process (the curated NL201 phrases excluded)."""
    global _DATA
    if _DATA is None:
        curated: frozenset[str] = frozenset()
        pack = builtin_pack_dir() / "spin.toml"
        if pack.exists():
            curated = frozenset(k for spec in load_pack_file(pack, validate=False) for k in spec.phrases)
        _DATA = spin_data.load(curated)
    return _DATA


@lru_cache(maxsize=1)
def _indexes() -> tuple[PhraseIndex, PhraseIndex]:
    """Phrase indexes over the lowercase and the capitalised variants."""
    data = _data()
    return PhraseIndex(data.nocase), PhraseIndex(data.cased, case_sensitive=True)


_DATA: spin_data.SpinData | None = None


def _hits(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, original) of every generated variant in ``doc``, shared by NL202 and NL203."""
    cached = doc.memo.get("spin.hits")
    if cached is not None:
        return cached  # type: ignore[return-value]
    data = _data()
    nocase, cased = _indexes()
    out = []
    for index, table, sensitive in ((nocase, data.nocase, False), (cased, data.cased, True)):
        for start, end, text in index.find(doc):
            found = lookup(table, text, sensitive)
            if found is not None:
                out.append((start, end, found[0]))
    out.sort()
    doc.memo["spin.hits"] = out
    return out


class SpunExpression(Rule):
    """A fixed news expression with a word swapped for a thesaurus synonym."""

    meta = RuleMeta(
        code="NL202", name="spun-expression", category="spin",
        summary="Fixed expression with a spinner's synonym swap",
        what="Generates the spun variants of several hundred fixed news expressions (titles, "
             "institutions, collocations such as \"press conference\", \"took office\", \"interest "
             "rates\") from a table of the swaps spinners make (department→division, "
             "national→nationwide, office→workplace, Chinese→Chinese language, …) and finds them all "
             "in one pass. Swaps that are also good English (\"nations\", \"stated\") only count towards "
             "NL203.",
        why="A spinner's swap inside a fixed expression changes a title or an institution into "
            "nonsense (\"Chinese language President\", \"Home Speaker\") and marks the copy as spun.",
        bad="The Russian language Foreign Minister said curiosity rates would rise.\n",
        good="The Chinese President met the House Speaker after a press conference, and both nations "
             "stated their aims. The Home Office said the Chinese language teachers would stay.\n",
        fix_safety=FixSafety.UNSAFE,
        fix_note="The fix restores the expression; read it before accepting.",
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag each strong variant, with the original expression as the fix."""
        for start, end, original in _hits(doc):
            spun = doc.text[start:end]
            fixed = match_case(spun, original)
            yield doc.diagnostic(self.meta, start, end, f"Spun expression '{spun}': the original reads '{fixed}'",
                                 edits=[doc.edit(start, end, fixed)], fix_description=f"Replace with '{fixed}'")


class SpunArticle(Rule):
    """The article as a whole reads as machine-spun."""

    runs_last = True
    meta = RuleMeta(
        code="NL203", name="spun-article", category="spin",
        summary="Article reads as machine-spun",
        what="Scores spin evidence from knowledge of English. Per 1,000 words the language model "
             "judges (CMU Sphinx US English bigrams; lowercase words between two words it knows): "
             "1 point for each word that fits its place at least a thousand times worse than a "
             "thesaurus neighbour would (Moby thesaurus) and that the model has not seen beside both "
             "of its neighbours (\"a prof astatine Brooklyn\": at), and that still fits ten times worse "
             "when each word is taken relative to how common it is (a rare but real word, \"enjoin\", "
             "\"dormancy\", loses to its commoner synonyms on frequency alone), and for each rare synonym "
             "the model does not know (\"twelvemonth\"); never a word alone on its line (a tag or list "
             "item); 0.15 for each word the text would read a "
             "hundred times more probable without (\"is actually the\"). Per 1,000 words: 10 points "
             "for each finding of the other spin rules, 1 for each weak signal that is fine alone "
             "(\"stated\", \"additionally\", \"within the\", \"in line with\"). One finding on the "
             "first line when the score passes the threshold, listing the evidence.",
        why="A spun article has more wrong than the phrases a list can name, and each spinner has its "
            "own thesaurus; the density of ill-fitting words catches any of them. The score tells an "
            "editor to reject the copy rather than fix it phrase by phrase.",
        bad=("The State Division stated additionally that the 2 nations will meet within the week. " * 12 + "\n"),
        good="The State Department said the two countries would meet next week, officials said.\n",
        severity=Severity.WARNING,
        options={"threshold": 125.0, "judged-words": 150, "short-words": 60, "margin": 3.0},
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """One document-level finding when evidence per 1,000 words passes ``threshold``."""
        words = word_count(doc)
        margin = float(self.options["margin"])
        found = spun_verdict(doc, self.options)
        if found is None:
            return
        bar = _bar(self.options, found.parts[2])
        clear = [m for m in found.misfits if m.rare or m.margin > margin]
        start, end = doc.line_span(1, with_newline=False)
        yield doc.diagnostic(
            self.meta, start, max(end, start), f"Article reads as machine-spun: {len(clear)} ill-fitting words or rare synonyms"
            f"{_examples(clear)} and {len(found.misfits) - len(clear)} weaker ones, {found.parts[1]} words the text "
            f"reads far more probable without, {found.unseen:.0%} of word pairs never seen by the language model, "
            f"{found.strong} spun phrases and {found.weak} weak signals in {words} "
            f"words (score {found.score:.0f}, threshold {bar:.0f})",
        )


def _bar(options: dict[str, object], judged: int) -> float:
    """The score a text whose model judged ``judged`` words must reach: ``threshold`` from
    ``judged-words`` up; below, ``threshold`` times the square root of ``judged-words`` / ``judged``.
    The score is a density over the judged words, so they are its sample: over fewer of them it
    varies more, by about that factor (100 judged words need 1.22 times the bar, 40 words 1.94
    times). Counting all words instead let a wire story of tables, figures and names (a tenth of
    its words judged) pass on a handful of words: 65 of 3,638 Reuters stories, none spun."""
    full = int(options["judged-words"])  # type: ignore[call-overload]
    return float(options["threshold"]) * max(1.0, full / max(judged, 1)) ** 0.5  # type: ignore[arg-type]


def spun_verdict(doc: Document, options: dict[str, object]) -> ArticleScore | None:
    """NL203's score when the text reads as spun (``_bar``), else None; shared by NL203 and NL204."""
    words = word_count(doc)
    if words < int(options["short-words"]):  # type: ignore[call-overload]
        return None
    found = article_score(doc, float(options["margin"]))  # type: ignore[arg-type]
    judged = found.parts[2]
    if judged < _MIN_JUDGED or judged < _MIN_JUDGED_SHARE * words:
        return None  # mostly not English prose the model reads (another language, a table): no density
    return found if found.score >= _bar(options, judged) else None


# The score is a density over the words the model judged: too few of them and it means nothing.
# Edited English news has 25-85% of its words judged (median 65%), spun copy 31-75%; a Spanish,
# German or French page 4-20%.
_MIN_JUDGED, _MIN_JUDGED_SHARE = 20, 0.25


_PHRASE_CODES = ("NL201", "NL202")
_REPEATS = 2  # occurrences of one misfit word that count
LOW_MARGIN = 2.0  # log10: a neighbour a hundred times as probable: weaker evidence, one point


class ArticleScore(NamedTuple):
    """NL203's score and the evidence behind it."""

    score: float
    misfits: list[spin_model.Misfit]  # from ``low_margin`` up
    strong: int  # spun phrases (NL201/NL202)
    weak: int  # weak signals
    unseen: float  # share of adjacent model-word pairs the model has never seen
    parts: tuple[int, ...] = ()  # clear misfits counted (capped), deletable words, words judged


UNSEEN_MARGIN = 1.0  # log10: NL204's weaker words, a neighbour ten times as probable where the word broke both pairs
# Weights of the score (issue 15, fourth step; docs/spin.md says how they were chosen).
_W_CLEAR, _W_DELETABLE = 1.0, 0.15  # per 1,000 words judged
_W_PHRASE, _W_WEAK = 10.0, 1.0  # per 1,000 words


def article_score(doc: Document, margin: float, low_margin: float = LOW_MARGIN) -> ArticleScore:
    """NL203's score, its ill-fitting words (from ``low_margin`` up), spun phrases and weak signals.

    Per 1,000 words the model **judged** (lowercase words between two model words; the share of
    them varies with names and numbers, and a spinner's swaps are among them): one point for each
    word a neighbour fits more than ``margin`` better, or rare synonym (each word's first two
    occurrences only), and 0.15 for each word the text would read a hundred times more probable
    without (``spin_model.DELETABLE``: a spinner's word breaks the flow, "is actually the", "the
    banking company has"). Per 1,000 words: ten for each spun phrase, one for each weak signal."""
    counts: dict[str, int] = doc.memo.get("counts", {})  # type: ignore[assignment]
    strong = sum(n for code, n in counts.items() if code in _PHRASE_CODES)
    strong = max(strong, len(_hits(doc)))
    key = ("spin.score", margin, low_margin, strong)  # NL203 and NL204 both ask
    cached = doc.memo.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    weak = len(_WEAK_PHRASES.find(doc)) + _weak_pattern_count(doc)
    evidence = spin_model.misfits(doc, min(margin, low_margin))
    clear = 0
    repeats = Counter[str]()
    for m in evidence.misfits:
        repeats[m.word.lower()] += 1
        # A topic word ("labor", "ruck") counts twice at most; a rare real word or a tag not at all.
        if repeats[m.word.lower()] <= _REPEATS and (m.rare or m.margin > margin) and spin_counted.counts(doc, m):
            clear += 1
    judged = max(evidence.judged, 1)
    score = ((_W_CLEAR * clear + _W_DELETABLE * evidence.deletable) * 1000 / judged
             + (_W_PHRASE * strong + _W_WEAK * weak) * 1000 / max(word_count(doc), 1))
    unseen = evidence.unseen / max(evidence.pairs, 1)
    result = ArticleScore(score, evidence.misfits, strong, weak, unseen, (clear, evidence.deletable, evidence.judged))
    doc.memo[key] = result
    return result


def _examples(misfits: list[spin_model.Misfit], most: int = 5) -> str:
    """The clearest few ill-fitting words, as evidence for the message."""
    if not misfits:
        return ""
    best: dict[str, spin_model.Misfit] = {}
    for m in sorted(misfits, key=lambda m: (-(9.0 if m.rare else m.margin), m.start)):
        best.setdefault(m.word.lower(), m)  # each word once
    shown = [f"'{m.word}' (rare synonym)" if m.rare else
             f"'{m.word}' (model prefers '{m.better}')" if m.better else f"'{m.word}'"
             for m in sorted(list(best.values())[:most])]
    return " such as " + ", ".join(shown)


def _weak_pattern_count(doc: Document) -> int:
    """How many of the weak patterns the prose holds."""
    words = doc_words(doc)
    prose = doc.prose
    count = 0
    for trigger, pattern, before in _WEAK_PATTERNS:
        if trigger not in words:
            continue
        for m in pattern.finditer(prose):
            start = m.start()
            if start and (prose[start - 1].isalnum() or prose[start - 1] in "_."):
                continue  # inside a word or a domain name
            if before is not None and not before.search(prose, max(0, start - 12), start):
                continue
            count += 1
    return count


class IllFittingWord(Rule):
    """In an article that reads as spun, a word the model says a thesaurus neighbour would fit far
    better: most likely the spinner's swap."""

    runs_last = True
    meta = RuleMeta(
        code="NL204", name="ill-fitting-synonym", category="spin",
        summary="Word a spinner swapped in, in an article that reads as spun",
        what="Only in an article that NL203 flags: each word that the language model says fits its "
             "place at least ten thousand times worse (`word-margin`, log10) than one of its "
             "thesaurus neighbours, and that the model has not seen beside both of its neighbours "
             "(\"a information convention\": news). Also, with no fix, each word a neighbour fits a thousand "
             "times better (`margin`), or ten times better (`unseen-margin`) when the model has never "
             "seen it after the word before it nor before the word after it (\"gross sales from "
             "emerging rates\"); -ly adverbs excepted (they go almost anywhere). Also each rare synonym there (a thesaurus word "
             "the model does not know: \"twelvemonth\", \"aforesaid\"). The fix is the neighbour that "
             "fits best, when the model has seen it beside both words around it and it fits at least "
             "three times better than any other neighbour, and no word beside it is a misfit too (a "
             "context the spinner rewrote misleads the model); otherwise the word is reported with "
             "no fix rather than a guess.",
        why="Alone, such words are too common in edited text to report (a few per 1,000 words); "
            "in copy that reads as spun they point at the spinner's swaps, and the preferred "
            "neighbour is often the original word.",
        # A whole article: the verdict needs 150 words, and a repeated sentence counts its words twice at most.
        bad=("The assembly aforesaid connected Monday that it would adjacent 2 libraries successful the "
             "bluish of the metropolis adjacent twelvemonth, blaming a autumn successful the wealth it gets "
             "from the authorities. Residents aforesaid they were aggravated astir the program and would "
             "clasp a gathering astatine the municipality hallway connected Friday evening. The person of the "
             "assembly told reporters that nary determination had been made astir the different branches, "
             "but that the fund was nether unit from emergence costs. Opposition members aforesaid the cuts "
             "would wounded children and older radical astir, and called for a ballot earlier the extremity "
             "of the period. A spokesman for the room work aforesaid unit would beryllium offered different "
             "jobs wherever imaginable. The 2 buildings person served the country for much than fifty years, "
             "and a section past radical has asked for their collections to beryllium kept unneurotic. The "
             "last determination is expected successful the outpouring, aft a nationalist consultation that "
             "volition tally for six weeks.\n"),
        good="The council said the budget was under pressure from rising costs.\n",
        fix_safety=FixSafety.UNSAFE,
        fix_note="The neighbour is the model's guess at the original (right in about nine of ten "
                 "findings on real spun pages that carry a fix): read it before accepting.",
        options={"threshold": 125.0, "judged-words": 150, "short-words": 60, "margin": 3.0, "word-margin": 4.0,
                 "unseen-margin": UNSEEN_MARGIN},
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag the clearest misfits of a spun article, with the preferred neighbour as the fix."""
        found = spun_verdict(doc, self.options)
        if found is None:
            return
        for m in _reported(doc, found.misfits, float(self.options["margin"]), float(self.options["word-margin"]),
                           float(self.options["unseen-margin"])):
            if m.rare:
                yield self._rare(doc, m)
                continue
            if m.margin <= float(self.options["word-margin"]):
                yield doc.diagnostic(
                    self.meta, m.start, m.end, f"'{m.word}' fits here worse than a thesaurus neighbour would ({m.margin:.1f} "
                    "log10), in an article that reads as spun: likely a spinner's word (no original is guessed at this "
                    "margin)")
                continue
            if not m.better:
                yield doc.diagnostic(
                    self.meta, m.start, m.end, f"'{m.word}' does not fit here (a thesaurus neighbour is {m.margin:.1f} "
                    "log10 more probable, but no single one is clearly the original) in an article that reads as spun")
                continue
            fixed = match_case(m.word, m.better)
            yield doc.diagnostic(
                self.meta, m.start, m.end, f"'{m.word}' does not fit here (the language model prefers its "
                f"thesaurus neighbour '{fixed}', {m.margin:.1f} log10 more probable) in an article that reads as spun",
                edits=[doc.edit(m.start, m.end, fixed)], fix_description=f"Replace with '{fixed}'")

    def _rare(self, doc: Document, m: spin_model.Misfit) -> Diagnostic:
        """A rare synonym: the thesaurus knows it, the news model does not. The fix is its
        neighbour that fits here (seen beside both words around it), when one does."""
        text = (f"'{m.word}' is a rare synonym (a thesaurus lists it, a news language model does not know it) "
                "in an article that reads as spun")
        if not m.better:
            return doc.diagnostic(self.meta, m.start, m.end, text)
        fixed = match_case(m.word, m.better)
        return doc.diagnostic(self.meta, m.start, m.end, f"{text}; its neighbour '{fixed}' fits here",
                              edits=[doc.edit(m.start, m.end, fixed)], fix_description=f"Replace with '{fixed}'")


def _reported(doc: Document, scored: list[spin_model.Misfit], margin: float, word_margin: float,
              unseen_margin: float) -> list[spin_model.Misfit]:
    """The misfits NL204 reports in an article that reads as spun: each rare synonym and each word
    a neighbour fits more than ``word_margin`` better, as before; and, not an ``-ly`` adverb (an
    adverb goes almost anywhere, and a bigram model cannot tell where: on spun pages those were
    wrong as often as right), each word a neighbour fits more than ``margin`` better, or more than
    ``unseen_margin`` better when the model has never seen the word after the one before it **nor**
    before the one after it (a spinner's word breaks both pairs: "the drag on gross sales",
    "rates of interest"; an editor's unusual word mostly keeps one).

    The weaker ones carry no restored original (on the wild pages the model's guess for them was
    right 3 times in 10). ``scored`` is NL203's evidence (misfits from ``LOW_MARGIN``); the words between
    ``unseen_margin`` and it come from a second scan, only here (a flagged article)."""
    out = [m for m in scored if m.rare or m.margin > word_margin]
    weaker = [m for m in scored if not m.rare and m.margin <= word_margin and not m.word.lower().endswith("ly")]
    if unseen_margin < LOW_MARGIN:
        seen = {m.start for m in scored}
        weaker += [m for m in spin_model.misfits(doc, unseen_margin).misfits
                   if m.start not in seen and not m.rare and not m.word.lower().endswith("ly")]
    for m, (left, right) in zip(weaker, spin_model.unseen_sides(doc, weaker)):
        if m.margin > margin or (left and right):
            out.append(m._replace(better=""))  # no fix: on spun pages these guesses were mostly wrong
    out.sort(key=lambda m: m.start)
    return out


RULES = [SpunExpression, SpunArticle, IllFittingWord]

"""Which of the scan's ill-fitting words count towards NL203's score (issue 15, precision step).

The scan (``model.py``) calls a word ill-fitting when a thesaurus neighbour would be a thousand
times more probable in its place and the model has not seen it beside both of its neighbours. On
held-out wire copy and a policy post most such words were real words in their right places:
rare ones ("enjoin", "dormancy", "conformance") whose commoner synonyms win on frequency alone,
and tags in a list that the scan read as one sentence. Those are not a spinner's evidence.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from newslint.families.spin import model

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newslint.model.document import Document


FREQUENCY_MARGIN = 1.0  # log10: a neighbour that fits ten times better than its commonness explains


def counts(doc: Document, m: model.Misfit) -> bool:
    """Whether an ill-fitting word or rare synonym of ``doc`` is a spinner's evidence: not alone on
    its line (``on_label_line``), and, unless it is a rare synonym, still ill-fitting once each word
    is taken relative to how common it is (``frequency_margin`` above ``FREQUENCY_MARGIN``)."""
    if on_label_line(doc.prose, m.start):
        return False
    return m.rare or m.at < 1 or _frequency_margin(doc, m.at) > FREQUENCY_MARGIN


def _frequency_margin(doc: Document, at: int) -> float:
    """``frequency_margin`` of the token at ``at``: the compiled core's scan hands it back for
    each of its misfits (the same arithmetic in the same order, so the same float), which spares
    a Python look-up per thesaurus neighbour; the pure scans leave it to be computed here."""
    known: dict[int, float] | None = doc.memo.get("spin.frequency")  # type: ignore[assignment]
    if known is not None and at in known:
        return known[at]
    return frequency_margin(model.token_ids(doc), at)


def frequency_margin(ids: Sequence[int], at: int) -> float:
    """How much better (log10) the best thesaurus neighbour ``c`` of the word at token ``at``
    fits between the words around it than the word ``w`` does, each taken relative to how common
    it is: ``max_c (log P(c | p) + log P(q | c) - log P(c)) - (log P(w | p) + log P(q | w) - log P(w))``.

    A bigram model prefers a common word in any place it has seen little of: beside a rare but
    real word ("enjoin the tender offer", "break dormancy in March", "improve accessibility
    conformance") its commoner synonyms score a thousand times better only because they are
    commoner, and the model has not seen the rare word's pairs. A spinner's swap breaks the
    context itself ("a prof astatine", "wherever imaginable", "suffice towards offer"): its
    neighbour still fits better once commonness is taken out."""
    m = model.model()
    p, w, q = int(ids[at - 1]), int(ids[at]), int(ids[at + 1])
    unigram = m.arrays["unigram"]

    def fit(c: int) -> float:
        return m.logprob(p, c)[0] + m.logprob(c, q)[0] - unigram[c] / m.quant

    return max(map(fit, m.neighbours(w)), default=-1e9) - fit(w)


def on_label_line(prose: str, at: int) -> bool:
    """Whether the word at ``at`` is alone on its line, once a list marker is taken off: a tag, a
    list item or a table cell ("- usability" in a list of topics) is a label, not a sentence. The
    scan reads such a line as part of the sentence around it (a line break between lowercase
    letters is a hard wrap), so its fit there says nothing about the writer or a spinner."""
    start = prose.rfind("\n", 0, at) + 1
    end = prose.find("\n", at)
    return len(prose[start : end if end >= 0 else len(prose)].strip().lstrip("-*+ \t").split()) == 1

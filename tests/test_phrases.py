"""PhraseIndex: the str.startswith fast path must find exactly what the phrase patterns find."""
from __future__ import annotations

import pytest

from newslint.api import phrases
from newslint.model.document import Document

INDEX = {"state division": "state department", "nationwide safety adviser": "national security adviser",
         "division": "department", "safety": "security"}
TEXTS = [
    "The State Division said the nationwide safety adviser would travel.",
    "The State  Division said so.",  # two spaces: the pattern path
    "The State\nDivision said so.",  # a line break inside the phrase
    "The State\u00a0Division said so.",  # a no-break space: the pattern path for the whole article
    "A state-division plan; subdivision; divisions; division-level; the division.",
    "nationwide safety advisers and the nationwide safety adviser's office",
    "STATE DIVISION, State Division, state division",
]


def spans(index, text, *, force_patterns):
    doc = Document.from_text("a.txt", text)
    if force_patterns:
        doc.memo["odd_spaces"] = True
    return index.find(doc)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("case_sensitive", [False, True])
def test_fast_path_equals_patterns(text, case_sensitive):
    table = {k.title() if case_sensitive else k: v for k, v in INDEX.items()}
    index = phrases.PhraseIndex(table, case_sensitive=case_sensitive)
    assert spans(index, text, force_patterns=False) == spans(index, text, force_patterns=True)


def test_longest_phrase_wins_and_word_boundaries_hold():
    index = phrases.PhraseIndex(INDEX)
    found = [t for _, _, t in spans(index, TEXTS[0] + " " + TEXTS[4], force_patterns=False)]
    # "State Division" beats its own "Division"; hyphenated and longer words are not matches.
    assert found == ["State Division", "nationwide safety adviser", "division"]


PAIRED = {"the 2 leaders": "the two leaders", "2 months": "two months", "basic meeting": "key meeting",
          "division": "department"}
PAIRED_TEXTS = [
    "The 2 leaders met for 2 hours; a basic meeting followed.",
    "The 2\u2009leaders met.",  # a thin space: split like any whitespace
    "The 2\nleaders met and talked for 2\n months.",
    "THE 2 LEADERS, the 2-leaders plan, the 2 leaders' meeting.",
    "In 2 weeks the leaders held a meeting, basic as it was, in the division.",  # words, not pairs
]


@pytest.mark.parametrize("text", PAIRED_TEXTS)
@pytest.mark.parametrize("case_sensitive", [False, True])
def test_pair_gate_hides_no_match(text, case_sensitive):
    # The pair gate only skips anchors none of whose phrases can be there: the same spans as
    # searching every anchor whose word is present.
    index = phrases.PhraseIndex(PAIRED, case_sensitive=case_sensitive)
    ungated = phrases.PhraseIndex(PAIRED, case_sensitive=case_sensitive)
    ungated._gates = dict.fromkeys(ungated._gates)
    for force in (False, True):
        assert spans(index, text, force_patterns=force) == spans(ungated, text, force_patterns=force)


def test_pair_gate_skips_an_anchor_whose_pairs_are_absent(monkeypatch):
    index = phrases.PhraseIndex(PAIRED)
    searched = []
    real = index._near_anchor
    monkeypatch.setattr(index, "_near_anchor", lambda key, *a: searched.append(key) or real(key, *a))
    assert spans(index, PAIRED_TEXTS[-1], force_patterns=False) == [(63, 71, "division")]
    assert searched == ["division"]  # "2", "meeting": their words are there, their pairs are not
    assert [t for _, _, t in spans(index, PAIRED_TEXTS[0], force_patterns=False)] == [
        "The 2 leaders", "basic meeting"]

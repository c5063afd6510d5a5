"""PhraseIndex: the str.startswith fast path must find exactly what the phrase patterns find."""
from __future__ import annotations

import pytest

from newslint import phrases
from newslint.document import Document

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

"""NL421 promo-headline: another story's headline left between two paragraphs, with no label.

Fixtures written here in three site styles (a regional paper, a wire report, a magazine feature),
each in both layouts: blank lines between paragraphs, and one paragraph per line.
"""
from __future__ import annotations

import pytest

from newslint.testing import lint_text

REGIONAL = [
    "The regional water board approved a plan on Wednesday to replace ageing pipes under the old town, a "
    "project expected to take four years.",
    "Residents had complained for months about brown water and low pressure, and the board said the repairs "
    "could not wait any longer.",
    "The work will be paid for by a rise of about three percent in water bills, spread over the next two years, "
    "the board said.",
]
WIRE = [
    "Dock workers at Port Ellis voted on Thursday to end a nine-day strike that had left more than forty "
    "container ships waiting offshore.",
    "The union said 71 percent of its members backed the offer, which raises hourly pay by six percent this "
    "year and four percent next year.",
    "Shipping lines had diverted cargo to two smaller ports along the coast, where queues of lorries stretched "
    "for several miles.",
]
MAGAZINE = [
    "When the last baker in Hollin Cross retired in 2015, the village lost more than its bread: it lost the "
    "one place where everyone met.",
    "Eight years later, a couple who moved from the city have reopened the shop, and the queue on Saturday "
    "mornings now reaches the church.",
    "Flour comes from a mill twenty miles away, and the eggs from a farm at the end of the lane, the couple said.",
]
STYLES = {"regional": REGIONAL, "wire": WIRE, "magazine": MAGAZINE}
PROMOS = ["Council votes to close two libraries", "How a storm changed one fishing harbour forever",
          "Five things we learned from the election debate", "Is this the end for cheap summer flights abroad?"]


def layout(paras: list[str], middle: str, blank: bool) -> str:
    sep = "\n\n" if blank else "\n"
    return sep.join([paras[0], middle, *paras[1:]]) + "\n"


def found(text: str, name: str = "a.txt") -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in lint_text(text, ["NL421"], name=name)]


@pytest.mark.parametrize("blank", [True, False], ids=["blank-lines", "one-per-line"])
@pytest.mark.parametrize("promo", PROMOS)
@pytest.mark.parametrize("style", list(STYLES))
def test_promo_headline_between_paragraphs_is_flagged(style, promo, blank):
    text = layout(STYLES[style], promo, blank)
    assert found(text) == [(3 if blank else 2, "NL421")]


SUBHEADINGS = {
    "regional": "Brown water and low pressure for months",
    "wire": "Ships queue offshore as the strike drags on",
    "magazine": "Why the village lost its only bakery",
}


@pytest.mark.parametrize("blank", [True, False], ids=["blank-lines", "one-per-line"])
@pytest.mark.parametrize("style", list(STYLES))
def test_subheading_that_shares_words_with_the_story_is_clean(style, blank):
    assert found(layout(STYLES[style], SUBHEADINGS[style], blank)) == []


@pytest.mark.parametrize("line", ["What happens next", "Looking ahead to the spring", "Council votes to close two libraries."])
def test_short_subheading_or_a_sentence_is_clean(line):
    assert found(layout(REGIONAL, line, True)) == []


def test_not_above_or_after_the_story_nor_in_markdown():
    promo = PROMOS[0]
    assert found(promo + "\n\n" + "\n\n".join(REGIONAL) + "\n") == []
    assert found("\n\n".join(REGIONAL) + "\n\n" + promo + "\n") == []
    assert found(layout(REGIONAL, "## " + promo, True), "post.md") == []
    assert found(layout(REGIONAL, "- " + promo, True), "post.md") == []


def test_the_fix_is_unsafe_and_deletes_only_the_line():
    (d,) = lint_text(layout(WIRE, PROMOS[1], True), ["NL421"])
    assert d.fix is not None and d.fix.safety.value == "unsafe" and d.severity.value == "info"
    from newslint.engine.fixer import apply_fixes

    text = layout(WIRE, PROMOS[1], True)
    fixed, _ = apply_fixes(text, [d], unsafe=True)
    assert fixed == "\n\n".join(WIRE) + "\n"

"""NL601's cost: one verdict per distinct word per run, linear in token length (issue 22)."""
from __future__ import annotations

import time

from newslint.families.spelling import suggest as spelling_suggest
from newslint.testing import lint_text


def test_a_verdict_is_computed_once_per_distinct_word(monkeypatch):
    calls = []
    real = spelling_suggest._judge
    monkeypatch.setattr(spelling_suggest, "_judge", lambda w: calls.append(w) or real(w))
    spelling_suggest._VERDICTS.clear()
    text = "The qwzxtion and the qwzxtion.\n" * 200
    lint_text(text, ["NL601"])
    lint_text(text, ["NL601"])  # a second document in the same process
    assert calls.count("qwzxtion") == 1


def test_many_entities_cost_little():
    text = "A&nbsp;b " * 5000 + "\n"
    start = time.process_time()
    assert lint_text(text, ["NL601"]) == []
    assert time.process_time() - start < 2.0


def _cost(size: int) -> float:
    url = "https://example.com/" + "recieved/" * size
    text = f"See {url} and recieved {url} again.\n"
    start = time.process_time()
    diags = lint_text(text, ["NL601"])
    assert len(diags) == 1
    return time.process_time() - start


def test_a_long_url_costs_linear_time():
    _cost(100)  # warm the data
    small, large = _cost(2_500), _cost(10_000)
    assert large < 0.5 and large < 8 * small + 0.05


def test_many_unknown_words_are_found_in_one_pass_with_the_same_result(monkeypatch):
    from newslint.families.spelling import rules as spelling

    words = [f"qwz{a}{b}x" for a in "abcdefgh" for b in "ijklmnop"]  # 64 distinct unknown words
    text = " ".join(words) + " x-qwzaix qwzaix_ *qwzbix* Qwzcix caf&qwzdix; qwzeixé qwzfix. qwzgix"
    one_pass = sorted(spelling._occurrences(text, words))
    monkeypatch.setattr(spelling, "_FIND_AT_MOST", 10**9)
    assert sorted(spelling._occurrences(text, words)) == one_pass
    assert len(one_pass) == 66 and (text.index("qwzfix."), "qwzfix") in one_pass

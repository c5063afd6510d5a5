"""The repetition scan on a large article files only the runs of words that occur twice
(``tables.twice``, issue 18: memory), in arrays; the findings must be those of the scan that files
every run in dicts."""
from __future__ import annotations

import random
import runpy
from collections import Counter
from pathlib import Path

import pytest

from newslint.families.repetition import tables
from newslint.testing import lint_text

ROOT = Path(__file__).resolve().parents[1]


def _article() -> str:
    """A generated article of ~300 paragraphs with pasted copy of every kind the scan finds: a
    paragraph pasted again, a block pasted again, a near copy, a long passage inside another
    paragraph."""
    rng = random.Random(18)
    paragraphs = runpy.run_path(str(ROOT / "benchmarks" / "bigfile.py"))["paragraphs"]
    gen = paragraphs(rng)
    paras = [next(gen) for _ in range(300)]
    long = [p for p in paras if len(p.split()) >= 40]
    out = list(paras)
    out.insert(120, long[0])  # a paragraph pasted again
    out[200:200] = out[10:13]  # a block pasted again
    words = long[1].split()
    words[len(words) // 2] = "meanwhile"
    out.insert(240, " ".join(words))  # a near copy
    sentence = max((s for p in long[2:] for s in p.split(". ")), key=len)
    out.insert(260, f"Later that week the committee met again. {sentence}. Nobody objected.")
    return "\n\n".join(out) + "\n"


def _findings(text: str) -> list[tuple[str, int, int, str]]:
    return sorted((d.code, d.line, d.column, d.message) for d in lint_text(text, ["repetition"]))


def test_filtered_scan_finds_what_the_full_scan_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _article()
    monkeypatch.setattr(tables, "FILTER_RUNS", 10**12)  # every run filed
    full = _findings(text)
    monkeypatch.setattr(tables, "FILTER_RUNS", 0)  # only the runs that occur twice
    filtered = _findings(text)
    assert {code for code, *_ in full} == {"NL101", "NL102", "NL103", "NL104"}, full
    assert filtered == full


def test_twice_is_the_runs_counted_twice_or_more(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "FILTER_RUNS", 0)
    rng = random.Random(5)
    lists = [[rng.choice("abcdef") for _ in range(rng.randint(0, 30))] for _ in range(200)]
    counts = Counter(h for ws in lists for h in tables.run_hashes(ws, 5))
    repeated = tables.twice(lists, 5)
    assert repeated is not None
    assert repeated.hashes.tolist() == sorted(h for h, n in counts.items() if n > 1)
    empty = tables.twice([["a", "b"]], 5)
    assert empty is not None and len(empty) == 0  # no run at all
    assert list(empty.holding([[1, 2, 3, 4, 5]], 5)) == [None] and len(empty.find([1, 2])[0]) == 0


def test_twice_leaves_a_small_article_to_the_dicts() -> None:
    assert tables.twice([["a"] * 10], 5) is None

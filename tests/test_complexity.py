"""Complexity (issue 22): each input grown 4x must cost about 4x, not 16x.

A cost that grows super-linearly in one document starves everything else (the editor's other
documents, a CI run). Each case is timed in CPU seconds (the machine is shared), best of three,
at a size where the small run takes at least ~20 ms (grown until it does, so noise on a fast
machine cannot decide), then at four times that size. Linear growth gives a ratio of ~4,
quadratic ~16; the test fails above 9, which leaves room for noise and n log n.
"""
from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Callable

import pytest

from newslint.config.settings import Config
from newslint.engine.lint import Engine
from newslint.engine.fixer import unified_diff
from newslint.engine.runner import RunOptions, lint_file
from newslint.testing import registry

ENGINE = Engine(registry(), set(registry().resolve(None)), Config())
LIMIT = 9.0
WORDS = ("the council said on monday that its budget for schools and roads would rise next year after "
         "a long review by officials and members of the public who wrote to the mayor").split()


def story(n: int, seed: int = 1) -> str:
    """``n`` distinct, clean paragraphs (distinct, so no repetition rule fires)."""
    rng = random.Random(seed)
    paragraphs = []
    for _ in range(n):
        words = rng.choices(WORDS, k=18)
        paragraphs.append(" ".join(words).capitalize() + ".")
    return "\n\n".join(paragraphs) + "\n"


def lint_fix(text: str) -> None:
    result = lint_file(ENGINE, Path("a.md"), "a.md", RunOptions(fix=True), data=text.encode("utf-8"))
    assert result.error is None, result.error


def choosing_fixes(n: int) -> Callable[[], object]:
    """Only the fixer's choice of ``40 n`` fixes (the findings are made outside the timing)."""
    from newslint.model.document import Document
    from newslint.engine.fixer import apply_fixes

    text = "word\u200b " * (40 * n) + "\n"
    diags = ENGINE.lint(Document.from_text("a.md", text))[0]
    return lambda: apply_fixes(text, diags, False)


def text_output(n: int) -> Callable[[], object]:
    """The text format's lines for ``100 n`` findings on one line (a scraped paragraph)."""
    from newslint.model.document import Document
    from newslint.output.text import format_diagnostic

    text = "The caf\u00c3\u00a9 is open. " * (100 * n) + "\n"
    diags, line = ENGINE.lint(Document.from_text("a.md", text))[0], text[:-1]
    return lambda: [format_diagnostic(d, line, False) for d in diags]


CASES: dict[str, Callable[[int], Callable[[], object]]] = {
    # each finding printed its whole line: 7,000 mojibake findings on a 64,000-character line
    # printed 450 million characters (7.8 s, 2.6 GB)
    "text output of many findings on one line": text_output,
    "choose many fixes": choosing_fixes,
    # 20,000 zero-width spaces took 91 s to fix (the overlap test was quadratic in the fixes)
    "fix many invisible characters": lambda n: lambda: lint_fix("word\u200b " * (40 * n) + "\n"),
    "lint clean paragraphs": lambda n: lambda: lint_fix(story(4 * n)),
    "fix debris lines": lambda n: lambda: lint_fix((story(1) + "\nRelated posts\n\nShare this:\n\n") * n),
    "lint one long line": lambda n: lambda: lint_fix(" ".join(WORDS[i % len(WORDS)] for i in range(300 * n)) + ".\n"),
    # NL601's one-edit candidates of a 10,000-letter URL path: 27 s and 5 GB (issue 22)
    "lint one long token": lambda n: lambda: lint_fix("See https://example.com/" + "a" * (1000 * n) + " now.\n"),
    # 5,000 zero-width spaces between letters: fixed, they glue one long word (157 s, 20 GB)
    "fix invisible characters inside a word": lambda n: lambda: lint_fix("word\u200b" * (250 * n) + "\n"),
    # NL501 diffed each repaired line by character: a 16,000-character paragraph took 70 s
    "fix a paragraph of mojibake": lambda n: lambda: lint_fix(
        "Le caf\u00c3\u00a9 de la gare, o\u00c3\u00b9 l\u00e2\u20ac\u2122on sert des cr\u00c3\u00aapes. " * (40 * n) + "\n"),
    # NL413 looks at the last paragraphs: one long one, first person, at the end of the story
    "lint a long last paragraph": lambda n: lambda: lint_fix(
        story(2) + "\n" + "I am a writer and I love my passion for content. " * (60 * n) + "\n"),
    "diff of many changes": lambda n: lambda: unified_diff(
        "a.md", ("line\u200b\n" * (200 * n)).encode(), ("line\n" * (200 * n)).encode()),
}


def cpu(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("case", list(CASES))
def test_growth_is_linear(case):
    make = CASES[case]
    make(1)()  # warm up: patterns compiled, caches filled
    n = 1
    small = cpu(make(n))
    while small < 0.02 and n < 256:
        n *= 2
        small = cpu(make(n))
    large = cpu(make(4 * n))
    ratio = large / max(small, 1e-6)
    assert ratio < LIMIT, f"{case}: {small * 1000:.0f} ms at n={n}, {large * 1000:.0f} ms at 4n: x{ratio:.1f}"


def test_a_long_line_is_shown_cut_with_the_caret_under_the_finding():
    from newslint.model.document import Document
    from newslint.output.text import SHOWN_MAX, format_diagnostic

    text = "x" * 5000 + " The caf\u00c3\u00a9 is open. " + "y" * 5000 + "\n"
    (diag,) = [d for d in ENGINE.lint(Document.from_text("a.md", text))[0] if d.code == "NL501"]
    _, _, line, carets = format_diagnostic(diag, text[:-1], False).splitlines()
    shown = line.split("| ", 1)[1]
    assert len(shown) <= SHOWN_MAX + 2 and shown.startswith("\u2026") and shown.endswith("\u2026")
    start = carets.index("^")
    assert line[start : start + carets.count("^")] == "\u00c3\u00a9"  # both lines have the same gutter

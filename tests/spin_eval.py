"""Shared helpers for measuring spin recall on labelled texts (tests and benchmarks/spin_recall.py).

A labelled spun text marks each spun phrase as ``[[spun|original]]``; the plain text is what a
spinner printed.
"""
from __future__ import annotations

import re
from pathlib import Path

LABEL = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")
DATA = Path(__file__).resolve().parent / "data" / "spin"


def unlabel(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The plain text and the (start, end, original) of every labelled spun phrase."""
    out, spans, pos, last = [], [], 0, 0
    for m in LABEL.finditer(marked):
        out.append(marked[last : m.start()])
        pos += m.start() - last
        spans.append((pos, pos + len(m.group(1)), m.group(2)))
        out.append(m.group(1))
        pos += len(m.group(1))
        last = m.end()
    out.append(marked[last:])
    return "".join(out), spans


def recall(marked: str, found: list[tuple[int, int]]) -> tuple[int, int]:
    """(labelled phrases overlapped by a finding, labelled phrases)."""
    _, spans = unlabel(marked)
    hit = sum(1 for s, e, _ in spans if any(a < e and s < b for a, b in found))
    return hit, len(spans)

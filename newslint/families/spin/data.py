"""Spin data: the fixed expressions, the spinners' swaps, and the variants generated from them.

Loaded once per process from ``rules/data/`` (see the comments in those files). Generation is
deterministic: every expression gets each single swap and each pair of swaps at different words;
a variant is *strong* when at least one of its swaps is strong, otherwise *weak*.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from newslint.api.packs import builtin_pack_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MAX_SWAPS = 2


@dataclass(frozen=True)
class Swap:
    """Replace ``words`` (lowercase tokens) by ``replacement``; ``kind`` is strong/title/weak."""

    words: tuple[str, ...]
    replacement: str
    kind: str


@dataclass
class SpinData:
    """Variants by matching key: ``nocase`` (lowercased) and ``cased`` (exact) → (original, strong)."""

    nocase: dict[str, tuple[str, bool]] = field(default_factory=dict)
    longest: int = 1  # words in the longest variant
    cased: dict[str, tuple[str, bool]] = field(default_factory=dict)
    expressions: list[str] = field(default_factory=list)
    swaps: list[Swap] = field(default_factory=list)
    allow: set[str] = field(default_factory=set)


def data_dir() -> Path:
    """``rules/data`` of the installed package or the source checkout."""
    return builtin_pack_dir() / "data"


def read_lines(path: Path) -> list[str]:
    """Non-blank, non-comment lines of a data file."""
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def load_swaps(path: Path) -> list[Swap]:
    """The swap table (``[strong]``, ``[title]``, ``[weak]``)."""
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Swap(tuple(key.split()), value, kind)
            for kind in ("strong", "title", "weak") for key, values in table.get(kind, {}).items() for value in values]


def _apply(tokens: list[str], chosen: list[tuple[int, Swap]]) -> str:
    out = list(tokens)
    for start, swap in sorted(chosen, key=lambda c: -c[0]):
        first = tokens[start]
        replacement = swap.replacement
        if first[:1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        out[start : start + len(swap.words)] = [replacement]
    return " ".join(out)


@lru_cache(maxsize=4)
def _index(swaps: tuple[Swap, ...]) -> dict[str, list[Swap]]:
    out: dict[str, list[Swap]] = {}
    for swap in swaps:
        out.setdefault(swap.words[0], []).append(swap)
    return out


def variants(expression: str, swaps: list[Swap], by_first: dict[str, list[Swap]] | None = None) -> list[tuple[str, bool]]:
    """Every spun variant of ``expression`` with one or two swaps, and whether it is strong."""
    tokens = expression.split()
    lower = [t.lower() for t in tokens]
    titled = any(t[:1].isupper() for t in tokens)
    by_first = by_first if by_first is not None else _index(tuple(swaps))
    spots: list[tuple[int, Swap]] = []
    for start in range(len(tokens)):
        for swap in by_first.get(lower[start], ()):
            if swap.kind == "title" and not (titled and tokens[start][:1].isupper()):
                continue
            if tuple(lower[start : start + len(swap.words)]) == swap.words:
                spots.append((start, swap))
    out = []
    for n in range(1, MAX_SWAPS + 1):
        for chosen in combinations(spots, n):
            spans = sorted((s, s + len(w.words)) for s, w in chosen)
            if any(a[1] > b[0] for a, b in zip(spans, spans[1:])):
                continue
            strong = any(w.kind != "weak" for _, w in chosen)
            out.append((_apply(tokens, list(chosen)), strong))
    return out


@lru_cache(maxsize=1)
def load(exclude: frozenset[str] = frozenset()) -> SpinData:
    """The variant tables, built once per process, or read from the per-user cache (building
    them takes ~35 ms, longer than linting an article). ``exclude`` holds phrases another rule
    already reports."""
    from newslint.model.usercache import cached

    folder = data_dir()
    sources = [folder / "spin-expressions.txt", folder / "spin-substitutions.toml", folder / "spin-allow.txt"]
    return cached("spin-data", sources, sorted(exclude), lambda: build(exclude))  # type: ignore[no-any-return]


def build(exclude: frozenset[str] = frozenset()) -> SpinData:
    """Generate the variant tables from the data files."""
    folder = data_dir()
    data = SpinData(
        expressions=read_lines(folder / "spin-expressions.txt"),
        swaps=load_swaps(folder / "spin-substitutions.toml"),
        allow={line.lower() for line in read_lines(folder / "spin-allow.txt")},
    )
    known = {e.lower() for e in data.expressions}
    by_first = _index(tuple(data.swaps))
    for expression in data.expressions:
        titled = any(t[:1].isupper() for t in expression.split())
        for variant, strong in variants(expression, data.swaps, by_first):
            key = variant.lower()
            # Weak-only variants are good English: NL203 counts weak words itself.
            if not strong or key in known or key in data.allow or key in exclude:
                continue
            table, k = (data.cased, variant) if titled else (data.nocase, key)
            data.longest = max(data.longest, len(variant.split()))
            previous = table.get(k)
            if previous is None or (strong and not previous[1]):
                table[k] = (expression, strong)
    return data

"""Which engine does the per-word work: the compiled core or the pure-Python reference.

The compiled core is the optional package ``newslint-core`` (Rust through PyO3, in
``crates/newslint-core``; see docs/core.md). When it is importable, MinHash signatures (NL105) and
the spin language model's scan (NL203, NL204) run there, with the GIL released, and hand back
offsets, ids and bytes rather than an object per word. Without it (a machine with no Rust
toolchain, or ``NEWSLINT_PURE=1`` for tests and comparisons) the pure-Python code runs: it is the
reference, and both give the same findings (tests/test_core.py).
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

ABI = 5  # the entry points this module expects; a core built for another one is not used
PURE_ENV = "NEWSLINT_PURE"


@lru_cache(maxsize=1)
def compiled() -> Any:
    """The compiled module, or None: not installed, another ABI, or ``NEWSLINT_PURE`` set (not "0")."""
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        return None
    try:
        import newslint_core
    except ImportError:
        return None
    return newslint_core if getattr(newslint_core, "ABI", None) == ABI else None


def engine() -> str:
    """"rust" when the compiled core is in use, else "python" (``newslint --version`` says which)."""
    return "python" if compiled() is None else "rust"

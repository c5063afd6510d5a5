"""Regular expressions compiled on first use.

Rule modules define their patterns at import time, but compiling large ``regex`` patterns costs
tens of milliseconds each; ``newslint check`` on one file (the pre-commit case) should pay only for
the rules that actually run.
"""
from __future__ import annotations

from typing import Any

import regex


class LazyPattern:
    """Stands in for a compiled ``regex`` pattern and compiles it the first time it is used."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0, **named_lists: Any) -> None:
        self._args = (pattern, flags, named_lists)
        self._compiled: Any = None

    def compiled(self) -> Any:
        """The compiled pattern."""
        if self._compiled is None:
            pattern, flags, named_lists = self._args
            self._compiled = regex.compile(pattern, flags, **named_lists)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)


def lazy(pattern: str, flags: int = 0, **named_lists: Any) -> LazyPattern:
    """A pattern compiled with the ``regex`` module on first use."""
    return LazyPattern(pattern, flags, **named_lists)

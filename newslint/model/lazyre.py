"""Regular expressions compiled on first use.

Rule modules define their patterns at import time, but compiling a large pattern costs tens of
milliseconds; ``newslint check`` on one file (the pre-commit case) should pay only for the rules
that actually run. The patterns are written for the ``regex`` module and compiled by the standard
library's ``re`` to match the same text (newslint/model/regexcompat.py), so a default run never imports
``regex`` and finds the compiled programs in the per-user cache.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import re
    from collections.abc import Iterator


class LazyPattern:
    """Stands in for a compiled pattern and compiles it the first time it is used.

    Text without characters beyond U+FFFF (nearly all news copy) is searched with a program whose
    sets leave those characters out, which ``re`` runs much faster; other text gets the full one.
    """

    __slots__ = ("_args", "_compiled", "_bmp")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None
        self._bmp: re.Pattern[str] | None = None

    def compiled(self, *, bmp: bool = False) -> re.Pattern[str]:
        """The compiled pattern; with ``bmp``, the program for text without astral characters."""
        from newslint.model import regexcompat

        if bmp:
            if self._bmp is None:
                self._bmp = regexcompat.compile(*self._args, bmp=True)
            return self._bmp
        if self._compiled is None:
            self._compiled = regexcompat.compile(*self._args)
        return self._compiled

    def for_text(self, text: str) -> re.Pattern[str]:
        """The program to search ``text`` with (any part of it, too)."""
        if self._bmp is not None and text.isascii():  # the common case, asked 60,000 times a corpus
            return self._bmp
        from newslint.model.regexcompat import has_astral

        return self.compiled(bmp=not has_astral(text))

    def finditer(self, string: str, *args: Any) -> Iterator[re.Match[str]]:
        """``re.Pattern.finditer``."""
        return self.for_text(string).finditer(string, *args)

    def findall(self, string: str, *args: Any) -> list[Any]:
        """``re.Pattern.findall``."""
        return self.for_text(string).findall(string, *args)

    def search(self, string: str, *args: Any) -> re.Match[str] | None:
        """``re.Pattern.search``."""
        return self.for_text(string).search(string, *args)

    def match(self, string: str, *args: Any) -> re.Match[str] | None:
        """``re.Pattern.match``."""
        return self.for_text(string).match(string, *args)

    def fullmatch(self, string: str, *args: Any) -> re.Match[str] | None:
        """``re.Pattern.fullmatch``."""
        return self.for_text(string).fullmatch(string, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """A pattern in ``regex`` syntax, compiled on first use (see newslint/model/regexcompat.py)."""
    return LazyPattern(pattern, flags)

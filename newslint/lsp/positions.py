"""Offsets in a Python string ↔ LSP positions (zero-based line, character in the client's units).

newslint counts columns in code points; LSP clients count UTF-16 code units by default (an emoji
is two), or UTF-8 bytes / code points when they negotiate it. Every position the server sends or
reads goes through :class:`LineIndex`, so no other module has to think about code units. Lines
break at ``\\n``, ``\\r\\n`` and a lone ``\\r``, as the LSP specification says.
"""
from __future__ import annotations

import bisect
import re

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units ``text`` takes in ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    # Characters outside the Basic Multilingual Plane are surrogate pairs: two UTF-16 units.
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


class LineIndex:
    """Line starts of one text, for converting offsets to and from LSP positions."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def _line_end(self, line: int) -> int:
        """Offset just past the last character of ``line`` before its line break."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            return end - (2 if self.text[end - 2 : end] == "\r\n" else 1)
        return len(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """The zero-based (line, character) of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        # An offset inside a "\r\n" pair belongs to the end of its line.
        offset = min(offset, max(start, self._line_end(line))) if offset < len(self.text) else offset
        return line, units(self.text[start:offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The character offset of a zero-based (line, character); out-of-range values clamp."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self._line_end(line)
        if self.encoding == UTF32:
            return min(start + max(character, 0), end)
        count = 0
        for i in range(start, end):
            if count >= character:
                return i
            count += units(self.text[i], self.encoding)
        return end

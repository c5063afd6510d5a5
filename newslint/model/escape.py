"""Make untrusted text safe to print: article text, messages quoting it, and file names.

A terminal or a CI log obeys escape sequences: an article or a file name holding ESC could set
the window title, clear the screen or print a fake "All checks passed". Human output (text,
github, warnings and errors on stderr) therefore shows every control character, every
bidirectional override (the "Trojan Source" trick) and every line separator as a visible escape,
and the undecodable bytes of a file name (lone surrogates) as ``\\xNN``, so the output is also
valid UTF-8 whatever the name. Machine output (JSON, SARIF) is escaped by its own encoder.
"""
from __future__ import annotations

import re

# C0 (tab and newline included: one finding is one line), DEL, C1, bidi controls, line and
# paragraph separators, and lone surrogates (the bytes of a file name that is not UTF-8).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


_UNSAFE_IN_LINE = re.compile(_UNSAFE.pattern.replace("\x00-\x1f", "\x00-\x08\x0a-\x1f"))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the original byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every unsafe character written as a backslash escape (``\\x1b``, ``\\u202e``)."""
    if _UNSAFE.search(text) is None:  # the usual case: no copy
        return text
    return _UNSAFE.sub(_escape, text)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC, one column wide
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def printable_line(text: str) -> str:
    """A source line for display: each unsafe character becomes ONE visible character, so the
    caret under it still lines up (``\\t`` is left to the caller, which expands it)."""
    if _UNSAFE_IN_LINE.search(text) is None:
        return text
    return _UNSAFE_IN_LINE.sub(_picture, text)

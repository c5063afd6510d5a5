r"""Patterns written for the ``regex`` module, compiled by the standard library's ``re``.

``import regex`` costs ~20 ms and ``regex`` cannot keep a compiled pattern from one run to the
next, while a program compiled by ``re`` is kept in the per-user cache (newslint/model/recache.py): a
one-file pre-commit run should pay for neither. So newslint's own patterns keep ``regex`` syntax
and meaning, and the constructs that ``re`` lacks or reads differently are rewritten into plain
character sets copied from ``regex`` itself (rules/data/unicode-classes.txt, written by
scripts/gen_unicode_classes.py):

- ``\p{Lu}``, ``\p{Ll}``, ``\p{L}``, ``\p{N}``, ``\p{Latin}`` (``re`` has no properties);
- ``\w``, ``\d``, ``\s``, their negations and ``\b``: ``regex``'s ``\w`` holds combining marks and
  not "²" or "½", its ``\s`` leaves out U+001C–U+001F, and both follow ``regex``'s Unicode version,
  not the interpreter's (Python 3.11 has Unicode 14);
- ``re.I``, for ASCII letters only: ``re`` also folds "ı" (dotless i) into "i", ``regex`` does not,
  so each letter becomes the set of its ``regex`` case variants and the pattern is compiled
  case-sensitively.

The sets come from ``regex``, not from ``unicodedata``, so a pattern matches the same text on every
Python: exactly what ``regex`` matched when the table was written. Whatever else ``re`` could read
differently (inline flags, comments, nested sets, letters escaped for other meanings, cased
non-ASCII text under ``re.I``) is refused with ValueError rather than guessed at.
"""
from __future__ import annotations

import re
import string
import zlib
from functools import lru_cache, partial
from pathlib import Path

TABLE = "unicode-classes.txt"
_PROPERTIES = frozenset({"Lu", "Ll", "L", "N", "Latin"})
_SHORTHANDS = {"w": ("w", False), "W": ("w", True), "d": ("d", False), "D": ("d", True),
               "s": ("s", False), "S": ("s", True)}
_CONTROLS = {"t": 9, "n": 10, "r": 13, "f": 12}
_HEX = {"x": 2, "u": 4, "U": 8}
# Group openings copied as they are; a name follows "(?P<" and "(?P=".
_GROUPS = ("(?:", "(?=", "(?!", "(?<=", "(?<!", "(?P<", "(?P=")
_MAX = 0x10FFFF
_SPECIAL_IN_SET = frozenset("\\]-[^&~|#\x7f")

Ranges = list[tuple[int, int]]


def compile(pattern: str, flags: int = 0, *, bmp: bool = False) -> re.Pattern[str]:  # noqa: A001
    """``pattern``, written for ``regex``, compiled by ``re`` to match the same text (kept compiled in
    the per-user cache, keyed by the pattern and the table it is translated with). ``bmp``: see
    :func:`translate`."""
    from newslint.model.recache import compile_pattern

    return compile_pattern(pattern, flags, translate=partial(translate, bmp=bmp), extra=(_table_digest(), bmp))


def translate(pattern: str, flags: int = 0, *, bmp: bool = False) -> tuple[str, int]:
    r"""``pattern`` rewritten for ``re`` so that it matches what ``regex`` matches, and the flags to
    compile it with (``re.I`` is spelled out in the pattern and dropped).

    With ``bmp``, the sets leave out the code points beyond U+FFFF: the result matches like
    ``regex`` only in text without such characters (see :func:`has_astral`), and much faster. ``re``
    keeps a set's first 65,536 code points as a bitmap but tries every range beyond one by one, so
    at a character outside ``\w`` its hundreds of astral ranges were a third of a run's time.
    """
    nocase = bool(flags & re.I)
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i, piece = _escape(pattern, i, nocase, bmp)
            out.append(piece)
        elif ch == "[":
            i, ranges, negated = _parse_set(pattern, i + 1, nocase)
            out.append(_set(ranges, negated, bmp))
        elif ch == "(" and pattern.startswith("(?", i):
            i, piece = _group(pattern, i)
            out.append(piece)
        elif flags & re.X and (ch == "#" or (ch.isspace() and not ch.isascii())):
            # re skips only ASCII spaces in verbose mode; regex may skip more.
            raise ValueError(f"comments and non-ASCII spaces in verbose mode are not translated: {ch!r}")
        elif nocase and _cased(ch):
            if not (ch.isascii() and ch.isalpha()):
                raise ValueError(f"a case-insensitive pattern may only hold ASCII letters: {ch!r}")
            out.append(_class(f"case:{ch}", False, bmp))
            i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out), flags & ~re.I


def _escape(pattern: str, i: int, nocase: bool, bmp: bool) -> tuple[int, str]:
    """An escape outside a set: the offset after it and its ``re`` spelling."""
    kind = pattern[i + 1 : i + 2]
    if kind in ("p", "P"):
        end, name = _property(pattern, i, nocase)
        return end, _class(name, kind == "P", bmp)
    if kind in _SHORTHANDS:
        return i + 2, _class(*_SHORTHANDS[kind], bmp)
    if kind == "b":
        word = _class("w", False, bmp)
        return i + 2, f"(?:(?<={word})(?!{word})|(?<!{word})(?={word}))"
    if kind in _HEX:
        end, code = _hex(pattern, i)
        if nocase and _cased(chr(code)):
            raise ValueError(f"an escaped letter in a case-insensitive pattern: {pattern[i:end]!r}")
        return end, pattern[i:end]
    if kind in _CONTROLS or kind == "A" or not (kind.isalnum() or kind == "_"):
        return i + 2, pattern[i : i + 2]
    if kind.isdigit() and kind != "0" and not nocase:
        return i + 2, pattern[i : i + 2]  # a back-reference
    raise ValueError(f"escape {pattern[i:i + 2]!r} is not translated")


def _group(pattern: str, i: int) -> tuple[int, str]:
    opening = next((g for g in _GROUPS if pattern.startswith(g, i)), None)
    if opening is None:
        raise ValueError(f"group {pattern[i:i + 4]!r} is not translated (inline flags?)")
    end = i + len(opening)
    if opening in ("(?P<", "(?P="):
        end = pattern.index(">" if opening == "(?P<" else ")", end) + 1
    return end, pattern[i:end]


def _property(pattern: str, i: int, nocase: bool) -> tuple[int, str]:
    close = pattern.find("}", i)
    name = pattern[i + 3 : close] if pattern.startswith("{", i + 2) and close > 0 else ""
    if name not in _PROPERTIES:
        raise ValueError(f"property {pattern[i:close + 1]!r} is not translated")
    if nocase:
        raise ValueError("regex folds the case of \\p{..} under IGNORECASE: not translated")
    return close + 1, name


def _hex(pattern: str, i: int) -> tuple[int, int]:
    digits = pattern[i + 2 : i + 2 + _HEX[pattern[i + 1]]]
    if len(digits) != _HEX[pattern[i + 1]] or not all(c in string.hexdigits for c in digits):
        raise ValueError(f"bad escape {pattern[i:i + 10]!r}")
    return i + 2 + len(digits), int(digits, 16)


def _parse_set(pattern: str, i: int, nocase: bool) -> tuple[int, Ranges, bool]:
    """The ``[...]`` set starting after its "[": the offset after its "]", its characters (case
    variants included under ``nocase``) and whether it is negated."""
    negated = pattern.startswith("^", i)
    i += negated
    if pattern.startswith("]", i):
        raise ValueError("a set starting with ']' is not translated")
    ranges: Ranges = []
    while True:
        if i >= len(pattern):
            raise ValueError(f"unterminated set in {pattern!r}")
        if pattern[i] == "]":
            return i + 1, _union(ranges), negated
        if pattern[i] == "[" or pattern[i : i + 2] in ("--", "&&", "||", "~~"):
            raise ValueError(f"nested sets and set operations are not translated: {pattern!r}")
        i, item = _set_item(pattern, i, nocase)
        if isinstance(item, list):
            ranges.extend(item)
            continue
        last = item
        if pattern[i] == "-" and pattern[i + 1 : i + 2] not in ("]", ""):
            i, end = _set_item(pattern, i + 1, nocase)
            if not isinstance(end, int) or end < item:
                raise ValueError(f"bad range in {pattern!r}")
            last = end
        ranges.append((item, last))
        if nocase:
            ranges.extend(_case_variants(item, last))


def _set_item(pattern: str, i: int, nocase: bool) -> tuple[int, int | Ranges]:
    """One character or class inside a set: a code point, or ranges for a class."""
    ch = pattern[i]
    if ch != "\\":
        item: int | Ranges = ord(ch)
        end = i + 1
    else:
        kind = pattern[i + 1 : i + 2]
        if kind in ("p", "P"):
            end, name = _property(pattern, i, nocase)
            ranges = _table()[name]
            return end, _complement(ranges) if kind == "P" else ranges
        if kind in _SHORTHANDS:
            name, negated = _SHORTHANDS[kind]
            return i + 2, _complement(_table()[name]) if negated else _table()[name]
        if kind in _HEX:
            end, item = _hex(pattern, i)
        elif kind in _CONTROLS:
            end, item = i + 2, _CONTROLS[kind]
        elif kind and not (kind.isalnum() or kind == "_"):
            end, item = i + 2, ord(kind)
        else:
            raise ValueError(f"escape {pattern[i:i + 2]!r} in a set is not translated")
    return end, item


def _case_variants(first: int, last: int) -> Ranges:
    """What ``regex``'s IGNORECASE adds to the characters ``first``..``last`` (ASCII letters only)."""
    out: Ranges = []
    for code in range(first, last + 1):
        ch = chr(code)
        if _cased(ch):
            if not (ch.isascii() and ch.isalpha()):
                raise ValueError(f"a case-insensitive pattern may only hold ASCII letters: {ch!r}")
            out.extend(_table()[f"case:{ch}"])
    return out


def _cased(ch: str) -> bool:
    return ch.lower() != ch or ch.upper() != ch or ch.casefold() != ch


@lru_cache(maxsize=None)
def _class(name: str, negated: bool, bmp: bool) -> str:
    """A class of the table as an ``re`` set (patterns repeat them: built once)."""
    return _set(_table()[name], negated, bmp)


def _set(ranges: Ranges, negated: bool, bmp: bool) -> str:
    if bmp:
        ranges = [(a, min(b, 0xFFFF)) for a, b in ranges if a <= 0xFFFF]
        if not ranges:  # only astral characters: nothing (or, negated, anything) in the text
            return "[\\x00-\uffff]" if negated else "[^\\x00-\uffff]"
    return "[" + ("^" if negated else "") + "".join(
        _esc(a) if a == b else f"{_esc(a)}-{_esc(b)}" for a, b in ranges) + "]"


def _esc(code: int) -> str:
    # Literal characters: re's parser reads one in a fraction of the time it takes for "\\uXXXX".
    # Escaped: what is special inside a set, and spaces and controls (verbose mode, readability).
    if code <= 0x20 or chr(code) in _SPECIAL_IN_SET:
        return f"\\x{code:02x}"
    return chr(code)


def _union(ranges: Ranges) -> Ranges:
    out: Ranges = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def _complement(ranges: Ranges) -> Ranges:
    out: Ranges = []
    start = 0
    for a, b in _union(ranges):
        if a > start:
            out.append((start, a - 1))
        start = b + 1
    if start <= _MAX:
        out.append((start, _MAX))
    return out


ASTRAL_CHUNK = 1 << 20  # characters encoded at a time by has_astral


def has_astral(text: str) -> bool:
    """True when ``text`` holds a character beyond U+FFFF (emoji, rare CJK): the ``bmp`` programs
    would not match it like ``regex``. Its UTF-16 form is then longer than two bytes a character.
    Encoded a piece at a time: every search of a lazy pattern asks, and the UTF-16 form of a
    whole big article was two more bytes a character for a moment (issue 18)."""
    if text.isascii():
        return False
    return any(len(piece.encode("utf-16-le", "surrogatepass")) != 2 * len(piece)
               for piece in (text[k : k + ASTRAL_CHUNK] for k in range(0, len(text), ASTRAL_CHUNK)))


def table_path() -> Path:
    """Where the table of ``regex``'s classes is (rules/data, shipped as newslint/rules/data)."""
    from newslint.model.resources import builtin_pack_dir

    return builtin_pack_dir() / "data" / TABLE


@lru_cache(maxsize=1)
def _table() -> dict[str, Ranges]:
    """The table: class name → ranges of code points."""
    out: dict[str, Ranges] = {}
    for line in table_path().read_text(encoding="ascii").splitlines():
        if line and not line.startswith("#"):
            name, *codes = line.split()
            bounds = [int(code, 16) for code in codes]
            out[name] = list(zip(bounds[::2], bounds[1::2]))
    return out


@lru_cache(maxsize=1)
def _table_digest() -> str:
    """Checksums of the table and of this translator: a cached program is used only with both unchanged."""
    data = table_path().read_bytes()
    try:
        data += Path(__file__).read_bytes()
    except OSError:  # no source next to the code (a frozen build): newslint's version is in the key
        pass
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"

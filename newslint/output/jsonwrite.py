"""JSON written at C speed: indented down to a given depth, each value below it on one line.

``json.dump`` never uses the C encoder (it writes in chunks), and ``json.dumps`` uses it only
without ``indent``: an indented dump of 50,000 findings ran Python's pure-Python encoder for
11 s, two thirds of a whole run's linting time. Here the outer levels are indented by a short
Python loop and each value below ``depth`` is one ``json.dumps`` call in C, so every finding
of ``--format json`` (and every SARIF result) is one line: still easy to read and to grep, and
the output parses to the same value as before. Keys are written as ``str(key)``: every key
newslint writes is a string.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import TextIO

_encode = json.JSONEncoder(ensure_ascii=False).encode  # one-shot and unindented: the C encoder
_SURROGATE = re.compile("[\ud800-\udfff]")


def compact(value: Any) -> str:
    """``value`` as one line of JSON. A file name that is not UTF-8 holds lone surrogates (the
    undecodable bytes, by ``surrogateescape``): they are written as ``\\udcXX`` escapes, so the
    output is valid UTF-8 and ``json.loads`` + ``os.fsencode`` give the exact name back."""
    text = _encode(value)
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_json(value: Any, stream: TextIO, depth: int) -> None:
    """Write ``value`` and a newline, indented two spaces a level for ``depth`` levels."""
    stream.writelines(_chunks(value, depth, 0))
    stream.write("\n")


def _chunks(value: Any, depth: int, level: int) -> Iterator[str]:
    if depth <= 0 or not value or not isinstance(value, (dict, list, tuple)):
        yield compact(value)
        return
    pad = "\n" + "  " * (level + 1)
    if isinstance(value, dict):
        opening, closing = "{", "}"
        items = ((pad + compact(str(key)) + ": ", item) for key, item in value.items())
    else:
        opening, closing = "[", "]"
        items = ((pad, item) for item in value)
    yield opening
    first = True
    for prefix, item in items:
        yield prefix if first else "," + prefix
        first = False
        yield from _chunks(item, depth - 1, level + 1)
    yield "\n" + "  " * level + closing


def framed(frame: tuple[str, str, str], body: str) -> str:
    """A whole document from its frame (head, tail, the tail's indent) and its rows, joined as a
    streamed run writes them piece by piece (streaming.py)."""
    head, tail, indent = frame
    return head + ("\n" + body + "\n" + indent if body else "") + tail

"""Input formats: which files are articles, and which of their characters are prose.

A format's ``mask`` returns a string of the same length as the text in which every character that
is not prose is a space (newlines are kept), so positions never need translating.
"""
from __future__ import annotations

from pathlib import PurePath

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                 ".mdown": "markdown", ".html": "html", ".htm": "html"}


def format_for_path(path: str) -> str:
    """The format of a file from its suffix; unknown suffixes (and stdin) are plain text."""
    return TEXT_SUFFIXES.get(PurePath(path).suffix.lower(), "text")


def prose_mask(text: str, fmt: str) -> str:
    """The prose of ``text`` in format ``fmt``, as a same-length mask."""
    if fmt == "markdown":
        from newslint.formats.markdown import mask

        return mask(text)
    if fmt == "html":
        from newslint.formats.html import mask

        return mask(text)
    return text


def blank(text: str) -> str:
    """Spaces in place of every character of ``text`` except line breaks."""
    return "".join(c if c in "\r\n" else " " for c in text)

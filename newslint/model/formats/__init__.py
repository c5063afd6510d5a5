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
    """The prose of ``text`` in format ``fmt``, as a same-length mask. Template tags (Hugo,
    Liquid, Jekyll, Eleventy) are masked in Markdown and HTML, the files a site is built from;
    in plain text (scraped copy) a ``{{ ad_slot }}`` line is debris that NL402 reports."""
    if fmt == "markdown":
        from newslint.model.formats.markdown import mask

        prose = mask(text)
    elif fmt == "html":
        from newslint.model.formats.html import mask

        prose = mask(text)
    else:
        return text
    if "{{" in text or "{%" in text or "{#" in text:
        from newslint.model.formats.templates import template_spans

        prose = apply_spans(prose, template_spans(text))
    return prose


def apply_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every span blanked (spans may overlap)."""
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if end <= pos:
            continue
        start = max(start, pos)
        out.append(text[pos:start])
        out.append(blank(text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def blank(text: str) -> str:
    """Spaces in place of every character of ``text`` except line breaks."""
    return "".join(c if c in "\r\n" else " " for c in text)

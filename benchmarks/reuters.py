"""Turn Reuters-21578's SGML files into one article per file, for measuring newslint on wire copy.

    python benchmarks/reuters.py DIR-WITH-reut2-*.sgm OUT-DIR [--min-words 80]

Reuters-21578 (David D. Lewis's distribution of 1987 Reuters newswire stories) is a public research
corpus; it is not shipped with newslint. Each story with a title and a body of ``--min-words``
words or more becomes ``OUT-DIR/NNNN.txt``: the title (title-cased: the SGML titles are capitals),
a blank line, then one paragraph per line (the SGML hard-wraps lines and indents new paragraphs),
the closing "Reuter" sign-off and the SGML entities removed, as in the BBC corpus's layout.
docs/held-out.md reports what newslint says on the first 8 files (3,638 stories).
"""
from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

_STORY = re.compile(r"<REUTERS.*?</REUTERS>", re.S)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
_PARAGRAPH = re.compile(r"\n\s{3,}|\n\s*\n")  # an indented line, or a blank line, starts one
_SIGN_OFF = re.compile(r"\s*Reuter\s*$", re.I)


def stories(sgml: str) -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of each story with both, in file order."""
    out = []
    for m in _STORY.finditer(sgml):
        title, body = _TITLE.search(m.group()), _BODY.search(m.group())
        if title is None or body is None:
            continue
        text = _SIGN_OFF.sub("", html.unescape(body.group(1)).replace("\x03", "").strip())
        paragraphs = [p for p in (re.sub(r"\s+", " ", part).strip() for part in _PARAGRAPH.split(text)) if p]
        out.append((html.unescape(title.group(1)).strip().title(), paragraphs))
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--min-words", type=int, default=80)
    args = parser.parse_args(argv)
    files = sorted(args.source.glob("reut2-*.sgm"))
    if not files:
        print(f"reuters.py: no reut2-*.sgm files in {args.source}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in files:
        for title, paragraphs in stories(path.read_text(encoding="latin-1")):
            if sum(len(p.split()) for p in paragraphs) < args.min_words:
                continue
            count += 1
            (args.out / f"{count:04d}.txt").write_text(title + "\n\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
    print(f"{count} stories written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

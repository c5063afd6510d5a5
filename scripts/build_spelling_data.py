"""Build NL601's word data (rules/data/spelling-*.txt) from public, licensed sources.

Sources (licences and provenance in docs/spelling.md):

- SCOWL 2020.12.07 (Kevin Atkinson; permissive MIT-like licence), as Debian's ``scowl`` package
  installs it (``/usr/share/dict/scowl``): words, abbreviations and spelling variants by size
  level and dialect. Levels up to 80 are kept ("huge" is 70; 95 holds rare and dubious forms
  such as "wierd" and "untill" that would hide typos).
- wordfreq 3.1 (Robyn Speer; data CC BY-SA 4.0): Zipf frequencies of English words across news,
  books, Wikipedia, subtitles and web text, used to rank suggestions and to tell a rare typo
  from a frequent word.
- codespell 2.4 ``dictionary.txt`` (CC BY-SA 3.0, derived from English Wikipedia's lists of
  common misspellings): known misspellings and their corrections.

Run (the sources are needed only here, never at run time)::

    apt-get download scowl && dpkg-deb -x scowl_*.deb /tmp/scowl
    pip install wordfreq codespell
    python scripts/build_spelling_data.py --scowl /tmp/scowl/usr/share/dict/scowl

Writes gzip files, lines sorted, lowercase ASCII words only (NL601 never checks other tokens;
accented words are kept without their accents too, as ASCII copy writes them):

- ``spelling-dictionary.txt.gz``: every accepted word, in any of the dialects.
- ``spelling-dialects.txt.gz``: ``word<TAB>dialects`` for words that only some dialects use.
- ``spelling-frequencies.txt.gz``: ``word<TAB>zipf×10<TAB>known`` for frequent accepted words (the
  suggestion pool) and ``word<TAB>zipf×10`` for frequent unknown tokens (so that a common word
  outside SCOWL is not taken for a typo of a rarer one).
- ``spelling-misspellings.txt.gz``: codespell's ``typo->fix[, fix...][, reason]`` lines whose typo is
  not an accepted word.
"""
from __future__ import annotations

import argparse
import gzip
import re
import unicodedata
from pathlib import Path

LEVELS = (10, 20, 35, 40, 50, 55, 60, 70, 80)
# SCOWL's spelling categories. "english" holds the forms of every dialect, and "variant_3" the
# seldom-used variants (leant, gaol), which mark no one dialect: both are accepted everywhere. The
# plain "variant_1"/"variant_2" lists are American variants (SCOWL's README); each other dialect
# has its own variant lists.
COMMON = ("english", "variant_3")
DIALECTS = {"en-US": ("american", "variant_1", "variant_2"),
            "en-GB": ("british", "british_variant_1", "british_variant_2"),
            "en-GB-oxendict": ("british_z", "british_variant_1", "british_variant_2"),
            "en-CA": ("canadian", "canadian_variant_1", "canadian_variant_2"),
            "en-AU": ("australian", "australian_variant_1", "australian_variant_2")}
KINDS = ("words", "abbreviations", "upper")  # "upper" has lowercase entries too (rare)
WORD = re.compile(r"[a-z]+")
POOL_ZIPF = 2.5  # known words this frequent (3 in a million words) are suggestion candidates
SEEN_ZIPF = 2.0  # unknown tokens this frequent get their frequency recorded (rarer ones count as 0)
OUT = Path(__file__).resolve().parent.parent / "rules" / "data"


def scowl_words(root: Path, prefix: str) -> set[str]:
    """Lowercase ASCII words of SCOWL lists ``prefix-KIND.LEVEL`` up to level 80."""
    words: set[str] = set()
    for kind in KINDS:
        for level in LEVELS:
            path = root / f"{prefix}-{kind}.{level}"
            if path.is_file():
                for word in path.read_text(encoding="utf-8").split():
                    # Loanwords lose their accents in much ASCII copy (protege, risque, cafe).
                    folded = fold(word)
                    if WORD.fullmatch(folded):
                        words.add(folded)
    return words


def fold(word: str) -> str:
    """``word`` without accents (protégé -> protege)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def main() -> int:
    """Build the four data files; print their sizes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scowl", type=Path, default=Path("/usr/share/dict/scowl"))
    parser.add_argument("--codespell", type=Path, default=None, help="codespell's dictionary.txt")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    common: set[str] = set()
    for prefix in COMMON:
        common |= scowl_words(args.scowl, prefix)
    dialect_of: dict[str, set[str]] = {}
    for tag, prefixes in DIALECTS.items():
        for prefix in prefixes:
            for word in scowl_words(args.scowl, prefix) - common:
                dialect_of.setdefault(word, set()).add(tag)
    accepted = common | set(dialect_of)
    write(args.out / "spelling-dictionary.txt.gz", sorted(accepted))
    write(args.out / "spelling-dialects.txt.gz",
          [f"{w}\t{','.join(sorted(t))}" for w, t in sorted(dialect_of.items())])
    write(args.out / "spelling-frequencies.txt.gz", frequencies(accepted))
    write(args.out / "spelling-misspellings.txt.gz", misspellings(args.codespell, accepted))
    return 0


def frequencies(accepted: set[str]) -> list[str]:
    """``word<TAB>zipf×10`` lines from wordfreq's large English list."""
    from wordfreq import get_frequency_dict, zipf_frequency

    lines = []
    for word in sorted(get_frequency_dict("en", wordlist="large")):
        if not WORD.fullmatch(word) or len(word) < 2:
            continue
        zipf = zipf_frequency(word, "en", wordlist="large")
        if word in accepted and zipf >= POOL_ZIPF:
            lines.append(f"{word}\t{round(zipf * 10)}\tknown")
        elif word not in accepted and zipf >= SEEN_ZIPF:
            lines.append(f"{word}\t{round(zipf * 10)}")
    return lines


def misspellings(path: Path | None, accepted: set[str]) -> list[str]:
    """codespell's entries for lowercase single-word typos that no dialect accepts."""
    if path is None:
        import codespell_lib

        path = Path(codespell_lib.__file__).parent / "data" / "dictionary.txt"
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        typo, _, fixes = line.partition("->")
        if WORD.fullmatch(typo) and typo not in accepted and fixes:
            lines.append(f"{typo}->{fixes}")
    return sorted(set(lines))


def write(path: Path, lines: list[str]) -> None:
    """Write ``lines`` with a final newline and report the size."""
    data = "".join(f"{line}\n" for line in lines).encode("utf-8")
    # mtime=0: the same input builds byte-identical files, so a rebuild shows no spurious diff.
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{path.name}: {len(lines):,} lines, {path.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    raise SystemExit(main())

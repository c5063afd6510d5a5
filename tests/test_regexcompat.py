"""newslint's patterns are written for ``regex`` and compiled by ``re``: both must match the same text.

The character classes are compared over every code point; each built-in pattern is compared on
generated text made of what trips engines up (accents and combining marks, Turkish i, ß, ſ and
the Kelvin sign, no-break and other odd spaces, CR/LF, emoji, Cyrillic, Greek, CJK, curly quotes)
mixed with the words the patterns look for.
"""
from __future__ import annotations

import re
import string
import sys
from typing import Any

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.model import regexcompat
from newslint.families.boilerplate import rules as boilerplate
from newslint.families.encoding import rules as encoding
from newslint.families.names import extract as names_extract
from newslint.model.document import Document
from newslint.model.formats import markdown
from newslint.model.lazyre import LazyPattern

# Every code point, lone surrogates included (decoding with surrogateescape leaves them in text).
EVERY = "".join(map(chr, range(sys.maxunicode + 1)))
REGENERATE = "rules/data/unicode-classes.txt is stale: run scripts/gen_unicode_classes.py"
ODD = ("éÉèñçøåÆœ" "e\u0301A\u0308" "İıŞşĞğ" "ßẞſ\u212a" "\u00a0\u2007\u202f\u2009\u3000" "\u200b\u200c\u200d"
       "\u200e\u200f\u2060\ufeff\u00ad\u202a\u2066" "\x1c\x1f\x0b\x0c\x85\u2028\x07\x9f" "😀👩\U0001f3fb"
       "ДдЖжЁё" "ΣσςΩΆ" "中文한국語" "’‘“”«»" "²½٣Ⅻ①" "\ufffdÃ©Â€™" "\udce9")


def both(pattern: str, flags: int = 0) -> tuple[regex.Pattern[str], re.Pattern[str]]:
    """The pattern compiled by regex as written, and by re as translated."""
    return regex.compile(pattern, flags), re.compile(*regexcompat.translate(pattern, flags))


def test_the_table_holds_what_regex_matches():
    table = regexcompat._table()
    for name, pattern in {"Lu": r"\p{Lu}", "Ll": r"\p{Ll}", "L": r"\p{L}", "N": r"\p{N}",
                          "Latin": r"\p{Latin}", "w": r"\w", "d": r"\d", "s": r"\s"}.items():
        expected = regexcompat._union([(ord(c), ord(c)) for c in regex.findall(pattern, EVERY)])
        assert table[name] == expected, f"{pattern}: {REGENERATE}"
    for letter in string.ascii_letters:
        expected = regexcompat._union([(ord(c), ord(c)) for c in regex.findall(letter, EVERY, regex.I)])
        assert table[f"case:{letter}"] == expected, f"{letter} under IGNORECASE: {REGENERATE}"


CLASSES = [
    (r"\p{Lu}", 0), (r"\P{Lu}", 0), (r"\p{Ll}", 0), (r"\p{L}", 0), (r"[\p{L}'’.-]", 0), (r"[^\p{Lu}\d]", 0),
    (r"[\p{Latin}\p{N} ,.]", 0), (r"\w", 0), (r"\W", 0), (r"[\w-]", 0), (r"[^\w]", 0), (r"\s", 0), (r"\S", 0),
    (r"[^\S\n]", 0), (r"[^\s<>\"]", 0), (r"\d", 0), (r"\D", 0), (r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", 0),
    # IGNORECASE: re also folds "ı" into "i" and "İ" into "I"; regex does not (but folds "ı" into "I").
    (r"[a-z]", re.I), (r"[^a-z]", re.I), (r"[\w-]", re.I), (r"[^\]\n]", re.I), (r"[ \t\u00a0]", re.I),
    *((letter, re.I) for letter in "iIsSkKaZ"),
]


def runs(pattern: re.Pattern[str] | regex.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Where runs of characters matching a one-character pattern start and end: few, so cheap to compare."""
    return [m.span() for m in pattern.finditer(text)]


def edges() -> str:
    """Every character up to U+FFFF, and beyond it the first and last character of every run of
    the table and their neighbours: re tries astral ranges one by one, so a pass over all 1.1
    million code points would take seconds per class (the table itself is checked in full above)."""
    codes = set(range(0x10000))
    for ranges in regexcompat._table().values():
        for first, last in ranges:
            codes.update(c for c in (first - 1, first, last, last + 1) if 0 <= c <= sys.maxunicode)
    return "".join(map(chr, sorted(codes | set(range(0x10000, sys.maxunicode + 1, 4099)))))


EDGES = edges()


@pytest.mark.parametrize(("pattern", "flags"), CLASSES, ids=[f"{p}/{f}" for p, f in CLASSES])
def test_a_translated_class_matches_every_character_regex_matches(pattern, flags):
    rx, translated = both(f"(?:{pattern})+", flags)
    assert runs(translated, EDGES) == runs(rx, EDGES)
    bmp = re.compile(*regexcompat.translate(f"(?:{pattern})+", flags, bmp=True))
    assert runs(bmp, EVERY[:0x10000]) == runs(rx, EVERY[:0x10000])


@pytest.mark.parametrize("pattern", [r"\b", r"(?<!\w)", r"(?!\w)", r"(?<=\w)"])
def test_word_boundaries_fall_where_regex_puts_them(pattern):
    rx, translated = both(pattern)
    # Code points next to a letter, a space and one another (the classes are compared in full above).
    sample = EVERY[::61] + ODD
    for text in (sample, "a".join(sample), " ".join(sample)):
        assert runs(translated, text) == runs(rx, text)


REFUSED = [
    (r"(?i)x", 0), (r"\p{Greek}", 0), (r"\X", 0), (r"[[:alpha:]]", 0), (r"[a--b]", 0), (r"\Z", 0), (r"\h", 0),
    (r"\p{Lu}", re.I), ("caf\u00e9", re.I), ("a # comment", re.X), ("a\u3000b", re.X),
]


@pytest.mark.parametrize(("pattern", "flags"), REFUSED)
def test_what_might_read_differently_is_refused(pattern, flags):
    with pytest.raises(ValueError, match="not translated|may only hold|bad range"):
        regexcompat.translate(pattern, flags)


def test_case_insensitive_patterns_are_spelled_out():
    text, flags = regexcompat.translate(r"via\s*:", re.I | re.M)
    assert not flags & re.I and flags & re.M
    assert re.fullmatch(text, "VIA:", flags) and re.fullmatch(text, "vİa :", flags)
    assert not re.fullmatch(text, "vıa:", flags)  # re.compile("via", re.I) would take the dotless i


@pytest.mark.parametrize("text", ["", "abc", "café ’", "\ud83d\ude00", "\udce9", "a😀", "\U0010ffff", "中\U00020000"])
def test_astral_characters_are_recognised(text):
    assert regexcompat.has_astral(text) == any(ord(c) > 0xFFFF for c in text)


def test_an_astral_character_is_found_in_any_piece_of_a_long_text(monkeypatch):
    monkeypatch.setattr(regexcompat, "ASTRAL_CHUNK", 4)  # pieces of four characters
    assert not regexcompat.has_astral("café ’ \udce9 " * 5)
    for at in range(12):
        text = "abcé" * 3
        assert regexcompat.has_astral(text[:at] + "\U0001f600" + text[at:])


def builtin_patterns() -> list[tuple[str, LazyPattern]]:
    """Every pattern newslint's own modules compile through newslint.model.lazyre."""
    from newslint.model import document

    return [(f"{module.__name__.split('.', 1)[1]}.{name}", value)
            for module in (document, names_extract, boilerplate, encoding, markdown)
            for name, value in vars(module).items() if isinstance(value, LazyPattern)]


PATTERNS = builtin_patterns()
FRAGMENTS = [
    "Jane Roe", "O'Brien", "Mary-Jane", "McDonald", "JOHN", "Photo: ", "Photo by ", " / AFP", "REUTERS/",
    "Getty Images", " – ", "Pool photo via AP", "By ", "Written by ", "About the author: ", " is a ",
    "freelance writer", "journalist", "years of experience", "I'm ", "I’ve ", " my ", " me ", "said", "told",
    "according to", "https://example.com/a", "www.", "Source:", "Via", "[ad_2]", "[/embed]", "Read more at",
    "Mr. ", "Summit In Beijing", "on Monday.", "\n", "\r\n", "\n\n", " ", "\t", ".", "!", "?", "…", "-", ",",
    "`code`", "``", "<!-- c -->", "[t](u \"x\")", "](", "<https://a.b>", "<b>", "</p>", "# ", "## ", "> ",
    "- ", "1. ", "***", "===", "!", "[ref]: http://x", "---\n", "+++\n", "...", "\u00a0\u00a0", " \u00a0",
]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=ODD + "aZ09 .,:;-'\"/|()[]<>*_#`", max_size=6)),
                 max_size=30).map("".join)


def spans(pattern: Any, text: str) -> list[Any]:
    """What a pattern finds in ``text``, as plain values, with what match() and fullmatch() give."""
    found = [(m.span(), m.groups()) for m in pattern.finditer(text)]
    whole = [m and m.span() for m in (pattern.match(text), pattern.fullmatch(text))]
    return [found, whole]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
@pytest.mark.parametrize(("name", "lazy"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_builtin_pattern_matches_what_regex_matched(name, lazy, text):
    expected = spans(regex.compile(*lazy._args), text)
    assert spans(lazy, text) == expected  # the program chosen for the text
    assert spans(lazy.compiled(), text) == expected  # the full program, whatever the text
    if not regexcompat.has_astral(text):
        assert spans(lazy.compiled(bmp=True), text) == expected


def test_every_builtin_pattern_is_covered():
    names = {name for name, _ in PATTERNS}
    assert {"model.document._WORD", "families.names.extract._MENTION", "families.boilerplate.rules._CREDIT_LINE",
            "families.encoding.rules._INVISIBLE", "model.formats.markdown._INLINE"} <= names and len(names) >= 20


def test_documents_split_the_same_as_with_regex():
    # Paragraphs, sentences and story bounds come from the translated patterns.
    text = "İstanbul’da Ali\u0301 said.\u00a0\n\nThe ſtory by Jane\u2009Roe\x1c ends.\r\n\n\x1f\n" * 3
    doc = Document.from_text("a.txt", text)
    assert [(p.start, p.end) for p in doc.paragraphs] == \
           [m.span() for m in regex.finditer(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", text)]


@pytest.mark.parametrize("cache", ["off", "cold", "warm"])
def test_a_default_check_never_imports_regex(tmp_path, cache):
    # In a fresh interpreter, so that what other tests imported does not count.
    import os
    import shutil
    import subprocess
    from pathlib import Path

    examples = Path(__file__).resolve().parent.parent / "examples"
    files = []
    for example in sorted(examples.glob("*.*")):
        if example.suffix in (".txt", ".md"):
            files.append(str(shutil.copy(example, tmp_path)))
    assert any(f.endswith(".md") for f in files) and any(f.endswith(".txt") for f in files)
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(tmp_path / "cache")}
    if cache != "off":
        env.pop("NEWSLINT_NO_CACHE", None)
    code = ("import sys; from newslint.cli import main\n"
            "for path in sys.argv[1:]: main(['check', path, '--no-cache', '--exit-zero'])\n"
            "print('regex loaded:', 'regex' in sys.modules, file=sys.stderr)")
    for _ in range(2 if cache == "warm" else 1):  # "warm": the second run reads the per-user cache
        run = subprocess.run([sys.executable, "-c", code, *files], cwd=tmp_path, env=env,
                             capture_output=True, text=True, check=True)
    assert "regex loaded: False" in run.stderr, run.stderr
    assert "NL" in run.stdout  # the examples do have findings: the rules ran

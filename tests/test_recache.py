"""recache: a pattern compiled from the per-user cache behaves like re.compile's."""
from __future__ import annotations

import re
import sys

import pytest

from newslint.model import recache

PATTERNS = [
    (r"^[^\S\n]*(?:advertisements?|related\s+posts?|leave\s+a\s+reply)[^\S\n]*$", re.I | re.M),
    (r"(?P<name>[A-Z][a-z]+)\s+(?P=name)|(\d+)-(?:x|y)", 0),
    (r"caf[eé]\b", re.I),
]
TEXT = "Related posts\nLeave a Reply\nADVERTISEMENT\nJohn John 12-x Café cafe\nnot related posts here\n"


@pytest.fixture(autouse=True)
def user_cache(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_cached_pattern_equals_re_compile(pattern, flags, tmp_path):
    expected = re.compile(pattern, flags)
    for _ in range(2):  # the first call builds the cache entry, the second reads it
        compiled = recache.compile_pattern(pattern, flags)
        assert compiled.pattern == expected.pattern and compiled.flags == expected.flags
        assert compiled.groupindex == expected.groupindex
        assert [m.span() for m in compiled.finditer(TEXT)] == [m.span() for m in expected.finditer(TEXT)]
        assert [m.groups() for m in compiled.finditer(TEXT)] == [m.groups() for m in expected.finditer(TEXT)]
    assert any((tmp_path / "newslint").iterdir())


def test_a_bad_pattern_still_raises_re_error():
    with pytest.raises(re.error):
        recache.compile_pattern(r"(unclosed", 0)


def test_a_translated_pattern_is_cached_under_the_pattern_as_written():
    calls = []

    def translate(pattern, flags):
        calls.append(pattern)
        return pattern.replace("<word>", r"[A-Za-z]+"), flags | re.M

    for _ in range(2):
        compiled = recache.compile_pattern(r"^<word>$", 0, translate=translate, extra="v1")
        assert compiled.pattern == r"^[A-Za-z]+$" and compiled.flags & re.M
        assert [m.group() for m in compiled.finditer(TEXT)] == ["ADVERTISEMENT"]
    assert calls == [r"^<word>$"]  # the second call found the program without translating
    recache.compile_pattern(r"^<word>$", 0, translate=translate, extra="v2")
    assert len(calls) == 2  # what the translation depends on is part of the key


def test_the_compiler_is_left_as_it_was():
    if sys.version_info >= (3, 11):
        from re import _compiler
    else:  # pragma: no cover
        import sre_compile as _compiler

    before = _compiler._optimize_charset
    recache.compile_pattern(r"[\u0100-\u0200\U00010000-\U00010010]+x|[\u0100-\u0200\U00010000-\U00010010]y", 0)
    assert _compiler._optimize_charset is before

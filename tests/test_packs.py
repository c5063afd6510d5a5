"""The data of every built-in rule pack is valid: format, patterns, no duplicates, sort order."""
from __future__ import annotations

import sys

import pytest
import regex

from newslint.api.packs import PackError, load_pack_file
from newslint.api.registry import builtin_packs

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PACKS = builtin_packs()


def test_there_are_builtin_packs():
    assert PACKS


@pytest.mark.parametrize("path", PACKS, ids=[p.name for p in PACKS])
def test_pack_loads_with_full_validation(path):
    specs = load_pack_file(path, validate=True)
    assert specs
    for spec in specs:
        if spec.kind == "line":
            assert spec.patterns, f"{spec.meta.code} has no patterns"
            assert len(spec.patterns) == len(set(spec.patterns)), f"{spec.meta.code} repeats a pattern"
            for pattern in spec.patterns:
                # Patterns match whole lines: an anchor inside would silently never match.
                assert "^" not in pattern.replace("[^", "").replace("\\^", ""), pattern
                assert not regex.compile(pattern, regex.I).fullmatch(""), f"{pattern!r} matches an empty line"


@pytest.mark.parametrize("path", PACKS, ids=[p.name for p in PACKS])
def test_pack_has_only_known_top_level_tables(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert set(data) <= {"pack", "rule"}
    assert "name" in data.get("pack", {})


def test_invalid_pattern_is_reported_when_validating(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[rule]]\ncode = "NL499"\nname = "x"\ncategory = "boilerplate"\nkind = "line"\nsummary = "s"\n'
        'what = "w"\nwhy = "y"\nbad = "b"\ngood = "g"\npatterns = ["a(b"]\n', encoding="utf-8")
    with pytest.raises(PackError, match="rule NL499: invalid pattern"):
        load_pack_file(bad)

"""The generated reference docs: rule pages say what ``newslint rule`` says, and the committed
docs are what scripts/gen_docs.py generates now.

A rule without a page yet (added since the docs were last generated) is reported as a skip, not
a failure, so adding a rule never breaks the suite; a page that is stale, or that documents a rule
that no longer exists, fails.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newslint.cli import main as newslint
from newslint.config.settings import ConfigError, parse_table
from newslint.api.rule import CATEGORIES
from newslint.testing import registry

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
assert _spec and _spec.loader
gen_docs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen_docs)
FIX_HINT = "run: python scripts/gen_docs.py"


def documented() -> set[str]:
    return {p.stem for p in (ROOT / "docs" / "rules").glob("NL*.md")}


@pytest.mark.parametrize("code", sorted(registry().metas))
def test_rule_page_is_what_newslint_rule_prints(code, capsys):
    assert newslint(["rule", code]) == 0
    printed = capsys.readouterr().out
    page = gen_docs.rule_page(registry().metas[code])
    assert page == gen_docs.NOTICE + "\n" + printed
    assert f"({code})" in page and "## What it does" in page and "## Fix safety" in page


def test_committed_docs_are_current():
    codes = documented() & set(registry().metas)
    files = gen_docs.generate(registry(), codes)
    stale = gen_docs.stale(ROOT, files)
    assert not stale, f"stale generated docs {stale}; {FIX_HINT}"


def test_every_rule_has_a_page():
    missing = sorted(set(registry().metas) - documented())
    if missing:
        pytest.skip(f"rules without a generated page: {', '.join(missing)}; {FIX_HINT}")


def test_index_links_every_documented_rule():
    index = (ROOT / "docs" / "rules" / "index.md").read_text(encoding="utf-8")
    for code in documented():
        assert f"[{code}]({code}.md)" in index


def test_every_documented_config_key_is_accepted(tmp_path):
    for key, kind, _default, _meaning in gen_docs.CONFIG_KEYS:
        value = "info" if key == "fail-on" else gen_docs.EXAMPLE_VALUES[kind]
        parse_table({key: value}, tmp_path / "newslint.toml")
    with pytest.raises(ConfigError):
        parse_table({"colour": "red"}, tmp_path / "newslint.toml")


def test_configuration_lists_every_rule_option():
    page = gen_docs.configuration(sorted(registry().metas.values(), key=lambda m: m.code))
    for category, options in registry().options_by_category().items():
        assert category in CATEGORIES
        for key in options:
            assert f"| `{key}` |" in page, f"option {category}.{key} is not in the configuration reference"


def test_check_mode_reports_and_write_mode_repairs(tmp_path, capsys):
    assert gen_docs.main(["--root", str(tmp_path)]) == 0
    assert gen_docs.main(["--root", str(tmp_path), "--check"]) == 0
    page = tmp_path / "docs" / "rules" / "NL401.md"
    page.write_text(page.read_text(encoding="utf-8") + "hand edit\n", encoding="utf-8")
    orphan = tmp_path / "docs" / "rules" / "NL499.md"
    orphan.write_text("a rule that was removed\n", encoding="utf-8")
    capsys.readouterr()
    assert gen_docs.main(["--root", str(tmp_path), "--check"]) == 1
    out = capsys.readouterr().out
    assert "docs/rules/NL401.md" in out and "docs/rules/NL499.md" in out
    assert "hand edit" in page.read_text(encoding="utf-8")  # --check writes nothing
    assert gen_docs.main(["--root", str(tmp_path)]) == 0
    assert gen_docs.main(["--root", str(tmp_path), "--check"]) == 0
    assert not orphan.exists()

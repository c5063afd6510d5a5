"""Configuration files: discovery, validation, per-file ignores and user rule packs."""
from __future__ import annotations

import json

import pytest

from newslint.cli import main

STORY = ("The finance minister resigned on Monday after parliament rejected her budget for the second "
         "time this year, officials said.\n")
BAD = f"-------- Advertisement---------\n\n{STORY}\nThe cafÃ© said itâ€™s open.\n"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "articles")
    return tmp_path


def codes(capsys) -> set[str]:
    return {d["code"] for d in json.loads(capsys.readouterr().out)}


@pytest.mark.parametrize("name", ["newslint.toml", ".newslint.toml"])
def test_config_found_upward(repo, capsys, name):
    (repo / name).write_text('ignore = ["encoding"]\n', encoding="utf-8")
    main(["check", "a.txt", "--format", "json"])
    assert codes(capsys) == {"NL401"}


def test_pyproject_table(repo, capsys):
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.newslint]\nselect = ["NL501"]\n',
                                         encoding="utf-8")
    main(["check", "a.txt", "--format", "json"])
    assert codes(capsys) == {"NL501"}


def test_pyproject_without_table_is_skipped(repo, capsys):
    (repo / "articles" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (repo / "newslint.toml").write_text('select = ["NL401"]\n', encoding="utf-8")
    main(["check", "a.txt", "--format", "json"])
    assert codes(capsys) == {"NL401"}


def test_explicit_config_overrides(repo, capsys):
    (repo / "newslint.toml").write_text('select = ["NL401"]\n', encoding="utf-8")
    other = repo / "other.toml"
    other.write_text('select = ["NL501"]\n', encoding="utf-8")
    main(["check", "a.txt", "--format", "json", "--config", str(other)])
    assert codes(capsys) == {"NL501"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('selct = ["NL401"]\n', "unknown key 'selct'"),
        ('select = "NL401"\n', "key 'select': must be a list of strings"),
        ('fail-on = "fatal"\n', "key 'fail-on': must be one of"),
        ("select = [\n", "invalid TOML"),
        ('[boilerplate]\nmin-words = 3\n', "unknown option 'min-words' in [boilerplate]"),
        ('select = ["NL4O1"]\n', "unknown rule selector 'NL4O1'"),
    ],
)
def test_broken_config_is_a_clear_error(repo, capsys, content, message):
    (repo / "newslint.toml").write_text(content, encoding="utf-8")
    assert main(["check", "a.txt"]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_per_file_ignores(repo, capsys):
    (repo / "newslint.toml").write_text('[per-file-ignores]\n"articles/*.txt" = ["boilerplate"]\n',
                                        encoding="utf-8")
    main(["check", "a.txt", "--format", "json"])
    assert codes(capsys) == {"NL501"}


PACK = '''
[pack]
name = "house"

[[rule]]
code = "NL490"
name = "house-promo"
category = "boilerplate"
kind = "line"
summary = "House promo line"
what = "Finds our own promo line."
why = "It is added by the CMS."
bad = "Download our app!\\n"
good = "The app was downloaded a million times.\\n"
fix = "delete-line"
patterns = ["download\\\\s+our\\\\s+app!?"]
'''


def test_user_rule_pack(repo, capsys):
    (repo / "packs").mkdir()
    (repo / "packs" / "house.toml").write_text(PACK, encoding="utf-8")
    (repo / "newslint.toml").write_text('rule-packs = ["packs/house.toml"]\n', encoding="utf-8")
    (repo / "articles" / "a.txt").write_text(f"{STORY}\nDownload our app!\n", encoding="utf-8")
    assert main(["check", "a.txt", "--format", "json"]) == 1
    assert codes(capsys) == {"NL490", "NL406"}  # the built-in app prompt (NL406) knows the line too


def test_user_pack_with_bad_regex_names_the_rule(repo, capsys):
    (repo / "house.toml").write_text(PACK.replace("download\\\\s+our", "download(our"), encoding="utf-8")
    (repo / "newslint.toml").write_text('rule-packs = ["house.toml"]\n', encoding="utf-8")
    assert main(["check", "a.txt"]) == 2
    err = capsys.readouterr().err
    assert "house.toml: rule NL490: invalid pattern" in err and "Traceback" not in err


def test_user_pattern_that_backtracks_is_stopped(repo, capsys, monkeypatch):
    import newslint.api.packs

    evil = PACK.replace('["download\\\\s+our\\\\s+app!?"]', '["(?:(?:x|x)+)+y"]')
    (repo / "house.toml").write_text(evil, encoding="utf-8")
    (repo / "newslint.toml").write_text('rule-packs = ["house.toml"]\nselect = ["NL490"]\n', encoding="utf-8")
    (repo / "articles" / "a.txt").write_text("x" * 40 + "\n", encoding="utf-8")
    monkeypatch.setattr(newslint.api.packs.PackChecker, "_timeout", lambda self, doc: 0.05)
    assert main(["check", "a.txt"]) == 2
    assert "took too long" in capsys.readouterr().err


def test_missing_pack_file(repo, capsys):
    (repo / "newslint.toml").write_text('rule-packs = ["nope.toml"]\n', encoding="utf-8")
    assert main(["check", "a.txt"]) == 2
    assert "nope.toml: cannot read rule pack" in capsys.readouterr().err


def test_user_pack_pattern_may_use_regex_syntax(repo, capsys):
    # User packs are compiled with the regex module (for its timeout): its syntax keeps working.
    (repo / "house.toml").write_text(PACK.replace("download\\\\s+our\\\\s+app!?", "\\\\p{Lu}{3,}+\\\\s+ONLY"),
                                     encoding="utf-8")
    (repo / "newslint.toml").write_text('rule-packs = ["house.toml"]\n', encoding="utf-8")
    (repo / "articles" / "a.txt").write_text(f"{STORY}\nSUBSCRIBERS ONLY\n", encoding="utf-8")
    assert main(["check", "a.txt", "--format", "json"]) == 1
    assert codes(capsys) == {"NL490"}

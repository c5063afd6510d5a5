"""Bad input is one line on stderr and exit 2, never a traceback (exit 1, which CI reads as
"findings"), and never a silent pass (issue 22)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from newslint.api import plugins
from newslint.cli import main
from newslint.model.diagnostic import Severity
from newslint.api.hookspecs import hookimpl
from newslint.api.rule import Rule, RuleMeta

STORY = ("The finance minister resigned on Monday after parliament rejected her budget for the second "
         "time this year, officials said.\n")
PACK = '''
[[rule]]
code = "X901"
name = "x-rule"
category = "spin"
kind = "phrase"
summary = "s"
what = "w"
why = "w"
bad = "b"
good = "g"
{extra}
'''


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(STORY, encoding="utf-8")
    return tmp_path


def one_error(capsys, *needles: str) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("newslint: error:")]
    assert len(lines) == 1, err
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("extra, needle", [
    ('phrases = [["--", "dash"]]', "has no letter or digit"),
    ('phrases = [["state division", "State Department"]]\nmessage = "use {replacement}"', "may only use"),
    ('phrases = [["state division", "State Department"]]\nmessage = "{match.__class__}"', "may only use"),
    ('phrases = [["state division", "State Department"]]\nmessage = "{0}"', "may only use"),
    ('phrases = [["state division", "State Department"]]\nmessage = "{match"', "invalid message template"),
])
def test_bad_packs(repo, capsys, extra, needle):
    (repo / "pack.toml").write_text(PACK.format(extra=extra), encoding="utf-8")
    (repo / "newslint.toml").write_text('rule-packs = ["pack.toml"]\n', encoding="utf-8")
    assert main(["check", "a.md"]) == 2
    one_error(capsys, needle)


def test_write_baseline_to_a_bad_path(repo, capsys):
    assert main(["check", "a.md", "--write-baseline", str(repo / "missing" / "dir" / "b.json")]) == 2
    one_error(capsys, "cannot write the baseline")


def test_an_unlistable_folder_named_explicitly(repo, capsys, monkeypatch):
    (repo / "locked").mkdir()
    _unlistable(monkeypatch, "locked")
    assert main(["check", "locked"]) == 2
    one_error(capsys, "cannot list folder")


def test_an_unlistable_subfolder_warns(repo, capsys, monkeypatch):
    (repo / "locked").mkdir()
    (repo / "locked" / "b.md").write_text(STORY, encoding="utf-8")
    _unlistable(monkeypatch, "locked")
    assert main(["check", "."]) == 0
    assert "locked: cannot list folder" in capsys.readouterr().err


def _unlistable(monkeypatch, name: str) -> None:
    real = os.scandir

    def scandir(path="."):  # what a 0000 folder does (the suite may run as root)
        if Path(os.fspath(path)).name == name:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_a_broken_pyproject_is_an_error(repo, capsys):
    (repo / "pyproject.toml").write_text("[tool.newslint\nselect = [", encoding="utf-8")
    assert main(["check", "a.md"]) == 2
    one_error(capsys, "invalid TOML")


def test_an_empty_select_is_an_error(repo, capsys):
    assert main(["check", "a.md", "--select", ""]) == 2
    one_error(capsys, "--select needs at least one")


def test_no_all_checks_passed_beside_an_error(repo, capsys):
    (repo / "bin.md").write_bytes(b"\x00\x01binary")
    assert main(["check", "."]) == 2
    captured = capsys.readouterr()
    assert "All checks passed" not in captured.out
    assert "error" in captured.out


class _Exits(Rule):
    meta = RuleMeta(code="X950", name="exits", category="spin", summary="s", what="w", why="w", bad="b\n",
                    good="g\n", severity=Severity.WARNING)

    def check(self, doc):
        raise SystemExit(0)


class _ExitPlugin:
    @staticmethod
    @hookimpl
    def newslint_rules():
        return [_Exits]


class _BadHook:
    @staticmethod
    @hookimpl
    def newslint_rules():
        raise RuntimeError("hook broke")


def _bad_format(result, stream, **_):
    raise ValueError("formatter broke")


class _BadFormatter:
    @staticmethod
    @hookimpl
    def newslint_formatters():
        return {"broken": _bad_format}


@pytest.fixture
def plugin(monkeypatch):
    plugins.plugin_manager.cache_clear()
    managers = [plugins.plugin_manager(), plugins.plugin_manager(None)]  # two lru_cache keys, both used

    def add(obj):
        for pm in managers:
            pm.register(obj)

    yield add
    plugins.plugin_manager.cache_clear()


def test_sys_exit_in_a_plugin_rule(repo, capsys, plugin):
    plugin(_ExitPlugin)
    assert main(["check", "a.md", "--select", "X950"]) == 2
    one_error(capsys, "X950", "SystemExit")


def test_a_plugin_hook_that_raises(repo, capsys, plugin):
    plugin(_BadHook)
    assert main(["check", "a.md"]) == 2
    one_error(capsys, "hook broke")


def test_a_plugin_formatter_that_raises(repo, capsys, plugin):
    plugin(_BadFormatter)
    assert main(["check", "a.md", "--format", "broken"]) == 2
    one_error(capsys, "formatter broke")


def test_a_plugin_that_fails_at_import(repo, capsys, monkeypatch):
    plugins.plugin_manager.cache_clear()
    monkeypatch.delenv(plugins.DISABLE_ENV, raising=False)
    monkeypatch.setattr(plugins, "_any_plugin_installed", lambda: True)

    def load(self, group, name=None):
        raise ImportError("No module named 'broken_plugin'")

    monkeypatch.setattr(plugins.pluggy.PluginManager, "load_setuptools_entrypoints", load)
    try:
        assert main(["check", "a.md"]) == 2
        one_error(capsys, "failed to load", "broken_plugin")
    finally:
        plugins.plugin_manager.cache_clear()

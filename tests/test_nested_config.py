"""One config resolution: the CLI (and so the hook) uses each file's nearest config, like the editor."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslint.cli import main

AD = "-------- Advertisement---------\n\nThe minister resigned on Monday, officials said.\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "newslint.toml").write_text('ignore = ["NL203"]\n', encoding="utf-8")
    for rel in ["top.md", "archive/old.md", "archive/drafts/d.md", "archive/deep/er/x.md"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(AD, encoding="utf-8")
    (tmp_path / "archive" / "newslint.toml").write_text('ignore = ["NL401"]\nexclude = ["drafts/"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _found(capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[str, str]]:
    main(["check", "--format", "json", *args])
    return sorted((d["path"], d["code"]) for d in json.loads(capsys.readouterr().out))


def test_nested_config_governs_its_folder(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _found(capsys) == [("top.md", "NL401")]


def test_named_files_too(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # pre-commit names files; the nested config still decides, and its excludes apply with --force-exclude.
    assert _found(capsys, "--force-exclude", "top.md", "archive/old.md", "archive/drafts/d.md") == [("top.md", "NL401")]
    assert main(["check", "archive/old.md", "archive/deep/er/x.md"]) == 0


def test_explicit_config_governs_every_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = _found(capsys, "--config", "newslint.toml")
    assert [p for p, _ in found] == ["archive/deep/er/x.md", "archive/drafts/d.md", "archive/old.md", "top.md"]


def test_editor_agrees(repo: Path) -> None:
    pytest.importorskip("lsprotocol")
    from newslint.lsp.workspace import Workspace

    ws = Workspace(repo)
    assert [d.code for d in ws.lint(AD, repo / "top.md", "top.md")] == ["NL401"]
    assert ws.lint(AD, repo / "archive" / "old.md", "old.md") == []
    assert ws.lint(AD, repo / "archive" / "drafts" / "d.md", "d.md") == []


def test_show_settings_is_the_named_files_nearest_config(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # As ruff's --show-settings FILE: the config that governs that file, not the working folder's.
    assert main(["check", "--show-settings", "archive/old.md"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["config-file"] == str(repo / "archive" / "newslint.toml")
    assert "NL401" not in shown["enabled"] and "NL203" in shown["enabled"]
    assert main(["check", "--show-settings"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["config-file"] == str(repo / "newslint.toml") and "NL401" in shown["enabled"]
    assert shown["other-config-files"] == [str(repo / "archive" / "newslint.toml")]


def test_verbose_names_the_nested_configs(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--verbose"])
    assert f"config {repo / 'newslint.toml'} and, below them, {repo / 'archive' / 'newslint.toml'}; 3 files" \
        in capsys.readouterr().err

"""The result cache: hits on unchanged files, misses on any change, and never a stale answer."""
from __future__ import annotations

import json

import pytest

import newslint.engine.runner
from newslint.cli import main

STORY = ("The finance minister resigned on Monday after parliament rejected her budget for the second "
         "time this year, officials said.\n")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(f"{STORY}\nRelated posts\n", encoding="utf-8")
    return tmp_path


def count_lints(monkeypatch) -> list[str]:
    calls: list[str] = []
    original = newslint.engine.runner._lint_doc

    def spy(engine, doc, *args, **kwargs):
        calls.append(doc.path)
        return original(engine, doc, *args, **kwargs)

    monkeypatch.setattr(newslint.engine.runner, "_lint_doc", spy)
    return calls


def test_second_run_uses_the_cache_and_reports_the_same(repo, capsys, monkeypatch):
    main(["check", ".", "--format", "json"])
    first = capsys.readouterr().out
    calls = count_lints(monkeypatch)
    main(["check", ".", "--format", "json"])
    assert capsys.readouterr().out == first
    assert calls == []
    assert (repo / ".newslint_cache" / ".gitignore").read_text().strip().endswith("*")


def test_changed_content_or_settings_miss_the_cache(repo, capsys, monkeypatch):
    main(["check", "."])
    calls = count_lints(monkeypatch)
    (repo / "a.txt").write_text(f"{STORY}\nShare this:\n", encoding="utf-8")
    main(["check", "."])
    assert calls == ["a.txt"]
    main(["check", ".", "--select", "NL405"])
    assert calls == ["a.txt", "a.txt"]


def test_no_cache_flag(repo, monkeypatch):
    main(["check", ".", "--no-cache"])
    assert not (repo / ".newslint_cache").exists()


def test_fix_is_not_skipped_by_a_cached_result(repo, monkeypatch):
    main(["check", "."])
    assert main(["check", ".", "--fix"]) == 1
    assert (repo / "a.txt").read_text(encoding="utf-8") == STORY


def test_corrupt_entry_is_a_miss(repo, capsys):
    main(["check", ".", "--format", "json"])
    first = json.loads(capsys.readouterr().out)
    for entry in (repo / ".newslint_cache").rglob("*"):
        if entry.is_file() and entry.name != ".gitignore":
            entry.write_bytes(b"garbage")
    main(["check", ".", "--format", "json"])
    assert json.loads(capsys.readouterr().out) == first

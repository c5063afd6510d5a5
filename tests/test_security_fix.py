"""Data safety (issue 22): a fix never loses an edit, never leaves a torn or stale file, and
``--diff`` and the stdin filter give back exactly the bytes ``--fix`` would write."""
from __future__ import annotations

import codecs
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import newslint.engine.lint
from newslint.cli import main

STORY = ("The finance minister resigned on Monday after parliament rejected her budget for the second "
         "time this year, officials said.\n")
DIRTY = f"{STORY}\nRelated posts\n"
ZWSP = "\u200b"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_an_edit_made_while_fixing_is_not_lost(repo, capsys, monkeypatch):
    article = repo / "a.md"
    article.write_text(DIRTY, encoding="utf-8")
    original = newslint.engine.lint.Engine.lint
    edited = "The editor's new first line.\n\n" + DIRTY

    def lint_while_the_editor_saves(self, doc):
        if article.read_text(encoding="utf-8") == DIRTY:
            article.write_text(edited, encoding="utf-8")
        return original(self, doc)

    monkeypatch.setattr(newslint.engine.lint.Engine, "lint", lint_while_the_editor_saves)
    assert main(["check", "a.md", "--fix"]) == 2
    assert article.read_text(encoding="utf-8") == edited
    assert "changed while newslint was fixing it" in capsys.readouterr().err
    assert not list(repo.glob(".*newslint-tmp"))


def test_a_read_only_file_is_not_rewritten(repo, capsys):
    article = repo / "a.md"
    article.write_text(DIRTY, encoding="utf-8")
    article.chmod(0o444)
    assert main(["check", "a.md", "--fix"]) == 2
    assert article.read_text(encoding="utf-8") == DIRTY
    err = capsys.readouterr().err
    assert "read-only file; not fixed" in err and "Traceback" not in err


def test_a_read_only_folder_fails_that_file_only(repo, capsys, monkeypatch):
    (repo / "locked").mkdir()
    (repo / "locked" / "a.md").write_text(DIRTY, encoding="utf-8")
    (repo / "b.md").write_text(DIRTY, encoding="utf-8")
    real = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):  # what a 0555 folder does (the suite may run as root)
        if dir is not None and Path(dir).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    assert main(["check", ".", "--fix"]) == 2
    assert (repo / "b.md").read_text(encoding="utf-8") == STORY  # the run went on
    assert (repo / "locked" / "a.md").read_text(encoding="utf-8") == DIRTY
    assert "could not write the fixed file: Permission denied" in capsys.readouterr().err


def test_temporary_files_left_by_a_kill_are_removed(repo):
    (repo / "a.md").write_text(DIRTY, encoding="utf-8")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = repo / f".a.md.{dead.stdout.strip()}.abcd1234.newslint-tmp"
    stale.write_text("half", encoding="utf-8")
    old = repo / ".b.md.k2j3h4.newslint-tmp"  # an older naming, without a pid: removed by age
    old.write_text("half", encoding="utf-8")
    os.utime(old, (1, 1))
    live = repo / f".c.md.{os.getpid()}.zz.newslint-tmp"  # a live writer's file stays
    live.write_text("in progress", encoding="utf-8")
    assert main(["check", ".", "--fix"]) == 1
    assert not stale.exists() and not old.exists() and live.exists()


@pytest.fixture
def cached(repo, monkeypatch):
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(repo / "user-cache"))
    return repo


@pytest.mark.parametrize("where", ["words-file", ".newslint-words.txt"])
def test_the_cache_key_covers_the_words_files_contents(cached, where):
    (cached / "a.md").write_text("The goverment fell on Monday.\n", encoding="utf-8")
    words = cached / ("words.txt" if where == "words-file" else ".newslint-words.txt")
    words.write_text("# house words\n", encoding="utf-8")
    if where == "words-file":
        (cached / "newslint.toml").write_text('select = ["NL601"]\n[spelling]\nwords-file = "words.txt"\n',
                                              encoding="utf-8")
    else:
        (cached / "newslint.toml").write_text('select = ["NL601"]\n', encoding="utf-8")
    assert main(["check", "a.md"]) == 1
    words.write_text("# house words\ngoverment\n", encoding="utf-8")
    assert main(["check", "a.md"]) == 0


def test_the_cache_key_covers_the_names_files_contents(cached):
    (cached / "a.md").write_text("Prime Minister Jon Smyth spoke on Monday.\n", encoding="utf-8")
    names = cached / "names.list"
    names.write_text("Jon Smith\n", encoding="utf-8")
    (cached / "newslint.toml").write_text('select = ["NL304"]\n[names]\nnames-file = "names.list"\n',
                                          encoding="utf-8")
    first = main(["check", "a.md"])
    names.write_text("Jon Smyth\n", encoding="utf-8")
    second = main(["check", "a.md"])
    assert (first, second) == (1, 0)


def _patch_gives_the_fix(repo: Path, name: str, data: bytes, capfd) -> None:
    article = repo / name
    article.write_bytes(data)
    capfd.readouterr()
    assert main(["check", name, "--diff", "--no-cache"]) == 1
    diff = capfd.readouterr().out.encode("utf-8", "surrogateescape")
    assert main(["check", name, "--fix", "--no-cache"]) == 1
    fixed = article.read_bytes()
    assert fixed != data
    article.write_bytes(data)
    done = subprocess.run(["patch", "-p1", "--binary", "-s"], input=diff, cwd=repo, capture_output=True)
    assert done.returncode == 0, (done.stdout, done.stderr, diff)
    assert article.read_bytes() == fixed


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs GNU patch")
@pytest.mark.parametrize("data", [
    f"{STORY}\nRelated posts".encode(),  # no final newline
    f"{STORY}\nRelated posts\n\nShe\u2028said{ZWSP} so.".encode(),  # U+2028 inside a line, no final newline
    f"{STORY}\nA\x0bline\x85with {ZWSP}breaks\n\nRelated posts\n".encode(),
    f"{STORY}\r\nRelated posts\r\n".encode(),
    codecs.BOM_UTF8 + DIRTY.encode(),
    codecs.BOM_UTF16_LE + DIRTY.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + DIRTY.encode("utf-16-be"),
], ids=["no-final-newline", "u2028", "vt-nel", "crlf", "utf8-bom", "utf16le", "utf16be"])
def test_the_diff_is_a_patch_that_gives_the_fix(repo, capfd, data):
    _patch_gives_the_fix(repo, "a.md", data, capfd)


def _filter(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "newslint", "check", "-", "--stdin-filename", "a.md", "--fix",
                           "--no-cache", *args], input=data, capture_output=True, timeout=120)


@pytest.mark.parametrize("data, fixed", [
    (DIRTY.encode() + b"caf\xe9\n", None),  # invalid UTF-8: given back untouched
    (codecs.BOM_UTF8 + DIRTY.encode(), codecs.BOM_UTF8 + STORY.encode()),
    (codecs.BOM_UTF16_LE + DIRTY.encode("utf-16-le"), codecs.BOM_UTF16_LE + STORY.encode("utf-16-le")),
    (codecs.BOM_UTF32_LE + DIRTY.encode("utf-32-le"), codecs.BOM_UTF32_LE + STORY.encode("utf-32-le")),
    (codecs.BOM_UTF32_BE + DIRTY.encode("utf-32-be"), codecs.BOM_UTF32_BE + STORY.encode("utf-32-be")),
], ids=["invalid-utf8", "utf8-bom", "utf16", "utf32le", "utf32be"])
def test_the_stdin_filter_gives_back_the_same_encoding(data, fixed):
    done = _filter(data)
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout == (data if fixed is None else fixed)
    assert b"Traceback" not in done.stderr


def test_many_jobs_are_capped(repo, capsys):
    for i in range(3):
        (repo / f"a{i}.md").write_text(DIRTY, encoding="utf-8")
    assert main(["check", ".", "-j", "100000"]) == 1
    assert "-j 100000 is more than" in capsys.readouterr().err

"""Trust (issue 22), second pass: a hostile repository's config, packs, word lists, name lists,
``.gitignore`` files and baselines cannot hang the run, exhaust memory or crash it with a
traceback. Each test here failed before its fix."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from newslint.model import reading
from newslint.cli import main

STORY = ("The finance minister resigned on Monday after parliament rejected her budget for the second "
         "time this year, officials said.\n")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(STORY, encoding="utf-8")
    return tmp_path


def run(args, cwd, timeout=60):
    """The CLI in a child process (a hang is a failure, not a stuck suite)."""
    return subprocess.run([sys.executable, "-m", "newslint", *args], cwd=cwd, capture_output=True,
                          timeout=timeout, env={"NEWSLINT_NO_CACHE": "1", "PATH": "/usr/bin:/bin"})


def test_a_catastrophic_ignore_pattern_cannot_hang_the_run(repo):
    (repo / "newslint.toml").write_text("ignore-patterns = ['(a|aa)+$']\n", encoding="utf-8")
    (repo / "b.md").write_text(STORY + "a" * 40 + "!\n", encoding="utf-8")
    started = time.monotonic()
    done = run(["check", "."], repo)  # before: (a|aa)+$ backtracked for hours on b.md
    assert time.monotonic() - started < 30
    assert done.returncode == 2
    err = done.stderr.decode()
    assert "b.md: not linted" in err and "ignore-patterns" in err and "Traceback" not in err


def test_the_ignore_pattern_budget_is_per_run(repo, monkeypatch, capsys):
    monkeypatch.setattr(reading, "RUN_BUDGET", 1.0)
    (repo / "newslint.toml").write_text("ignore-blocks = ['(a|aa)+$']\n", encoding="utf-8")
    for i in range(12):
        (repo / f"f{i:02d}.md").write_text("a" * 40 + "b\n", encoding="utf-8")
    started = time.process_time()
    assert main(["check", ".", "-j", "1"]) == 2
    assert time.process_time() - started < 8  # without the run budget: 12 x ~1 s
    assert "time budget" in capsys.readouterr().err


def test_ignore_patterns_still_mask(repo, capsys):
    (repo / "newslint.toml").write_text("ignore-patterns = ['<<[^>]*>>']\n", encoding="utf-8")
    (repo / "b.md").write_text(STORY + "\n<<Related posts>>\n", encoding="utf-8")
    (repo / "c.md").write_text(STORY + "\nRelated posts\n", encoding="utf-8")
    code = main(["check", "b.md", "c.md", "--select", "NL404", "--format", "json"])
    out = capsys.readouterr().out
    assert code == 1 and "c.md" in out and "b.md" not in out


DEEP = "a = " + "[" * 5000 + "\n"


@pytest.mark.parametrize("where", ["config", "pack", "baseline"])
def test_deeply_nested_input_is_one_line_and_exit_2(repo, where):
    args = ["check", "."]
    if where == "config":
        (repo / "newslint.toml").write_text(DEEP, encoding="utf-8")
    elif where == "pack":
        (repo / "newslint.toml").write_text('rule-packs = ["p.toml"]\n', encoding="utf-8")
        (repo / "p.toml").write_text(DEEP, encoding="utf-8")
    else:
        (repo / "base.json").write_text("[" * 100_000, encoding="utf-8")
        args += ["--baseline", "base.json"]
    done = run(args, repo)  # before: RecursionError traceback, exit 1 ("findings")
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1, err

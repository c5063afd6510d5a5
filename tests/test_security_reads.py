"""Issue 22, third pass: the repository's lists and baselines are read like its articles.

The words file, ``.newslint-words.txt``, the names file, a ``--baseline`` and ``.gitignore`` files
are the repository's (untrusted) files too. They were read with plain ``open``/``read_text``: a
FIFO there blocked the run for good, a link to ``/dev/zero`` read until memory ran out, and a
words list that is not UTF-8 failed NL601 on every file with a ``UnicodeDecodeError``.

Each run is a subprocess with a timeout and a memory limit, so that the old behaviour fails the
test (a timeout, a MemoryError) instead of hanging or exhausting the machine running it.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.engine import baseline

from newslint.model import reading
from newslint.cli import main

STORY = ("The finance minister resigned on Monday after parliament rejected her budget for the second "
         "time this year, officials said.\n")
MEMORY = 1536 * 1024 * 1024


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def newslint(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "NEWSLINT_NO_CACHE": "1", "NEWSLINT_NO_PLUGINS": "1", **env}
    return subprocess.run([sys.executable, "-m", "newslint", "check", *args], cwd=cwd, env=environ,
                          capture_output=True, text=True, timeout=60, preexec_fn=_limit_memory)


# Where each list lives, and the config that names it.
LISTS = {
    "names-file": ("names.list", '[names]\nnames-file = "names.list"\n'),
    "words-file": ("words.txt", '[spelling]\nwords-file = "words.txt"\n'),
    ".newslint-words.txt": (".newslint-words.txt", ""),
    "baseline": ("baseline.json", ""),
}


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "a.md").write_text(STORY, encoding="utf-8")
    return tmp_path


def _plant(repo: Path, which: str, how: str) -> list[str]:
    name, config = LISTS[which]
    (repo / "newslint.toml").write_text(config, encoding="utf-8")
    if how == "fifo":
        os.mkfifo(repo / name)
    else:
        (repo / name).symlink_to("/dev/zero")
    return ["a.md", "--baseline", name] if which == "baseline" else ["a.md"]


@pytest.mark.parametrize("how", ["fifo", "dev-zero"])
@pytest.mark.parametrize("which", list(LISTS))
def test_a_list_that_is_no_regular_file_is_one_line_and_exit_2(repo, which, how):
    done = newslint(repo, *_plant(repo, which, how))
    assert done.returncode == 2, done.stderr
    assert "not a regular file" in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1


@pytest.fixture
def inside(repo, monkeypatch):
    """``repo`` as the current folder, for runs in this process (those that cannot hang)."""
    monkeypatch.chdir(repo)
    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")
    return repo


@pytest.mark.parametrize("which", list(LISTS))
def test_a_list_over_the_size_cap_is_refused(inside, capsys, monkeypatch, which):
    name, config = LISTS[which]
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100_000)  # the shipped packs are read too
    monkeypatch.setattr(baseline, "MAX_BYTES", 100_000)
    (inside / "newslint.toml").write_text(config, encoding="utf-8")
    (inside / name).write_text("x" * 200_000, encoding="utf-8")
    assert main(["check", "a.md", "--baseline", name] if which == "baseline" else ["check", "a.md"]) == 2
    assert "200,000 bytes, over the limit of 100,000" in capsys.readouterr().err


@pytest.mark.parametrize("which", ["words-file", ".newslint-words.txt"])
def test_a_words_list_that_is_not_utf8_is_named(inside, capsys, which):
    name, config = LISTS[which]
    (inside / "newslint.toml").write_text(config, encoding="utf-8")
    (inside / name).write_bytes(b"caf\xe9\n")
    assert main(["check", "a.md"]) == 2
    err = capsys.readouterr().err
    assert f"{name}: the words file is not UTF-8 (byte 0xe9 at offset 3)" in err
    assert "UnicodeDecodeError" not in err


def test_a_words_list_with_a_bom_keeps_its_first_word(inside, capsys):
    (inside / "a.md").write_text(STORY + "\nThe goverment said so.\n", encoding="utf-8")
    (inside / ".newslint-words.txt").write_text("\ufeffgoverment\n", encoding="utf-8")
    assert main(["check", "a.md", "--select", "NL601"]) == 0, capsys.readouterr().out


def test_a_missing_words_file_is_an_error_not_a_silent_pass(inside, capsys):
    (inside / "newslint.toml").write_text(LISTS["words-file"][1], encoding="utf-8")
    assert main(["check", "a.md"]) == 2
    assert "words.txt: cannot read: No such file or directory" in capsys.readouterr().err


@pytest.mark.parametrize("how", ["fifo", "dev-zero"])
def test_a_gitignore_that_is_no_regular_file_is_skipped_with_a_warning(repo, how):
    if how == "fifo":
        os.mkfifo(repo / ".gitignore")
    else:
        (repo / ".gitignore").symlink_to("/dev/zero")
    done = newslint(repo, ".")
    assert done.returncode == 0, done.stderr
    assert ".gitignore: not a regular file" in done.stderr and "its rules are not applied" in done.stderr


def test_write_baseline_never_writes_through_a_link(repo, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "profile"
    outside.write_text("export SAFE=1\n", encoding="utf-8")
    (repo / "baseline.json").symlink_to(outside)
    done = newslint(repo, "a.md", "--write-baseline", "baseline.json")
    assert done.returncode == 0, done.stderr
    assert outside.read_text(encoding="utf-8") == "export SAFE=1\n"
    assert not (repo / "baseline.json").is_symlink()
    assert '"findings"' in (repo / "baseline.json").read_text(encoding="utf-8")


def test_write_baseline_to_a_fifo_does_not_block(repo):
    os.mkfifo(repo / "baseline.json")
    done = newslint(repo, "a.md", "--write-baseline", "baseline.json")
    assert done.returncode == 0, done.stderr
    assert (repo / "baseline.json").is_file()
    assert [p.name for p in repo.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("which", list(LISTS))
def test_a_list_that_is_a_folder_is_one_line(inside, capsys, which):
    name, config = LISTS[which]
    (inside / "newslint.toml").write_text(config, encoding="utf-8")
    (inside / name).mkdir()
    assert main(["check", "a.md", "--baseline", name] if which == "baseline" else ["check", "a.md"]) == 2
    err = capsys.readouterr().err
    assert f"{name}: " in err and err.endswith("is a directory\n") and err.count("\n") == 1

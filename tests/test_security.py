"""Trust (issue 22): a hostile content repository cannot run code, leak files, write outside the
project or exhaust the machine, and its text cannot drive the terminal."""
from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newslint.engine import files

from newslint.model import reading
from newslint.cli import main

STORY = ("The finance minister resigned on Monday after parliament rejected her budget for the second "
         "time this year, officials said.\n")
FLAGGED = f"{STORY}\nRelated posts\n"  # NL404: a line that is flagged and shown


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(FLAGGED, encoding="utf-8")
    return tmp_path


@pytest.fixture
def cached(repo, monkeypatch):
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(repo.parent / f"{repo.name}-user-cache"))
    return repo


def entries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and p.name != ".gitignore"]


class _Planted:
    def __reduce__(self):
        return (os.system, (f"touch {Path.cwd() / 'PWNED'}",))


def test_a_planted_pickle_in_the_cache_never_runs(cached, capsys):
    assert main(["check", ".", "--format", "json"]) == 1
    first = json.loads(capsys.readouterr().out)
    for entry in entries(cached / ".newslint_cache"):
        entry.write_bytes(pickle.dumps(_Planted()))
    assert main(["check", ".", "--format", "json"]) == 1
    assert not (cached / "PWNED").exists()
    assert json.loads(capsys.readouterr().out) == first


def test_a_planted_entry_cannot_mark_a_dirty_file_clean(cached, capsys):
    """An entry written with another key (another user, another machine) is a miss."""
    from newslint.model import sealed

    (cached / "a.md").write_text(STORY, encoding="utf-8")
    assert main(["check", "."]) == 0  # the clean result is cached under the clean file's key
    clean = {p.name: p.read_bytes() for p in entries(cached / ".newslint_cache")}
    (cached / "a.md").write_text(FLAGGED, encoding="utf-8")
    assert main(["check", "."]) == 1
    # The attacker plants the clean result under the dirty file's key, sealed with its own key
    # (its own machine's, as it cannot read this user's).
    payload = next(iter(clean.values()))[len(sealed.FORMAT) + 32:]
    sealed._KEY = b"attacker" * 4
    try:
        planted = {p: sealed.seal(payload) for p in entries(cached / ".newslint_cache") if p.name not in clean}
    finally:
        sealed._KEY = None
    assert planted
    for path, blob in planted.items():
        path.write_bytes(blob)
    capsys.readouterr()
    assert main(["check", "."]) == 1
    assert "Related posts" in capsys.readouterr().out


def test_a_cache_entry_of_the_wrong_shape_is_a_miss(cached, capsys):
    from newslint.model import sealed

    assert main(["check", "."]) == 1
    for entry in entries(cached / ".newslint_cache"):
        entry.write_bytes(sealed.dumps({"not": "a result"}))
    assert main(["check", "."]) == 1
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("setting", ["../outside", "/ABS/outside"])
def test_cache_dir_from_the_config_cannot_point_outside_the_project(cached, capsys, setting):
    outside = cached.parent / f"{cached.name}-outside"
    value = setting.replace("/ABS/outside", str(outside)).replace("../outside", f"../{outside.name}")
    (cached / "newslint.toml").write_text(f'cache-dir = "{value}"\n', encoding="utf-8")
    assert main(["check", "."]) == 1
    assert not outside.exists()
    assert "outside the project" in capsys.readouterr().err


def test_a_committed_cache_symlink_is_not_written_through(cached, capsys):
    outside = cached.parent / f"{cached.name}-elsewhere"
    outside.mkdir()
    (cached / ".newslint_cache").symlink_to(outside)
    assert main(["check", "."]) == 1
    assert list(outside.iterdir()) == []
    assert "outside the project" in capsys.readouterr().err


def test_a_planted_link_inside_the_cache_is_not_written_through(cached):
    assert main(["check", "."]) == 1
    outside = cached.parent / f"{cached.name}-victim"
    outside.mkdir()
    (fingerprint,) = [p for p in (cached / ".newslint_cache").iterdir() if p.is_dir()]
    for sub in [p for p in fingerprint.iterdir() if p.is_dir()]:
        for entry in sub.iterdir():
            entry.unlink()
        sub.rmdir()
    for prefix in range(256):  # wherever the next entry goes, a planted link is waiting
        (fingerprint / f"{prefix:02x}").symlink_to(outside)
    (cached / "a.md").write_text(FLAGGED + "\nShare this:\n", encoding="utf-8")
    (cached / "b.md").write_text(FLAGGED, encoding="utf-8")
    main(["check", "."])
    assert list(outside.iterdir()) == []


def test_the_cache_is_pruned(cached):
    top = cached / ".newslint_cache"
    for code in ["NL401", "NL402", "NL403", "NL404", "NL405", "NL406", "NL407", "NL408", "NL409", "NL410",
                 "NL411", "NL412"]:
        main(["check", ".", "--select", code])
    folders = [p for p in top.iterdir() if p.is_dir()]
    from newslint.engine.cache import KEEP_FINGERPRINTS

    assert 1 < len(folders) <= KEEP_FINGERPRINTS + 1


def test_links_out_of_the_tree_are_not_followed_when_walking(repo, capsys):
    secret = repo.parent / f"{repo.name}-secrets.env"
    secret.write_text("API_TOKEN=hunter2\n\nRelated posts\n", encoding="utf-8")
    (repo / "leak.md").symlink_to(secret)
    (repo / "zero.md").symlink_to("/dev/zero")
    (repo / "inside.md").symlink_to(repo / "a.md")  # inside the tree: fine
    assert main(["check", "."]) == 1
    captured = capsys.readouterr()
    assert "hunter2" not in captured.out and "leak.md" not in captured.out
    assert "leak.md: symbolic link" in captured.err and "zero.md: symbolic link" in captured.err
    assert "inside.md" in captured.out


def test_fix_never_writes_through_a_link(repo, capsys):
    target = repo / "target.md"
    target.write_text(FLAGGED, encoding="utf-8")
    (repo / "link.md").symlink_to(target)
    assert main(["check", "link.md", "--fix"]) == 2
    assert (repo / "link.md").is_symlink()
    assert target.read_text(encoding="utf-8") == FLAGGED
    assert "symbolic link; not fixed" in capsys.readouterr().err


@pytest.mark.parametrize("how", ["file", "config", "pack"])
def test_dev_zero_is_refused_at_once(repo, capsys, how):
    if how == "file":
        (repo / "zero.md").symlink_to("/dev/zero")
        argv = ["check", "zero.md"]
    elif how == "config":
        argv = ["check", "a.md", "--config", "/dev/zero"]
    else:
        (repo / "newslint.toml").write_text('rule-packs = ["/dev/zero"]\n', encoding="utf-8")
        argv = ["check", "a.md"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "not a regular file" in err and err.count("\n") == 1


def test_a_fifo_named_md_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    done = subprocess.run([sys.executable, "-m", "newslint", "check", "pipe.md"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "not a regular file" in done.stderr and "Traceback" not in done.stderr


def test_files_over_the_size_cap_are_refused(repo, capsys, monkeypatch):
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
    assert main(["check", "a.md"]) == 2
    assert "over the limit" in capsys.readouterr().err


def test_escape_sequences_never_reach_the_terminal(repo, capsys):
    hostile = "\x1b]0;pwned\x07\x1b[2J"
    (repo / f"x{hostile}.md").write_text(f"{STORY}\nRelated posts{hostile}\n\nRelated posts\u202e\n",
                                         encoding="utf-8")
    for fmt in ("text", "github"):
        main(["check", ".", "--color", "never", "--format", fmt])
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert "\\x1b" in out or "\u241b" in out


def test_non_utf8_file_names_are_encoded_losslessly(tmp_path):
    name = b"caf\xff\x1b.md"
    (tmp_path / os.fsdecode(name)).write_text(FLAGGED, encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "PYTHONUTF8": "1"}

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "newslint", "check", ".", *args], cwd=tmp_path,
                              capture_output=True, env=env, timeout=120)

    done = run("--format", "json")
    assert done.returncode == 1, done.stderr
    (row,) = json.loads(done.stdout.decode("utf-8"))
    assert os.fsencode(row["path"]) == name
    done = run("--format", "sarif")
    assert done.returncode == 1, done.stderr
    sarif = json.loads(done.stdout.decode("utf-8"))
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    from urllib.parse import unquote_to_bytes

    assert unquote_to_bytes(uri) == name
    for fmt in ("text", "github"):
        done = run("--format", fmt)
        assert done.returncode == 1, done.stderr
        assert b"\\xff" in done.stdout and b"\x1b" not in done.stdout
        done.stdout.decode("utf-8")  # valid UTF-8


def test_the_regex_budget_is_per_run(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(reading, "RUN_BUDGET", 1.0)  # the budget every untrusted pattern set draws on
    (tmp_path / "evil.toml").write_text(r'''
[[rule]]
code = "X901"
name = "evil"
category = "boilerplate"
kind = "line"
summary = "Catastrophic"
what = "w"
why = "w"
bad = "x"
good = "y"
patterns = ['(a|aa)+$']
''', encoding="utf-8")
    (tmp_path / "newslint.toml").write_text('rule-packs = ["evil.toml"]\nselect = ["X901"]\n', encoding="utf-8")
    for i in range(12):
        (tmp_path / f"f{i:02d}.md").write_text("a" * 40 + "b\n", encoding="utf-8")
    started = time.process_time()
    assert main(["check", ".", "-j", "1"]) == 2
    assert time.process_time() - started < 8  # without the budget: 12 x ~1 s
    assert "time budget" in capsys.readouterr().err


def test_a_planted_corpus_signature_cache_never_runs(repo, capsys):
    import hashlib

    corpus = repo.parent / f"{repo.name}-corpus"
    corpus.mkdir()
    (corpus / "old.md").write_text(STORY * 3, encoding="utf-8")
    digest = hashlib.blake2b(str(corpus.resolve()).encode(), digest_size=8).hexdigest()
    folder = repo / ".newslint_cache" / "corpus"
    folder.mkdir(parents=True)
    for name in (f"{digest}-v6.pickle", f"{digest}-v7.json", f"{digest}-v8.json"):
        (folder / name).write_bytes(pickle.dumps(_Planted()))
    long_story = "".join(f"Paragraph {i}: {STORY}\n" for i in range(12))
    (repo / "a.md").write_text(long_story, encoding="utf-8")
    (repo / "b.md").write_text(long_story.replace("Monday", "Friday"), encoding="utf-8")
    main(["check", "a.md", "b.md", "--corpus", str(corpus), "--select", "NL105"])
    assert not (repo / "PWNED").exists()

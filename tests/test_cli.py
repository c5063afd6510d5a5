"""The command line: exit codes, formats, selection, stdin, rules and rule."""
from __future__ import annotations

import io
import json
import sys

import pytest

from newslint.cli import main

STORY = ("The finance minister resigned on Monday after parliament rejected her budget for the second "
         "time this year, officials said.\n")
BAD = f"-------- Advertisement---------\n\n{STORY}\nThe cafÃ© said itâ€™s open.\n"


@pytest.fixture
def article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    return tmp_path


def test_exit_codes(article, capsys):
    assert main(["check", "good.txt"]) == 0
    assert main(["check", "bad.txt"]) == 1
    assert main(["check", "bad.txt", "--exit-zero"]) == 0
    assert main(["check", "bad.txt", "--fail-on", "error"]) == 1  # mojibake is an error
    assert main(["check", "bad.txt", "--select", "NL401", "--fail-on", "error"]) == 0
    assert main(["check", "missing.txt"]) == 2
    assert "missing.txt: no such file" in capsys.readouterr().err


def test_text_output_shows_source_and_caret(article, capsys):
    main(["check", "bad.txt", "--select", "NL401"])
    out = capsys.readouterr().out
    assert "bad.txt:1:1: NL401 [*] Leftover advertisement marker" in out
    assert "1 | -------- Advertisement---------" in out
    assert "  | " + "^" * 31 in out
    assert out.rstrip().endswith("1 fixable with --fix.")


def test_json_output_is_exactly_the_schema(article, capsys):
    main(["check", "bad.txt", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    keys = {"path", "line", "column", "end_line", "end_column", "code", "rule", "category", "severity",
            "message", "fix"}
    assert data and all(set(d) == keys for d in data)
    first = data[0]
    assert (first["path"], first["line"], first["column"], first["code"]) == ("bad.txt", 1, 1, "NL401")
    assert first["fix"]["safety"] == "safe"
    assert first["fix"]["edits"][0]["start"] == {"line": 1, "column": 1}
    moj = [d for d in data if d["code"] == "NL501"]
    assert [(d["line"], d["column"], d["end_column"]) for d in moj] == [(5, 8, 10), (5, 18, 21)]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--select", "encoding"], {"NL501"}),
        (["--select", "NL4"], {"NL401"}),
        (["--ignore", "NL501"], {"NL401"}),
        (["--select", "NL5", "--ignore", "encoding"], {"NL501"}),  # the prefix is more specific
        (["--select", "ad-marker"], {"NL401"}),
        (["--ignore", "ALL", "--extend-select", "NL401"], {"NL401"}),
    ],
)
def test_selection(article, capsys, args, expected):
    main(["check", "bad.txt", "--format", "json", *args])
    assert {d["code"] for d in json.loads(capsys.readouterr().out)} == expected


def test_unknown_selector_is_a_usage_error(article, capsys):
    assert main(["check", "bad.txt", "--select", "NL999"]) == 2
    assert "unknown rule selector 'NL999'" in capsys.readouterr().err


def test_statistics(article, capsys):
    main(["check", "bad.txt", "--statistics"])
    out = capsys.readouterr().out
    assert "     2  NL501   [*] mojibake" in out
    assert "     1  NL401   [*] ad-marker" in out


def test_stdin_with_filename(article, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.encode())))
    assert main(["check", "-", "--stdin-filename", "story.md", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {d["path"] for d in data} == {"story.md"}


def test_stdin_fix_writes_fixed_text_to_stdout(article, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.encode())))
    main(["check", "-", "--fix"])
    out = capsys.readouterr().out
    assert out == f"{STORY}\nThe café said it’s open.\n"


def test_folders_skip_git_and_excludes(article, capsys):
    (article / ".git").mkdir()
    (article / ".git" / "x.txt").write_text(BAD, encoding="utf-8")
    (article / "drafts").mkdir()
    (article / "drafts" / "d.md").write_text(BAD, encoding="utf-8")
    (article / "image.png").write_bytes(b"\x89PNG\x00\x00")
    main(["check", ".", "--format", "json", "--exclude", "drafts"])
    assert {d["path"] for d in json.loads(capsys.readouterr().out)} == {"bad.txt"}


def test_gitignore_is_honoured(article, capsys):
    (article / ".git").mkdir()
    (article / ".gitignore").write_text("build/\nbad.txt\n", encoding="utf-8")
    (article / "build").mkdir()
    (article / "build" / "b.txt").write_text(BAD, encoding="utf-8")
    assert main(["check", "."]) == 0


def test_rules_and_rule(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "NL401   [*] ad-marker" in out and "NL501" in out
    assert main(["rule", "NL401"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# ad-marker (NL401)") and "## Why it matters" in text and "## Fix safety" in text
    assert main(["rule", "mojibake"]) == 0
    assert main(["rule", "NL999"]) == 2


def test_rules_json(capsys):
    main(["rules", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert any(r["code"] == "NL401" and r["fix"] == "safe" for r in data)


def test_python_dash_m(article):
    import subprocess

    proc = subprocess.run([sys.executable, "-m", "newslint", "check", "good.txt"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "All checks passed" in proc.stdout


def test_progress_line_only_on_a_terminal_for_long_runs(monkeypatch):
    import io

    import newslint.output.progress as progress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    tty, pipe = Tty(), io.StringIO()
    assert list(progress.track(range(5), 5, tty)) == [0, 1, 2, 3, 4]
    assert "newslint: 5/5 files" in tty.getvalue()
    assert list(progress.track(range(5), 5, pipe)) == [0, 1, 2, 3, 4]
    assert pipe.getvalue() == ""

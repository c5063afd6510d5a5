"""Bad input gets a clear message and a non-zero exit, never a traceback."""
from __future__ import annotations

import pytest

from newslint.cli import main


def test_binary_file_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "binary file" in err and "Traceback" not in err


def test_empty_file_is_clean(tmp_path):
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    assert main(["check", str(path)]) == 0


def test_whitespace_only_file_is_clean(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("\n\n   \n\t\n", encoding="utf-8")
    assert main(["check", str(path)]) == 0


def test_directory_named_like_a_file(tmp_path, capsys):
    folder = tmp_path / "x.txt"
    folder.mkdir()
    assert main(["check", str(folder)]) == 0  # an empty folder: nothing to lint


def test_unreadable_file(tmp_path, capsys):
    import os

    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    assert main(["check", str(path)]) == 2


def test_rule_crash_is_reported_without_traceback(tmp_path, capsys, monkeypatch):
    from newslint.families.encoding.rules import Mojibake

    def boom(self, doc):
        raise ValueError("kaput")

    monkeypatch.setattr(Mojibake, "check", boom)
    path = tmp_path / "a.txt"
    path.write_text("text\n", encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "rule NL501 failed: ValueError: kaput" in err and "Traceback" not in err


def test_large_file_lints_in_linear_time(tmp_path):
    # About 5 MB of article text with debris every few paragraphs: must finish and find them all.
    para = ("The council approved the budget after a long debate on Monday, officials said, and the "
            "mayor promised more money for schools and roads next year.\n\n")
    block = para * 20 + "-------- Advertisement---------\n\n"
    path = tmp_path / "big.txt"
    path.write_text(block * 1800, encoding="utf-8")
    from newslint.testing import lint_text

    found = lint_text(path.read_text(encoding="utf-8"), ["NL401"])
    assert len(found) == 1800

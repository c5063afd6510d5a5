"""Fixes: all-or-nothing, atomic, idempotent, keeping encoding, BOM and line endings."""
from __future__ import annotations

import codecs

import pytest

from newslint.cli import main

STORY = ("The finance minister resigned on Monday after parliament rejected her budget for the second "
         "time this year, officials said.")


def bad(nl: str = "\n") -> str:
    return nl.join(["-------- Advertisement---------", "", STORY, "", "The cafÃ© said itâ€™s open.", ""])


def good(nl: str = "\n") -> str:
    return nl.join([STORY, "", "The café said it’s open.", ""])


@pytest.mark.parametrize("nl", ["\n", "\r\n"])
def test_fix_keeps_line_endings_and_is_idempotent(tmp_path, nl):
    path = tmp_path / "a.txt"
    path.write_bytes(bad(nl).encode())
    assert main(["check", "--fix", str(path)]) == 1
    assert path.read_bytes() == good(nl).encode()
    assert main(["check", "--fix", str(path)]) == 0
    assert path.read_bytes() == good(nl).encode()


def test_fix_keeps_utf8_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + bad().encode())
    main(["check", "--fix", str(path)])
    assert path.read_bytes() == codecs.BOM_UTF8 + good().encode()


def test_fix_keeps_utf16(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + bad().encode("utf-16-le"))
    main(["check", "--fix", str(path)])
    assert path.read_bytes() == codecs.BOM_UTF16_LE + good().encode("utf-16-le")


def test_diff_does_not_write(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(bad(), encoding="utf-8")
    assert main(["check", "--diff", str(path)]) == 1
    out = capsys.readouterr().out
    assert "--- a/" in out and "--------- Advertisement---------" in out and "+The café said it’s open." in out
    assert path.read_text(encoding="utf-8") == bad()


def test_unsafe_fixes_need_the_flag(tmp_path):
    path = tmp_path / "a.txt"
    text = f"{STORY}\n\nThe minister arrives.Jane Roe / AFP – Getty Images\n"
    path.write_text(text, encoding="utf-8")
    main(["check", "--fix", "--select", "NL414", str(path)])
    assert path.read_text(encoding="utf-8") == text
    main(["check", "--fix", "--unsafe-fixes", "--select", "NL414", str(path)])
    assert path.read_text(encoding="utf-8") == f"{STORY}\n\nThe minister arrives.\n"


def test_fix_keeps_file_mode_and_leaves_no_temp_files(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(bad(), encoding="utf-8")
    path.chmod(0o640)
    main(["check", "--fix", str(path)])
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_invalid_utf8_is_reported_and_never_rewritten(tmp_path, capsys):
    path = tmp_path / "a.txt"
    data = b"-------- Advertisement---------\n\nCaf\xe9 society.\n"
    path.write_bytes(data)
    assert main(["check", "--fix", str(path)]) == 1
    assert path.read_bytes() == data
    out = capsys.readouterr().out
    assert "a.txt:3:4: NL502" in out


def test_overlapping_fixes_settle_in_later_passes():
    from newslint.model.diagnostic import FixSafety
    from newslint.model.document import Document
    from newslint.engine.fixer import apply_fixes
    from newslint.testing import registry

    meta = registry().metas["NL401"]
    doc = Document("x", "abcdef")
    one = doc.diagnostic(meta, 0, 3, "m", edits=[doc.edit(0, 3, "X")], safety=FixSafety.SAFE)
    two = doc.diagnostic(meta, 2, 5, "m", edits=[doc.edit(2, 5, "Y")], safety=FixSafety.SAFE)
    text, fixed = apply_fixes(doc.text, [one, two], unsafe=False)
    assert (text, fixed) == ("Xdef", [one])


@pytest.mark.parametrize("stdin", [False, True])
def test_diff_summary_says_would_fix_and_never_all_checks_passed(tmp_path, capsys, monkeypatch, stdin):
    path = tmp_path / "a.txt"
    path.write_text(bad(), encoding="utf-8")
    if stdin:
        import io
        import sys

        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(bad().encode("utf-8"))))
        assert main(["check", "--diff", "--no-cache", "--stdin-filename", "a.txt", "-"]) == 1
    else:
        assert main(["check", "--diff", "--no-cache", str(path)]) == 1
    captured = capsys.readouterr()
    summary = (captured.out + captured.err).strip().splitlines()[-1]
    assert summary.startswith("Would fix ") and "no file written" in summary, summary
    assert "Fixed" not in summary and "All checks passed" not in summary
    # Control: --fix writes, and says so.
    assert main(["check", "--fix", "--no-cache", str(path)]) in (0, 1)
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("Fixed ")


def test_fix_leaves_what_the_baseline_accepted(tmp_path, monkeypatch):
    """A baseline accepts its findings as they are: --fix rewrites only the new ones (issue 17)."""
    from newslint.cli import main

    monkeypatch.chdir(tmp_path)
    story = "The council met on Monday and approved the budget after a long debate.\n"
    old = f"-------- Advertisement---------\n\n{story}"
    (tmp_path / "a.txt").write_text(old, encoding="utf-8")
    assert main(["check", "--no-cache", "--write-baseline", "bl.json", "a.txt"]) == 0
    (tmp_path / "a.txt").write_text(old + "\n[ad_2]\n", encoding="utf-8")
    main(["check", "--no-cache", "--baseline", "bl.json", "--fix", "a.txt"])
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == old  # the new ad went, the accepted one stayed
    main(["check", "--no-cache", "--fix", "a.txt"])  # without the baseline it is an ordinary finding
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == story

"""The language server's parts that need no server process: positions, settings, the CLI guard."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newslint.cli import main
from newslint.lsp.positions import UTF8, UTF16, UTF32, LineIndex, units
from newslint.lsp.workspace import Workspace

TEXT = "Zoë said 😀 hi\r\nJosé Núñez\rÅsa\n\nend"


@pytest.mark.parametrize(("encoding", "expected"), [(UTF16, 12), (UTF8, 15), (UTF32, 11)])
def test_columns_count_the_clients_units(encoding, expected):
    index = LineIndex(TEXT, encoding)
    offset = TEXT.index(" hi") + 1
    assert index.position(offset) == (0, expected)
    assert index.offset(0, expected) == offset


def test_every_line_break_kind_starts_a_line():
    index = LineIndex(TEXT)
    assert index.position(TEXT.index("José")) == (1, 0)
    assert index.position(TEXT.index("Åsa")) == (2, 0)
    assert index.position(TEXT.index("end")) == (4, 0)
    # The end of a line is before its "\r\n", and an offset between "\r" and "\n" belongs there too.
    assert index.position(TEXT.index("\r\n")) == index.position(TEXT.index("\r\n") + 1) == (0, 14)


def test_out_of_range_positions_clamp():
    index = LineIndex(TEXT)
    assert index.offset(0, 999) == TEXT.index("\r\n")
    assert index.offset(99, 0) == len(TEXT)
    assert index.offset(-1, 5) == 0
    assert index.position(len(TEXT) + 10) == (4, 3)


def test_a_position_inside_a_surrogate_pair_moves_past_the_character():
    index = LineIndex("😀x")
    assert index.offset(0, 1) == 1  # UTF-16 unit 1 is the emoji's second half
    assert index.offset(0, 2) == 1


@given(st.lists(st.sampled_from(["a", "é", "😀", "\n", "\r", "\r\n", " ", "👩‍👩‍👧"]), max_size=30).map("".join),
       st.sampled_from([UTF8, UTF16, UTF32]))
def test_offsets_round_trip(text, encoding):
    index = LineIndex(text, encoding)
    for offset in range(len(text) + 1):
        if offset and text[offset - 1 : offset + 1] == "\r\n":
            continue  # between "\r" and "\n" is not a place a client can name
        line, character = index.position(offset)
        assert index.offset(line, character) == offset
        assert character == units(text[index.starts[line] : offset], encoding)


ARTICLE = "The State Division said so.\n\nAdvertisement\n\nThe talks resumed on Monday, officials said.\n"


def _codes(diags):
    return {d.code for d in diags}


def test_workspace_uses_the_config_nearest_the_document(tmp_path: Path):
    (tmp_path / "newslint.toml").write_text('ignore = ["spin"]\n', encoding="utf-8")
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / ".newslint.toml").write_text('ignore = ["boilerplate"]\n', encoding="utf-8")
    ws = Workspace(tmp_path)
    assert _codes(ws.lint(ARTICLE, tmp_path / "story.md", "story.md")) == {"NL401"}
    assert _codes(ws.lint(ARTICLE, tmp_path / "desk" / "story.md", "story.md")) == {"NL201"}


def test_workspace_honours_per_file_ignores_and_notices_config_edits(tmp_path: Path):
    config = tmp_path / "newslint.toml"
    config.write_text('[per-file-ignores]\n"archive/*" = ["NL401"]\n', encoding="utf-8")
    ws = Workspace(tmp_path)
    assert _codes(ws.lint(ARTICLE, tmp_path / "archive" / "old.md", "old.md")) == {"NL201"}
    assert _codes(ws.lint(ARTICLE, tmp_path / "new.md", "new.md")) == {"NL201", "NL401"}
    config.write_text('ignore = ["NL201", "NL401"]\n', encoding="utf-8")
    assert _codes(ws.lint(ARTICLE, tmp_path / "new.md", "new.md")) == set()


def test_workspace_skips_excluded_files(tmp_path: Path):
    (tmp_path / "newslint.toml").write_text('exclude = ["drafts/*"]\n', encoding="utf-8")
    ws = Workspace(tmp_path)
    assert ws.lint(ARTICLE, tmp_path / "drafts" / "idea.md", "idea.md") == []
    assert _codes(ws.lint(ARTICLE, tmp_path / "published" / "story.md", "story.md")) == {"NL201", "NL401"}


def test_unsaved_buffer_uses_the_workspace_root(tmp_path: Path):
    (tmp_path / "newslint.toml").write_text('select = ["NL401"]\n', encoding="utf-8")
    ws = Workspace(tmp_path)
    assert _codes(ws.lint(ARTICLE, None, "Untitled-1")) == {"NL401"}


def test_lsp_without_the_extra_says_what_to_install(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pygls", None)
    assert main(["lsp"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'newslint[lsp]'" in err


@pytest.mark.slow
def test_check_does_not_import_the_lsp_stack():
    import subprocess

    code = "import sys, newslint.cli; newslint.cli.main(['rules']); print('pygls' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("False")


def test_a_lint_stops_between_rules_when_its_result_is_stale(tmp_path):
    # What the server's worker does when the document changes under a running lint.
    from newslint.engine.lint import LintCancelled

    text = "-------- Advertisement---------\n\nThe minister resigned on Monday, officials said.\n"
    ws = Workspace(tmp_path)
    path = tmp_path / "a.md"
    asked: list[int] = []

    def stop_after(calls: int):
        def stop() -> bool:
            asked.append(1)
            return len(asked) > calls
        return stop

    assert [d.code for d in ws.lint(text, path, "a.md", lambda: False)] == [d.code for d in ws.lint(text, path, "a.md")]
    rules = len(ws.settings_for(path).engine.checkers)
    asked.clear()
    ws.lint(text, path, "a.md", stop_after(10_000))
    assert len(asked) == rules > 10  # asked once before each rule
    asked.clear()
    with pytest.raises(LintCancelled):
        ws.lint(text, path, "a.md", stop_after(3))
    assert len(asked) == 4  # stopped at the fourth rule, not after all of them

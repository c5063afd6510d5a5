"""The spin scan on numpy arrays (``spin/vector.py``) gives the scalar scan's evidence exactly:
the same misfits, margins (bit for bit), restored originals, counts and token ids; and a
one-file run does not import numpy.

Every text here was written for these tests (or is a fixture under tests/data/spin)."""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.families.spin import model as spin_model
from newslint.families.spin import vector
from newslint.model.document import Document
from newslint.testing import lint_text

from tests.test_spin_model import CLEAN, SPUN

DATA = Path(__file__).parent / "data" / "spin"
MARGINS = (3.0, 2.0, 1.0, 0.0)


@pytest.fixture()
def pure(monkeypatch: pytest.MonkeyPatch) -> spin_model.Model:
    """The model without the compiled core, so both scans are the Python ones."""
    model = dataclasses.replace(spin_model.model(), core=None)
    monkeypatch.setattr(spin_model, "model", lambda: model)
    return model


def _both(text: str, margin: float, fmt: str = "text") -> tuple[spin_model.Evidence, spin_model.Evidence, list, list]:
    saved = spin_model.VECTOR_AFTER
    try:
        spin_model.VECTOR_AFTER = 10**18
        scalar_doc = Document.from_text("t.txt" if fmt == "text" else "t.md", text, fmt)
        scalar = spin_model.misfits(scalar_doc, margin)
        spin_model.VECTOR_AFTER = -1
        vector_doc = Document.from_text("t.txt" if fmt == "text" else "t.md", text, fmt)
        vectored = spin_model.misfits(vector_doc, margin)
    finally:
        spin_model.VECTOR_AFTER = saved
    m = spin_model.model()
    ids = list(vector_doc.memo["spin.ids"])
    del vector_doc.memo["spin.ids"]  # the sides come from the scan's own look-ups, not from the ids
    sides = (spin_model.unseen_sides(scalar_doc, scalar.misfits), spin_model.unseen_sides(vector_doc, vectored.misfits))
    assert "spin.ids" not in vector_doc.memo
    assert sides[0] == sides[1]  # the array scan's sides are the ones read from the ids
    assert ids == _window_ids(vector_doc, m)
    return scalar, vectored, list(spin_model._tokens(scalar_doc, m).ids), ids


def _window_ids(doc: Document, m: spin_model.Model) -> list[int]:
    """The document's token ids from ``vector.windows``, each window's two carried tokens once."""
    out: list[int] = []
    for window in vector.windows(doc, m, spin_model._TOKEN_SPLIT, spin_model._CHUNK, spin_model._KINDS_MAX,
                                 spin_model._wrapped):
        ids = window.ids.tolist()
        assert ids[: len(out) - window.base] == out[window.base :]  # the carried tokens are the last ones
        out += ids[len(out) - window.base :]
    return out


def _same(text: str, margin: float, fmt: str = "text") -> None:
    scalar, vectored, ids, vector_ids = _both(text, margin, fmt)
    assert vectored == scalar
    assert [type(g) for m in vectored.misfits for g in (m.margin, m.start, m.at)] == \
        [type(g) for m in scalar.misfits for g in (m.margin, m.start, m.at)]
    assert vector_ids == ids


def test_fixtures_and_examples_identical(pure: spin_model.Model) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))] + [CLEAN, SPUN]
    for text in texts:
        for margin in MARGINS:
            _same(text, margin)
    scalar, _, _, _ = _both(SPUN, 2.0)
    assert sum(m.rare for m in scalar.misfits) >= 3 and any(m.better for m in scalar.misfits)  # the test bites


def test_wrapped_lines_sentence_runs_and_edges(pure: spin_model.Model) -> None:
    for text in ("", "\n", "...", "the", "the council", ". . . the council met . . .\n\n", "!?\n.\nthe\n",
                 "They met at the town\nhall on Friday.\n", "They met in the town\nHall staff said so.\n",
                 "the federal contracting\n   community said\n\nso.", "\nthe\n", "a\n", "the aforesaid period"):
        for margin in MARGINS:
            _same(text, margin)
            _same(text, margin, "markdown")


def test_chunks_and_pieces(pure: spin_model.Model, monkeypatch: pytest.MonkeyPatch) -> None:
    """Across the prose chunks of the split and the pieces of the array scan."""
    monkeypatch.setattr(vector, "PIECE", 7)
    text = (SPUN + "\n" + CLEAN + "They met at the town\nhall on Friday.\n") * 3
    for margin in (3.0, 1.0):
        _same(text, margin)
    monkeypatch.setattr(spin_model, "_CHUNK", 50)
    _same(text, 2.0)


# A line of each kind a window can be cut after (windows end at a chunk's end, a line break):
# a sentence end, a run of them across lines, a hard-wrapped line (no context break), a number
# or symbol, a rare synonym, a misfit with a misfit beside it (NL204 trusts neither's context),
# a blank line, a lone newline first and a last line with no newline.
BOUNDARIES = ("\nThe council met on Friday.\nIt said so.\n..\n!\nthe town\nhall staff met at the\ntown hall "
              "on Friday\n£5m\n3rd\nthe aforesaid\nperiod was a prof astatine\nBrooklyn\n\nthe twelvemonth\n"
              "successful the\nbluish of the metropolis adjacent\ntwelvemonth.\n\n\nthe council")


@pytest.mark.parametrize("chunk", [1, 7, 30, 1 << 16])
def test_windows_cut_at_every_kind_of_boundary(pure: spin_model.Model, monkeypatch: pytest.MonkeyPatch,
                                                chunk: int) -> None:
    """A big file is tokenised and scanned window by window: cut after every line (a window a
    chunk), or every few lines, the evidence is the whole document's, and so are the ids."""
    texts = [BOUNDARIES, SPUN.replace(". ", ".\n").replace(", ", ",\n"), CLEAN.replace(" ", "\n", 40)]
    whole = [_both(text, margin) for text in texts for margin in (2.0, 0.0)]
    monkeypatch.setattr(spin_model, "_CHUNK", chunk)
    monkeypatch.setattr(vector, "WINDOW", 1)
    m = spin_model.model()
    for text in texts:
        doc = Document.from_text("t.txt", text, "text")
        assert len(list(vector.windows(doc, m, spin_model._TOKEN_SPLIT, chunk, spin_model._KINDS_MAX,
                                       spin_model._wrapped))) > text.count("\n") // (chunk + 1)  # the test bites
    pieced = [_both(text, margin) for text in texts for margin in (2.0, 0.0)]
    assert pieced == whole
    assert sum(len(scalar.misfits) for scalar, _, _, _ in whole) >= 10


WORDS = st.sampled_from(["the", "The", "council", "aforesaid", "astatine", "twelvemonth", "successful", "bluish",
                         "hall", "town", "met", "at", "in", "don’t", "it's", "café", "3rd", "£5m", ".", "!?", "\n",
                         " ", "\t", "—", "x", "Zürich", "\u00a0", "'", "of", "a", "said", "adjacent", "year"])


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=80).map(lambda ws: " ".join(ws) if len(ws) % 2 else "".join(ws)),
       st.sampled_from(MARGINS))
def test_generated_text_identical(text: str, margin: float) -> None:
    model = dataclasses.replace(spin_model.model(), core=None)
    saved = spin_model.model
    spin_model.model = lambda: model  # type: ignore[assignment]
    try:
        _same(text, margin)
    finally:
        spin_model.model = saved  # type: ignore[assignment]


def test_rules_identical_on_a_spun_article(pure: spin_model.Model, monkeypatch: pytest.MonkeyPatch) -> None:
    """NL203 and NL204 (unseen_sides reads the array ids) report the same either way."""
    runs = []
    for limit in (10**18, -1):
        monkeypatch.setattr(spin_model, "VECTOR_AFTER", limit)
        runs.append([repr(d) for d in lint_text(SPUN, select=["spin"])])
    assert runs[0] == runs[1]
    assert "NL203" in " ".join(runs[0]) and "NL204" in " ".join(runs[0])


def test_one_file_does_not_import_numpy(tmp_path: Path) -> None:
    """A one-file run stays on the scalar scan: importing numpy costs more than its budget."""
    story = tmp_path / "story.txt"
    story.write_text(CLEAN * 3, encoding="utf-8")
    code = ("import sys, newslint.cli as c\n"
            "try:\n    c.main(['check', '--no-cache', '--exit-zero', '--select', 'spin', sys.argv[1]])\n"
            "except SystemExit:\n    pass\n"
            "print('numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(story)], capture_output=True, text=True, check=True,
                         env={"NEWSLINT_PURE": "1", "PATH": ""})
    assert out.stdout.strip().splitlines()[-1] == "False"

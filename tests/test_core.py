"""The compiled core against the pure-Python reference: the same results on fixtures, generated
text and (when ../shared is there) real corpora; and no input panics across the boundary.

Every test but the selector's needs the compiled module (``pip install ./crates/newslint-core``)
and is skipped without it; .ci/run builds it, so CI runs them. Every text here was written for
these tests or is generated."""
from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.model import core

from newslint.families.repetition import minhash
from newslint.families.spin import counted as spin_counted
from newslint.families.spin import model as spin_model
from newslint.families.spin.rules import IllFittingWord
from newslint.families.repetition.corpus import MIN_WORDS, SHINGLE
from newslint.model.document import Document

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSLINT_SHARED_CORPORA", ROOT.parent / "shared" / "corpora"))  # a worktree elsewhere
try:
    import newslint_core
except ImportError:  # pragma: no cover - CI installs it
    newslint_core = None

needs_core = pytest.mark.skipif(newslint_core is None or core.compiled() is None,
                                reason="the compiled core is not installed (or NEWSLINT_PURE is set)")

STORY = ("The council said on Monday that it would close two libraries in the north of the city next year, "
         "blaming a fall in the money it gets from the government. Residents said they were angry about the "
         "plan and would hold a meeting at the town hall on Friday evening. “We weren’t told,” one said… "
         "The leader’s office—asked twice—said no decision had been made. Café owners in Zürich? İstanbul! "
         "ΣΟΦΊΑ said: don't, rock'n'roll, 5.3 per cent, dogs' bowls, Kelvin \u212a, tab\there, nbsp\u00a0here.\n")
SPUN = ("The assembly aforesaid connected Monday that it would adjacent 2 libraries successful the bluish of "
        "the metropolis adjacent twelvemonth, blaming a autumn successful the wealth it gets from the "
        "authorities. Residents aforesaid they were aggravated astir the program and would clasp a gathering "
        "astatine the municipality hallway connected Friday evening.\n")
# Hard-wrapped lines (a newline between lowercase letters is a space to the model, one before a
# capital or after punctuation still ends the context), and misfits side by side.
WRAPPED = ("the assembly aforesaid connected Monday that it would adjacent 2 libraries successful\nthe bluish of "
           "the metropolis\n  adjacent twelvemonth, blaming a autumn successful\n\tthe wealth it gets from\nThe "
           "authorities.\nwe saw the worldwide monetary\ndisaster of the year, and residents aforesaid they were ß\nß aggravated astir the program and would clasp\n"
           + " " * 40 + "a gathering astatine the municipality hallway\nconnected Friday evening.\n")

# Text the strategies build: model words, names, punctuation and every kind of character, lone
# surrogates included (Python strings may hold them; the core must read them the same way).
_WORDS = ["the", "a", "said", "council", "aforesaid", "astatine", "twelvemonth", "successful", "Monday",
          "don't", "don’t", "it's", "connected", "of", "wealth", "metropolis", "bluish", "on", "in", "Café"]
_PIECES = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from([" ", "  ", "\n", "\n\n", ". ", "! ", "? ", "...", ", ", "“", "”", "’", "—", "–", "…",
                     "«", "»", "\u00a0", "\t", "\u2028", "\x1c", "_", "-", "'", "5", "²", "\u212a", "İ", "ß"]),
    st.text(st.characters(codec=None, categories=None), max_size=4),
    st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=2),
)
TEXT = st.lists(_PIECES, max_size=120).map("".join)


def _fixtures() -> list[str]:
    texts = [STORY, SPUN, STORY * 30, WRAPPED, WRAPPED.replace("\n", "\n\n")]
    for folder in (ROOT / "examples", ROOT / "tests" / "data"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".txt", ".md", ".html", ".htm"} and path.is_file():
                texts.append(path.read_text(encoding="utf-8", errors="surrogateescape"))
    texts += [meta.bad for meta in _metas()] + [meta.good for meta in _metas()]
    return texts


def _metas() -> list:
    from newslint.testing import registry

    return list(registry().metas.values())


@pytest.fixture(scope="module")
def pure_model() -> spin_model.Model:
    return dataclasses.replace(spin_model.model(), core=None)


def _pure_sig(text: str) -> bytes | None:
    tokens = minhash.words(text)
    if len(tokens) < MIN_WORDS:
        return None
    return minhash.signature(minhash.shingle_hashes(tokens, SHINGLE))


def _pure_misfits(pure: spin_model.Model, prose: str, margin: float = spin_model.MARGIN) -> tuple:
    saved = spin_model.model
    spin_model.model = lambda: pure  # type: ignore[assignment]
    try:
        return spin_model.misfits(Document.from_text("t.txt", prose, "text"), margin)
    finally:
        spin_model.model = saved  # type: ignore[assignment]


def _core_misfits(prose: str, margin: float = spin_model.MARGIN) -> tuple:
    assert spin_model.model().core is not None
    return spin_model.misfits(Document.from_text("t.txt", prose, "text"), margin)


def _assert_core_keeps_what_counted_reads(pure: spin_model.Model, prose: str, margin: float = spin_model.MARGIN) -> None:
    """The core's scan leaves in the memo the token ids (the pure tokens') and each ill-fitting
    word's frequency margin (``counted.frequency_margin`` in Python, to the bit): NL203 and NL204
    read them instead of tokenising the text again."""
    doc = Document.from_text("t.txt", prose, "text")
    evidence = spin_model.misfits(doc, margin)
    ids = doc.memo["spin.ids"]
    assert list(ids) == list(spin_model._tokens(doc, pure).ids)
    frequency = doc.memo["spin.frequency"]
    assert sorted(frequency) == sorted(f.at for f in evidence.misfits if not f.rare)
    for at, value in frequency.items():
        assert value == spin_counted.frequency_margin(ids, at), (prose[:80], at)


def test_pure_env_forces_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    core.compiled.cache_clear()
    try:
        monkeypatch.setenv(core.PURE_ENV, "1")
        assert core.compiled() is None and core.engine() == "python"
        core.compiled.cache_clear()
        monkeypatch.setenv(core.PURE_ENV, "0")
        assert (core.compiled() is None) == (newslint_core is None)
    finally:
        core.compiled.cache_clear()


def test_core_with_another_abi_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = type(sys)("newslint_core")
    fake.ABI = core.ABI + 1  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "newslint_core", fake)
    monkeypatch.delenv(core.PURE_ENV, raising=False)
    core.compiled.cache_clear()
    try:
        assert core.compiled() is None
    finally:
        core.compiled.cache_clear()


def test_permutations_file_is_current() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import gen_core_permutations
    finally:
        sys.path.pop(0)
    assert gen_core_permutations.OUT.read_text(encoding="utf-8") == gen_core_permutations.render()


@needs_core
def test_signatures_identical_on_fixtures() -> None:
    compared = 0
    for text in _fixtures():
        expected = _pure_sig(text)
        assert newslint_core.minhash_signature(text.lower(), SHINGLE, MIN_WORDS) == expected
        compared += expected is not None
    assert compared >= 3  # the long fixtures have signatures: the test compares real bytes


@needs_core
def test_the_rule_path_uses_the_core(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = newslint_core.minhash_signature
    monkeypatch.setattr(newslint_core, "minhash_signature", lambda *a: calls.append(a) or real(*a))
    assert minhash.text_signature(STORY * 3, SHINGLE, MIN_WORDS) == _pure_sig(STORY * 3)
    assert len(calls) == 1


@needs_core
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.integers(1, 9), st.integers(0, 60))
def test_minhash_identical_on_generated_text(text: str, size: int, min_words: int) -> None:
    lowered = text.lower()
    words = minhash.words(text)
    spans = memoryview(newslint_core.word_spans(lowered)).cast("I")
    encoded = lowered.encode("utf-8", "surrogatepass")
    assert [encoded[spans[k] : spans[k + 1]] for k in range(0, len(spans), 2)] == words
    hashes = minhash.shingle_hashes(words, size)
    assert newslint_core.shingle_hashes(lowered, size) == hashes.astype("<u8").tobytes()
    expected = None if len(words) < min_words else minhash.signature(hashes)
    assert newslint_core.minhash_signature(lowered, size, min_words) == expected


@needs_core
def test_misfits_identical_on_fixtures(pure_model: spin_model.Model) -> None:
    found = 0
    for text in _fixtures():
        prose = Document.from_text("t.txt", text, "text").prose
        expected = _pure_misfits(pure_model, prose)
        assert _core_misfits(prose) == expected
        _assert_core_keeps_what_counted_reads(pure_model, prose)
        found += len(expected[0])
    assert found >= 10  # the spun fixtures have misfits and rare synonyms: both paths produce some


@needs_core
def test_the_core_reads_wrapped_lines_and_trusted_context_as_python(pure_model: spin_model.Model) -> None:
    """The rules the two engines must share: a wrapping newline is a space (a sentence end, two
    more pairs, when the line is not wrapped), adjacent pairs counted, and no restored original
    beside a misfit."""
    evidence = _core_misfits(WRAPPED)
    assert evidence == _pure_misfits(pure_model, WRAPPED) and evidence.unseen > 0
    kept = WRAPPED.replace("\n", "\n\n")
    assert _core_misfits(kept) == _pure_misfits(pure_model, kept)
    assert _core_misfits(kept).pairs > evidence.pairs
    raw = spin_model.model().core.misfits(WRAPPED, 3.0)  # newlines not unwrapped: contexts break
    assert raw[2] > evidence.pairs
    found = spin_model.model().core.misfits(spin_model._unwrapped(WRAPPED), 3.0)[0]
    beside = {f[5] for f in found}
    assert any(f[2] >= 0 and (f[5] - 1 in beside or f[5] + 1 in beside) for f in found)  # the core restores...
    spans = {(f.start, f.end) for f in evidence.misfits if f.better}
    assert all((f[0], f[1]) not in spans for f in found if f[5] - 1 in beside or f[5] + 1 in beside)  # ...Python drops


@needs_core
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from([3.0, 0.0, 1.5, -2.0]))
def test_misfits_identical_on_generated_text(pure_model: spin_model.Model, text: str, margin: float) -> None:
    assert _core_misfits(text, margin) == _pure_misfits(pure_model, text, margin)
    _assert_core_keeps_what_counted_reads(pure_model, text, margin)
    doc = Document.from_text("t.txt", text, "text")
    assert spin_model.model().core.token_ids(spin_model._unwrapped(text)) == list(spin_model._tokens(doc, pure_model).ids)


@needs_core
@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec=None, categories=None), max_size=300),
       st.integers(-3, 2**70), st.integers(-3, 2**70), st.floats(allow_nan=True, allow_infinity=True))
def test_entry_points_never_panic(text: str, size: int, min_words: int, margin: float) -> None:
    """Any string, size or margin: a result or a Python error (OverflowError for a negative or
    huge count), never a PanicException (a BaseException that would end the run)."""
    for call in (lambda: newslint_core.minhash_signature(text, size, min_words),
                 lambda: newslint_core.shingle_hashes(text, size % 64),
                 lambda: newslint_core.word_spans(text),
                 lambda: spin_model.model().core.misfits(text, margin),
                 lambda: spin_model.model().core.token_ids(text),
                 lambda: spin_model.model().core.word_id(text),
                 lambda: newslint_core.Stopwords([(text, 0), ("the", size % 7)]).count(text, min_words)):
        try:
            call()
        except (OverflowError, ValueError, TypeError):
            pass


@needs_core
@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["unigram", "backoff", "bigram_offsets", "bigram_second",
                                           "bigram_logprob", "neighbour_offsets", "neighbours"]),
                          st.sampled_from(["int8", "uint8", "int16", "uint16", "int32", "uint32", "f8"]),
                          st.integers(0, 300), st.integers(0, 300)), max_size=9),
       st.binary(max_size=400), st.integers(0, 50), st.floats(allow_nan=True), TEXT)
def test_a_corrupt_table_is_an_error_not_a_panic(arrays: list, table: bytes, known: int, quant: float,
                                                 text: str) -> None:
    try:
        model = newslint_core.SpinModel(table, arrays, "\n".join(_WORDS) + "\n<s>\n</s>\n", known, quant)
    except ValueError:
        return
    try:
        model.misfits(text, 3.0)
    except ValueError:
        pass


@needs_core
def test_huge_input(pure_model: spin_model.Model) -> None:
    text = ("word " * 200_000 + "Ünïcödé \ud800 ") * 5  # ~6 MB, a lone surrogate in each block
    sig = newslint_core.minhash_signature(text.lower(), SHINGLE, MIN_WORDS)
    assert sig == _pure_sig(text)
    found, judged, pairs, unseen, deletable, ids = spin_model.model().core.misfits(text, 3.0)
    assert len(ids) == 4 * len(spin_model.model().core.token_ids(text))
    assert found == [] and judged > 900_000 and pairs > judged and unseen == 0 and 0 <= deletable <= judged  # "word word": the model knows the pair
    assert _core_misfits(text) == _pure_misfits(pure_model, text)


@needs_core
@pytest.mark.parametrize("text", [SPUN * 3, WRAPPED * 2, STORY + SPUN + "\n\n" + WRAPPED, "...\n.\n\nthe\n", ""])
def test_a_window_cut_changes_nothing(text: str, pure_model: spin_model.Model,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The core tokenises a big file window by window (cut after a line break, the last two
    tokens kept as context): windows of a byte, or of a few lines, give the misfits, counts, ids
    and margins of one whole call, and the module constant the scan passes sets their size."""
    core_model = spin_model.model().core
    prose = spin_model._unwrapped(text)
    whole = core_model.misfits(prose, 3.0, len(prose.encode("utf-8", "surrogatepass")) + 1)
    for window in (1, 2, 7, 40, 200):
        assert core_model.misfits(prose, 3.0, window) == whole, window
    monkeypatch.setattr(spin_model, "CORE_WINDOW", 1)
    assert _core_misfits(text) == _pure_misfits(pure_model, text)
    _assert_core_keeps_what_counted_reads(pure_model, text)


@needs_core
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, window=st.integers(1, 64))
def test_any_window_gives_one_calls_evidence(text: str, window: int) -> None:
    core_model = spin_model.model().core
    assert core_model.misfits(text, 3.0, window) == core_model.misfits(text, 3.0, 1 << 30)


@needs_core
@pytest.mark.slow
def test_the_cli_gives_the_same_findings_with_either_engine(tmp_path: Path) -> None:
    """The whole CLI, both engines: same JSON findings on the spun and repeated fixtures."""
    folder = tmp_path / "articles"
    folder.mkdir()
    # NL204's example: 159 words of spun copy, 118 of them judged (SPUN three times over has too few
    # judged words for the verdict's bar, which rises below 150 of them).
    spun = IllFittingWord.meta.bad
    (folder / "a.txt").write_text(spun, encoding="utf-8")
    (folder / "b.txt").write_text(spun, encoding="utf-8")
    (folder / "c.txt").write_text(STORY * 4, encoding="utf-8")
    out = _both_engines(folder)
    assert out["python"] == out["rust"]
    assert b"NL105" in out["rust"] and b"NL20" in out["rust"]  # the core's two families reported


def _both_engines(folder: Path) -> dict[str, bytes]:
    out = {}
    for name, pure in (("python", "1"), ("rust", "0")):
        env = dict(os.environ, NEWSLINT_PURE=pure)
        run = subprocess.run([sys.executable, "-m", "newslint", "check", "--no-cache", "-j", "1", "--format", "json",
                              str(folder)], capture_output=True, env=env, cwd=folder, check=False)
        assert run.returncode in (0, 1), run.stderr
        out[name] = run.stdout
    return out


@needs_core
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpora is not here")
def test_identical_on_the_shared_corpora(pure_model: spin_model.Model) -> None:
    """Per file, in-process (the full-run comparison is scripts/core_diff.py): the spun corpora
    (where the spin model finds most) and every 10th clean BBC article."""
    paths = sorted((SHARED / "spun").rglob("*.txt")) + sorted((SHARED / "clean-bbc").glob("*.txt"))[::10]
    assert len(paths) > 200
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        prose = Document.from_text(str(path), text, "text").prose
        assert _core_misfits(prose) == _pure_misfits(pure_model, prose), path
        _assert_core_keeps_what_counted_reads(pure_model, prose)
        assert newslint_core.minhash_signature(prose.lower(), SHINGLE, MIN_WORDS) == _pure_sig(prose), path


def test_unicode_tables_are_current() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import gen_core_unicode
    finally:
        sys.path.pop(0)
    written = gen_core_unicode.OUT.read_text(encoding="utf-8")
    import unicodedata

    if f"(Unicode {unicodedata.unidata_version})" not in written.splitlines()[0]:
        pytest.skip("the tables were generated on another Unicode version (the core then is not used for it)")
    assert written == gen_core_unicode.render()


_LANG_WORDS = ["the", "The", "THE", "und", "Für", "FÜR", "für", "été", "ÉTÉ", "più", "PIÙ", "não", "NÃO", "más",
               "también", "être", "è", "È", "de", "la", "\u212aann", "kann", "Σ", "ΣΟΦΙΑ", "İn", "ß", "straße", "l'été",
               "x²", "ª", "naïve", "1st", "a_b", "e\u0301t\u00e9"]
LANG_TEXT = st.lists(st.one_of(st.sampled_from(_LANG_WORDS), _PIECES), max_size=150).map(" ".join)


def _pure_detect(prose: str) -> str | None:
    from newslint.model import language

    saved = language._compiled
    language._compiled = lambda: None  # type: ignore[assignment]
    try:
        return language.detect(prose)
    finally:
        language._compiled = saved  # type: ignore[assignment]


@needs_core
def test_language_identical_on_fixtures() -> None:
    from newslint.model import language

    assert language._compiled() is not None
    texts = _fixtures() + [("Le conseil a dit que les bibliothèques sont fermées et que nous avons été " * 9),
                           ("Der Rat hat gesagt, dass die Bibliotheken nicht mehr für die Kinder offen sind " * 9)]
    found = set()
    for text in texts:
        expected = _pure_detect(text)
        assert language.detect(text) == expected
        found.add(expected)
    assert {"en", "fr", "de"} <= found


@needs_core
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LANG_TEXT, st.integers(1, 3000))
def test_language_count_identical_on_generated_text(text: str, limit: int) -> None:
    from newslint.model import language

    table, langs = language._compiled()
    total, hits = table.count(text, limit)
    words = [m.group().lower() for m in language._WORD.finditer(text)][:limit]
    expected: dict[str, int] = {}
    for word in words:
        if word in language._LOOKUP:
            expected[language._LOOKUP[word]] = expected.get(language._LOOKUP[word], 0) + 1
    assert total == len(words)
    assert [(langs[k], n) for k, n in hits] == list(expected.items())
    assert language.detect(text) == _pure_detect(text)

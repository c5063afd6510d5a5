"""Property tests: linting never raises, fixing is idempotent and touches only its edits."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.config.settings import Config
from newslint.model.document import Document
from newslint.engine.lint import Engine
from newslint.engine.fixer import apply_fixes
from newslint.testing import registry

PIECES = [
    "-------- Advertisement---------", "[ad_2]", "Related posts", "Leave a Reply", "cafÃ©", "itâ€™s",
    "\u200b", "\u00ad", "\u00a0\u00a0", "\x07", "https://example.com/a/1/", "By Maggi", "\r\n", "\n\n", "\n",
    "The minister said on Monday that the budget would pass, officials said.", "# Head", "```", "`code`",
    "<!-- newslint: disable -->", "<!-- newslint: enable -->", "> quote", "Jane Roe / AFP – Getty Images",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=25).map("".join)
ENGINE = Engine(registry(), set(registry().resolve(None)), Config())


def lint(text: str, name: str):
    doc = Document.from_text(name, text)
    return doc, ENGINE.lint(doc)[0]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(["a.txt", "a.md"]))
def test_linting_arbitrary_text_never_raises_and_positions_are_valid(text, name):
    doc, diags = lint(text, name)
    lines = len(doc.line_starts)
    for d in diags:
        assert 1 <= d.line <= d.end_line <= lines
        assert 0 <= d.start_offset <= d.end_offset <= len(text)
        assert doc.position(d.start_offset).column == d.column


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(["a.txt", "a.md"]))
def test_fix_is_idempotent(text, name):
    current = text
    for _ in range(10):
        doc, diags = lint(current, name)
        fixed, applied = apply_fixes(current, diags, unsafe=True)
        if not applied:
            break
        current = fixed
    doc, diags = lint(current, name)
    again, applied = apply_fixes(current, diags, unsafe=False)
    assert not applied and again == current


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(["a.txt", "a.md"]))
def test_fixes_touch_only_their_edits(text, name):
    doc, diags = lint(text, name)
    fixed, applied = apply_fixes(text, diags, unsafe=True)
    edits = sorted((e for d in applied for e in d.fix.edits), key=lambda e: e.start_offset)
    # Rebuild the result from the untouched stretches and the replacements: it must be identical.
    rebuilt, pos = [], 0
    for e in edits:
        rebuilt.append(text[pos : e.start_offset])
        rebuilt.append(e.replacement)
        pos = e.end_offset
    rebuilt.append(text[pos:])
    # The one change beyond the edits: when they delete the end of a file, it ends as it did
    # (the blank line left before deleted last lines goes; fixer._end_as_before).
    from newslint.engine.fixer import _end_as_before

    whole = "".join(rebuilt)
    deletes_end = bool(edits) and edits[-1].end_offset == len(text) and not edits[-1].replacement
    assert fixed == (_end_as_before(whole, text) if deletes_end else whole)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_fast_word_set_is_the_regex_word_set(text):
    # doc_words splits in C (bytes.translate); it must give exactly the words of \w+.
    import re

    from newslint.api.phrases import doc_words

    doc = Document.from_text("a.txt", text)
    assert doc_words(doc) == frozenset(re.findall(r"\w+", doc.prose.lower()))
    from newslint.api.phrases import word_count

    assert word_count(doc) == len(re.findall(r"\w+", doc.prose.lower()))
    from newslint.api.phrases import doc_pairs

    words = re.findall(r"\w+", doc.prose.lower())
    assert doc_pairs(doc) == frozenset(zip(words, words[1:]))


WORDY = st.text(alphabet="ab Z_'’‘-—.,\n\u00a0\u2009é\u0301İß1", max_size=40)


@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, WORDY))
def test_fast_repetition_words_are_the_pattern_words(text):
    # norm_words splits in C and sends only odd tokens through the pattern: the same words.
    from newslint.families.repetition.scan import _WORD, norm_words

    assert norm_words(text) == _WORD.findall(text.replace("’", "'").replace("‘", "'").lower())

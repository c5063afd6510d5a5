"""The spin model's tokens (one re.split, each distinct token classified once) are the ones the
per-token loop it replaced produced, offsets and sentence ends included."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.families.spin import model as spin_model
from newslint.model.document import Document


def _reference(doc, m):
    """The per-match loop spin_model._tokens used to be."""
    start_id, end_id = m.word_id("<s>"), m.word_id("</s>")
    out, spans = [start_id], [(0, 0, False)]
    for t in spin_model._TOKEN.finditer(doc.prose):
        text = t.group()
        if text[0].isalpha():
            lower = text.lower().replace("’", "'")
            out.append(m.word_id(lower))
            spans.append((t.start(), t.end(), text == lower))
        elif text[0] in ".!?\n":
            if text[0] == "\n" and spin_model._wrapped(doc.prose, t.start()):
                continue  # a hard-wrapped line goes on
            if out[-1] != start_id:
                out.extend((end_id, start_id))
                spans.extend(((0, 0, False), (0, 0, False)))
        else:
            out.append(-1)
            spans.append((0, 0, False))
    out.append(end_id)
    spans.append((0, 0, False))
    return out, spans


def _lists(tokens):
    """``_tokens``'s arrays as the reference's id list and (start, end, lowercase) tuples."""
    return list(tokens.ids), list(zip(tokens.starts, tokens.ends, map(bool, tokens.lower)))


WORDS = st.sampled_from(["the", "The", "council", "approved", "don’t", "it's", "café", "3rd", "£5m", ".", "!?",
                         "\n", " ", "\t", "—", "x", "Zürich", "\u00a0", "'", "twelvemonth"])


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=60).map("".join))
def test_tokens_match_the_reference_loop(text):
    m = spin_model.model()
    doc = Document("x.txt", text)
    assert _lists(spin_model._tokens(doc, m)) == _reference(doc, m)


def test_tokens_across_chunks():
    m = spin_model.model()
    text = "The council approved it. Then the mayor spoke!\n" * 3000  # longer than one chunk
    doc = Document("x.txt", text)
    assert _lists(spin_model._tokens(doc, m)) == _reference(doc, m)

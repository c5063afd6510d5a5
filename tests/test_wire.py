"""Results sent from worker processes come back equal to what the worker found."""
from __future__ import annotations

from newslint.model.document import Document
from newslint.engine.lint import Engine
from newslint.engine.runner import FileResult, from_wire, to_wire
from newslint.model.summaries import Marshalled, SummaryStore
from newslint.api.suppress import Suppression
from newslint.testing import registry

TEXT = ("The State Division said the nationwide safety adviser would travel to Beijing on Monday, "
        "officials stated.\n\n-------- Advertisement---------\n\n<!-- newslint: disable-next-line NL414 -->\n"
        "Jane Roe/Pool photo via AP\n")


def result_for(text: str) -> FileResult:
    from newslint.config.settings import Config

    reg = registry()
    engine = Engine(reg, set(reg.resolve(None)), Config())
    doc = Document.from_text("story.md", text)
    diags, sups = engine.lint(doc)
    out = FileResult("story.md", diagnostics=diags, suppressions=sups,
                     source_lines={d.line: doc.line_text(d.line) for d in diags})
    out.summaries = {"NL105": ("/abs/story.md", "story.md", 10, b"\x01\x02" * 256)}
    return out


def test_round_trip_keeps_every_field():
    result = result_for(TEXT)
    assert any(d.fix for d in result.diagnostics) and result.suppressions
    wire = to_wire(result)
    assert isinstance(wire, bytes)
    back = from_wire(wire)
    assert back.diagnostics == result.diagnostics
    assert [type(d.severity) for d in back.diagnostics] == [type(d.severity) for d in result.diagnostics]
    assert back.suppressions == result.suppressions == [Suppression(6, 6, ("NL414",))]
    assert (back.path, back.source_lines, back.error) == (result.path, result.source_lines, result.error)
    # Summaries arrive as the worker's marshal bytes; the run's store keeps and reads them as such.
    assert all(isinstance(s, Marshalled) for s in back.summaries.values())
    with SummaryStore() as store:
        store.add(back.summaries)
        store.add({"NL105": ("/abs/other.md", "other.md", 3, b"")})  # a summary made in this process
        assert list(store.summaries("NL105")) == [result.summaries["NL105"], ("/abs/other.md", "other.md", 3, b"")]


def test_unmarshallable_summary_is_sent_as_it_is():
    result = result_for("Short text.\n")
    result.summaries = {"X999": object()}
    assert to_wire(result) is result and from_wire(result) is result


def test_summary_with_an_array_is_sent_as_it_is_not_turned_into_bytes():
    from array import array

    result = result_for("Short text.\n")
    result.summaries = {"X999": ("story.md", array("I", [3, 4]))}
    assert to_wire(result) is result

"""Fuzz harness (issue 22) over the whole file path: bytes in, fix, diff, JSON out.

Properties, on bytes built from tricky pieces (page debris, mojibake, invisible and control
characters, U+2028 / \\v / \\x85 line breaks, CRLF, BOMs and UTF-16, no final newline):

- linting never raises, and the JSON output parses;
- fix(fix(x)) == fix(x), in the file's own encoding;
- the ``--diff`` patch, applied by GNU ``patch``, gives exactly the bytes ``--fix`` writes.

The run size is small for the suite; ``NEWSLINT_FUZZ_EXAMPLES=5000`` makes it a real fuzzing
run. ``scripts/fuzz_atheris.py`` drives the same properties with atheris where it installs.
"""
from __future__ import annotations

import codecs
import io
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.config.settings import Config
from newslint.engine.lint import Engine
from newslint.output import json as json_format
from newslint.engine.runner import FileResult, RunOptions, lint_file
from newslint.testing import registry

PIECES = [
    "-------- Advertisement---------", "[ad_2]", "Related posts", "Share this:", "Leave a Reply", "cafÃ©",
    "itâ€™s", "\u200b", "\u00ad", "\u00a0\u00a0", "\x07", "\x1b[2J", "\u2028", "\x0b", "\x85", "\u202e",
    "https://example.com/a/1/", "\r\n", "\n\n", "\n", "The minister said on Monday that the budget would pass.",
    "The minister said on Monday that the budget would pass.\n\n", "# Head", "```", "<!-- newslint: disable -->",
    "Jane Roe / AFP – Getty Images", "\ufeff",
]
EXAMPLES = int(os.environ.get("NEWSLINT_FUZZ_EXAMPLES") or 60)
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=20).map("".join)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom"])
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
ENGINE = Engine(registry(), set(registry().resolve(None)), Config())


def to_bytes(text: str, encoding: str) -> bytes:
    if encoding == "utf-16":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le", "surrogatepass")
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be", "surrogatepass")
    return text.encode(encoding, "surrogatepass")


def run(data: bytes, **options: bool) -> FileResult:
    return lint_file(ENGINE, Path("a.md"), "a.md", RunOptions(fix=True, **options), data=data)


def fixed(data: bytes) -> bytes:
    result = run(data)
    # Refused input (invalid UTF-8, a NUL byte: binary) is an error by design, never a crash.
    assert result.error is None or "not valid" in result.error or "binary file" in result.error, result.error
    return data if result.fixed_text is None else result.fixed_text.encode("utf-8", "surrogateescape")


@SETTINGS
@given(texts, encodings)
def test_lint_never_raises_and_json_parses(text, encoding):
    result = lint_file(ENGINE, Path("a.md"), "a.md", RunOptions(), data=to_bytes(text, encoding))
    out = io.StringIO()
    json_format.write(_run_result(result), out)
    parsed = json.loads(out.getvalue())
    assert len(parsed) == len(result.diagnostics)


def _run_result(result: FileResult):
    from newslint.engine.runner import RunResult

    return RunResult([result], result.diagnostics, {}, [])


@SETTINGS
@given(texts, encodings)
def test_fixing_twice_changes_nothing_more(text, encoding):
    once = fixed(to_bytes(text, encoding))
    assert fixed(once) == once


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs GNU patch")
@settings(max_examples=max(10, EXAMPLES // 3), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts, encodings)
def test_the_diff_applies_to_give_the_fix(text, encoding):
    data = to_bytes(text, encoding)
    want = fixed(data)
    diff = run(data, diff=True).diff
    if want == data:
        assert diff == ""
        return
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "a.md").write_bytes(data)
        done = subprocess.run(["patch", "-p1", "--binary", "-s", "-f"], input=diff.encode("utf-8", "surrogateescape"),
                              cwd=folder, capture_output=True, timeout=60)
        assert done.returncode == 0, (done.stdout, done.stderr, diff)
        assert (Path(folder) / "a.md").read_bytes() == want

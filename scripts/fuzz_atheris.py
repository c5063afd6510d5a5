"""Coverage-guided fuzzing of lint, fix and diff with atheris (``pip install atheris``).

    python scripts/fuzz_atheris.py -atheris_runs=20000 -artifact_prefix=/tmp/

Each input is the bytes of a file. Properties checked (as in tests/test_fuzz.py, which runs them
with hypothesis in the test suite): linting never raises; the JSON output parses; fixing twice
changes nothing more; the ``--diff`` patch applied by GNU ``patch`` gives the fix (every 50th
input: starting ``patch`` is slow).
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from newslint.config.settings import Config
    from newslint.engine.lint import Engine
    from newslint.output import json as json_format
    from newslint.engine.runner import RunOptions, RunResult, lint_file
    from newslint.testing import registry

ENGINE = Engine(registry(), set(registry().resolve(None)), Config())
COUNT = [0]


def fixed(data: bytes) -> bytes:
    result = lint_file(ENGINE, Path("a.md"), "a.md", RunOptions(fix=True), data=data)
    return data if result.fixed_text is None else result.fixed_text.encode("utf-8", "surrogateescape")


def one_input(data: bytes) -> None:
    result = lint_file(ENGINE, Path("a.md"), "a.md", RunOptions(), data=data)
    out = io.StringIO()
    json_format.write(RunResult([result], result.diagnostics, {}, []), out)
    json.loads(out.getvalue())
    once = fixed(data)
    assert fixed(once) == once, "fix is not idempotent"
    COUNT[0] += 1
    if once != data and COUNT[0] % 50 == 0:
        diff = lint_file(ENGINE, Path("a.md"), "a.md", RunOptions(fix=True, diff=True), data=data).diff
        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / "a.md").write_bytes(data)
            subprocess.run(["patch", "-p1", "--binary", "-s", "-f"], input=diff.encode("utf-8", "surrogateescape"),
                           cwd=folder, check=True, capture_output=True)
            assert (Path(folder) / "a.md").read_bytes() == once, "the diff does not give the fix"


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()

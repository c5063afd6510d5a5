"""The JSON writer behind --format json and sarif: the same value as json.dump, one finding a line."""
from __future__ import annotations

import io
import json

from hypothesis import given
from hypothesis import strategies as st

from newslint.output.jsonwrite import write_json

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                      max_leaves=25)


def written(value: object, depth: int) -> str:
    out = io.StringIO()
    write_json(value, out, depth)
    return out.getvalue()


@given(VALUES, st.integers(min_value=0, max_value=5))
def test_parses_back_to_the_same_value_at_every_depth(value, depth):
    text = written(value, depth)
    assert text.endswith("\n")
    assert json.loads(text) == value


def test_indents_down_to_depth_and_writes_each_deeper_value_on_one_line():
    value = {"runs": [{"results": [{"id": 1, "where": {"line": 2}}, {"id": 2, "where": {}}], "empty": []}]}
    assert written(value, 3) == (
        '{\n'
        '  "runs": [\n'
        '    {\n'
        '      "results": [{"id": 1, "where": {"line": 2}}, {"id": 2, "where": {}}],\n'
        '      "empty": []\n'
        '    }\n'
        '  ]\n'
        '}\n'
    )
    assert written([], 2) == "[]\n"
    assert written({"a": "é “x”"}, 0) == '{"a": "é “x”"}\n'  # not escaped: the file is UTF-8


def test_json_format_prints_one_finding_a_line(tmp_path, capsys):
    from newslint.cli import main

    article = tmp_path / "a.txt"
    article.write_text("The State Division said so.\n\n[ad_2]\n\nThe café said it’s open.\n", encoding="utf-8")
    assert main(["check", str(article), "--format", "json", "--no-cache", "--select", "spin,boilerplate"]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    findings = [json.loads(line.strip().rstrip(",")) for line in lines[1:-1]]
    assert {f["code"] for f in findings} >= {"NL201", "NL402"}
    assert findings == json.loads(out)

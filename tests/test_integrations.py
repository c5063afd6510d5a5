"""Output for CI (SARIF, GitHub annotations), baselines and HTML input."""
from __future__ import annotations

import json

import pytest

from newslint.cli import main
from newslint.output.github import escape_data, escape_property
from newslint.testing import lint_text

STORY = ("The finance minister resigned on Monday after parliament rejected her budget for the second "
         "time this year, officials said.\n")
BAD = f"-------- Advertisement---------\n\n{STORY}\nThe cafÃ© said it’s open.\n"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_sarif_structure(repo, capsys):
    assert main(["check", "news", "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["NL401"]["name"] == "ad-marker" and rules["NL401"]["help"]["markdown"].startswith("# ad-marker")
    results = run["results"]
    ad = next(r for r in results if r["ruleId"] == "NL401")
    loc = ad["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "news/a.txt", "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 32}
    assert run["tool"]["driver"]["rules"][ad["ruleIndex"]]["id"] == "NL401"
    change = ad["fixes"][0]["artifactChanges"][0]
    assert change["replacements"][0]["insertedContent"] == {"text": ""}
    moj = next(r for r in results if r["ruleId"] == "NL501")
    assert moj["level"] == "error" and moj["fixes"][0]["artifactChanges"][0]["replacements"][0][
        "insertedContent"] == {"text": "é"}


def test_sarif_validates_against_the_official_schema(repo, capsys):
    jsonschema = pytest.importorskip("jsonschema")
    from pathlib import Path

    schema = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    main(["check", "news", "--format", "sarif"])
    log = json.loads(capsys.readouterr().out)
    assert log["runs"][0]["results"], "the log should hold results (and fixes) to validate"
    validator = jsonschema.validators.validator_for(schema)(schema)
    validator.validate(log)
    log["runs"][0]["results"][0]["level"] = "fatal"  # the schema must be able to say no
    assert not validator.is_valid(log)


def test_github_annotations_and_escaping(repo, capsys):
    main(["check", "news", "--format", "github", "--select", "NL401"])
    out = capsys.readouterr().out
    assert out.startswith("::warning file=news/a.txt,line=1,col=1,endLine=1,endColumn=32,title=NL401 ad-marker::NL401 ")
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a,b:c") == "a%2Cb%3Ac"


def test_baseline_reports_only_new_findings_and_survives_edits_above(repo, capsys):
    assert main(["check", "news", "--write-baseline", "base.json"]) == 0
    assert main(["check", "news", "--baseline", "base.json"]) == 0
    path = repo / "news" / "a.txt"
    path.write_text("A new first paragraph was added above the old findings by an editor today.\n\n" + BAD
                    + "\nRelated posts\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "news", "--baseline", "base.json", "--format", "json"]) == 1
    assert [d["code"] for d in json.loads(capsys.readouterr().out)] == ["NL404"]


def test_broken_baseline_is_a_clear_error(repo, capsys):
    (repo / "base.json").write_text("{not json", encoding="utf-8")
    assert main(["check", "news", "--baseline", "base.json"]) == 2
    assert "not a newslint baseline" in capsys.readouterr().err


HTML = """<html><head><title>Advertisement</title><style>p{color:red}</style></head>
<body><p>The council approved the new budget on Monday, officials said.</p><p>-------- Advertisement---------</p>
<script>var ad = "Related posts";</script><!-- Leave a Reply -->
<p class="Related posts">The cafÃ© is open &amp; busy.</p>
<div>Related posts</div>
</body></html>
"""


def test_html_lints_visible_text_only_with_original_positions():
    found = [(d.code, d.line, d.column) for d in lint_text(HTML, ["boilerplate", "encoding"], name="a.html")]
    assert found == [("NL401", 2, 79), ("NL501", 4, 33), ("NL404", 5, 6)]


def test_html_fix_keeps_the_markup(tmp_path):
    path = tmp_path / "a.html"
    path.write_text(HTML, encoding="utf-8")
    main(["check", "--fix", "--select", "NL401,NL404", str(path)])
    fixed = path.read_text(encoding="utf-8")
    assert "<p></p>" in fixed and "<div></div>" in fixed and "officials said.</p>" in fixed

"""Issue 17 items 6 and 7: CI example, SARIF locations and links, and the CLI conveniences."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.cli import main
from newslint.config.settings import load_config
from newslint.model.formats import TEXT_SUFFIXES

ROOT = Path(__file__).resolve().parent.parent
AD = "-------- Advertisement---------\n\nThe minister resigned on Monday, officials said.\n"
CLEAN = "The minister resigned on Monday after a long debate, officials said.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "ad.md").write_text(AD, encoding="utf-8")
    (tmp_path / "news" / "clean.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "LICENSE.txt").write_text("Permission is hereby granted, free of charge.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_output_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "news", "--format", "json", "--output-file", "out.json"]) == 1
    assert capsys.readouterr().out == ""
    found = json.loads((project / "out.json").read_text(encoding="utf-8"))
    assert [d["code"] for d in found] == ["NL401"]


def test_output_file_unwritable_is_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "news", "-o", str(project / "missing" / "out.txt")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_show_files_lists_what_would_be_linted(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--show-files"]) == 0
    assert capsys.readouterr().out.split() == ["news/ad.md", "news/clean.md"]  # LICENSE.txt skipped


def test_show_settings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "newslint.toml").write_text('ignore = ["NL203"]\nignore-patterns = ["@@\\\\w+"]\n', encoding="utf-8")
    assert main(["check", "--show-settings", "--extend-words", "zzyzx"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["config-file"] == str(project / "newslint.toml")
    assert "NL203" not in shown["enabled"] and "NL401" in shown["enabled"]
    assert shown["ignore-patterns"] == ["@@\\w+"]
    assert shown["rule-options"]["spelling"]["words"] == ["zzyzx"]
    assert shown["files"] == 2


def test_verbose(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "news", "--verbose"]) == 1
    err = capsys.readouterr().err
    assert "config (none: defaults); 2 files" in err and "2 files checked, 0 errors" in err


def test_extend_words(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "news" / "typo.md").write_text("The council will recieve the plan on Monday.\n", encoding="utf-8")
    assert main(["check", "news/typo.md", "--select", "NL601"]) == 1
    assert main(["check", "news/typo.md", "--select", "NL601", "--extend-words", "foo,recieve"]) == 0


DIALECT = "The council will organise a review of the colour of the buses, a spokeswoman said.\n"


def _codes(capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[str, str]]:
    main(["check", "--format", "json", "--no-cache", *args])
    found = json.loads(capsys.readouterr().out)
    return [(d["code"], d["message"].split("'")[1]) for d in found]


def test_dialect_from_the_command_line_and_the_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "news" / "uk.md").write_text(DIALECT, encoding="utf-8")
    assert _codes(capsys, "news/uk.md") == []  # the default, "any", accepts every dialect
    assert _codes(capsys, "news/uk.md", "--dialect", "en-US") == [("NL603", "organise"), ("NL603", "colour")]
    assert _codes(capsys, "news/uk.md", "--dialect", "en_gb") == []  # a locale spelling is accepted
    (project / "newslint.toml").write_text('[spelling]\ndialect = "en-US"\n', encoding="utf-8")
    assert [c for c, _ in _codes(capsys, "news/uk.md")] == ["NL603", "NL603"]
    assert _codes(capsys, "news/uk.md", "--dialect", "any") == []  # the command line wins for one run


def test_unknown_dialect_is_one_line_and_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "news", "--dialect", "en-NZ"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("newslint: error: --dialect must be one of any, en-US") and err.count("\n") == 1


def test_init_writes_a_config_that_loads(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init"]) == 0
    config = load_config(cwd=project)
    assert config.path == project / "newslint.toml"
    assert (project / ".newslint-words.txt").read_text(encoding="utf-8").startswith("#")
    assert main(["check", "news/clean.md"]) == 0  # the written config is valid for a run
    assert main(["init"]) == 2  # never overwrites without --force
    assert "exists" in capsys.readouterr().err
    assert main(["init", "--force"]) == 0


def test_house_word_list_from_init_is_read(project: Path) -> None:
    main(["init"])
    (project / "news" / "typo.md").write_text("The council will recieve the plan on Monday.\n", encoding="utf-8")
    with open(project / ".newslint-words.txt", "a", encoding="utf-8") as handle:
        handle.write("recieve\n")
    assert main(["check", "news/typo.md", "--select", "NL601"]) == 0


def test_no_all_checks_passed_on_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "news" / "binary.md").write_bytes(b"\x00\x01binary")
    assert main(["check", "news/clean.md", "news/binary.md"]) == 2
    out = capsys.readouterr().out
    assert "All checks passed" not in out
    assert "1 file could not be checked" in out


@pytest.mark.parametrize("extra", [[], ["-j", "2"], ["--diff"]])
def test_errors_come_before_the_summary_that_points_at_them(project: Path, extra: list[str]) -> None:
    (project / "news" / "binary.md").write_bytes(b"\x00\x01binary")
    done = subprocess.run([sys.executable, "-m", "newslint", "check", "--no-cache", *extra, "news"],
                          capture_output=True, text=True, cwd=project)
    both = subprocess.run([sys.executable, "-m", "newslint", "check", "--no-cache", *extra, "news"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=project).stdout
    assert done.returncode == 2 and done.stderr.startswith("newslint: error: news/binary.md: binary file")
    lines = both.splitlines()
    error = next(i for i, line in enumerate(lines) if line.startswith("newslint: error:"))
    summary = next(i for i, line in enumerate(lines) if "could not be checked" in line)
    assert error < summary, both


def test_all_checks_passed_on_a_clean_run(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "news/clean.md"]) == 0
    assert "All checks passed (1 file checked)." in capsys.readouterr().out


def _sarif(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    main(["check", "--format", "sarif", *args])
    return json.loads(capsys.readouterr().out)


def test_sarif_file_outside_the_working_folder_gets_an_absolute_file_uri(
        project: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "my story.md"
    outside.write_text(AD, encoding="utf-8")
    log = _sarif(capsys, str(outside), "news/ad.md")
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]
    assert {"uri": "news/ad.md", "uriBaseId": "%SRCROOT%"} in uris
    absolute = next(u for u in uris if "uriBaseId" not in u)
    assert absolute["uri"] == outside.as_uri() and absolute["uri"].startswith("file:///")
    assert "%20" in absolute["uri"]


def test_sarif_rules_have_help_uri(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = _sarif(capsys, "news/ad.md")["runs"][0]["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    assert by_id["NL401"]["helpUri"].endswith("/docs/rules/NL401.md")
    assert all(r["helpUri"].endswith(f"/{r['id']}.md") for r in rules)
    for code in by_id:  # every link points at a page that exists
        assert (ROOT / "docs" / "rules" / f"{code}.md").is_file()


def test_lsp_diagnostics_link_their_rule() -> None:
    pytest.importorskip("lsprotocol")
    from newslint.lsp.actions import to_lsp
    from newslint.lsp.positions import LineIndex
    from newslint.testing import lint_text

    (diag,) = lint_text(AD, ["NL401"], name="a.md")
    lsp = to_lsp(diag, LineIndex(AD))
    assert lsp.code_description is not None and lsp.code_description.href.endswith("/docs/rules/NL401.md")


def _workflow() -> dict:
    import yaml

    return yaml.safe_load((ROOT / "docs" / "github-workflow.yml").read_text(encoding="utf-8"))


def test_workflow_covers_every_article_suffix() -> None:
    flow = _workflow()
    paths = flow[True]["pull_request"]["paths"]  # YAML 1.1 reads the key `on` as True
    assert {p.rsplit(".", 1)[1] for p in paths} == {s.lstrip(".") for s in TEXT_SUFFIXES}
    changed = next(s for s in flow["jobs"]["newslint"]["steps"] if s.get("id") == "changed")["run"]
    assert all(f"'*{suffix}'" in changed for suffix in TEXT_SUFFIXES)


def test_workflow_puts_no_expression_into_a_script() -> None:
    steps = _workflow()["jobs"]["newslint"]["steps"]
    scripts = [s["run"] for s in steps if "run" in s]
    assert scripts and not any("${{" in run for run in scripts)
    assert all("--force-exclude" in run for run in scripts if "newslint check" in run)


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("git") is None, reason="needs bash and git")
def test_workflow_scripts_survive_crafted_file_names(tmp_path: Path) -> None:
    """Run the workflow's own scripts in a repository whose changed files have hostile names."""
    steps = {s.get("name"): s for s in _workflow()["jobs"]["newslint"]["steps"]}
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "RUNNER_TEMP": str(tmp_path), "BASE_REF": "main",
           "GITHUB_OUTPUT": str(tmp_path / "output"), "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)

    git("init", "-q", "-b", "main")
    (repo / "base.md").write_text(CLEAN, encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "base")
    git("update-ref", "refs/remotes/origin/main", "HEAD")
    hostile = ["$(touch PWNED).md", "a;touch PWNED2;.markdown", "-rf.htm", "news `touch PWNED3`.txt"]
    for name in hostile:
        (repo / name).write_text(AD, encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "change")

    def step(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-e", "-c", steps[name]["run"]], cwd=repo, env=env, capture_output=True, text=True)

    assert step("Changed articles").returncode == 0
    assert "any=true" in (tmp_path / "output").read_text()
    annotated = step("Annotate")
    assert annotated.returncode == 1, annotated.stderr
    assert annotated.stdout.count("::warning") == len(hostile)
    assert step("SARIF").returncode == 0
    log = json.loads((repo / "newslint.sarif").read_text(encoding="utf-8"))
    assert len(log["runs"][0]["results"]) == len(hostile)
    assert not list(repo.glob("PWNED*")) and not list(tmp_path.glob("PWNED*"))


@pytest.mark.parametrize("count, notice", [(10, False), (11, True)])
def test_github_format_says_when_findings_exceed_the_annotations_shown(tmp_path, capsys, count, notice):
    # GitHub shows 10 annotations of each type per step: beyond that, a notice points at the log and SARIF.
    path = tmp_path / "a.txt"
    path.write_text("".join(f"Line {i}: the vote was\u00a0\u00a0close.\n\n" for i in range(count)), encoding="utf-8")
    main(["check", "--format", "github", "--no-cache", "--select", "NL505", str(path)])
    out = capsys.readouterr().out
    assert out.count("::notice file=") == count
    assert ("GitHub shows only the first 10" in out) is notice
    if notice:
        assert out.splitlines()[-1].startswith("::notice title=") and "--format sarif" in out

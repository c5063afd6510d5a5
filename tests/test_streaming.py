"""Every format is written file by file; the run keeps only what the corpus rules need."""
from __future__ import annotations

import json
import re

import pytest

import newslint.engine.runner
from newslint.cli import main

ARTICLE = ("The regional harbour authority approved a plan on Tuesday to deepen the main shipping channel and "
           "add two container berths, ending three years of disputes with fishing groups. The board voted seven "
           "to two after a four-hour meeting, according to minutes published on its website. Construction is due "
           "to begin next spring.\n\n-------- Advertisement---------\n\nOpponents say the dredging will disturb "
           "seagrass beds that shelter young fish, officials said.\n")
CLEAN = "The mayor opened the new library on Saturday, and residents queued for an hour to borrow books.\n"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")  # duplicates a.txt: NL105, a corpus rule
    (tmp_path / "c.txt").write_text(CLEAN, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "d.txt").write_text(ARTICLE.replace("Tuesday", "Friday"), encoding="utf-8")
    return tmp_path


def heads(text: str) -> list[str]:
    return re.findall(r"^(\S+:\d+:\d+: NL\d+)", text, re.M)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_streamed_text_has_every_finding_of_the_json_output(repo, capsys, jobs):
    assert main(["check", ".", "--format", "json", "-j", jobs, "--no-cache"]) == 1
    expected = {f"{d['path']}:{d['line']}:{d['column']}: {d['code']}" for d in json.loads(capsys.readouterr().out)}
    assert main(["check", ".", "-j", jobs, "--no-cache"]) == 1
    out = capsys.readouterr().out
    found = heads(out)
    assert sorted(found) == sorted(expected)
    # Files in order, each file's findings in order; the corpus rule's findings come last.
    per_file = [h for h in found if "NL105" not in h]
    assert found[-1].endswith("NL105") and found[: len(per_file)] == per_file
    assert f"Found {len(expected)} problems" in out


def test_corpus_findings_alone_decide_the_exit_code(repo, capsys):
    # Only NL105 selected: no per-file finding, the warning from the corpus rule fails the run.
    assert main(["check", ".", "--select", "NL105", "--no-cache"]) == 1
    assert heads(capsys.readouterr().out) == ["b.txt:1:1: NL105", "sub/d.txt:1:1: NL105"]
    assert main(["check", ".", "--select", "NL105", "--fail-on", "error", "--no-cache"]) == 0


def test_github_format_streams_annotations(repo, capsys):
    assert main(["check", ".", "--format", "github", "--no-cache"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith("::") for line in lines)
    assert lines[-2].startswith("::warning file=b.txt,line=1") and "NL105" in lines[-1]


def test_streaming_run_keeps_no_per_file_findings(repo, monkeypatch, capsys):
    kept, stored = [], []
    original = newslint.engine.runner._finish

    def spy(engine, results, store):
        kept.extend(results)
        stored.extend((code, list(store.summaries(code))) for code in ("NL105", "NL305"))
        return original(engine, results, store)

    monkeypatch.setattr(newslint.engine.runner, "_finish", spy)
    (repo / "e.txt").write_text("<!-- newslint: disable NL105 -->\n" + ARTICLE, encoding="utf-8")
    main(["check", ".", "--no-cache"])
    # Only a file with a suppression is kept (its suppressions filter the corpus findings), without
    # its findings; every file's corpus summaries are in the run's store, read back in file order.
    assert [r.path for r in kept] == ["e.txt"]
    assert all(r.suppressions and not r.summaries and not r.diagnostics and not r.source_lines for r in kept)
    signatures = dict(stored)["NL105"]
    assert [s[1] for s in signatures] == ["a.txt", "b.txt", "e.txt", "sub/d.txt"]  # c.txt is too short
    assert all(isinstance(s[3], bytes) for s in signatures)
    out = capsys.readouterr().out
    assert "in 5 files checked" in out and "e.txt:1:1: NL105" not in out and "b.txt:1:1: NL105" in out


def collected(args: list[str], capsys, monkeypatch) -> str:
    """The output of the run that collects and sorts every finding first (as --statistics does)."""
    import newslint.cli

    with monkeypatch.context() as patch:
        patch.setattr(newslint.cli, "_streamer", lambda *_: None)
        main(args)
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["json", "sarif"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_streamed_json_and_sarif_are_the_collected_output_with_corpus_findings_last(repo, capsys, fmt, jobs,
                                                                                    monkeypatch):
    args = ["check", ".", "--format", fmt, "-j", jobs, "--no-cache"]
    assert main(args) == 1
    streamed = capsys.readouterr().out
    whole = collected(args, capsys, monkeypatch)
    if fmt == "json":
        rows, every = json.loads(streamed), json.loads(whole)
        # Each finding is one line of the streamed text.
        assert len(streamed.splitlines()) == len(rows) + 2
    else:
        log, every_log = json.loads(streamed), json.loads(whole)
        rows, every = log["runs"][0].pop("results"), every_log["runs"][0].pop("results")
        assert log == every_log  # the same log around the results
        assert log["runs"][0]["tool"]["driver"]["rules"]
    codes = [r.get("code") or r.get("ruleId") for r in rows]
    assert "NL105" in codes and "NL401" in codes
    # The same findings; the corpus rule's come last instead of sorted in with their files.
    key = lambda r: json.dumps(r, sort_keys=True)  # noqa: E731
    assert sorted(map(key, rows)) == sorted(map(key, every))
    first_corpus = codes.index("NL105")
    assert set(codes[first_corpus:]) == {"NL105"}
    assert [r for r in every if key(r) in set(map(key, rows[:first_corpus]))] == rows[:first_corpus]


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_streamed_output_without_corpus_findings_is_byte_for_byte_the_collected_one(repo, capsys, fmt, monkeypatch):
    args = ["check", ".", "--format", fmt, "--no-cache", "--ignore", "NL105"]
    main(args)
    streamed = capsys.readouterr().out
    assert streamed == collected(args, capsys, monkeypatch)
    main(["check", "c.txt", "--format", fmt, "--no-cache"])  # no finding at all
    empty = capsys.readouterr().out
    assert empty == collected(["check", "c.txt", "--format", fmt, "--no-cache"], capsys, monkeypatch)
    assert (json.loads(empty) if fmt == "json" else json.loads(empty)["runs"][0]["results"]) == []


@pytest.mark.parametrize("mode", [["--fix"], ["--fix", "--diff"]])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fix_and_diff_runs_stream_with_the_collected_output_files_and_exit_code(repo, capsys, mode, jobs,
                                                                                monkeypatch):
    originals = {p: p.read_bytes() for p in sorted(repo.rglob("*.txt"))}
    args = ["check", ".", *mode, "-j", jobs, "--no-cache"]
    assert main(args) == 1
    streamed = capsys.readouterr().out
    after = {p: p.read_bytes() for p in originals}
    for path, data in originals.items():
        path.write_bytes(data)
    whole = collected(args, capsys, monkeypatch)
    assert {p: p.read_bytes() for p in originals} == after
    assert (after == originals) == ("--diff" in mode)  # --diff shows the fixes, writes nothing
    assert ("Would fix " if "--diff" in mode else "Fixed ") in streamed and sorted(streamed.splitlines()) == sorted(whole.splitlines())
    # Fixed, with nothing left to report: the run still fails, so pre-commit shows the change.
    for path, data in originals.items():
        path.write_bytes(data)
    assert main(["check", ".", "--fix", "--select", "NL401", "-j", jobs, "--no-cache"]) == 1
    assert main(["check", ".", "--fix", "--select", "NL401", "-j", jobs, "--no-cache"]) == 0


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_baseline_runs_stream_and_report_only_new_findings_as_the_collected_run(repo, capsys, fmt, jobs, monkeypatch):
    assert main(["check", ".", "--write-baseline", "base.json", "--no-cache"]) == 0
    capsys.readouterr()
    # New: an ad marker in c.txt and a copy of a.txt, whose NL105 finding is new too; the old
    # findings, NL105 included, stay recorded.
    (repo / "c.txt").write_text(CLEAN + "\n[ad_2]\n", encoding="utf-8")
    (repo / "e.txt").write_text(ARTICLE, encoding="utf-8")
    args = ["check", ".", "--baseline", "base.json", "--format", fmt, "-j", jobs, "--no-cache"]
    assert main(args) == 1
    streamed = capsys.readouterr().out
    whole = collected(args, capsys, monkeypatch)
    if fmt == "json":
        found = sorted((d["path"], d["code"]) for d in json.loads(streamed))
        assert found == sorted((d["path"], d["code"]) for d in json.loads(whole))
    else:
        found = sorted(tuple(h.split(":")[0::3]) for h in heads(streamed))
        assert sorted(heads(streamed)) == sorted(heads(whole))
    assert ("c.txt", "NL402") in [(p, c.strip()) for p, c in found]
    # b.txt's NL105 ("the same as a.txt") is recorded; d.txt's now names e.txt, its newest match,
    # so it counts as new (corpus findings are fingerprinted by their message).
    assert sorted(p for p, c in found if c.strip() == "NL105") == ["e.txt", "sub/d.txt"]
    assert all(p in ("c.txt", "e.txt", "sub/d.txt") for p, _ in found)
    assert main(["check", ".", "--baseline", "missing.json", "--no-cache"]) == 2  # read before the run


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_corpus_finding_on_a_line_with_other_findings_stays_in_the_baseline(repo, capsys, jobs):
    # y.txt's NL105 sits on line 1, where NL201 also is: the collected run that writes the baseline
    # knows that line's text, the streamed run that applies it does not. Both use the message.
    spun = ("The State Division said on Monday that the ferry service between the two islands would stop for "
            "the winter, leaving fishermen, teachers and nurses who cross every morning to find another way to "
            "work. Local councillors asked the operator to keep one sailing a day until the new bridge opens, "
            "and the operator promised an answer before the end of the month.\n")
    (repo / "x.txt").write_text(spun, encoding="utf-8")
    (repo / "y.txt").write_text(spun, encoding="utf-8")
    assert main(["check", ".", "--write-baseline", "base.json", "--no-cache"]) == 0
    capsys.readouterr()
    assert main(["check", ".", "--baseline", "base.json", "-j", jobs, "--no-cache"]) == 0
    assert heads(capsys.readouterr().out) == []
    # Fixing the spun phrase leaves the duplicate finding recorded, not new.
    for name in ("x.txt", "y.txt"):
        (repo / name).write_text(spun.replace("State Division", "State Department"), encoding="utf-8")
    assert main(["check", ".", "--baseline", "base.json", "-j", jobs, "--no-cache"]) == 0


def test_json_with_diff_keeps_the_diffs_out_of_the_array(repo, capsys):
    # a.txt keeps a finding after its fix (the spun phrase's fix is unsafe), b.txt's diff follows it.
    (repo / "a.txt").write_text("The State Division said so.\n\n" + ARTICLE, encoding="utf-8")
    assert main(["check", ".", "--format", "json", "--fix", "--diff", "--no-cache"]) == 1
    out = capsys.readouterr().out
    diff, array = out[: out.index("\n[\n") + 1], out[out.index("\n[\n") + 1 :]
    assert diff.startswith("---") and "-------- Advertisement---------" in diff
    assert diff.count("+++ ") == 3 and "NL201" in {d["code"] for d in json.loads(array)}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_statistics_and_write_baseline_stream_with_the_collected_results(repo, capsys, monkeypatch, jobs):
    # A corpus finding on a line that has another finding too (y.txt:1, NL105 and NL201).
    spun = ("The State Division said on Monday that the ferry service between the two islands would stop for "
            "the winter, leaving fishermen, teachers and nurses who cross every morning to find another way to "
            "work. Local councillors asked the operator to keep one sailing a day until the new bridge opens.\n")
    (repo / "x.txt").write_text(spun, encoding="utf-8")
    (repo / "y.txt").write_text(spun, encoding="utf-8")
    stats = ["check", ".", "--statistics", "-j", jobs, "--no-cache"]
    assert main(stats) == 1
    streamed = capsys.readouterr().out
    assert streamed == collected(stats, capsys, monkeypatch)
    assert streamed.splitlines() == ["     3  NL105       duplicate-article",  # b.txt, sub/d.txt, y.txt
                                     "     3  NL401   [*] ad-marker", "     2  NL201   [*] tortured-phrase"]
    write = ["check", ".", "--write-baseline", "base.json", "-j", jobs, "--no-cache"]
    assert main(write) == 0
    recorded = json.loads((repo / "base.json").read_text(encoding="utf-8"))["findings"]
    assert "Wrote " in capsys.readouterr().err
    (repo / "base.json").unlink()
    collected(write, capsys, monkeypatch)
    assert json.loads((repo / "base.json").read_text(encoding="utf-8"))["findings"] == recorded
    assert main(["check", ".", "--baseline", "base.json", "-j", jobs, "--no-cache"]) == 0

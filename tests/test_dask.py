"""newslint on Dask: the same findings as ``newslint check`` on a real LocalCluster of 2 worker
processes, whatever the partitions; a worker killed mid-run loses and repeats nothing.

Skipped when Dask is not installed (``pip install -e '.[dask]'``); .ci/run installs it.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newslint.cli import main
from tests.dask_fixtures import write_corpus

pytestmark = pytest.mark.slow


def _key(record: dict) -> str:
    return json.dumps(record, sort_keys=True)


def _single(folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(folder)
    capsys.readouterr()
    assert main(["check", "--no-cache", "--format", "json", "--exit-zero", "."]) == 0
    return sorted(map(_key, json.loads(capsys.readouterr().out)))


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    import logging

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as cluster, distributed.Client(cluster) as client:
        yield cluster, client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dask") / "articles"
    write_corpus(folder, 40)
    return folder


# 40: one article a partition, more than the 32 a task shuffle joins in one stage, so partitions
# cross between workers (a partition that was a generator could not).
@pytest.mark.parametrize("partitions", [1, 3, 7, 40])
def test_command_gives_the_single_process_findings(cluster, corpus, tmp_path, partitions, capsys, monkeypatch):
    expected = _single(corpus, capsys, monkeypatch)
    assert {json.loads(k)["code"] for k in expected} >= {"NL105", "NL305", "NL401", "NL601"}
    out = tmp_path / "out"
    code = main(["check", "--scheduler", cluster[0].scheduler_address, "--partitions", str(partitions),
                 "--output", str(out), "--output-format", "jsonl", "."])
    assert code == 1  # warnings found, as newslint check exits
    from newslint.dask.output import read_records

    assert sorted(map(_key, read_records(out))) == expected
    summary = json.loads((out / "summary.json").read_text())
    assert summary["articles"] == 40 and summary["workers"] == 2 and summary["partitions"] == partitions
    assert summary["findings"] == len(expected)
    assert len(summary["worker_peak_rss_mb"]) == 2 and min(summary["worker_peak_rss_mb"]) > 10
    assert "NL105   duplicate-article" in capsys.readouterr().out


def test_lint_bag_gives_the_single_process_findings(cluster, corpus, capsys, monkeypatch):
    import dask.bag as db

    from newslint.dask import lint_bag

    expected = _single(corpus, capsys, monkeypatch)  # also moves into the corpus folder
    files = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())
    bag = db.from_sequence([(name, (corpus / name).read_text(encoding="utf-8")) for name in files], npartitions=5)
    found = cluster[1].compute(lint_bag(bag, files_in_run=len(files))).result()
    assert sorted(map(_key, found)) == expected


def test_lint_frame_gives_the_single_process_findings_as_rows(cluster, corpus, capsys, monkeypatch):
    import dask.dataframe as dd
    import pandas as pd

    from newslint.dask import FINDING_COLUMNS, lint_frame
    from newslint.dask.output import from_row

    expected = _single(corpus, capsys, monkeypatch)
    files = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())
    table = pd.DataFrame({"words": [0] * len(files), "path": files,
                          "text": [(corpus / name).read_text(encoding="utf-8") for name in files]})
    frame = lint_frame(dd.from_pandas(table, npartitions=4), files_in_run=len(files))
    assert list(frame.columns) == list(FINDING_COLUMNS)
    found = cluster[1].compute(frame).result()
    assert [str(t) for t in found.dtypes] == list(FINDING_COLUMNS.values())
    records = [from_row({**row, "fix": None if pd.isna(row["fix"]) else row["fix"]}) for row in found.to_dict("records")]
    assert sorted(map(_key, records)) == expected


def test_lint_frame_names_a_missing_column():
    dd = pytest.importorskip("dask.dataframe")
    import pandas as pd

    from newslint.dask import lint_frame

    frame = dd.from_pandas(pd.DataFrame({"url": ["a.txt"], "body": ["The offically approved plan.\n"]}), npartitions=1)
    with pytest.raises(ValueError, match="no column 'id'"):
        lint_frame(frame)
    found = lint_frame(frame, id_column="url", text_column="body").compute(scheduler="synchronous")
    assert list(zip(found.path, found.code)) == [("a.txt", "NL601")]  # the named columns are read


def test_jsonl_manifest(cluster, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "articles"
    paths = write_corpus(folder, 20)
    expected = _single(folder, capsys, monkeypatch)
    manifest = tmp_path / "corpus.jsonl"
    with manifest.open("w", encoding="utf-8") as handle:
        for path in paths:
            handle.write(json.dumps({"id": path.relative_to(folder).as_posix(),
                                     "text": path.read_text(encoding="utf-8")}) + "\n")
        handle.write("not json\n")
    out = tmp_path / "out"
    code = main(["check", "--scheduler", cluster[0].scheduler_address, "--partitions", "3",
                 "--output", str(out), "--output-format", "jsonl", str(manifest)])
    from newslint.dask.output import read_records

    assert sorted(map(_key, read_records(out))) == expected
    captured = capsys.readouterr()
    assert code == 2 and "not a JSON object" in captured.err  # the bad line is an input error
    assert json.loads((out / "summary.json").read_text())["articles"] == 21


def test_a_killed_worker_loses_and_repeats_nothing(tmp_path, capsys, monkeypatch):
    distributed = pytest.importorskip("distributed")
    import logging

    folder = tmp_path / "articles"
    write_corpus(folder, 240, seed=11)
    expected = _single(folder, capsys, monkeypatch)
    out = tmp_path / "out"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.CRITICAL) as cluster, distributed.Client(cluster) as client:
        pids = list(client.run(os.getpid).values())
        result: dict[str, int] = {}
        run = threading.Thread(target=lambda: result.update(code=main(
            ["check", "--scheduler", cluster.scheduler_address, "--partitions", "24", "--output", str(out),
             "--output-format", "jsonl", "."])))
        run.start()
        deadline = time.monotonic() + 300
        while not list((out / "findings").glob("part-*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        written_at_kill = len(list((out / "findings").glob("part-*")))
        os.kill(pids[0], signal.SIGKILL)
        run.join(600)
    assert 0 < written_at_kill < 24  # killed mid-run
    assert result["code"] == 1
    from newslint.dask.output import read_records

    assert sorted(map(_key, read_records(out))) == expected  # nothing lost, nothing twice
    assert json.loads((out / "summary.json").read_text())["articles"] == 240


def test_settings_ship_the_files_options_as_values(tmp_path, monkeypatch):
    pytest.importorskip("dask")
    import pickle

    from newslint.config.settings import load_config
    from newslint.dask.settings import Settings
    from newslint.api.registry import Registry

    (tmp_path / "newslint.toml").write_text('[spelling]\nwords-file = "house.txt"\n'
                                            '[names]\nnames-file = "names.list"\n')
    (tmp_path / "house.txt").write_text("# house words\nzorbly\n")
    (tmp_path / ".newslint-words.txt").write_text("quibbit\n")
    (tmp_path / "names.list").write_text("Leah Millis: Leah Mellis\n")
    monkeypatch.chdir(tmp_path)
    config = load_config(None)
    registry = Registry.load(config.rule_packs)
    settings = Settings.of(config, registry, registry.resolve(None))
    shipped, _, _ = pickle.loads(settings.blob)
    assert shipped.rule_options["spelling"]["words"] == ["zorbly", "quibbit"]
    assert shipped.rule_options["names"]["names"] == ["Leah Millis: Leah Mellis"]
    assert all(table["project-root"] == "" for table in shipped.rule_options.values())
    for name in ("house.txt", ".newslint-words.txt", "names.list"):
        (tmp_path / name).unlink()  # a worker reads none of them
    from newslint.model.document import Document

    engine = settings.engine(2)
    doc = Document.from_text("a.txt", "The zorbly quibbit. Photograph by Leah Mellis, the agency said.\n")
    codes = [d.code for d in engine.lint(doc)[0]]
    assert "NL304" in codes and "NL601" not in codes


def test_command_errors_are_one_line(tmp_path, capsys):
    assert main(["check", "--scheduler", "local", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == ("newslint: error: --scheduler needs --output DIR "
                                               "(where the findings are written)")
    assert main(["check", "--scheduler", "local", "--fix", "--output", str(tmp_path / "o"), str(tmp_path)]) == 2
    assert "--fix is not supported with --scheduler" in capsys.readouterr().err
    assert main(["check", "--output", str(tmp_path / "o"), str(tmp_path)]) == 2
    assert "--output DIR goes with --scheduler" in capsys.readouterr().err


def test_newslint_check_never_imports_dask(tmp_path):
    (tmp_path / "a.txt").write_text("A short article.\n")
    code = ("import sys; from newslint.cli import main; main(['check', '--no-cache', %r]); "
            "sys.exit(any(m == 'dask' or m.startswith(('dask.', 'distributed')) for m in sys.modules))" % str(tmp_path))
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_every_partition_survives_pickling(corpus, capsys, monkeypatch):
    """Dask's process scheduler pickles every task's result: a partition kept as a generator (which
    a cluster cannot send from one worker to another) fails here, however small the corpus."""
    pytest.importorskip("dask")
    import dask.bag as db

    from newslint.dask import lint_bag

    expected = _single(corpus, capsys, monkeypatch)
    files = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())
    bag = db.from_sequence([(name, (corpus / name).read_bytes()) for name in files], npartitions=4)
    found = lint_bag(bag, files_in_run=len(files)).compute(scheduler="processes", num_workers=2)
    assert sorted(map(_key, found)) == expected


@pytest.mark.parametrize("partitions", [1, 6, 40])
def test_lint_bag_through_a_scratch_folder_gives_the_single_process_findings(
        cluster, corpus, tmp_path, partitions, capsys, monkeypatch):
    """NL105's file shuffle (newslint/dask/duplicates.py) on the cluster: the same findings, with
    one bucket (1 and 6 partitions) or several (40: 5 buckets), so pairs meet across buckets."""
    import dask.bag as db

    from newslint.dask import lint_bag

    expected = _single(corpus, capsys, monkeypatch)
    files = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())
    bag = db.from_sequence([(name, (corpus / name).read_text(encoding="utf-8")) for name in files],
                           npartitions=partitions)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    found = cluster[1].compute(lint_bag(bag, files_in_run=len(files), scratch=str(scratch))).result()
    assert sorted(map(_key, found)) == expected
    assert len(list(scratch.glob("sigs-*.npy"))) == partitions  # the signatures went through the folder
    assert len(list(scratch.glob("names-*.marshal"))) == partitions  # and the NL305 summaries


def test_band_hash_collisions_add_candidates_but_no_findings(corpus, tmp_path, capsys, monkeypatch):
    """Every band hash equal (every pair of articles a candidate, in one bucket, bands mixed):
    the findings are still the single-process run's, since the bytes decide (first_shared_band)."""
    pytest.importorskip("dask")
    import dask.bag as db
    import numpy as np

    from newslint.dask import duplicates, lint_bag

    expected = _single(corpus, capsys, monkeypatch)
    real = duplicates.band_hashes
    monkeypatch.setattr(duplicates, "band_hashes", lambda sigs: np.zeros_like(real(sigs)))
    files = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())
    bag = db.from_sequence([(name, (corpus / name).read_bytes()) for name in files], npartitions=3)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    found = lint_bag(bag, files_in_run=len(files), scratch=str(scratch)).compute(scheduler="sync")
    assert sorted(map(_key, found)) == expected


def test_band_hashes_are_stable_and_mix_the_band_in():
    np = pytest.importorskip("numpy")
    from newslint.dask.duplicates import band_hashes

    sigs = np.zeros((2, 128), dtype="<u4")
    sigs[1, :8] = 1  # the second article differs in band 0 only
    h = band_hashes(sigs)
    assert h.shape == (2, 16) and h.dtype == np.uint64
    assert len(set(h[0].tolist())) == 16  # equal bytes in two bands: different keys
    assert h[0, 0] != h[1, 0] and (h[0, 1:] == h[1, 1:]).all()
    # A function of the bytes alone: another process (its own hash seed) gives the same keys.
    code = ("import numpy as np; from newslint.dask.duplicates import band_hashes; "
            "s = np.zeros((2, 128), dtype='<u4'); s[1, :8] = 1; print(band_hashes(s).tolist())")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "123"})
    assert json.loads(other.stdout) == h.tolist()


def test_a_lint_task_writes_its_findings_and_passes_on_only_the_summaries(corpus, tmp_path):
    """``output.lint_and_write``: the partition's findings in its part file, in the order of
    ``lint_partition``'s, and the outcomes passed on to the corpus rules without them (a worker
    does not hold a partition's findings once they are written)."""
    pytest.importorskip("dask")
    from newslint.dask import output
    from newslint.dask.lint import lint_partition
    from newslint.dask.settings import Settings

    settings = Settings.default()
    files = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())
    part = [(name, (corpus / name).read_bytes(), i) for i, name in enumerate(files)]
    expected = lint_partition(part, settings, len(files))
    (tmp_path / "findings").mkdir()
    tally, kept = output.lint_and_write(part, settings, len(files), str(tmp_path), 3, "jsonl")
    written = (tmp_path / "findings" / "part-00003.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in written] == [f for o in expected for f in o.findings]
    assert tally["articles"] == len(files) and sum(tally["counts"].values()) == len(written) > 0
    assert [o._replace(findings=[]) for o in expected] == kept
    assert not list((tmp_path / "findings").glob(".*.tmp"))


def test_manifest_blocks_hold_every_line_once(tmp_path):
    """``command.block_lines``: whatever the number of blocks (more than the lines, too), each line
    of the manifest is in exactly one block, whole, in order."""
    from newslint.dask.command import block_lines

    lines = [b"\n", b'{"id": "a", "text": "x"}\n', b"\n", b"z" * 37 + b"\n", b"\n", b"last line without an end"]
    path = tmp_path / "m.jsonl"
    path.write_bytes(b"".join(lines))
    size = path.stat().st_size
    for blocks in (1, 2, 3, 5, 7, 13, size):
        got = [list(block_lines(str(path), size, blocks, b)) for b in range(blocks)]
        assert [line for block in got for line in block] == lines, blocks


def test_the_command_lints_every_article_once(corpus, tmp_path, monkeypatch):
    """The command's graph (run here on Dask's synchronous scheduler, in this process): one lint of
    each article, whatever branches read the outcomes (a branch optimised on its own, as an Item
    argument or a default ``to_delayed()`` is, linted them all again), and the findings written."""
    pytest.importorskip("dask")
    import dask

    from newslint.dask import command, lint, output
    from newslint.dask.settings import Settings

    linted: list[str] = []
    real = lint.outcomes

    def counted(articles, settings, files_in_run):
        for o in real(articles, settings, files_in_run):
            linted.append(o.path)
            yield o

    monkeypatch.setattr(lint, "outcomes", counted)
    files = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())
    manifest = tmp_path / "corpus.jsonl"
    manifest.write_text("".join(json.dumps({"id": name, "text": (corpus / name).read_text(encoding="utf-8")}) + "\n"
                                for name in files), encoding="utf-8")
    articles, count = command._manifest(manifest, 6)
    out = tmp_path / "out"
    output.prepare(out)
    (out / "scratch").mkdir()
    tasks = command.graph(articles, Settings.default(), count, str(out), "jsonl", str(out / "scratch"))
    tallies = [t for part in dask.compute(*tasks, scheduler="sync") for t in part]
    assert sorted(linted) == files
    assert sum(t["articles"] for t in tallies) == len(files)
    codes = {r["code"] for r in output.read_records(out)}
    assert {"NL105", "NL305"} <= codes

"""Where a Dask run's findings go: one file per partition (JSON Lines, or Parquet with pyarrow),
written by the worker that found them, and a summary table.

A partition's file is written to a temporary name and renamed: a task that Dask runs again
(its worker died) writes the same file again, never a second copy of its findings.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from newslint.dask.lint import Outcome
    from newslint.dask.settings import Settings

# A finding as a row of a table (a Parquet part, newslint.dask.lint_frame's dataframe): the JSON
# schema's fields (docs/json-schema.md) and their dtypes, the ``fix`` object as its JSON text.
FINDING_COLUMNS = {"path": "string", "line": "int64", "column": "int64", "end_line": "int64",
                   "end_column": "int64", "code": "string", "rule": "string", "category": "string",
                   "severity": "string", "message": "string", "fix": "string"}


def as_row(record: dict[str, Any]) -> dict[str, Any]:
    """A finding record as a row of :data:`FINDING_COLUMNS`."""
    fix = record["fix"]
    return {**record, "fix": None if fix is None else json.dumps(fix, ensure_ascii=False)}


def from_row(row: dict[str, Any]) -> dict[str, Any]:
    """The finding record of a row of :data:`FINDING_COLUMNS`."""
    fix = row["fix"]
    return {**row, "fix": None if fix is None else json.loads(fix)}


def default_format() -> str:
    """Parquet when pyarrow is installed, else JSON Lines."""
    import importlib.util

    return "parquet" if importlib.util.find_spec("pyarrow") is not None else "jsonl"


def prepare(folder: Path) -> None:
    """Make the output folder, removing the part files an earlier run left there."""
    for sub in ("findings", "corpus"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        for old in (folder / sub).glob("part-*"):
            old.unlink()


def lint_and_write(part: Iterable[Any], settings: Settings, files_in_run: int, folder: str, index: int,
                   fmt: str) -> tuple[dict[str, Any], list[Outcome]]:
    """Lint a partition and write its per-article findings as they come (JSON Lines: an article's
    at a time; Parquet: the partition's, written at the end); return its tally and the outcomes
    without their findings (what the corpus rules read: the summaries and suppressions).

    One task, not a lint task whose outcomes wait for a writing task: the per-article findings are
    most of what a partition holds (about 2.7 KB a finding as dicts, 370 bytes as JSON; 1,742
    generated articles of word salad gave 36,000 NL204 findings, ~100 MB), and a worker no longer
    holds them once written, nor two partitions' of them when Dask starts the next lint first."""
    from newslint.dask.lint import outcomes

    counts: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    errors, kept = [], []
    with PartWriter(Path(folder) / "findings", index, fmt) as writer:
        for outcome in outcomes(part, settings, files_in_run):
            writer.add(outcome.findings)
            counts.update(r["code"] for r in outcome.findings)
            severities.update(r["severity"] for r in outcome.findings)
            if outcome.error:
                errors.append(outcome.error)
            kept.append(outcome._replace(findings=[]))
    tally = {"articles": len(kept), "errors": errors, "counts": dict(counts), "severities": dict(severities)}
    return tally, kept


def write_outcomes(part: Iterable[Outcome], folder: str, index: int, fmt: str) -> dict[str, Any]:
    """Write a partition's per-article findings; return its tally (articles, errors, counts)."""
    records, errors, articles = [], [], 0
    for outcome in part:
        articles += 1
        records.extend(outcome.findings)
        if outcome.error:
            errors.append(outcome.error)
    write_records(records, Path(folder) / "findings", index, fmt)
    return {"articles": articles, "errors": errors, "counts": dict(Counter(r["code"] for r in records)),
            "severities": dict(Counter(r["severity"] for r in records))}


def write_corpus(part: Iterable[dict[str, Any]], folder: str, index: int, fmt: str) -> dict[str, Any]:
    """Write a partition of corpus findings, sorted; return its tally."""
    records = sorted(part, key=lambda r: (r["path"], r["line"], r["column"], r["code"]))
    write_records(records, Path(folder) / "corpus", index, fmt)
    return {"articles": 0, "errors": [], "counts": dict(Counter(r["code"] for r in records)),
            "severities": dict(Counter(r["severity"] for r in records))}


def write_records(records: Sequence[dict[str, Any]], folder: Path, index: int, fmt: str) -> Path:
    """``records`` as ``folder/part-NNNNN.jsonl`` (or ``.parquet``), atomically."""
    with PartWriter(folder, index, fmt) as writer:
        writer.add(records)
    return writer.target


class PartWriter:
    """``folder/part-NNNNN.jsonl`` (or ``.parquet``) written as records are added: to a temporary
    name, renamed on a clean exit (a task that Dask runs again writes the whole file again, and
    one that fails leaves no part). JSON Lines are written as they come; Parquet at the end."""

    def __init__(self, folder: Path, index: int, fmt: str) -> None:
        self.fmt = fmt
        self.target = folder / f"part-{index:05d}.{fmt}"
        self.tmp = folder / f".{self.target.name}.{os.getpid()}.tmp"
        self.rows: list[dict[str, Any]] = []
        self.handle: Any = None

    def __enter__(self) -> PartWriter:
        if self.fmt != "parquet":
            self.handle = open(self.tmp, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed in __exit__
        return self

    def add(self, records: Iterable[dict[str, Any]]) -> None:
        if self.handle is None:
            self.rows.extend(records)
        else:
            self.handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)

    def __exit__(self, kind: object, *_: object) -> None:
        if self.handle is not None:
            self.handle.close()
        if kind is not None:
            self.tmp.unlink(missing_ok=True)
            return
        if self.fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            rows = [as_row(r) for r in self.rows]
            pq.write_table(pa.table({c: [r[c] for r in rows] for c in FINDING_COLUMNS}), self.tmp)
        os.replace(self.tmp, self.target)


def read_records(folder: Path) -> list[dict[str, Any]]:
    """Every record of a run's output folder (JSON Lines or Parquet parts), per-article and corpus."""
    out: list[dict[str, Any]] = []
    for sub in ("findings", "corpus"):
        for part in sorted((folder / sub).glob("part-*")):
            if part.suffix == ".parquet":
                import pyarrow.parquet as pq

                out.extend(map(from_row, pq.read_table(part).to_pylist()))
            else:
                out.extend(json.loads(line) for line in part.read_text(encoding="utf-8").splitlines())
    return out


def summarise(tallies: Iterable[dict[str, Any]], metas: dict[str, Any]) -> dict[str, Any]:
    """The run's summary: articles, errors, and findings per rule code."""
    counts: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    errors: list[str] = []
    articles = 0
    for t in tallies:
        articles += t["articles"]
        errors += t["errors"]
        counts.update(t["counts"])
        severities.update(t["severities"])
    return {"articles": articles, "findings": sum(counts.values()), "errors": sorted(errors),
            "severities": dict(severities),
            "rules": [{"code": code, "rule": metas[code].name if code in metas else "", "findings": n}
                      for code, n in sorted(counts.items())]}


def table(summary: dict[str, Any]) -> str:
    """The summary as the text table printed at the end of a run."""
    lines = [f"{'code':7s} {'rule':32s} {'findings':>9s}"]
    lines += [f"{r['code']:7s} {r['rule']:32s} {r['findings']:9,d}" for r in summary["rules"]]
    lines.append(f"{summary['articles']:,} articles, {summary['findings']:,} findings, "
                 f"{len(summary['errors'])} errors")
    return "\n".join(lines) + "\n"

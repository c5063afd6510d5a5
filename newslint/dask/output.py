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

_COLUMNS = ("path", "line", "column", "end_line", "end_column", "code", "rule", "category", "severity", "message")


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
    target = folder / f"part-{index:05d}.{fmt}"
    tmp = folder / f".{target.name}.{os.getpid()}.tmp"
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns: dict[str, list[Any]] = {c: [r[c] for r in records] for c in _COLUMNS}
        columns["fix"] = [None if r["fix"] is None else json.dumps(r["fix"], ensure_ascii=False) for r in records]
        pq.write_table(pa.table(columns), tmp)
    else:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            for r in records:
                handle.write(json.dumps(r, ensure_ascii=False) + "\n")
    os.replace(tmp, target)
    return target


def read_records(folder: Path) -> list[dict[str, Any]]:
    """Every record of a run's output folder (JSON Lines or Parquet parts), per-article and corpus."""
    out: list[dict[str, Any]] = []
    for sub in ("findings", "corpus"):
        for part in sorted((folder / sub).glob("part-*")):
            if part.suffix == ".parquet":
                import pyarrow.parquet as pq

                for row in pq.read_table(part).to_pylist():
                    row["fix"] = None if row["fix"] is None else json.loads(row["fix"])
                    out.append(row)
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

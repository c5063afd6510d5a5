"""newslint on Dask (``pip install 'newslint[dask]'``): lint a corpus on a cluster.

    import dask.bag as db
    from newslint.dask import lint_bag

    articles = db.from_sequence([("a.txt", "Text of a ..."), ("b.txt", "...")], npartitions=8)
    findings = lint_bag(articles)          # a bag of finding records (docs/json-schema.md)

    import dask.dataframe as dd
    from newslint.dask import lint_frame

    frame = dd.from_pandas(pandas.DataFrame({"id": ["a.txt"], "text": ["Text of a ..."]}), npartitions=8)
    lint_frame(frame)                      # a dataframe of findings, a row each (FINDING_COLUMNS)

Nothing here is imported by ``import newslint`` or ``newslint check`` without ``--scheduler``.
The command line's side is newslint/dask/command.py; docs/dask.md has the cluster recipe.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newslint.dask.lint import FromFile, Outcome, lint_partition
from newslint.dask.output import FINDING_COLUMNS
from newslint.dask.settings import Settings

if TYPE_CHECKING:
    from dask.bag import Bag
    from dask.dataframe import DataFrame

__all__ = ["FINDING_COLUMNS", "FromFile", "Outcome", "Settings", "lint_bag", "lint_frame", "plan"]

# Above this many articles, a run is assumed to have more than one (NL105 then compares them).
MANY = 2


def plan(articles: Bag, settings: Settings | None = None, *, files_in_run: int | None = None,
         npartitions: int | None = None, scratch: str | None = None) -> tuple[Bag, Bag]:
    """(outcome of each article, corpus finding records): two lazy bags sharing one lint pass.

    ``files_in_run`` is the number of articles when known (a run of one skips NL105, as the
    single-process run does); ``npartitions`` is the number of partitions of the corpus rules'
    shuffles (default: the articles' own); ``scratch``, a folder every worker can write and read,
    carries NL105's signatures and band entries instead of the workers' memory (the command line
    uses one under ``--output``; newslint/dask/duplicates.py).
    """
    from newslint.dask.corpus import corpus_findings

    settings = settings or Settings.default()
    total = MANY if files_in_run is None else files_in_run
    outcomes = articles.map_partitions(lint_partition, settings, total)
    corpus = corpus_findings(outcomes, settings, total, npartitions or articles.npartitions, scratch)
    return outcomes, corpus


def lint_bag(articles: Bag, settings: Settings | None = None, *, files_in_run: int | None = None,
             scratch: str | None = None) -> Bag:
    """Every finding of ``articles`` (a bag of ``(id, text)``) as a bag of JSON-schema records:
    each article's own findings and the corpus rules' (NL105, NL305) over all of them
    (``scratch``: as :func:`plan`'s)."""
    import dask.bag as db

    outcomes, corpus = plan(articles, settings, files_in_run=files_in_run, scratch=scratch)
    return db.concat([outcomes.map_partitions(_findings), corpus])


def _findings(part: Any) -> list[dict[str, Any]]:
    return [f for o in part for f in o.findings]


def lint_frame(articles: DataFrame, settings: Settings | None = None, *, files_in_run: int | None = None,
               scratch: str | None = None, id_column: str | None = None, text_column: str = "text") -> DataFrame:
    """Every finding of a dataframe of articles as a dataframe with :data:`FINDING_COLUMNS`, a row
    a finding: :func:`lint_bag` over its ``(id, text)`` rows. The id is ``id_column``, by default
    ``path`` if the frame has one, else ``id``; the other columns are not read."""
    import pandas as pd

    from newslint.dask.output import as_row

    if id_column is None:
        id_column = "path" if "path" in articles.columns else "id"
    missing = [c for c in (id_column, text_column) if c not in articles.columns]
    if missing:
        raise ValueError(f"the articles have no column {missing[0]!r} (columns: {', '.join(map(str, articles.columns))})")
    rows = articles[[id_column, text_column]].to_bag(index=False)
    meta = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in FINDING_COLUMNS.items()})
    findings = lint_bag(rows, settings, files_in_run=files_in_run, scratch=scratch)
    return findings.map(as_row).to_dataframe(meta=meta)  # each partition cast to meta's dtypes

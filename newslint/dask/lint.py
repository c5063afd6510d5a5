"""Lint one partition of articles on a Dask worker: what each article gives the rest of the run.

An article is ``(id, text)`` or ``(id, text, order)``: ``text`` is a ``str``, ``bytes`` (decoded
as ``newslint check`` decodes a file) or a :class:`FromFile` naming the file the worker reads;
``order`` (any comparable value, default 0) breaks ties between equal ids as the position of a
file in a single-process run does.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from newslint.dask.settings import Settings


class FromFile(str):
    """An article's text to be read by the worker from this path (the input is all it reads)."""

    __slots__ = ()


class BadInput(str):
    """In place of an article's text: why there is none (a manifest line that is no article)."""

    __slots__ = ()


class Outcome(NamedTuple):
    """What linting one article produced, as builtin values (cheap to send between workers)."""

    path: str
    order: Any
    findings: list[dict[str, Any]]  # the per-article findings, in the JSON schema (docs/json-schema.md)
    error: str | None
    summaries: dict[str, Any]  # corpus rule code -> the rule's collect() summary
    suppressions: tuple[tuple[int, int, tuple[str, ...]], ...]


def lint_partition(articles: Iterable[Any], settings: Settings, files_in_run: int) -> list[Outcome]:
    """The outcome of every article of a partition, in order."""
    return list(outcomes(articles, settings, files_in_run))


def outcomes(articles: Iterable[Any], settings: Settings, files_in_run: int) -> Iterator[Outcome]:
    """The outcome of each article, one at a time (a caller that writes each article's findings
    as it goes holds one article's, not the partition's: newslint/dask/output.py)."""
    from newslint.engine.files import InputError, read_bytes
    from newslint.engine.runner import RunOptions, lint_file

    engine = settings.engine(files_in_run)
    options = RunOptions()
    for article in articles:
        display, text = str(article[0]), article[1]
        order = article[2] if len(article) > 2 else 0
        if isinstance(text, BadInput):
            yield Outcome(display, order, [], str(text), {}, ())
            continue
        try:
            data = read_bytes(text) if isinstance(text, FromFile) else (
                text if isinstance(text, bytes) else str(text).encode("utf-8", "surrogatepass"))
        except InputError as exc:
            yield Outcome(display, order, [], str(exc), {}, ())
            continue
        result = lint_file(engine, display, display, options, data=data)
        result.diagnostics.sort(key=lambda d: d.sort_key)
        yield Outcome(display, order, [d.to_dict() for d in result.diagnostics], result.error,
                      result.summaries, tuple((s.first, s.last, s.selectors) for s in result.suppressions))


def indexes(npartitions: int) -> Any:
    """A bag whose partition ``i`` is ``[i]``: the partition number, for ``map_partitions`` beside a
    bag of as many partitions (a task that writes partition ``i``'s file).

    A graph of bag operations, not one ``delayed`` call per partition: each ``delayed`` call copied
    the layers and dependencies of the graph it was built on (one layer a partition after a
    ``from_delayed``), which took the client to 326 MB before the first article of a
    1,000,000-article run (574 partitions) was linted, and grows with the square of the partitions."""
    import dask.bag as db

    bag = db.from_sequence(range(npartitions), npartitions=npartitions)
    assert bag.npartitions == npartitions  # noqa: S101 - one number a partition, by from_sequence's arithmetic
    return bag


def suppressions_of(outcome_sups: Iterable[tuple[int, int, tuple[str, ...]]]) -> list[Any]:
    """The Suppression objects of an outcome's builtin form."""
    from newslint.api.suppress import Suppression

    return [Suppression(first, last, tuple(sel)) for first, last, sel in outcome_sups]

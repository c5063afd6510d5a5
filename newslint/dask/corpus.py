"""The corpus rules on a cluster, as reductions that merge partial results.

- NL105 (duplicate articles): each article's MinHash signature goes out once per LSH band, keyed
  by that band (``minhash.band_keys``), and a shuffle by key brings together only the articles
  that share a band: the candidate pairs. Each bucket compares its members; an article's matches,
  from whatever buckets, are merged by keeping the best (``DuplicateArticle.report``).
- NL305 (repository-wide name spellings): each partition counts its (given, surname) mentions,
  the counts are added up in a tree of merges, ``CorpusName.respellings`` decides each name from
  its given name's counts alone; the (small) table of respellings goes back to every partition
  of summaries, which ``CorpusName.report`` turns into findings.

Both give what the rules' own single-process ``finish`` gives (tests/test_dask.py checks it).
Corpus findings pass the owning article's suppressions and per-file ignores, as in the runner.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from newslint.dask.lint import suppressions_of

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from dask.bag import Bag

    from newslint.dask.lint import Outcome
    from newslint.dask.settings import Settings
    from newslint.model.diagnostic import Diagnostic

DUPLICATE, NAMES = "NL105", "NL305"


def corpus_findings(outcomes: Bag, settings: Settings, files_in_run: int, npartitions: int,
                    scratch: str | None = None) -> Bag:
    """A bag of the corpus rules' finding records (JSON schema), in no particular order. With
    ``scratch`` (a folder every worker can write and read), NL105 goes through files there
    (newslint/dask/duplicates.py) rather than through the workers' memory."""
    import dask.bag as db

    engine = settings.engine(files_in_run)
    codes = {rule.meta.code for rule in engine.corpus_rules if rule.active(files_in_run)}
    parts = []
    if DUPLICATE in codes:
        if scratch:
            from newslint.dask.duplicates import bucket_bag

            parts.append(_best(bucket_bag(outcomes, settings, files_in_run, scratch), settings, files_in_run))
        else:
            parts.append(_duplicates(outcomes, settings, files_in_run, npartitions))
    if NAMES in codes:
        if scratch:
            parts.append(_names_through(outcomes, settings, files_in_run, scratch))
        else:
            parts.append(_names(outcomes, settings, files_in_run, npartitions))
    other = codes - {DUPLICATE, NAMES}
    if other:
        from newslint.config.settings import ConfigError

        raise ConfigError(f"corpus rule {sorted(other)[0]} has no Dask reduction: disable it on Dask")
    return db.concat(parts) if parts else db.from_sequence([], npartitions=1)


def _rule(settings: Settings, files_in_run: int, code: str) -> Any:
    return next(r for r in settings.engine(files_in_run).corpus_rules if r.meta.code == code)


def _kept(settings: Settings, files_in_run: int, diag: Diagnostic, sups: Any) -> list[dict[str, Any]]:
    """``diag`` as a record unless the article's suppressions or per-file ignores drop it."""
    engine = settings.engine(files_in_run)
    return [d.to_dict() for d in engine.filter([diag], diag.path, suppressions_of(sups))]


# NL105 -------------------------------------------------------------------------------------------

def _duplicates(outcomes: Bag, settings: Settings, files_in_run: int, npartitions: int) -> Bag:
    entries = outcomes.map_partitions(_band_entries)
    buckets = entries.groupby(_first, npartitions=npartitions, shuffle="tasks")
    return _best(buckets.map_partitions(_bucket_matches, settings, files_in_run), settings, files_in_run)


def _best(matches: Bag, settings: Settings, files_in_run: int) -> Bag:
    """The finding of each article's best match, from a bag of (display, match)."""
    best = matches.foldby(_first, _fold, None, _better, None, split_every=8)
    return best.map_partitions(_duplicate_findings, settings, files_in_run)


def _first(item: Any) -> Any:
    return item[0]


# Every function a partition goes through returns a list: Dask sends partitions between workers
# by pickling them, which a generator does not survive.

def _band_entries(part: Iterable[Outcome]) -> list[tuple[bytes, tuple[Any, ...]]]:
    """(band key, article) once per band of every article with a signature."""
    return list(_bands(part))


def _bands(part: Iterable[Outcome]) -> Iterator[tuple[bytes, tuple[Any, ...]]]:
    from newslint.families.repetition import minhash

    for o in part:
        summary = o.summaries.get(DUPLICATE)
        if summary is not None:
            _, display, width, sig = summary
            article = (display, o.order, width, bytes(sig), o.suppressions)
            for key in minhash.band_keys(bytes(sig)):
                yield key, article


def _bucket_matches(groups: Iterable[tuple[bytes, list[Any]]], settings: Settings,
                    files_in_run: int) -> list[tuple[str, tuple[Any, ...]]]:
    """(display, (score, other display, width, suppressions)) of every pair in a bucket at or above
    the threshold, the later article by name reported against the earlier."""
    return list(_pairs(groups, _rule(settings, files_in_run, DUPLICATE)))


def _pairs(groups: Iterable[tuple[bytes, list[Any]]], rule: Any) -> Iterator[tuple[str, tuple[Any, ...]]]:
    from newslint.families.repetition import minhash

    threshold, first = rule.threshold, minhash.first_shared_band
    for key, entries in groups:
        if len(entries) < 2:
            continue
        band = key[0]
        members = [article for _, article in entries]
        for display, order, width, sig, sups in members:
            for other, other_order, _, other_sig, _ in members:
                # A copy shares all 16 bands: compare it in the first bucket only, not 16 times.
                if rule.before(display, order, other, other_order) and first(sig, other_sig) == band:
                    score = minhash.similarity(sig, other_sig)
                    if score >= threshold:
                        yield display, (score, other, width, sups)


def _fold(best: Any, item: tuple[str, Any]) -> Any:
    return _better(best, item[1])


def _better(a: Any, b: Any) -> Any:
    """The better of two matches (score, other, width, suppressions) of one article, as
    ``report`` ranks them (``None``: none yet)."""
    if a is None or b is None:
        return b if a is None else a
    return max(a, b, key=lambda m: (m[0], m[1]))


def _duplicate_findings(best: Iterable[tuple[str, Any]], settings: Settings, files_in_run: int) -> list[Any]:
    rule = _rule(settings, files_in_run, DUPLICATE)
    out = []
    for display, (score, other, width, sups) in best:
        out.extend(_kept(settings, files_in_run, rule.report(display, width, [(score, other)]), sups))
    return out


# NL305 -------------------------------------------------------------------------------------------

def _names(outcomes: Bag, settings: Settings, files_in_run: int, npartitions: int) -> Bag:
    summaries = outcomes.map_partitions(_name_summaries)
    # A tree of Counter merges (8 at a time), not a task shuffle by given name: the shuffle made
    # 2,000 of a 20,000-article run's 3,000 tasks (1,458 splits for 80 partitions), and the
    # scheduler's and workers' event loops spent 10-20% of the lint's CPU on them. The merged
    # counts hold each distinct (given, surname) once, however many articles name it.
    respelled = _table(summaries.reduction(_partial_counts, _merged_counts, split_every=MERGE))
    return summaries.map_partitions(_name_findings, respelled, settings, files_in_run)


def _names_through(outcomes: Bag, settings: Settings, files_in_run: int, scratch: str) -> Bag:
    """NL305 with each partition's name summaries waiting in ``scratch`` (``names-i.marshal``), not in
    a worker's memory, until the merged counts have decided the respellings: the same tree of
    merges and the same findings as :func:`_names`."""
    from newslint.dask.lint import indexes

    n = outcomes.npartitions
    counted = outcomes.map_partitions(_spill_names_part, indexes(n), scratch)
    respelled = _table(counted.reduction(_merged_counts, _merged_counts, split_every=MERGE))
    return indexes(n).map_partitions(_spilled_name_findings_part, scratch, respelled, settings, files_in_run)


MERGE = 8


def _table(counts: Any) -> Any:
    """The respellings of the merged counts (an Item), as a Delayed of the same graph: an Item or a
    Delayed made with ``to_delayed()``'s default, passed to ``map_partitions``, is optimised on its
    own, with keys of its own: Dask linted every partition a second time for it."""
    from dask import delayed

    return delayed(_respellings)(counts.to_delayed(optimize_graph=False))


def _spill_names_part(part: Iterable[Outcome], index: list[int], scratch: str) -> list[Counter[tuple[str, str]]]:
    return [spill_names(part, index[0], scratch)]


def _spilled_name_findings_part(index: list[int], scratch: str, respelled: dict[tuple[str, str], str],
                                settings: Settings, files_in_run: int) -> list[dict[str, Any]]:
    return _spilled_name_findings(scratch, index[0], respelled, settings, files_in_run)


def _names_file(scratch: str, index: int) -> Any:
    from pathlib import Path

    return Path(scratch) / f"names-{index}.marshal"


def spill_names(part: Iterable[Outcome], index: int, scratch: str) -> Counter[tuple[str, str]]:
    """Write partition ``index``'s name summaries to ``scratch``; return their counts."""
    import marshal
    import os

    summaries = _name_summaries(part)
    path = _names_file(scratch, index)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(marshal.dumps(summaries))  # data only (str, int, bytes, tuples): read back, it runs nothing
    os.replace(tmp, path)  # atomically: a task Dask runs again writes the same file again
    return _partial_counts(summaries)


def _spilled_name_findings(scratch: str, index: int, respelled: dict[tuple[str, str], str], settings: Settings,
                           files_in_run: int) -> list[dict[str, Any]]:
    import marshal

    summaries = marshal.loads(_names_file(scratch, index).read_bytes())
    return _name_findings(summaries, respelled, settings, files_in_run)


def _name_summaries(part: Iterable[Outcome]) -> list[tuple[Any, Any]]:
    """The summaries that name someone: they wait on the workers until the counts are merged (an
    article without a name has no count and no finding; the 1,000,000-article run held ~250 KB a
    partition of such summaries)."""
    return [(o.summaries[NAMES], o.suppressions) for o in part if o.summaries.get(NAMES) and o.summaries[NAMES][1]]


def _partial_counts(part: Iterable[tuple[Any, Any]]) -> Counter[tuple[str, str]]:
    """How often the partition mentions each (given, surname)."""
    from newslint.families.names.corpus import CorpusName

    counts: Counter[tuple[str, str]] = Counter()
    for summary, _ in part:
        counts.update(CorpusName.counts(summary))
    return counts


def _merged_counts(parts: Iterable[Counter[tuple[str, str]]]) -> Counter[tuple[str, str]]:
    out: Counter[tuple[str, str]] = Counter()
    for counts in parts:
        out.update(counts)
    return out


def _respellings(counts: Counter[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The respellings the corpus's merged counts decide (each from its given name's counts alone,
    as the single-process ``finish`` decides them)."""
    from newslint.families.names.corpus import CorpusName

    return CorpusName.respellings(counts)


def _name_findings(part: Iterable[tuple[Any, Any]], respelled: dict[tuple[str, str], str], settings: Settings,
                   files_in_run: int) -> list[dict[str, Any]]:
    rule = _rule(settings, files_in_run, NAMES)
    out = []
    for summary, sups in part:
        for diag in rule.report(summary, respelled):
            out.extend(_kept(settings, files_in_run, diag, sups))
    return out

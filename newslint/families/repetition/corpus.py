"""NL105: articles that duplicate each other across a run, or an existing corpus (``--corpus``).

MinHash signatures over 5-word shingles are computed per file next to the other rules (in the
worker processes) and compared through locality-sensitive hashing (newslint/families/repetition/minhash.py, numpy),
so no pair of files is compared unless their signatures share a band.
Corpus signatures are cached on disk, keyed by file content, so a second run is fast.
"""
from __future__ import annotations

import os
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from newslint.families.repetition import minhash
from newslint.model.diagnostic import Diagnostic, Severity
from newslint.api.rule import EXAMPLE_FILE_SEPARATOR, CorpusRule, RuleMeta
from newslint.model.tokens import TokenIndex

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.model.document import Document

SHINGLE = 5
MIN_WORDS = 50
_ARTICLE = ("The regional harbour authority approved a plan on Tuesday to deepen the main shipping channel and add "
            "two container berths, ending three years of disputes with fishing groups. The board voted seven to two "
            "after a four-hour meeting, according to minutes published on its website. Construction is due to begin "
            "next spring and last until 2029, and opponents say the dredging will disturb seagrass beds that shelter "
            "young fish.\n")


def signature(text: str, index: TokenIndex | None = None) -> bytes | None:
    """The MinHash signature of a text (over its token index), or None when it is too short."""
    return minhash.text_signature(text, SHINGLE, MIN_WORDS, index)


class DuplicateArticle(CorpusRule):
    """The same article committed twice under different names, or already in the corpus."""

    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL105", name="duplicate-article", category="repetition",
        summary="Article duplicates another article",
        what="Compares every article of a run (and, with `--corpus DIR` or the `corpus` option, every "
             "article of an existing folder) by MinHash over 5-word shingles with LSH, and reports an "
             "article whose estimated Jaccard similarity to another is at least `duplicate-threshold` "
             "(0.8), naming the other file. Articles under 50 words are skipped.",
        why="The same story committed twice under two names is published twice. Syndicated wire copy "
            "is legitimate, so this is a warning with the similarity, for a person to decide.",
        bad=_ARTICLE + EXAMPLE_FILE_SEPARATOR + "\n" + _ARTICLE,
        good=_ARTICLE + EXAMPLE_FILE_SEPARATOR + "\n" + _ARTICLE.replace("harbour authority", "city council").replace(
            "shipping channel and add two container berths", "river and add two bridges").replace(
            "fishing groups", "residents").replace("seagrass beds that shelter young fish", "the old town walls"),
        severity=Severity.WARNING,
        options={"corpus": "", "duplicate-threshold": 0.8},
    )

    # collect() reads only the document (no other rule's findings): the engine takes the summary
    # as soon as this family's checkers are done and drops the family's doc.memo (memory, issue 18).
    collect_early = True

    def active(self, files_in_run: int) -> bool:
        """One file and no corpus: nothing to compare, so no signature (and no numpy import)."""
        return files_in_run > 1 or bool(self.options.get("corpus"))

    def collect(self, doc: Document) -> Any:
        """(absolute path, display path, first-line length, signature) of the article."""
        sig = signature(doc.prose, TokenIndex.for_document(doc))
        if sig is None:
            return None
        return os.path.abspath(doc.path), doc.path, len(doc.line_text(1)), sig

    def finish(self, summaries: Sequence[Any]) -> Iterator[Diagnostic]:
        """Report each article that collides with an earlier one of the run or with the corpus."""
        if not summaries:
            return
        threshold = self.threshold
        # Read one summary at a time (the run's summaries are in a file, see newslint/model/summaries.py):
        # the names only to rank the articles, the signatures once to build the index.
        names = [s[1] for s in summaries]
        rank = array("q", [0]) * len(names)
        for position, i in enumerate(sorted(range(len(names)), key=names.__getitem__)):
            rank[i] = position
        del names
        index = minhash.LSHIndex(_Column(summaries, 3))
        for i, (_, display, width, sig) in enumerate(summaries):
            # An article is reported against one that comes before it by name.
            matches = index.query(sig, threshold, accept=lambda j, mine=rank[i]: rank[j] < mine)
            if matches:
                yield self.report(display, width, [(score, summaries[j][1]) for score, j in matches])
        del index
        corpus = str(self.options.get("corpus") or "")
        if corpus:
            yield from self._against_corpus(Path(corpus), summaries, threshold)

    # finish() as a mergeable reduction (newslint/dask runs it on a cluster): articles meet only
    # when they share a band (minhash.band_keys), an article is compared only with those before
    # it by name (before()), and report() picks the best of its matches, wherever they were found.

    @property
    def threshold(self) -> float:
        """The similarity at or above which two articles are duplicates."""
        return float(self.options["duplicate-threshold"])

    @staticmethod
    def before(name: str, order: Any, other_name: str, other_order: Any) -> bool:
        """Whether the article named ``other_name`` comes before ``name`` (ties: by run order)."""
        return (other_name, other_order) < (name, order)

    def report(self, display: str, width: int, matches: Sequence[tuple[float, str]]) -> Diagnostic:
        """The finding of an article given its (similarity, other display path) matches."""
        score, other = max(matches)
        return self._diag(display, width, f"Article is {score:.0%} the same as {other}")

    def _against_corpus(self, folder: Path, summaries: Sequence[Any], threshold: float) -> Iterator[Diagnostic]:
        root = Path(str(self.options.get("project-root") or "."))
        known = CorpusSignatures(folder, root / ".newslint_cache").load()
        paths, signatures = list(known), list(known.values())
        index = minhash.LSHIndex(signatures)
        for absolute, display, width, sig in summaries:
            matches = [(score, paths[j]) for score, j in index.query(sig, threshold) if paths[j] != absolute]
            if matches:
                score, other = max(matches)
                yield self._diag(display, width, f"Article is {score:.0%} the same as {_shown(other)} in the corpus")

    def _diag(self, display: str, width: int, message: str) -> Diagnostic:
        """The finding on the article's first line (``width``: that line's length)."""
        return self.diagnostic(display, 1, 1, width + 1, message)


class _Column(Sequence[Any]):
    """One field of every summary, read when asked for."""

    def __init__(self, rows: Sequence[Any], field: int) -> None:
        self.rows, self.field = rows, field

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: Any) -> Any:
        return self.rows[index][self.field]

    def __iter__(self) -> Iterator[Any]:
        return (row[self.field] for row in self.rows)


def _shown(path: str) -> str:
    try:
        return Path(path).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


class CorpusSignatures:
    """Signatures of every article of a corpus folder, cached on disk by content hash."""

    def __init__(self, folder: Path, cache_root: Path) -> None:
        self.folder = folder.resolve()
        import hashlib  # here, not at the top: a run without --corpus never needs it

        digest = hashlib.blake2b(str(self.folder).encode(), digest_size=8).hexdigest()
        # v7: sealed JSON (newslint/model/sealed.py): the folder is in the repository, never unpickled;
        # v8: words from the token index (newslint/model/tokens.py)
        self.cache_file = cache_root / "corpus" / f"{digest}-v8.json"
        from newslint.engine.cache import UnsafeCacheDir, checked_folder

        try:  # a committed .newslint_cache link must not make newslint read or write elsewhere
            self.usable = bool(checked_folder(self.cache_file.parent, cache_root.parent))
        except UnsafeCacheDir:
            self.usable = False

    def load(self) -> dict[str, bytes]:
        """Absolute path → signature for every article in the folder (computing only new content)."""
        import hashlib

        from newslint.model import sealed
        from newslint.engine.files import discover

        cache: dict[str, bytes] = {}
        try:
            if not self.usable:
                raise OSError("cache folder outside the project")
            with open(self.cache_file, "rb") as handle:
                cache = sealed.loads(handle.read())
            if not isinstance(cache, dict):
                cache = {}
        except (OSError, ValueError):
            cache = {}
        out: dict[str, bytes] = {}
        fresh: dict[str, bytes] = {}
        for path in discover([str(self.folder)], root=self.folder):
            try:
                data = path.read_bytes()
            except OSError:
                continue
            key = hashlib.blake2b(data, digest_size=16).hexdigest()
            sig = cache.get(key)
            if sig is None:
                sig = signature(data.decode("utf-8", errors="replace")) or b""
            fresh[key] = sig
            if sig:
                out[str(path.resolve())] = sig
        if fresh != cache:
            self._save(fresh)
        return out

    def _save(self, fresh: dict[str, bytes]) -> None:
        from newslint.model import sealed

        if not self.usable:
            return
        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            if self.cache_file.parent.is_symlink():
                return  # planted in the repository: never write through it
            tmp = self.cache_file.with_suffix(".tmp")
            tmp.unlink(missing_ok=True)  # a planted link there is removed, not followed
            with open(tmp, "xb") as handle:
                handle.write(sealed.dumps(fresh))
            os.replace(tmp, self.cache_file)
        except OSError:
            pass


RULES = [DuplicateArticle]

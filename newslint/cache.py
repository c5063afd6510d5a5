"""Per-file result cache in ``.newslint_cache/``: a second run over unchanged files skips them.

An entry is keyed by the file's bytes and displayed path together with a fingerprint of everything
else that can change a result: newslint's version and source files, every rule pack's content, the
enabled rules, their options and the per-file ignores. Corpus rules stay correct because the cached
result holds the file's corpus summaries and ``finish`` always runs over all of them.

Entries are pickles written atomically; the folder carries its own ``.gitignore`` so it is never
committed (a cache from elsewhere is never trusted).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint import __version__

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newslint.runner import FileResult

CACHE_DIR_NAME = ".newslint_cache"


class ResultCache:
    """Reads and writes cached FileResults; picklable, so worker processes get a copy."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder / fingerprint[:16]
        self.fingerprint = fingerprint
        self._ready = False

    def key(self, display: str, data: bytes) -> str:
        """The entry name for a file's path and content."""
        digest = hashlib.blake2b(data, digest_size=20)
        digest.update(b"\0" + display.encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def get(self, key: str) -> FileResult | None:
        """The cached result, or None (missing or unreadable entries are misses)."""
        try:
            with open(self.folder / key[:2] / key, "rb") as handle:
                return pickle.load(handle)  # noqa: S301 - our own, git-ignored cache folder
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        """Store a result; failures to write (read-only folder, full disk) are ignored."""
        try:
            self._prepare()
            target = self.folder / key[:2]
            target.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target / key)
        except OSError:
            pass

    def _prepare(self) -> None:
        if self._ready:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by newslint: this folder is a cache.\n*\n", encoding="utf-8")
        self._ready = True


def fingerprint(parts: Iterable[Any], pack_files: Iterable[Path]) -> str:
    """A hash of the settings of a run, the rule packs' contents and newslint's own code."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(__version__.encode())
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogateescape") + b"\0")
    for pack in sorted(pack_files):
        try:
            digest.update(pack.read_bytes())
        except OSError:
            digest.update(str(pack).encode())
    # A development checkout changes without a version bump: include the code's modification times.
    for source in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        try:
            stat = source.stat()
        except OSError:
            continue
        digest.update(f"{source.name}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return digest.hexdigest()

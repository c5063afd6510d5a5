"""Per-file result cache in ``.newslint_cache/``: a second run over unchanged files skips them.

An entry is keyed by the file's bytes and displayed path together with a fingerprint of everything
else that can change a result: newslint's version and source files, every rule pack's content, the
enabled rules, their options, the contents of the files those options name (words file, names
file) and of ``.newslint-words.txt``, and the per-file ignores. Corpus rules stay correct because
the cached result holds the file's corpus summaries and ``finish`` always runs over all of them.

The folder is inside the repository, so a repository can plant entries in it: entries are sealed
JSON (newslint/model/sealed.py: data only, with a MAC keyed outside the repository), and anything that
does not unseal is a miss. The folder must resolve inside the project, and newslint never writes
through a symbolic link in it. Only the few most recently used fingerprints are kept.
"""
from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint import __version__

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newslint.engine.results import FileResult

CACHE_DIR_NAME = ".newslint_cache"
KEEP_FINGERPRINTS = 8  # folders of other settings kept beside the current one (each --select makes one)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class UnsafeCacheDir(Exception):
    """A cache folder that resolves outside the project (a symlink, ``..``, an absolute path)."""


def checked_folder(folder: Path, root: Path) -> Path:
    """``folder`` if it (as far as it exists, links resolved) lies inside ``root``; else UnsafeCacheDir."""
    real_root = Path(os.path.realpath(root))
    real = Path(os.path.realpath(folder))
    if real != real_root and real_root not in real.parents:
        raise UnsafeCacheDir(f"cache folder {folder} resolves outside the project ({real_root}); running without a cache")
    return folder


def _plain_dir(path: Path) -> bool:
    """True when ``path`` is a directory itself, not a symbolic link to one."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


class ResultCache:
    """Reads and writes cached FileResults; picklable, so worker processes get a copy."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.top = folder
        self.folder = folder / fingerprint[:16]
        self.fingerprint = fingerprint
        self._ready = False

    def key(self, display: str, data: bytes) -> str:
        """The entry name for a file's path and content."""
        digest = hashlib.blake2b(data, digest_size=20)
        digest.update(b"\0" + display.encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def get(self, key: str) -> FileResult | None:
        """The cached result, or None (missing, damaged, planted or foreign entries are misses)."""
        from newslint.model import sealed
        from newslint.engine.results import from_record

        try:
            fd = os.open(self.folder / key[:2] / key, os.O_RDONLY | _NOFOLLOW)
            with os.fdopen(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    return None
                record = sealed.loads(handle.read())
            return from_record(record)
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        """Store a result; failures to write (read-only folder, full disk, a link) are ignored."""
        from newslint.model import sealed
        from newslint.engine.results import to_record

        try:
            blob = sealed.dumps(to_record(result))
        except (TypeError, ValueError, RecursionError):
            return  # a plugin's summary holding its own objects: not cached
        try:
            self._prepare()
            target = self.folder / key[:2]
            try:
                os.mkdir(target)
            except FileExistsError:
                pass
            if not _plain_dir(target):
                return
            fd, tmp = tempfile.mkstemp(dir=target, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(tmp, target / key)  # replaces a planted link itself, never what it points to
        except OSError:
            pass

    def _prepare(self) -> None:
        if self._ready:
            return
        for folder in (self.top, self.folder):
            try:
                os.mkdir(folder)
            except FileExistsError:
                pass
            if not _plain_dir(folder):
                raise OSError(f"{folder} is not a plain folder")
        try:
            fd = os.open(self.top / ".gitignore", os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o644)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write("# Created by newslint: this folder is a cache.\n*\n")
        except FileExistsError:
            pass
        os.utime(self.folder, follow_symlinks=False)  # marks it as recently used for prune()
        self._ready = True

    def prune(self, keep: int = KEEP_FINGERPRINTS) -> int:
        """Delete all but the ``keep`` most recently used fingerprint folders; how many went."""
        import shutil

        try:
            os.utime(self.folder, follow_symlinks=False)  # this run's settings are in use, even if it only reads
        except OSError:
            pass
        try:
            entries = [e for e in os.scandir(self.top) if len(e.name) == 16 and e.is_dir(follow_symlinks=False)]
        except OSError:
            return 0
        entries.sort(key=lambda e: e.stat(follow_symlinks=False).st_mtime, reverse=True)
        removed = 0
        for entry in entries:
            if entry.name == self.folder.name:
                continue
            if keep > 1:
                keep -= 1
                continue
            shutil.rmtree(entry.path, ignore_errors=True)  # never follows links
            removed += 1
        return removed


def fingerprint(parts: Iterable[Any], pack_files: Iterable[Path], data_files: Iterable[Path] = ()) -> str:
    """A hash of the settings of a run, the rule packs' and data files' contents and newslint's code."""
    from newslint.engine.files import InputError, read_limited

    digest = hashlib.blake2b(digest_size=20)
    digest.update(__version__.encode())
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogateescape") + b"\0")
    for pack in [*sorted(pack_files), b"\0data", *sorted(data_files)]:
        if isinstance(pack, bytes):
            digest.update(pack)
            continue
        try:
            content = read_limited(pack)
            digest.update(len(content).to_bytes(8, "little") + content)
        except (InputError, OSError):
            digest.update(b"missing:" + str(pack).encode("utf-8", "surrogateescape"))
    # A development checkout changes without a version bump: include the code's modification times.
    for source in sorted(Path(__file__).resolve().parent.parent.rglob("*.py")):
        try:
            info = source.stat()
        except OSError:
            continue
        digest.update(f"{source.name}:{info.st_mtime_ns}:{info.st_size}".encode())
    return digest.hexdigest()


def data_files(rule_options: dict[str, dict[str, Any]], root: Path) -> list[Path]:
    """The files a run's results depend on besides the articles and packs: every option naming a
    file (``words-file``, ``names-file``, …) and the project's ``.newslint-words.txt``."""
    out = [root / ".newslint-words.txt"]
    for table in rule_options.values():
        for key, value in table.items():
            if isinstance(value, str) and value and key.endswith(("-file", "-path")):
                out.append(Path(value))
    return out


"""Data newslint derives from its own files, kept per user so a one-file run does not rebuild it.

The folder is ``$NEWSLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/newslint``, else
``~/.cache/newslint``; ``NEWSLINT_NO_CACHE`` turns it off. Entries are pickles named by two
checksums (CRC-32 and Adler-32: zlib is already loaded, hashlib costs 5 ms to import) of everything
they are built from (the source files' bytes, newslint's version), so a changed source is never
read stale; a damaged or unwritable entry is rebuilt in memory. The folder is this user's, outside
any repository, and an entry is unpickled only if it is this user's file that nobody else can
write (the project cache in the repository never unpickles; see newslint/engine/cache.py).
"""
from __future__ import annotations

import os
import pickle
import stat
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable


def user_cache_dir() -> Path | None:
    """The per-user cache folder (None when caching is off)."""
    if os.environ.get("NEWSLINT_NO_CACHE"):
        return None
    base = os.environ.get("NEWSLINT_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newslint"


def _own(fd: int) -> bool:
    """Whether an entry may be unpickled: a regular file of this user that no one else can
    write (the folder is outside any repository; this guards against a shared or planted one)."""
    info = os.fstat(fd)
    owner = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_ISREG(info.st_mode) and owner and not info.st_mode & 0o022


def cached(name: str, sources: Iterable[Path], extra: object, build: Callable[[], Any]) -> Any:
    """``build()``, or its result stored by an earlier run from the same sources and ``extra``."""
    folder = user_cache_dir()
    if folder is None:
        return build()
    from newslint.model.reading import InputError, read_limited

    data = [f"{__version__}\0{extra!r}".encode()]
    try:
        data.extend(read_limited(source) for source in sources)  # a user pack may name /dev/zero
    except (OSError, InputError):
        return build()
    crc = adler = 1
    for chunk in data:
        crc, adler = zlib.crc32(chunk, crc), zlib.adler32(chunk, adler)
    path = folder / f"{name}-{crc:08x}{adler:08x}.pickle"
    try:
        with open(path, "rb") as handle:
            if _own(handle.fileno()):
                return pickle.load(handle)  # noqa: S301 - this user's own folder, writable by no one else
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
        pass
    value = build()
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)  # never group-writable (see _own)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        tmp.unlink(missing_ok=True)
    return value

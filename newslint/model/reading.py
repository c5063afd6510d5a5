"""Bytes from disk, bounded: the size cap, :class:`InputError` and :func:`read_limited`.

A leaf module (standard library only): the file reader, the pack loader, the user cache and the
config all read through it without importing one another (docs/architecture.md).
"""
from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

# The largest article read (bytes). Linting takes ~60x a file's size in memory, and no article is
# anywhere near this; a bigger file is almost surely not one (or a link to a device).
MAX_FILE_BYTES = int(os.environ.get("NEWSLINT_MAX_FILE_BYTES") or 16 * 1024 * 1024)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


class InputError(Exception):
    """A file that cannot be linted (binary, unreadable); the message says which and why."""

    @property
    def reason(self) -> str:
        """The message without the ``path: `` it starts with."""
        return str(self).split(": ", 1)[-1]


def read_limited(path: Path | str, limit: int | None = None, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or an InputError saying why not.

    Opened without blocking (a FIFO named ``*.md`` would wait forever for a writer), checked to be
    a regular file (not ``/dev/zero``, a socket, a folder), and read no further than the limit, so
    neither a device nor a file growing while it is read can exhaust memory.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):  # opens on Linux; os.fdopen would raise IsADirectoryError
        os.close(fd)
        raise InputError(f"{path}: is a directory")
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: not a regular file (a device, FIFO or socket); not read")
        if info.st_size > limit:
            raise InputError(f"{path}: {what} is {info.st_size:,} bytes, over the limit of {limit:,}; not read")
        try:
            if hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)
            data = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if len(data) > limit:
        raise InputError(f"{path}: {what} grew past the limit of {limit:,} bytes while read; not read")
    return data


def read_text_limited(path: Path | str, what: str, limit: int | None = None) -> str:
    """The UTF-8 text (a BOM allowed) of a list or data file the repository supplies (a words
    list, a names file, a baseline, a ``.gitignore``), through :func:`read_limited`; an
    InputError naming the file and the first bad byte when it is not UTF-8, so a broken list is
    one clear line, not a rule failing on every file with a ``UnicodeDecodeError``."""
    data = read_limited(path, limit, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: the {what} is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None


# Seconds a user pattern may run per megabyte of text before it is reported as backtracking.
TIMEOUT_PER_MB = 2.0
# A user pack's budget for a whole run (per process): this many seconds, plus TIMEOUT_PER_MB for
# each megabyte it has been given. Without it, 1,000 files each kept just under the per-file
# limit by a catastrophic pattern cost 1,000 x 2 s; with it, the pack stops after ~10 s.
RUN_BUDGET = 10.0


class RuleTimeout(Exception):
    """A pattern ran past its time budget on a document (catastrophic backtracking)."""


class TimeBudget:
    """The time an untrusted pattern set (a user pack, the config's ignore-patterns) may spend:
    per document 1 s plus ``TIMEOUT_PER_MB`` per MB, and per run (per process) ``RUN_BUDGET``
    seconds plus the same per MB it has been given."""

    def __init__(self) -> None:
        self.allowance = RUN_BUDGET

    def grant(self, characters: int) -> float | None:
        """Seconds the next document of ``characters`` may take, or None once the run's budget is spent."""
        megabytes = characters / 1_000_000
        self.allowance += TIMEOUT_PER_MB * megabytes
        return None if self.allowance <= 0 else min(1.0 + TIMEOUT_PER_MB * megabytes, self.allowance)

    def spend(self, seconds: float) -> None:
        self.allowance -= seconds

"""The corpus rules' summaries of a run, kept in a temporary file instead of in memory.

A corpus rule (NL105, NL305, a plugin's) summarises each file in ``collect`` and sees every
summary in ``finish``, after the last file. Holding them all as objects cost about 2 KB per file
(a MinHash signature, the names with their positions): 100 MB more at 50,000 files. The store
writes each summary as it arrives (marshal, which keeps names interned; pickle for what marshal
cannot write) and keeps 8 bytes per summary, its offset. ``finish`` gets a sequence that reads
them back one at a time, in the order of the files. The file stays in memory up to two
megabytes (a pre-commit run never touches the disk) and is deleted when the store is closed.
"""
from __future__ import annotations

import io
import marshal
import struct
from array import array
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

_SPOOL = 2 * 1024 * 1024  # bytes kept in memory (about 1,000 files) before the store moves to a temporary file
_HEADER = struct.Struct("<IB")  # payload length, kind
_MARSHAL, _PICKLE, _OBJECT = 0, 1, 2


_PLAIN = frozenset({str, bytes, int, float, bool, type(None), complex})
_CONTAINERS = frozenset({tuple, list, set, frozenset})


def marshals_exactly(value: Any) -> bool:
    """True when ``marshal`` gives ``value`` back as it is: built-in scalars and containers only.
    (marshal also writes anything with a buffer, an ``array`` or a ``bytearray``, and reads it
    back as ``bytes``.)"""
    kind = type(value)
    if kind in _PLAIN:
        return True
    if kind in _CONTAINERS:
        return all(map(marshals_exactly, value))
    if kind is dict:
        return all(map(marshals_exactly, value)) and all(map(marshals_exactly, value.values()))
    return False


class Marshalled(bytes):
    """A summary a worker process already wrote with marshal (after checking it marshals
    exactly): the parent stores the bytes as they came, without reading them first."""

    __slots__ = ()


class SummaryStore:
    """Summaries by rule code, appended file by file and read back by :meth:`summaries`."""

    def __init__(self) -> None:
        self._file: Any = None  # made at the first summary: memory first, a temporary file past _SPOOL
        self._end = 0
        self._offsets: dict[str, array[int]] = {}
        self._objects: list[Any] = []  # summaries neither marshal nor pickle can write (kept as they are)

    def add(self, summaries: Mapping[str, Any]) -> None:
        """Store one file's summaries (rule code → summary)."""
        if self._file is None and summaries:
            self._file = io.BytesIO()
        elif self._end > _SPOOL and isinstance(self._file, io.BytesIO):
            # What SpooledTemporaryFile does, without importing tempfile (and random) on a
            # one-file run, which never reaches the limit.
            import tempfile

            spooled, self._file = self._file, tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
            self._file.write(spooled.getbuffer())
        for code, summary in summaries.items():
            if type(summary) is Marshalled:
                kind, payload = _MARSHAL, bytes(summary)
            elif marshals_exactly(summary):
                kind, payload = _MARSHAL, marshal.dumps(summary)
            else:  # a plugin's own objects
                import pickle

                try:
                    kind, payload = _PICKLE, pickle.dumps(summary, protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:  # noqa: BLE001 - anything pickle refuses is kept in memory instead
                    kind, payload = _OBJECT, struct.pack("<Q", len(self._objects))
                    self._objects.append(summary)
            self._offsets.setdefault(code, array("q")).append(self._end)
            self._file.seek(self._end)
            self._file.write(_HEADER.pack(len(payload), kind))
            self._file.write(payload)
            self._end += _HEADER.size + len(payload)

    def summaries(self, code: str) -> StoredSummaries:
        """The summaries of rule ``code``, in the order they were added."""
        return StoredSummaries(self, self._offsets.get(code, array("q")))

    def read(self, offset: int) -> Any:
        """The summary stored at ``offset``."""
        self._file.seek(offset)
        size, kind = _HEADER.unpack(self._file.read(_HEADER.size))
        payload = self._file.read(size)
        if kind == _MARSHAL:
            return marshal.loads(payload)
        if kind == _PICKLE:
            import pickle

            return pickle.loads(payload)  # noqa: S301 - written by this process a moment ago
        return self._objects[struct.unpack("<Q", payload)[0]]

    def close(self) -> None:
        """Delete the temporary file."""
        if self._file is not None:
            self._file.close()

    def __enter__(self) -> SummaryStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class StoredSummaries(Sequence[Any]):
    """One rule's summaries as a read-only sequence: each item is read from the store when asked
    for, so iterating over them twice, or indexing, holds one at a time."""

    def __init__(self, store: SummaryStore, offsets: array[int]) -> None:
        self._store = store
        self._offsets = offsets

    def __len__(self) -> int:
        return len(self._offsets)

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self._store.read(offset) for offset in self._offsets[index]]
        return self._store.read(self._offsets[index])

    def __iter__(self) -> Iterator[Any]:
        read = self._store.read
        for offset in self._offsets:
            yield read(offset)

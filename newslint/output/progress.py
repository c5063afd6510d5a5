"""A progress line on stderr for long runs on a terminal ("newslint: 1,200/20,000 files")."""
from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

T = TypeVar("T")
DELAY = 1.0  # seconds before the first update: short runs print nothing
INTERVAL = 0.2


def track(items: Iterable[T], total: int, stream=None) -> Iterator[T]:  # type: ignore[no-untyped-def]
    """Yield ``items``, redrawing a progress line when ``stream`` is a terminal and the run is long."""
    stream = stream or sys.stderr
    if not (hasattr(stream, "isatty") and stream.isatty()) or total < 2:
        yield from items
        return
    start = last = time.monotonic()
    shown = False
    for done, item in enumerate(items, start=1):
        yield item
        now = time.monotonic()
        if now - start >= DELAY and now - last >= INTERVAL:
            stream.write(f"\rnewslint: {done:,}/{total:,} files")
            stream.flush()
            last, shown = now, True
    if shown:
        stream.write("\r" + " " * 40 + "\r")
        stream.flush()

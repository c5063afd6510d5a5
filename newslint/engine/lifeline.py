"""Worker processes die with the process that started them.

A ``-j`` worker that outlives its parent (killed by SIGTERM, SIGKILL, an OOM kill, a cancelled CI
job) would go on linting and rewriting files no one is waiting for. On Linux each worker asks
the kernel for SIGKILL when its parent dies (``prctl(PR_SET_PDEATHSIG)``); everywhere, a worker
also checks before each file that its parent is still the one that started it. A worker killed
this way can leave only a temporary file, never a torn article (see fixer.write_atomic), and the
next ``--fix`` removes it.
"""
from __future__ import annotations

import os
import sys

_PARENT: int | None = None
_PR_SET_PDEATHSIG = 1


def bind(parent: int) -> None:
    """Run in each worker at start: tie its life to process ``parent``."""
    global _PARENT
    _PARENT = parent
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal  # workers only: the parent of a one-file run never needs it

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl: the check in orphaned() still stops the worker
    if orphaned():  # the parent died before the request above took effect
        os._exit(1)


def orphaned() -> bool:
    """True when the parent this worker was bound to is gone."""
    return _PARENT is not None and os.getppid() != _PARENT


def stop_if_orphaned() -> None:
    """Exit at once (before touching another file) when the parent is gone."""
    if orphaned():
        os._exit(1)

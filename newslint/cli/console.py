"""The ``newslint`` console script: :func:`newslint.cli.main` in a process that ends when it is done.

A one-file run (pre-commit on a commit, an editor on save) is mostly start-up, and two of its
costs are not newslint's work but the interpreter's: the cyclic collector walking the rule data
while it is being loaded (about 40 collections, 5–8 ms, that find nothing: the data lives until
exit), and the teardown that frees every object one by one at exit (about 15 ms for the word
lists, tables and compiled patterns). So the collector waits for more allocations between
collections (reference counting frees nearly everything newslint makes; a rare cycle waits a
little longer), and, once the output is flushed, the process ends with ``os._exit``, as mypy's
does. It ends the ordinary way when something could still need the interpreter: a thread other
than the main one, or an ``atexit`` function registered during the run (a plugin's, or
multiprocessing's for ``-j``). :func:`main` itself is unchanged, for tests and other callers.
"""
from __future__ import annotations

import atexit
import gc
import os
import sys
import threading
from typing import NoReturn

from newslint.cli import main

# Allocations between two young-generation collections (CPython's default is 700).
YOUNG_THRESHOLD = 50_000


def run() -> NoReturn:
    """Run the command line and exit with its code."""
    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    registered = _exit_functions()
    code = main()
    if registered is not None and _exit_functions() == registered and threading.active_count() == 1:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):  # a closed pipe, a closed stream: let the interpreter report it
            sys.exit(code)
        os._exit(code)
    sys.exit(code)


def _exit_functions() -> int | None:
    """How many ``atexit`` functions are registered (None where the interpreter cannot say)."""
    count = getattr(atexit, "_ncallbacks", None)
    return count() if count is not None else None

"""``re.compile`` for newslint's own large patterns, with the compiled program kept per user.

Compiling the boilerplate pack's line pattern (60 alternatives, 9 KB) takes ~50 ms in the
standard library's pure-Python compiler: a fifth of a one-file pre-commit run. The compiler's
output is a list of integers handed to ``_sre.compile``; it is kept in the per-user cache (see
newslint/usercache.py) under a key that includes the exact interpreter build and the engine's
magic number, so a program is only ever given to the engine that produced it. This uses the
compiler's private modules (``re._parser``, ``re._compiler``, Python 3.11+): whenever they are
missing or behave differently, the pattern is compiled the ordinary way.
"""
from __future__ import annotations

import re
import sys
from typing import Any


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """The same pattern object ``re.compile(pattern, flags)`` returns, compiled at most once per
    interpreter and user."""
    try:
        import _sre
        from re import _compiler, _parser  # type: ignore[attr-defined]
    except ImportError:
        return re.compile(pattern, flags)
    flags = int(flags)

    def build() -> tuple[Any, ...]:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)  # ints and named int opcodes
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return flags | parsed.state.flags, [int(c) for c in code], parsed.state.groups - 1, groupindex, tuple(indexgroup)

    from newslint.usercache import cached

    try:
        key = ("re", sys.version, sys.implementation.name, _sre.MAGIC, _sre.CODESIZE, pattern, flags)
        final_flags, code, groups, groupindex, indexgroup = cached("re", [], key, build)
        return _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - any change in the private API: compile the ordinary way
        return re.compile(pattern, flags)

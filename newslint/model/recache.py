"""``re.compile`` for newslint's own large patterns, with the compiled program kept per user.

Compiling the boilerplate pack's line pattern (60 alternatives, 9 KB) takes ~50 ms in the
standard library's pure-Python compiler: a fifth of a one-file pre-commit run. The compiler's
output is a list of integers handed to ``_sre.compile``; it is kept in the per-user cache (see
newslint/model/usercache.py) under a key that includes the exact interpreter build and the engine's
magic number, so a program is only ever given to the engine that produced it. This uses the
compiler's private modules (``re._parser`` and ``re._compiler``; ``sre_parse`` and
``sre_compile`` on Python 3.10): whenever they are missing or behave differently, the pattern is
compiled the ordinary way.
"""
from __future__ import annotations

import re
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    Translator = Callable[[str, int], tuple[str, int]]


def compile_pattern(pattern: str, flags: int = 0, *, translate: Translator | None = None,
                    extra: object = None) -> re.Pattern[str]:
    """The same pattern object ``re.compile(pattern, flags)`` returns, compiled at most once per
    interpreter and user.

    ``translate(pattern, flags)``, when given, first rewrites the pattern into the one to compile
    (see newslint/model/regexcompat.py). The cache is keyed by the pattern as written and by ``extra``
    (whatever the translation depends on), so a run that finds the program cached translates nothing.
    """
    def plain() -> re.Pattern[str]:
        return re.compile(*translate(pattern, flags)) if translate else re.compile(pattern, flags)

    try:
        import _sre
        if sys.version_info >= (3, 11):
            from re import _compiler, _parser  # type: ignore[attr-defined]
        else:  # pragma: no cover - the same modules under their old names
            import sre_compile as _compiler
            import sre_parse as _parser
    except ImportError:
        return plain()
    flags = int(flags)

    def build() -> tuple[Any, ...]:
        text, text_flags = translate(pattern, flags) if translate else (pattern, flags)
        parsed = _parser.parse(text, text_flags)
        with _shared_charsets(_compiler):
            code = _compiler._code(parsed, text_flags)  # ints and named int opcodes
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return (text, text_flags | parsed.state.flags, [int(c) for c in code], parsed.state.groups - 1,
                groupindex, tuple(indexgroup))

    from newslint.model.usercache import cached

    try:
        # "re2": an entry also holds the pattern it compiled (translated or not); "re" ones did not.
        key = ("re2", sys.version, sys.implementation.name, _sre.MAGIC, _sre.CODESIZE, pattern, flags,
               translate is not None, extra)
        text, final_flags, code, groups, groupindex, indexgroup = cached("re", [], key, build)
        return _sre.compile(text, final_flags, code, groups, groupindex, indexgroup)  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - any change in the private API: compile the ordinary way
        return plain()


# Optimised character sets by their parsed items. A translated pattern repeats regex's large
# classes (a name pattern holds \p{Lu} and \p{Ll} six times each), and optimising those sets is
# half of re's compile time; the result depends only on the arguments.
_CHARSETS: dict[Any, Any] = {}


@contextmanager
def _shared_charsets(compiler: Any) -> Iterator[None]:
    """While newslint compiles a pattern, ``re``'s compiler optimises each distinct set only once."""
    optimize = compiler._optimize_charset

    def shared(charset: Any, iscased: Any = None, fixup: Any = None, fixes: Any = None) -> Any:
        key = (tuple(charset), iscased, fixup, id(fixes))
        found = _CHARSETS.get(key)
        if found is None:
            found = _CHARSETS[key] = optimize(charset, iscased, fixup, fixes)
        return found

    compiler._optimize_charset = shared
    try:
        yield
    finally:
        if compiler._optimize_charset is shared:  # another thread may have wrapped it meanwhile
            compiler._optimize_charset = optimize

"""Load plugins: the built-ins first, then the ``newslint`` entry-point group."""
from __future__ import annotations

import os
import sys
from functools import lru_cache

import pluggy

from newslint.api import hookspecs

DISABLE_ENV = "NEWSLINT_NO_PLUGINS"
GROUP = "newslint"


class PluginError(Exception):
    """A plugin that failed (at import, in a hook, in a formatter): one line, exit 2."""


def failure(what: str, exc: BaseException) -> PluginError:
    """A PluginError for ``exc`` raised by a plugin while doing ``what``."""
    return PluginError(f"{what}: {type(exc).__name__}: {exc}")


@lru_cache(maxsize=2)
def plugin_manager(load_entry_points: bool | None = None) -> pluggy.PluginManager:
    """The process-wide plugin manager.

    Entry points are skipped when ``NEWSLINT_NO_PLUGINS`` is set (the test suite sets it so that
    it is hermetic) or when ``load_entry_points`` is False.
    """
    from newslint.api import builtin

    pm = pluggy.PluginManager("newslint")
    pm.add_hookspecs(hookspecs)
    pm.register(builtin, name="newslint.api.builtin")
    if load_entry_points is None:
        load_entry_points = not os.environ.get(DISABLE_ENV)
    if load_entry_points and _any_plugin_installed():
        try:
            pm.load_setuptools_entrypoints(GROUP)
        except (Exception, SystemExit) as exc:  # a plugin's import is its own code: any error
            raise failure("a newslint plugin failed to load (set NEWSLINT_NO_PLUGINS=1 to run without plugins)",
                          exc) from None
    return pm


def _any_plugin_installed() -> bool:
    """Whether any installed distribution declares a ``newslint`` entry point.

    importlib.metadata costs about 40 ms to import and scan, a large share of a pre-commit run on
    one file; reading the few ``entry_points.txt`` files on ``sys.path`` answers the common case
    (no plugins) in a few milliseconds. Anything unusual falls back to importlib.metadata.
    """
    marker = f"[{GROUP}]"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except NotADirectoryError:
            if os.path.basename(entry).startswith("python3"):
                continue  # the standard library's zip
            return True  # a zipped distribution: let importlib.metadata look inside
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            path = os.path.join(entry or ".", name, "entry_points.txt")
            try:
                with open(path, encoding="utf-8") as handle:
                    if marker in handle.read():
                        return True
            except OSError:
                continue
    return False

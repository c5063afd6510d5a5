"""The package's import graph, read statically (``ast``): no cycles, and dependencies point one way
(model <- api <- config <- families <- engine <- output <- cli/lsp), by folder. See
docs/architecture.md."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "newslint"

# Function-level cycles known when this test was written (not named by issue 18); a new one fails.
KNOWN_LAZY_CYCLES = [
    {"newslint.cli", "newslint.cli.tools"},
    {"newslint.families.spelling.rules", "newslint.families.spelling.dialect"},
]

# The folders are the layers, lowest first: a module may import its own layer and the layers below.
LAYERS = ("model", "api", "config", "families", "engine", "output")
# cli/, lsp/, testing.py, dask and the public shims (rule.py, diagnostic.py, document.py) are front
# ends: above every layer. The package root (newslint/__init__.py: __version__) is below all.
UPWARD = {  # the sanctioned upward calls, each a function-level import
    ("newslint.engine.runner", "newslint.output.streaming"),  # lines rendered inside the -j workers
    ("newslint.engine.runner", "newslint.output.progress"),  # the progress bar wraps the file loop
    ("newslint.families.repetition.corpus", "newslint.engine.cache"),  # NL105's cross-run index
    ("newslint.families.repetition.corpus", "newslint.engine.files"),  # lives in the run's cache folder
}


def layer(mod: str) -> int:
    """The rank of ``mod``'s layer: -1 for the package root, len(LAYERS) for a front end."""
    parts = mod.split(".")
    if len(parts) == 1:
        return -1
    return LAYERS.index(parts[1]) if parts[1] in LAYERS else len(LAYERS)


def _modules() -> dict[str, Path]:
    out = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _targets(mod: str, node: ast.Import | ast.ImportFrom, is_pkg: bool, mods: dict[str, Path]) -> list[str]:
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        base = node.module or ""
        if node.level:
            here = mod.split(".") if is_pkg else mod.split(".")[:-1]
            here = here[:len(here) - (node.level - 1)]
            base = ".".join(here + ([node.module] if node.module else []))
        names = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names]
    out = []
    for name in names:
        while name and name not in mods:
            name = name.rpartition(".")[0]
        if name.startswith("newslint") and name != mod and not name.startswith(mod + "."):
            out.append(name)  # a package importing its own submodules is not a dependency edge
    return out


def graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(module-level imports, function-level imports) per module; ``if TYPE_CHECKING`` is neither."""
    mods = _modules()
    top: dict[str, set[str]] = {m: set() for m in mods}
    lazy: dict[str, set[str]] = {m: set() for m in mods}

    def walk(mod: str, node: ast.AST, in_func: bool, is_pkg: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for sub in child.orelse:
                    walk(mod, sub, in_func, is_pkg)
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                (lazy if in_func else top)[mod].update(_targets(mod, child, is_pkg, mods))
            walk(mod, child, in_func or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)),
                 is_pkg)

    for mod, path in mods.items():
        walk(mod, ast.parse(path.read_text(encoding="utf-8")), False, path.name == "__init__.py")
    return top, lazy


def cycles(edges: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[set[str]] = []
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(sorted(edges.get(nxt, ())))))
                elif nxt in on:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = set()
                while True:
                    member = stack.pop()
                    on.discard(member)
                    comp.add(member)
                    if member == node:
                        break
                if len(comp) > 1:
                    out.append(comp)
    return out


def test_no_module_level_import_cycles():
    top, _ = graph()
    assert cycles(top) == []


def test_no_new_function_level_import_cycles():
    top, lazy = graph()
    both = {m: top[m] | lazy[m] for m in top}
    found = cycles(both)
    assert [c for c in found if c not in KNOWN_LAZY_CYCLES] == []


def test_the_three_cycles_of_issue_18_stay_broken():
    top, lazy = graph()
    both = {m: top[m] | lazy[m] for m in top}
    tangled = set().union(*cycles(both)) if cycles(both) else set()
    for mod in ("newslint.engine.runner", "newslint.output.streaming", "newslint.engine.baseline", "newslint.engine.cache",
                "newslint.api.registry", "newslint.api.plugins", "newslint.api.builtin", "newslint.model.document",
                "newslint.model.formats", "newslint.model.lazyre", "newslint.model.regexcompat", "newslint.api.packs", "newslint.api.rule"):
        assert mod not in tangled, mod


def test_dependencies_point_one_way():
    top, lazy = graph()
    bad = [f"{mod} -> {dep}" for mod in top for dep in sorted(top[mod] | lazy[mod])
           if layer(dep) > layer(mod) and (mod, dep) not in UPWARD]
    assert bad == []
    assert all((dep in lazy[mod]) and (dep not in top[mod]) for mod, dep in UPWARD), "an upward import at module level"


def test_every_module_is_in_a_layer_or_a_front_end():
    fronts = {m for m in _modules() if layer(m) == len(LAYERS)}
    allowed = ("newslint.cli", "newslint.lsp", "newslint.testing", "newslint.dask", "newslint.__main__",
               "newslint.rule", "newslint.diagnostic", "newslint.document")
    assert sorted(m for m in fronts if not m.startswith(allowed)) == []


def test_the_graph_reader_sees_cycles():
    """The checker can fail: a made-up cycle is found, with TYPE_CHECKING imports left out."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]
    top, lazy = graph()
    assert "newslint.engine.results" in top["newslint.engine.runner"]
    assert "newslint.api.rule" not in top["newslint.model.document"] | lazy["newslint.model.document"]  # TYPE_CHECKING only


def test_the_plugin_api_keeps_its_first_paths():
    """Plugins import ``newslint.rule``, ``newslint.diagnostic`` and ``newslint.document``
    (docs/plugins.md): each is the same module as its home in the layers, not a copy."""
    import newslint.diagnostic
    import newslint.document
    import newslint.rule
    from newslint.api import rule
    from newslint.model import diagnostic, document
    from newslint.rule import Rule

    assert newslint.rule is rule and newslint.diagnostic is diagnostic and newslint.document is document
    assert Rule is rule.Rule

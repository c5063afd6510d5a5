"""The package's import graph, read statically (``ast``): no cycles, and dependencies point one way
(model <- rules <- engine <- output/cli/lsp). See docs/architecture.md."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "newslint"

# Function-level cycles known when this test was written (not named by issue 18); a new one fails.
KNOWN_LAZY_CYCLES = [
    {"newslint.cli", "newslint.cli_tools"},
    {"newslint.checks.spelling", "newslint.checks.spelling_dialect"},
]

MODEL = {"newslint.diagnostic", "newslint.document", "newslint.formats", "newslint.formats.html",
         "newslint.formats.markdown", "newslint.formats.templates", "newslint.lazyre", "newslint.regexcompat",
         "newslint.recache", "newslint.usercache", "newslint.reading", "newslint.resources",
         "newslint.tokens"}
RULES = {"newslint.rule", "newslint.packs", "newslint.phrases", "newslint.lineblocks", "newslint.registry",
         "newslint.plugins", "newslint.builtin", "newslint.hookspecs", "newslint.wordlist"}
ENGINE = {"newslint.engine", "newslint.runner", "newslint.results", "newslint.files", "newslint.fixer",
          "newslint.suppress", "newslint.summaries"}
# The runner may call output (streaming.render in the workers); nothing below the engine may.
UPPER = {"newslint.cli", "newslint.cli_tools", "newslint.lsp"}


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
    for mod in ("newslint.runner", "newslint.streaming", "newslint.baseline", "newslint.cache",
                "newslint.registry", "newslint.plugins", "newslint.builtin", "newslint.document",
                "newslint.formats", "newslint.lazyre", "newslint.regexcompat", "newslint.packs", "newslint.rule"):
        assert mod not in tangled, mod


def test_dependencies_point_one_way():
    top, lazy = graph()
    bad = []
    for mod in top:
        deps = top[mod] | lazy[mod]
        above = (RULES | ENGINE | UPPER if mod in MODEL else ENGINE | UPPER if mod in RULES
                 else UPPER if mod in ENGINE else set())
        above |= {m for m in top if m.startswith(("newslint.checks.", "newslint.formatters.", "newslint.lsp", "newslint.streaming"))} \
            if mod in MODEL | RULES - {"newslint.builtin"} else set()
        bad += [f"{mod} -> {dep}" for dep in sorted(deps & above)]
    assert bad == []


def test_the_graph_reader_sees_cycles():
    """The checker can fail: a made-up cycle is found, with TYPE_CHECKING imports left out."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]
    top, lazy = graph()
    assert "newslint.results" in top["newslint.runner"]
    assert "newslint.rule" not in top["newslint.document"] | lazy["newslint.document"]  # TYPE_CHECKING only


def test_old_public_imports_still_work():
    from newslint import files, packs, reading, registry, resources, results, runner

    assert runner.RunResult is results.RunResult and runner.FileResult is results.FileResult
    assert runner.to_wire is results.to_wire and runner.from_wire is results.from_wire
    assert registry.builtin_packs is resources.builtin_packs
    assert packs.builtin_pack_dir is resources.builtin_pack_dir
    assert files.InputError is reading.InputError and files.read_limited is reading.read_limited

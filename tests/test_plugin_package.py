"""The example plugin in examples/plugin: its rules in-process, then the real thing — built as a
wheel, installed with newslint into a fresh virtual environment, found through the ``newslint``
entry point and run by the installed ``newslint`` command.
"""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.config.settings import Config
from newslint.engine.lint import Engine
from newslint.api.packs import load_pack_file
from newslint.api.registry import Registry, RuleSource
from newslint.engine.runner import RunOptions, lint_file

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "examples" / "plugin"
ARTICLE = ("EMBARGOED UNTIL 00:01 GMT, 12 MAY\n\n"
           "The council will vote on [FILL IN], a spokesperson said on Monday.\n\n"
           "Shoppers queued outside TK Maxx before the doors opened.\n")


@pytest.fixture(scope="module")
def plugin_registry() -> Registry:
    sys.path.insert(0, str(PLUGIN))
    try:
        from newslint_example import plugin
    finally:
        sys.path.remove(str(PLUGIN))
    sources = [RuleSource(rule_class=r) for r in plugin.newslint_rules()]
    # Packs from a plugin are trusted like newslint's own; validate this one as a user pack would be.
    sources += [RuleSource(pack=p, trusted=False) for p in plugin.newslint_rule_packs()]
    return Registry(sources)


def lint(registry: Registry, text: str, name: str = "story.md") -> list[tuple[str, int]]:
    engine = Engine(registry, registry.resolve(None), Config())
    result = lint_file(engine, Path(name), name, RunOptions(), data=text.encode("utf-8"))
    assert result.error is None, result.error
    return sorted(((d.code, d.line) for d in result.diagnostics), key=lambda f: (f[1], f[0]))


def test_plugin_ships_a_code_rule_and_a_valid_pack(plugin_registry):
    assert set(plugin_registry.metas) == {"XMP101", "XMP201"}
    for pack in (PLUGIN / "newslint_example" / "packs").glob("*.toml"):
        load_pack_file(pack, validate=True)
    assert plugin_registry.resolve(["XMP"]) == {"XMP101", "XMP201"}  # a plugin's own prefix selects


@pytest.mark.parametrize("code", ["XMP101", "XMP201"])
def test_plugin_examples(plugin_registry, code):
    meta = plugin_registry.metas[code]
    assert code in {c for c, _ in lint(plugin_registry, meta.bad)}
    assert code not in {c for c, _ in lint(plugin_registry, meta.good)}
    assert meta.what and meta.why and f"({code})" in meta.explain()


@pytest.mark.parametrize("text", [
    "Shoppers queued outside TK Maxx.\n",
    "The droid TK-421 was not at his post.\n",
    "Embargo: what it means for farmers\n",
    "The embargo until 2020 hurt exports, traders said.\n",
    "Reporters agreed not to publish before the verdict.\n",
    "She said the plan was [sic] unworkable, according to [Reuters].\n",
    "```\nTKTK\n```\n",
])
def test_plugin_leaves_real_prose_alone(plugin_registry, text):
    assert lint(plugin_registry, text) == []


def test_plugin_finds_each_placeholder_and_embargo_line(plugin_registry):
    text = ("Embargoed until midnight Tuesday\n\nNot for publication before 10am BST\n\n"
            "Rents rose TKTK per cent [INSERT QUOTE] and [PHOTO TO COME] [tk].\n")
    assert lint(plugin_registry, text) == [("XMP201", 1), ("XMP201", 3), ("XMP101", 5), ("XMP101", 5), ("XMP101", 5)]


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, **kwargs)


@pytest.mark.slow
def test_plugin_installs_into_a_fresh_venv_and_runs_through_the_entry_point(tmp_path):
    wheels = tmp_path / "wheels"
    # Build both wheels with this environment's build backend when it has one (no download);
    # otherwise pip fetches hatchling in an isolated build environment.
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    built = _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", *isolation, "--wheel-dir", str(wheels),
                  str(ROOT), str(PLUGIN)])
    assert built.returncode == 0, built.stderr[-3000:]
    venv = tmp_path / "venv"
    # A clean environment (no system site-packages); this interpreter's pip installs into it,
    # which skips bootstrapping a second pip. Dependencies come from PyPI or pip's cache.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    installed = _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                      "--find-links", str(wheels), "newslint-example-plugin"])
    assert installed.returncode == 0, installed.stderr[-3000:]

    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSLINT_NO_PLUGINS", "PYTHON"))}
    env["NEWSLINT_NO_CACHE"] = "1"
    newslint = str(venv / "bin" / "newslint")
    where = _run([str(python), "-c", "import newslint; print(newslint.__file__)"], env=env, cwd=tmp_path)
    assert str(venv) in where.stdout, "newslint was imported from outside the fresh environment"

    rules = _run([newslint, "rules", "--format", "json"], env=env, cwd=tmp_path)
    assert rules.returncode == 0, rules.stderr
    listed = {r["code"]: r for r in json.loads(rules.stdout)}
    assert listed["XMP101"]["source"] == "newslint-example-plugin"
    assert "XMP201" in listed and "NL401" in listed  # the plugin adds to the built-ins

    (tmp_path / "story.md").write_text(ARTICLE, encoding="utf-8")
    check = _run([newslint, "check", "story.md", "--format", "json"], env=env, cwd=tmp_path)
    assert check.returncode == 1, check.stderr
    found = {(d["code"], d["line"]) for d in json.loads(check.stdout)}
    assert {("XMP201", 1), ("XMP101", 3)} <= found
    assert not any(code.startswith("XMP") for code, line in found if line == 5)  # "TK Maxx" is prose

    fixed = _run([newslint, "check", "story.md", "--fix", "--select", "XMP201"], env=env, cwd=tmp_path)
    assert fixed.returncode == 1 and not (tmp_path / "story.md").read_text(encoding="utf-8").startswith("EMBARGOED")

    explained = _run([newslint, "rule", "XMP101"], env=env, cwd=tmp_path)
    assert explained.returncode == 0 and "# placeholder-text (XMP101)" in explained.stdout

"""The pre-commit hook gives the same findings whatever batches pre-commit splits the files into.

pre-commit runs a hook on batches of files: by CPU count, and by command-line length (at most
128 KB of names, less when the environment is large). The batch count is forced here through the
command-line length: the environment is padded until pre-commit's limit leaves room for the
wanted number of names per batch, and a wrapper records each invocation, so the test checks that
the split really happened. The hook's own definition (entry and options) is read from
``.pre-commit-hooks.yaml``; only its executable is replaced by the wrapper. The repository has
a nested config (one config resolution for CLI, hook and editor) and the hook reads a baseline
written by a whole-repository run (its fingerprints must not depend on the run's files).
"""
from __future__ import annotations

import math
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.test_precommit import _pre_commit

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
FILES = 32
DEEP = "/".join(["d" * 240] * 4)  # long names: few fit in a batch, so few files make many batches
# Files 20-29 live in a folder of the same name length with a config of its own (ignore NL401):
# each file's nearest config must govern it in every batch, as in `newslint check` and the editor.
NESTED = "/".join(["d" * 240] * 3 + ["a" * 240])
NESTED_FILES = range(20, 30)
# Written for this test: a story that files 0 and 31 share (a duplicate article, NL105), and a
# name spelled two ways in two files (NL305); both are corpus rules.
STORY = ("The harbour authority said on Thursday that the new ferry terminal would open in the spring, "
         "after two years of delays caused by flooding, a shortage of steel and a dispute over the "
         "contract. Passengers will be able to buy tickets from March, and the first crossings are "
         "planned for the Easter weekend, the authority's chief executive told reporters.\n")


def _article(i: int, ads: bool = True) -> str:
    if i in (0, FILES - 1):
        return STORY
    name = "Katarzyna Wiśniewska" if i == 1 else "Katarzyna Wisniewska"
    ad = "\n-------- Advertisement---------\n" if ads and i % 3 == 0 else ""
    return (f"Council meeting {i}\n\n{name} told the council on Monday that the budget for item {i} "
            f"had been approved after a long debate, officials said.{ad}\n")


def _hook(entry_from: str) -> tuple[list[str], bool]:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "newslint")
    entry = shlex.split(hook["entry"])
    if entry_from == "no-corpus-flag":  # the control: the hook as it was, corpus rules on
        entry = [a for a in entry if a != "--no-corpus-rules"]
    return entry[1:], bool(hook.get("require_serial"))


def _path(i: int) -> str:
    return f"p/{NESTED if i in NESTED_FILES else DEEP}/story-{i:02d}.md"


def _write(repo: Path, ads: Callable[[int], bool]) -> None:
    for i in range(FILES):
        path = repo / _path(i)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_article(i, ads(i)), encoding="utf-8")
    (repo / "p" / NESTED / "newslint.toml").write_text('ignore = ["NL401"]\n', encoding="utf-8")


def _repo(tmp_path: Path, args: list[str], serial: bool, baseline: Path | None) -> tuple[Path, Path]:
    repo = tmp_path / "content"
    if baseline is not None:
        # The baseline of an older state (files 16 on had no ads yet), written the way a user
        # would: one whole-repository run, corpus rules on.
        _write(repo, lambda i: i < 16)
        subprocess.run([str(Path(sys.executable).parent / "newslint"), "check", "--no-cache", "--write-baseline",
                        str(baseline), "."], cwd=repo, check=True, capture_output=True)
    _write(repo, lambda i: True)
    log = tmp_path / "calls.log"
    wrapper = tmp_path / "newslint-wrapper"
    newslint = Path(sys.executable).parent / "newslint"
    wrapper.write_text(f'#!/bin/sh\necho "$#" >> {log}\nexec {newslint} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n- repo: local\n  hooks:\n  - id: newslint\n    name: newslint\n"
        f"    entry: {wrapper} {' '.join(args)}\n    language: system\n"
        f"    types_or: [markdown, plain-text, html]\n    require_serial: {str(serial).lower()}\n",
        encoding="utf-8")
    return repo, log


def _env(batches: int, cmd_length: int, name_length: int) -> dict[str, str]:
    from pre_commit.xargs import _environ_size

    # As a user runs it: the suite's switches off (the hook's result cache is on, as shipped).
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSLINT_NO_PLUGINS", "NEWSLINT_NO_CACHE")}
    env.update({"PRE_COMMIT_NO_CONCURRENCY": "1", "PRE_COMMIT_HOME": str(Path.home() / ".cache" / "newslint-test-pre-commit"),
                "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
                "GIT_COMMITTER_EMAIL": "t@example.com"})
    if batches == 1:
        return env
    per = math.ceil(FILES / batches)
    # pre-commit's limit: ARG_MAX - 2048 - size of the environment, within [4096, 131072].
    limit = cmd_length + 1 + per * (name_length + 1) + name_length // 2
    assert limit >= 4096, "names too short to force this many batches"
    n = 0
    while True:  # one variable may hold at most 128 KB
        remaining = os.sysconf("SC_ARG_MAX") - 2048 - limit - _environ_size(_env=env)
        key = f"NLPAD{n:03d}"
        size = min(100_000, remaining - len(key) - 10)
        if size <= 0:
            break
        env[key] = "x" * size
        n += 1
    return env


def _run(tmp_path: Path, batches: int, entry_from: str = "hooks", baseline: bool = False) -> tuple[list[str], int]:
    args, serial = _hook(entry_from)
    work = tmp_path / f"{entry_from}-{batches}"
    work.mkdir()
    known = work / "baseline.json" if baseline else None
    if known is not None:
        args = [*args, "--baseline", str(known)]
    repo, log = _repo(work, args, serial, known)
    name_length = len(_path(0))
    wrapper_cmd = [str(work / "newslint-wrapper"), *args]
    from pre_commit.xargs import _command_length

    env = _env(batches, _command_length(*wrapper_cmd), name_length)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    runs = []
    for _ in range(2 if baseline else 1):  # the second run reads the first one's cache
        done = subprocess.run([*_pre_commit(), "run", "--all-files", "--color", "never", "-v"], cwd=repo,
                              capture_output=True, text=True, env=env, timeout=900)
        runs.append(sorted(line.strip() for line in done.stdout.splitlines() if ": NL" in line))
        if baseline:
            assert any((repo / ".newslint_cache").iterdir()), "the hook did not use the result cache"
    assert runs[-1] == runs[0], "a cached run gave other findings"
    return runs[0], len(log.read_text().split()) // len(runs)


@pytest.mark.slow
def test_same_findings_with_1_2_and_8_batches(tmp_path: Path) -> None:
    """The hook as shipped, with a nested config and a baseline from a whole-repository run."""
    results = {n: _run(tmp_path, n, baseline=True) for n in (1, 2, 8)}
    assert [calls for _, calls in results.values()] == [1, 2, 8]  # the split really happened
    one = results[1][0]
    assert results[2][0] == one and results[8][0] == one
    flagged = sorted(int(f.split("story-")[1][:2]) for f in one if "NL401" in f)
    # Files 3-15 are in the baseline, 21-27 under the nested config that ignores NL401: only the
    # new ads outside it are reported, whichever batch a file and its config file landed in.
    assert flagged == [18, 30]
    assert not any("NL105" in f or "NL305" in f for f in one)


@pytest.mark.slow
def test_control_corpus_rules_change_with_the_split(tmp_path: Path) -> None:
    """Without ``--no-corpus-rules`` the answer depends on the split: what the test guards."""
    one, calls_one = _run(tmp_path, 1, "no-corpus-flag")
    eight, calls_eight = _run(tmp_path, 8, "no-corpus-flag")
    assert (calls_one, calls_eight) == (1, 8)
    assert any("NL105" in f for f in one)  # files 0 and 31 share a batch only when there is one
    assert one != eight


def test_baseline_prints_do_not_carry_run_dependent_text() -> None:
    """A count in a corpus finding's message depends on the files of the run (or batch); the
    fingerprint leaves it out, and a per-line finding is keyed on its line, not on where it is."""
    from newslint.engine.baseline import fingerprint
    from newslint.model.diagnostic import Diagnostic, Severity

    def diag(message: str, line: int = 3, code: str = "NL305") -> Diagnostic:
        return Diagnostic("news/a.md", line, 1, line, 5, code, "name-spelling", "names", Severity.WARNING, message)

    three, twelve = diag("'Ana Lopez' is spelled 'Ana López' in 3 other files"), diag("… in 12 other files")
    assert fingerprint(three, None) == fingerprint(diag("'Ana Lopez' is spelled 'Ana López' in 12 other files"), None)
    assert fingerprint(three, None) != fingerprint(twelve, None)  # the words still count
    assert fingerprint(diag("x", 3, "NL401"), "Advertisement") == fingerprint(diag("y", 40, "NL401"), " Advertisement ")
    assert fingerprint(diag("x", 3, "NL401"), "Advertisement") != fingerprint(diag("x", 3, "NL402"), "Advertisement")

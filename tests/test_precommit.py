"""The pre-commit hooks, run for real by pre-commit against this checkout."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STORY = ("The finance minister resigned on Monday after parliament rejected her budget for the second "
         "time this year, officials said.\n")


def _pre_commit() -> list[str]:
    exe = Path(sys.executable).parent / "pre-commit"
    if exe.exists():
        return [str(exe)]
    if shutil.which("pre-commit"):
        return ["pre-commit"]
    pytest.fail("pre-commit is missing from the test extra")


@pytest.mark.slow
def test_hooks_with_pre_commit_try_repo(tmp_path):
    repo = tmp_path / "content"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(Path.home() / ".cache" / "newslint-test-pre-commit"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com"}
    env.pop("NEWSLINT_NO_PLUGINS", None)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    (repo / "good.md").write_text(f"# Budget\n\n{STORY}", encoding="utf-8")
    (repo / "bad.txt").write_text(f"-------- Advertisement---------\n\n{STORY}", encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)

    def hook(name: str, file: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*_pre_commit(), "try-repo", str(ROOT), name, "--files", file],
                              cwd=repo, capture_output=True, text=True, env=env, timeout=900)

    clean = hook("newslint", "good.md")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    dirty = hook("newslint", "bad.txt")
    assert dirty.returncode == 1, dirty.stdout + dirty.stderr
    assert "bad.txt:1:1: NL401" in dirty.stdout
    fixed = hook("newslint-fix", "bad.txt")
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr
    assert (repo / "bad.txt").read_text(encoding="utf-8") == STORY

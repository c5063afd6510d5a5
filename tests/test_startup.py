"""A one-file run imports only what that file needs, and the console script still ends cleanly
(issue 19: start-up on one file at most codespell's). This guards the lazy imports that the
start-up figures in docs/benchmarks.md rest on; it times nothing."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Modules a one-file check of a clean article never needs: the Markdown parser (for a .txt, or
# Markdown without a fence, HTML or indented code), the numeric and editor stacks, the ``regex``
# module (user packs only), worker pools, and what only --fix, --diff or --show-settings use.
NEVER = ("markdown_it", "numpy", "pygls", "regex", "multiprocessing", "concurrent.futures", "difflib",
         "tempfile", "shutil")
PROBE = """
import json, sys
from newslint.cli import main
main(["check", "--no-cache", "--exit-zero", sys.argv[1]])
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _imported(path: Path) -> set[str]:
    """The modules loaded by the time a check of ``path`` returns, in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, check=True,
                         env={**os.environ, "NEWSLINT_NO_PLUGINS": "1"})
    return set(json.loads(out.stderr.strip().splitlines()[-1]))


@pytest.mark.slow
@pytest.mark.parametrize("name", ["story.txt", "story.md"])
def test_a_plain_article_loads_no_heavy_module(tmp_path: Path, name: str) -> None:
    article = tmp_path / name
    article.write_text("# Council approves budget\n\nThe council approved the budget on Tuesday, "
                       "its leader said. Spending on roads rises by a tenth.\n", encoding="utf-8")
    assert _imported(article).isdisjoint(NEVER)


@pytest.mark.slow
def test_markdown_with_a_code_block_still_goes_through_markdown_it(tmp_path: Path) -> None:
    article = tmp_path / "story.md"
    article.write_text("Some prose.\n\n```\nteh code\n```\n", encoding="utf-8")
    assert "markdown_it" in _imported(article)


@pytest.mark.slow
def test_the_console_script_flushes_everything_before_it_exits(tmp_path: Path) -> None:
    """The process ends with os._exit (no teardown): every finding and the summary must be out
    first, through a pipe as through a terminal, with the exit code of main()."""
    sample = (ROOT / "examples" / "boilerplate-scraped.txt").read_text(encoding="utf-8")
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(sample, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "newslint", "check", "--no-cache", "--format", "json", str(tmp_path)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)
    assert {Path(f["path"]).name for f in findings} == {"a0.txt", "a1.txt", "a2.txt"}

"""benchmarks/reuters.py: the Reuters-21578 SGML layout becomes the one-paragraph-per-line article layout."""
from __future__ import annotations

import importlib.util
from pathlib import Path

_PATH = Path(__file__).resolve().parent.parent / "benchmarks" / "reuters.py"
_SPEC = importlib.util.spec_from_file_location("reuters_convert", _PATH)
reuters = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(reuters)  # type: ignore[union-attr]

SGML = """<REUTERS NEWID="1">
<TEXT>&#2;
<TITLE>HARBOUR BOARD &lt;HBR> SETS DIVIDEND</TITLE>
<DATELINE>    PORTSMOUTH, March 3 - </DATELINE><BODY>The harbour board said it would pay a
dividend of 12 cts a share, up from ten cts.
    The board said cargo rose 4 pct in the year.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS NEWID="2"><TEXT><TITLE>NO BODY HERE</TITLE></TEXT></REUTERS>
"""


def test_a_story_becomes_a_title_and_one_paragraph_per_line(tmp_path):
    assert reuters.stories(SGML) == [("Harbour Board <Hbr> Sets Dividend", [
        "The harbour board said it would pay a dividend of 12 cts a share, up from ten cts.",
        "The board said cargo rose 4 pct in the year."])]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "reut2-000.sgm").write_text(SGML, encoding="latin-1")
    assert reuters.main([str(tmp_path / "in"), str(tmp_path / "out"), "--min-words", "5"]) == 0
    assert (tmp_path / "out" / "0001.txt").read_text(encoding="utf-8").startswith("Harbour Board <Hbr> Sets Dividend\n\nThe harbour")
    assert reuters.main([str(tmp_path / "out"), str(tmp_path / "x")]) == 2  # no SGML there: a message, exit 2

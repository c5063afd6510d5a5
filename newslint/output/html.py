"""``--format html``: one self-contained review page for editors.

The page lists the files of the run with their counts, then each article with findings as its
plain text, every finding highlighted at its span, and beside it the rule, the message, the rule's
summary, its documentation link and the suggested fix. Tick boxes filter by family and by rule;
``j``/``k`` step through the findings, ``a``/``r`` accept or reject the fix of the current one.

Each fix can be accepted or rejected, and the corrected article downloaded: the page carries every
fix's edits (code-point offsets of the article's text, the same edits ``--fix`` applies) and the
article's text as a JSON data block, and chooses among the accepted fixes as ``fixer.apply_fixes``
does. A spun article (NL203) shows its verdict above the text and can show the text with every spin
fix applied side by side. Each article's body travels as a JSON data block turned into markup when
the article comes near the screen, so a page of thousands of articles opens quickly.

Everything from the run (article text, file names, messages, replacements) is untrusted and
reaches the page only through :func:`esc`; the CSS and script are constants allowed by hash in a
Content-Security-Policy that also forbids every network request (see html_assets.py).

The runner keeps no article text, so the text is read again from disk here. A file whose text no
longer matches the run (changed since, or stdin named by ``--stdin-filename``) is shown with its
findings but without its text, rather than with highlights in the wrong places.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, TextIO

from newslint import __version__
from newslint.output.html_assets import CSP, CSS, JS, esc, family_class  # noqa: F401 - esc is used by html_spans too
from newslint.output.links import help_url

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newslint.model.diagnostic import Diagnostic
    from newslint.api.registry import Registry
    from newslint.engine.runner import RunResult


def write(result: RunResult, stream: TextIO, *, registry: Registry | None = None, **_: Any) -> None:
    """Write the review page of ``result``."""
    by_path: dict[str, list[Diagnostic]] = {}
    for d in sorted(result.diagnostics, key=lambda d: d.sort_key):
        by_path.setdefault(d.path, []).append(d)
    paths = list(dict.fromkeys([*(f.path for f in result.files), *by_path]))
    stream.write(_head(result, by_path, paths))
    for number, path in enumerate(paths, 1):
        if path in by_path:
            stream.write(_article(number, path, by_path[path], result.source_lines, registry))
    stream.write("</main>\n<script>" + JS + "</script>\n</body>\n</html>\n")


def _head(result: RunResult, by_path: dict[str, list[Diagnostic]], paths: Sequence[str]) -> str:
    families = Counter(d.category for d in result.diagnostics)
    codes = Counter(d.code for d in result.diagnostics)
    total = len(result.diagnostics)
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{esc(CSP)}\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        f"<title>newslint review: {total} findings</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        f"<header>\n<h1>newslint review</h1>\n<p id=\"summary\">{total} findings in {len(by_path)} of "
        f"{result.files_checked} files checked (newslint {esc(__version__)}).</p>\n"
        "<p class=\"keys\">Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous finding, <kbd>a</kbd> accept its fix, "
        "<kbd>r</kbd> reject it.</p>\n</header>\n",
    ]
    if total:
        parts.append(_chart(families, total))
        parts.append(_filters(families, codes))
    parts.append(_file_table(paths, by_path))
    parts.append("<main>\n")
    return "".join(parts)


def _chart(families: Counter[str], total: int) -> str:
    rows = "".join(f"<tr><td>{esc(name)}</td><td class=\"n\">{count}</td><td><meter min=\"0\" max=\"{total}\" "
                   f"value=\"{count}\"></meter></td></tr>\n" for name, count in families.most_common())
    return f"<section id=\"families\">\n<h2>Findings by family</h2>\n<table>\n{rows}</table>\n</section>\n"


def _filters(families: Counter[str], codes: Counter[str]) -> str:
    def box(key: str, label: str, count: int) -> str:
        return (f"<label><input type=\"checkbox\" checked data-key=\"{esc(key)}\"> {esc(label)} "
                f"({count})</label>\n")

    fams = "".join(box(f"family:{name}", name, n) for name, n in sorted(families.items()))
    rules = "".join(box(f"code:{code}", code, n) for code, n in sorted(codes.items()))
    return (f"<form id=\"filters\">\n<fieldset><legend>Families</legend>\n{fams}</fieldset>\n"
            f"<fieldset><legend>Rules</legend>\n{rules}</fieldset>\n</form>\n")


def _file_table(paths: Sequence[str], by_path: dict[str, list[Diagnostic]]) -> str:
    rows = []
    for number, path in enumerate(paths, 1):
        diags = by_path.get(path, [])
        name = f"<a href=\"#file-{number}\">{esc(path)}</a>" if diags else esc(path)
        sev = Counter(d.severity.value for d in diags)
        fams = ", ".join(f"{esc(k)} {v}" for k, v in sorted(Counter(d.category for d in diags).items()))
        rows.append(f"<tr><td>{name}</td><td class=\"n\">{len(diags)}</td><td class=\"n\">{sev['error']}</td>"
                    f"<td class=\"n\">{sev['warning']}</td><td class=\"n\">{sev['info']}</td><td>{fams}</td></tr>\n")
    return ("<nav id=\"files\">\n<h2>Files</h2>\n<table>\n<tr><th>file</th><th class=\"n\">findings</th>"
            "<th class=\"n\">errors</th><th class=\"n\">warnings</th><th class=\"n\">info</th><th>families</th></tr>\n"
            + "".join(rows) + "</table>\n</nav>\n")


def _article(number: int, path: str, diags: Sequence[Diagnostic], source_lines: dict[tuple[str, int], str],
             registry: Registry | None) -> str:
    """The article's heading, and its body (text, findings, tools) as a JSON data block that the
    page turns into markup when the article comes near the screen: a JSON string costs the browser
    far less to load than the same markup parsed (2,000 articles, 7,000 findings: see
    docs/review-page.md). The markup is built here, every piece of run text through :func:`esc`."""
    from newslint.output.html_spans import body_json, edit_offsets, highlight, read_text, spans

    ids = [f"f{number}-{i}" for i in range(1, len(diags) + 1)]
    text = read_text(path, diags, source_lines)
    verdict = "".join(f"<p class=\"verdict\">{esc(d.message)}</p>\n" for d in diags if d.code == "NL203")
    if text is None:
        body = ("<p class=\"note\">The article's text is not shown: it could not be read again, or it changed "
                "since the run.</p>\n")
        items = "".join(_finding(d, ident, registry, None) for d, ident in zip(diags, ids))
    else:
        found = spans(text, diags)
        fixable = sum(d.fix is not None for d in diags)
        spin = any(d.fix is not None and d.category == "spin" for d in diags)
        tools = (f"<div class=\"tools\"><button type=\"button\" class=\"download\">Download corrected article</button>"
                 + (" <button type=\"button\" class=\"restore\">Show restored text side by side</button>" if spin else "")
                 + f" <span class=\"tally\">0 of {fixable} fixes accepted</span></div>\n" if fixable else "")
        body = (f"{tools}<div class=\"panes\"><pre class=\"text\">\n{highlight(text, found, ids)}</pre>"
                "<pre class=\"restored\" hidden></pre></div>\n")
        items = "".join(_finding(d, ident, registry, edit_offsets(text, d, start))
                        for (start, _, d), ident in zip(found, ids))
    name = path.replace("\\", "/").rsplit("/", 1)[-1] or "article.txt"
    markup = f"{verdict}{body}<ol class=\"findings\">\n{items}</ol>\n"
    return (f"<article id=\"file-{number}\" class=\"file\" data-name=\"{esc(name)}\">\n<h2>{esc(path)}</h2>\n"
            f"<p class=\"count\">{len(diags)} finding{'s' if len(diags) != 1 else ''}</p>\n"
            f"<script type=\"application/json\" class=\"body\">{body_json(markup, text)}</script>\n"
            "</article>\n")


def _finding(d: Diagnostic, ident: str, registry: Registry | None, edits: tuple[int, str] | None) -> str:
    meta = registry.metas.get(d.code) if registry is not None else None
    about = ""
    if meta is not None:
        url = help_url(meta.code, meta.source)
        link = f" <a href=\"{esc(url)}\" rel=\"noreferrer\">docs</a>" if url else ""
        about = f"<span class=\"about\">{esc(meta.summary)}{link}</span>"
    where = f"<a href=\"#m-{ident}\">{d.line}:{d.column}</a>"
    data = f" data-start=\"{edits[0]}\" data-edits=\"{esc(edits[1])}\"" if edits is not None and d.fix is not None else ""
    return (f"<li id=\"{ident}\" tabindex=\"-1\" class=\"finding {family_class(d.category)} sev-{esc(d.severity.value)}\" "
            f"data-code=\"{esc(d.code)}\" data-family=\"{esc(d.category)}\"{data}>{where} <code>{esc(d.code)}</code> "
            f"<span class=\"rule\">{esc(d.rule)}</span> <span class=\"sev\">{esc(d.severity.value)}</span>: "
            f"{esc(d.message)}{_fix(d, bool(data))}{about}</li>\n")


def _fix(d: Diagnostic, choosable: bool) -> str:
    if d.fix is None:
        return ""
    safety = d.fix.safety.value
    edits = "; ".join(f"line {e.start.line}: " + (f"<ins>{esc(e.replacement)}</ins>" if e.replacement else "delete")
                      for e in d.fix.edits)
    buttons = (" <button type=\"button\" class=\"accept\">Accept</button>"
               "<button type=\"button\" class=\"reject\">Reject</button>" if choosable else "")
    return (f"<span class=\"fix {esc(safety)}\"><b>{esc(safety)} fix</b>: {esc(d.fix.description)}"
            f"{' (' + edits + ')' if edits else ''}{buttons}</span>")

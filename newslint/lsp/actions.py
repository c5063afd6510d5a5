"""Code actions of the language server: newslint's fixes as editor quick fixes.

Each fixable diagnostic under the cursor gets a quick fix, labelled with its safety: a safe fix
is "preferred" (editors apply it with one key), an unsafe one says that it changes wording. Every
diagnostic also offers a ``disable-next-line`` comment, and a ``source.fixAll.newslint`` action
applies every safe fix of the document at once (what "fix on save" runs).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lsprotocol import types

from newslint.model.diagnostic import FixSafety
from newslint.engine.fixer import apply_fixes
from newslint.output.links import rule_url

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newslint.model.diagnostic import Diagnostic, Edit
    from newslint.lsp.positions import LineIndex

_BUILTIN = re.compile(r"NL\d{3}")
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.newslint"
_SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
             "info": types.DiagnosticSeverity.Information}


@dataclass(frozen=True)
class Linted:
    """The lint of one document version: what diagnostics and code actions are built from."""

    version: int | None
    index: LineIndex
    diagnostics: list[Diagnostic]


def _range(index: LineIndex, start: int, end: int) -> types.Range:
    return types.Range(start=types.Position(*index.position(start)), end=types.Position(*index.position(end)))


def to_lsp(diag: Diagnostic, index: LineIndex) -> types.Diagnostic:
    """An LSP diagnostic for a newslint diagnostic, positioned in the client's units."""
    return types.Diagnostic(
        range=_range(index, diag.start_offset, diag.end_offset),
        message=diag.message,
        severity=_SEVERITY[diag.severity.value],
        code=diag.code,
        source="newslint",
        # Built-in codes only (NL followed by three digits): a plugin's rules have no page here.
        code_description=types.CodeDescription(href=rule_url(diag.code)) if _BUILTIN.fullmatch(diag.code) else None,
        data={"rule": diag.rule, "fix": diag.fix.safety.value if diag.fix else None},
    )


def _workspace_edit(uri: str, linted: Linted, edits: Sequence[types.TextEdit], versioned: bool) -> types.WorkspaceEdit:
    if versioned:
        # A versioned edit is refused by the client if the document changed since the lint.
        ident = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=linted.version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=ident, edits=list(edits))])
    return types.WorkspaceEdit(changes={uri: list(edits)})


def _text_edits(index: LineIndex, edits: Sequence[Edit]) -> list[types.TextEdit]:
    return [types.TextEdit(range=_range(index, e.start_offset, e.end_offset), new_text=e.replacement)
            for e in sorted(edits, key=lambda e: e.start_offset)]


def _wanted(kinds: Sequence[str] | None, kind: str) -> bool:
    """Whether the client asked for ``kind`` (``only`` lists kinds or their parents)."""
    return kinds is None or any(kind == k or kind.startswith(f"{k}.") for k in kinds)


def _title(diag: Diagnostic) -> str:
    assert diag.fix is not None
    if diag.fix.safety is FixSafety.SAFE:
        return f"{diag.fix.description} ({diag.code})"
    return f"{diag.fix.description} ({diag.code}, unsafe: changes wording)"


def disable_edit(index: LineIndex, line: int, code: str) -> types.TextEdit:
    """A ``disable-line`` comment at the end of (0-based) ``line``: inline HTML, so a hard-wrapped
    paragraph stays one paragraph. It goes before trailing spaces and a trailing backslash, so a
    hard line break stays one."""
    text = index.text
    line = min(line, len(index.starts) - 1)
    start = index.starts[line]
    at = index._line_end(line)  # noqa: SLF001 - the same module family
    while at > start and text[at - 1] in " \t":
        at -= 1
    if at > start and text[at - 1] == "\\":
        at -= 1
    comment = f"<!-- newslint: disable-line {code} -->"
    new_text = comment if at == start else " " + comment
    pos = types.Position(*index.position(at))
    return types.TextEdit(range=types.Range(start=pos, end=pos), new_text=new_text)


def _disable_edit(index: LineIndex, diag: Diagnostic) -> types.TextEdit:
    return disable_edit(index, index.position(diag.start_offset)[0], diag.code)


def code_actions(uri: str, linted: Linted, params: types.CodeActionParams, *,
                 versioned: bool = False) -> list[types.CodeAction]:
    """The quick fixes for the diagnostics in ``params.range`` and the fix-all action."""
    index = linted.index
    lo = index.offset(params.range.start.line, params.range.start.character)
    hi = index.offset(params.range.end.line, params.range.end.character)
    kinds = params.context.only
    out: list[types.CodeAction] = []
    quick = _wanted(kinds, types.CodeActionKind.QuickFix)
    for diag in linted.diagnostics if quick else ():
        if not (diag.start_offset <= hi and lo <= diag.end_offset):
            continue
        lsp_diag = to_lsp(diag, index)
        if diag.fix is not None:
            out.append(types.CodeAction(
                title=_title(diag), kind=types.CodeActionKind.QuickFix, diagnostics=[lsp_diag],
                is_preferred=diag.fix.safety is FixSafety.SAFE,
                edit=_workspace_edit(uri, linted, _text_edits(index, diag.fix.edits), versioned)))
        out.append(types.CodeAction(
            title=f"Disable {diag.code} for this line", kind=types.CodeActionKind.QuickFix, diagnostics=[lsp_diag],
            edit=_workspace_edit(uri, linted, [_disable_edit(index, diag)], versioned)))
    if _wanted(kinds, FIX_ALL_KIND):
        # The same selection of non-overlapping safe fixes that one pass of ``--fix`` applies.
        _, fixed = apply_fixes(index.text, linted.diagnostics, unsafe=False)
        if fixed:
            edits = [e for d in fixed if d.fix for e in d.fix.edits]
            out.append(types.CodeAction(
                title=f"Fix all safe newslint problems ({len(fixed)})", kind=FIX_ALL_KIND,
                edit=_workspace_edit(uri, linted, _text_edits(index, edits), versioned)))
    return out


def disable_actions(uri: str, index: LineIndex, version: int | None, params: types.CodeActionParams, *,
                    versioned: bool = False) -> list[types.CodeAction]:
    """"Disable CODE for this line" for the newslint diagnostics the client sent with the request:
    what can be offered at once, without waiting for a lint of the current text."""
    if not _wanted(params.context.only, types.CodeActionKind.QuickFix):
        return []
    linted = Linted(version, index, [])
    out = []
    for diag in params.context.diagnostics:
        if diag.source != "newslint" or not diag.code:
            continue
        edit = disable_edit(index, diag.range.start.line, str(diag.code))
        out.append(types.CodeAction(title=f"Disable {diag.code} for this line", kind=types.CodeActionKind.QuickFix,
                                    diagnostics=[diag], edit=_workspace_edit(uri, linted, [edit], versioned)))
    return out

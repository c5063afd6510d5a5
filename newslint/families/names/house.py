"""names (NL304): a name that differs from the newsroom's house list of names."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from newslint.families.names.extract import mentions, similar
from newslint.model.diagnostic import Diagnostic, FixSafety
from newslint.api.rule import Rule, RuleMeta

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from newslint.model.document import Document

_STORY = "Officials met in Geneva on Monday to discuss the new trade rules, according to a statement.\n\n"


def load_names_file(path: Path) -> dict[str, str]:
    """``Canonical Name[: bad variant, bad variant]`` lines → {variant or canonical: canonical}."""
    from newslint.config.settings import ConfigError
    from newslint.model.reading import InputError, read_text_limited

    try:  # the repository's file: bounded, regular files only (a FIFO would block), UTF-8
        return parse_names(read_text_limited(path, "names file").splitlines())
    except InputError as exc:
        raise ConfigError(f"{path}: cannot read the names file: {exc.reason.removeprefix('cannot read: ')}") from None


def parse_names(lines: Sequence[str]) -> dict[str, str]:
    """The house-list table of ``Canonical Name[: bad variant, ...]`` lines (# starts a comment)."""
    table: dict[str, str] = {}
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        canonical, _, bad = line.partition(":")
        canonical = canonical.strip()
        table[canonical] = canonical
        for variant in bad.split(","):
            if variant.strip():
                table[variant.strip()] = canonical
    return table


class HouseName(Rule):
    """A name that is a known bad variant, or a near miss, of a name on the house list."""

    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL304", name="house-name", category="names",
        summary="Name differs from the house list",
        what="With `names-file` (see examples/house-names.list) or `names` set, flags listed bad variants and any full "
             "name whose given name matches a listed name and whose surname is one or two edits from it.",
        why="A newsroom's list of the people it covers is the one reliable source of their spelling.",
        bad=_STORY + "Leah Mellis took the photograph, and Leah Milis edited it.\n",
        good=_STORY + "Leah Millis took the photograph, and Leah Mills, a reporter, wrote the story.\n",
        fix_safety=FixSafety.UNSAFE,
        options={"names-file": "", "names": []},
        example_options={"names": ["Leah Millis: Leah Mellis", "Leah Mills"]},
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag mentions that differ from the canonical spelling."""
        table = self._table()
        if not table:
            return
        canon = {tuple(c.split()[:1] + c.split()[-1:]): c for c in set(table.values())}
        for m in mentions(doc):
            if not m.full:
                continue
            written = f"{m.given} {m.surname}"
            right = table.get(written)
            if right is None:
                right = next((c for (g, s), c in canon.items()
                              if g == m.given and s != m.surname and similar(s, m.surname)), None)
            if right and right != written:
                # The given name may stand further back than one space ("George W Bush").
                start = doc.prose.rfind(m.given, max(0, m.start - len(m.given) - 8), m.start)
                if start < 0:
                    continue
                # With a middle initial between, only the surname is replaced, so the initial stays.
                edit = (doc.edit(start, m.end, right) if doc.prose[start : m.end] == written
                        else doc.edit(m.start, m.end, right.split()[-1]))
                yield doc.diagnostic(self.meta, start, m.end, f"'{written}' is spelled '{right}' in the house list",
                                     edits=[edit], fix_description=f"Replace with '{right}'")

    def _table(self) -> dict[str, str]:
        cached = getattr(self, "_cached", None)
        if cached is None:
            path = str(self.options.get("names-file") or "")
            cached = load_names_file(Path(path)) if path else {}
            cached.update(parse_names(self.options.get("names") or []))
            self._cached = cached
        return cached


RULES = [HouseName]

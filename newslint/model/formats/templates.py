"""Template syntax of static-site generators, masked in every format: no rule sees or fixes it.

Recognised (with the ``-`` whitespace-control variants):

- Hugo shortcodes ``{{< name … >}}`` and ``{{% name … %}}`` (also the escaped ``{{</* … */>}}``);
  the text *between* a paired shortcode (``{{< note >}}Text{{< /note >}}``) stays prose.
- Liquid / Jekyll / Eleventy / Nunjucks tags ``{% … %}``, output ``{{ … }}`` and comments ``{# … #}``.
- Blocks whose content is not prose at all: ``{% raw %}…{% endraw %}``, ``{% comment %}…{% endcomment %}``,
  ``{% highlight … %}…{% endhighlight %}`` and Hugo's ``{{< highlight … >}}…{{< /highlight >}}``.

A site's own syntax can be described with ``ignore-patterns`` / ``ignore-blocks`` in the config
(:func:`user_spans`).
"""
from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

# A tag may span lines (a long shortcode's parameters) but not paragraphs: an unclosed ``{{`` in
# prose must not swallow the rest of the article.
_IN = r"(?:[^\n]|\n(?![ \t]*\n))*?"
# Whole blocks first (their content may hold anything, even unbalanced tags), then single tags.
_TEMPLATE = re.compile(
    r"""
    \{%-?[ \t]*(?P<block>raw|comment|highlight)\b.*?%\}.*?\{%-?[ \t]*end(?P=block)[ \t]*-?%\}
    | \{\{[<%][ \t]*(?P<hblock>highlight|code)\b.*?[>%]\}\}.*?\{\{[<%][ \t]*/(?P=hblock)[ \t]*[>%]\}\}
    | \{\{<{IN}>\}\} | \{\{%{IN}%\}\}
    | \{%{IN}%\} | \{\{{IN}\}\} | \{\#{IN}\#\}
    """.replace("{IN}", _IN),
    re.S | re.X,
)


def template_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of every template tag and non-prose template block in ``text``."""
    if "{" not in text:
        return []
    return [m.span() for m in _TEMPLATE.finditer(text)]


def user_spans(text: str, patterns: Sequence[Any], blocks: Sequence[Any], *,
               deadline: float | None = None) -> list[tuple[int, int]]:
    """Spans of the config's ``ignore-patterns`` (the match) and ``ignore-blocks`` (the match,
    widened to whole lines so that the block ends the paragraph around it, as Vale's
    BlockIgnores do). With a ``deadline`` (``time.perf_counter()``) the patterns must be ``regex``
    ones and raise ``TimeoutError`` past it."""

    def matches(pattern: Any) -> Any:
        if deadline is None:
            return pattern.finditer(text)
        return pattern.finditer(text, timeout=max(deadline - time.perf_counter(), 0.001))

    out = [m.span() for p in patterns for m in matches(p) if m.end() > m.start()]
    for block in blocks:
        for m in matches(block):
            if m.end() == m.start():
                continue
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.end() - 1 if text[m.end() - 1 : m.end()] == "\n" else m.end())
            out.append((start, len(text) if end < 0 else end))
    return out


class UserMasks:
    """The config's ``ignore-patterns`` and ``ignore-blocks``, run under a time budget.

    They come from the repository's config, which is untrusted: a catastrophic pattern such as
    ``(a+)+$`` would otherwise hang every document. Like a user pack's patterns (``packs.py``),
    they run with the ``regex`` module's timeout, within a :class:`~newslint.model.reading.TimeBudget`."""

    def __init__(self, patterns: Sequence[str], blocks: Sequence[str]) -> None:
        import regex

        from newslint.model.reading import TimeBudget

        self.patterns = [regex.compile(v, regex.M | regex.V0) for v in patterns]
        self.blocks = [regex.compile(v, regex.M | regex.S | regex.V0) for v in blocks]
        self._budget = TimeBudget()

    def spans(self, text: str, where: str) -> list[tuple[int, int]]:
        """:func:`user_spans` of ``text``, or a ``RuleTimeout`` naming ``where`` (the document)."""
        from newslint.model.reading import RuleTimeout

        timeout = self._budget.grant(len(text))
        if timeout is None:
            raise RuleTimeout(f"{where}: not linted: the config's ignore-patterns/ignore-blocks used up this "
                              "run's time budget on earlier files (catastrophic backtracking?); rewrite them")
        started = time.perf_counter()
        try:
            return user_spans(text, self.patterns, self.blocks, deadline=started + timeout)
        except TimeoutError:
            raise RuleTimeout(f"{where}: not linted: a pattern of the config's ignore-patterns/ignore-blocks "
                              "took too long (catastrophic backtracking?); rewrite it") from None
        finally:
            self._budget.spend(time.perf_counter() - started)

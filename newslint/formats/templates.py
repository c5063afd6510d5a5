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
from typing import TYPE_CHECKING

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


def user_spans(text: str, patterns: Sequence[re.Pattern[str]], blocks: Sequence[re.Pattern[str]]) -> list[tuple[int, int]]:
    """Spans of the config's ``ignore-patterns`` (the match) and ``ignore-blocks`` (the match,
    widened to whole lines so that the block ends the paragraph around it, as Vale's
    BlockIgnores do)."""
    out = [m.span() for p in patterns for m in p.finditer(text) if m.end() > m.start()]
    for block in blocks:
        for m in block.finditer(text):
            if m.end() == m.start():
                continue
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.end() - 1 if text[m.end() - 1 : m.end()] == "\n" else m.end())
            out.append((start, len(text) if end < 0 else end))
    return out


def compile_patterns(values: Sequence[str], *, block: bool) -> list[re.Pattern[str]]:
    """Compile config patterns (Python ``re`` syntax); ``^``/``$`` match at line ends, and a
    block pattern's ``.`` also matches a newline. Raises ``re.error`` for a bad pattern."""
    flags = re.M | (re.S if block else 0)
    return [re.compile(v, flags) for v in values]

"""Template syntax (Hugo, Jekyll/Liquid, Eleventy/Nunjucks), user ignore patterns, default excludes.

Every fixture puts a misspelling both inside template syntax (must not be seen) and in the prose
(must be seen), so a mask that hides everything fails as surely as one that hides nothing.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from newslint.cli import main
from newslint.config.settings import Config, ConfigError, load_config
from newslint.engine.files import discover
from newslint.model.formats import prose_mask
from newslint.testing import lint_text

PROSE = "The council voted on Tuesday to recieve the new budget, a spokeswoman said.\n"

HUGO = """+++
title = "Council budget"
+++
{{< figure src="/img/hall.jpg" caption="teh town hall in snow" >}}

""" + PROSE + """
{{% notice note %}}
The vote was close, and the mayor said she would recieve comments.
{{% /notice %}}

{{< highlight python >}}
budgit = chekc(teh)
{{< /highlight >}}

{{</* youtube teh-id */>}}
"""

JEKYLL = """---
layout: post
title: Council budget
---
{% include figure.html src="hall.jpg" caption="teh hall" %}

""" + PROSE + """
Read the [minutes]({{ site.baseurl }}/minutes/) or {{ page.authr | upcase }} notes.

{% raw %}
Template example: {{ teh.varible }} and {% if budgit %}x{% endif %}
{% endraw %}

{% comment %}
teh editor says: chekc this before publishing.
{% endcomment %}

{% highlight ruby %}
recieve_budgit = 1
{% endhighlight %}
"""

ELEVENTY = """---
title: Council budget
tags: [news]
---
{% image "hall.jpg", "teh hall in snow" %}

""" + PROSE + """
{# teh editor: chekc this before publishing #}
{%- for itme in collections.budgit -%}
- {{ itme.data.titel }}
{%- endfor -%}
"""


def _words(diags: list) -> set[str]:
    return {d.message.split("'")[1] for d in diags if d.code == "NL601"}


@pytest.mark.parametrize(("name", "text"), [("hugo.md", HUGO), ("jekyll.md", JEKYLL), ("eleventy.md", ELEVENTY)])
def test_template_syntax_is_not_prose(name: str, text: str) -> None:
    hidden = {"teh", "chekc", "budgit", "varible", "authr", "itme", "titel", "recieve_budgit"}
    found = _words(lint_text(text, ["spelling"], name=name))
    assert "recieve" in found  # the prose is still read
    assert not found & hidden
    # Control: with the braces gone, the same words are prose and flagged.
    plain = text.replace("{", "(").replace("}", ")")
    assert len(_words(lint_text(plain, ["spelling"], name=name)) & hidden) >= 2


def test_hugo_paired_shortcode_keeps_its_inner_text() -> None:
    prose = prose_mask(HUGO, "markdown")
    assert "would recieve comments" in prose
    assert "notice" not in prose and "figure" not in prose and "youtube" not in prose


def test_html_is_masked_plain_text_is_not() -> None:
    html = "<p>Budget {{ page.titel }} vote {% if x %}held{% endif %}.</p>\n"
    assert "titel" not in prose_mask(html, "html")
    # Plain text is scraped copy, not a site's source: a stray tag there is debris (NL402).
    assert prose_mask("Budget {{ page.titel }} vote.\n", "text") == "Budget {{ page.titel }} vote.\n"
    assert any(d.code == "NL402" for d in lint_text("{{ ad_slot }}\n\n" + PROSE, ["NL402"], name="a.txt"))
    assert not lint_text("{{ ad_slot }}\n\n" + PROSE, ["NL402"], name="a.md")


def test_unclosed_brace_does_not_swallow_the_next_paragraph() -> None:
    text = "A sign read {{ one brace only.\n\nThe council will recieve it }} later.\n"
    prose = prose_mask(text, "markdown")
    assert prose == text  # no tag closes before the paragraph ends; nothing is masked


def test_a_tag_may_span_lines_within_a_paragraph() -> None:
    text = '{{< figure src="a.jpg"\n    caption="teh caption" >}}\nThe vote followed.\n'
    assert "caption" not in prose_mask(text, "markdown")


def _config(tmp_path: Path, body: str) -> Config:
    (tmp_path / "newslint.toml").write_text(body, encoding="utf-8")
    return load_config(cwd=tmp_path)


def test_ignore_patterns_mask_tokens(tmp_path: Path) -> None:
    config = _config(tmp_path, 'ignore-patterns = ["\\\\[\\\\[[^\\\\]]*\\\\]\\\\]", "%%[a-z ]+%%"]\n')
    text = "Ask %%chekc seperate%% about [[teh wikki page]]; officials will recieve it.\n"
    found = _words(lint_text(text, ["spelling"], name="a.md", config=config))
    assert found == {"recieve"}
    unmasked = _words(lint_text(text, ["spelling"], name="a.md"))
    assert {"teh", "wikki", "chekc", "seperate"} <= unmasked  # without the config the same words are flagged


def test_ignore_blocks_mask_whole_lines(tmp_path: Path) -> None:
    config = _config(tmp_path, 'ignore-blocks = ["^<<<sidebar.*?^>>>$"]\n')
    text = "Officials will recieve it.\n<<<sidebar\nteh sidebar chekc\n>>>\nThe vote was held.\n"
    found = _words(lint_text(text, ["spelling"], name="a.md", config=config))
    assert found == {"recieve"}


def test_bad_ignore_pattern_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text('ignore-patterns = ["(unclosed"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="ignore-patterns.*invalid regular expression"):
        load_config(cwd=tmp_path)


def test_bad_ignore_pattern_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "newslint.toml").write_text('ignore-blocks = ["[a-"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(PROSE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a.md"]) == 2
    err = capsys.readouterr().err
    assert "ignore-blocks" in err and "Traceback" not in err


def _site(tmp_path: Path) -> Path:
    for rel in ["content/posts/vote.md", "layouts/_default/single.html", "themes/t/layouts/index.html",
                "_includes/footer.html", "_layouts/post.html", "_site/vote/index.html", "public/index.html",
                "static/robots.txt", "LICENSE.txt", "LICENSE", "robots.txt", "CHANGELOG.md", "README.md",
                "posts/notice.md", "posts/history.md", "posts/readme.md"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PROSE, encoding="utf-8")
    return tmp_path


def test_default_walk_skips_templates_build_output_and_legal_files(tmp_path: Path) -> None:
    root = _site(tmp_path)
    found = sorted(p.relative_to(root).as_posix() for p in discover([str(root)], root=root))
    assert found == ["content/posts/vote.md", "posts/history.md", "posts/notice.md", "posts/readme.md"]


def test_default_exclude_false_walks_everything(tmp_path: Path) -> None:
    root = _site(tmp_path)
    assert len(list(discover([str(root)], root=root, default_exclude=False))) == 15  # LICENSE has no suffix


def test_force_exclude_applies_default_excludes_to_named_files(tmp_path: Path) -> None:
    root = _site(tmp_path)
    named = [str(root / "LICENSE.txt"), str(root / "layouts/_default/single.html"), str(root / "content/posts/vote.md")]
    assert [p.name for p in discover(named, root=root, force_exclude=True)] == ["vote.md"]
    assert len(list(discover(named, root=root))) == 3  # named without --force-exclude: linted


def test_default_exclude_config_key(tmp_path: Path) -> None:
    assert _config(tmp_path, "default-exclude = false\n").default_exclude is False
    (tmp_path / "newslint.toml").write_text('default-exclude = "no"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="default-exclude"):
        load_config(cwd=tmp_path)


DOCS = Path(__file__).resolve().parent.parent / "docs" / "content-sites.md"
RECIPE_FIXTURES = {
    "Hugo": ("## Budget vote {#goverment .wide}\n\nThe council will recieve it :chekc:\n"
             "{.untill}\n", {"goverment", "chekc", "untill"}),
    "Jekyll": ("The council will recieve it.\n{: .budgit-clas}\n\n{::nomarkdown}\n<b>teh chekc</b>\n{:/nomarkdown}\n",
               {"budgit", "clas", "teh", "chekc"}),
    "Eleventy": ("The council will recieve it.\n\n{% codeblock js %}\nconst budgit = chekc(teh);\n{% endcodeblock %}\n\n"
                 "{% macro fieldd(itme) %}\nteh itme\n{% endmacro %}\n", {"budgit", "chekc", "teh", "fieldd", "itme"}),
}


def _recipes() -> dict[str, str]:
    import re

    blocks = re.findall(r"```toml\n# (\w+)[^\n]*\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    return dict(blocks)


@pytest.mark.parametrize("site", sorted(RECIPE_FIXTURES))
def test_documented_recipes(site: str, tmp_path: Path) -> None:
    recipe = _recipes()[site]
    text, hidden = RECIPE_FIXTURES[site]
    config = _config(tmp_path, recipe)
    found = _words(lint_text(text, ["spelling"], name="post.md", config=config))
    assert "recieve" in found and not found & hidden
    assert len(_words(lint_text(text, ["spelling"], name="post.md")) & hidden) >= 2  # control: no recipe

"""spelling (NL601, NL603): misspelled words, and spellings outside the house dialect.

Real-word typos in fixed contexts (NL602) are the data pack rules/spelling.toml. Speed: the
document's set of words (shared with the spin rules) minus the dictionary is one set operation;
only the few unknown words get a verdict (newslint/families/spelling/suggest.py, cached per distinct
word for the whole run), and only the words judged plausible typos are located in the text and
checked against the token around them, which is found once per token (linear in its length).
"""
from __future__ import annotations

import os
import re
from bisect import bisect_right
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from newslint.families.spelling import data
from newslint.families.spelling.suggest import verdict
from newslint.model.diagnostic import FixSafety
from newslint.api.phrases import doc_words
from newslint.model.reading import read_text_limited
from newslint.api.rule import Rule, RuleMeta

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.model.diagnostic import Diagnostic
    from newslint.model.document import Document

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TOKEN = re.compile(r"\S+")
# A dot between a letter or digit and a letter: a domain (fbi.gov), a file name (report.pdf).
_DOTTED = re.compile(r"[^\W_]\.[^\W\d_]")
# English copy, even technical, has at most a few per cent of distinct words outside the lists
# (names are capitalised and not counted); a text in another language has most of them.
FOREIGN_MIN = 20
FOREIGN_SHARE = 0.15
_NOT_BESIDE = "'’*_\u00ad\u200b-&"  # contraction, emphasis (a foreign word), invisible marks, entity


class MisspelledWord(Rule):
    """A lowercase word that no English dialect's list knows and that is plausibly a typo."""

    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL601", name="misspelled-word", category="spelling",
        summary="Misspelled word",
        what="Finds lowercase words that no English dialect's word list knows (SCOWL: American, British, "
             "Canadian, Australian) and that are plausibly typos: a known misspelling (codespell's list) or a "
             "word with a close, far more frequent known word (wordfreq). Never checked: capitalised words "
             "(names), acronyms, numbers, words of one or two letters, URLs, domain and file names, e-mail "
             "addresses, @handles, #hashtags, HTML entities, words in Markdown italics (foreign words), "
             "contractions, news and wire vocabulary (pct, dlrs, mln, eurozone), an abbreviation the text "
             "defines in parentheses after the words it abbreviates (\"natural gas liquids (ngls)\"), and words in `words`, "
             "`words-file` or `.newslint-words.txt`.",
        why="Typos survive into published copy when nobody runs a spell checker on the final text.",
        bad="The goverment said the plan was recieved well.\n",
        good="The government said the favourite colour was recognised at https://example.com/qwzx by @qwzxnews, "
             "as *joie de vivre* suggests; shares rose 5 pct to 12 dlrs.\n",
        fix_safety=FixSafety.UNSAFE,
        fix_note="Safe only for a known misspelling with exactly one correction (as codespell applies "
                 "it); a guess from word frequencies is unsafe.",
        options={"words": [], "words-file": ""},
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag each lowercase occurrence of an unknown word that is a plausible typo."""
        prose = doc.prose
        # Set differences in C first; the few words left are filtered one by one.
        missing = data.dictionary().missing(doc_words(doc)) - data.house_words() - self._extra_words()
        words = [w for w in missing if len(w) > 2 and w.isascii() and w.isalpha()]
        # Only words that stand in the text in lowercase are judged (capitalised ones are names).
        occurrences = _occurrences(prose, words)
        lowercase = {w for _, w in occurrences}
        if len(lowercase) >= FOREIGN_MIN and len(lowercase) > FOREIGN_SHARE * len(doc_words(doc)):
            return  # most of its words are no dialect's: not English (a Spanish post), not typos
        judged = {}
        for word in lowercase:
            found = None if _inflected(word) else verdict(word)
            if found is not None:
                judged[word] = found
        if not judged:
            return
        # An abbreviation the text defines ("natural gas liquids (ngls)") is a word of it everywhere.
        defined = {w for at, w in occurrences if w in judged and _defined(prose, at, at + len(w))}
        skip = _Skipper(prose)
        for start, word in sorted(occurrences):
            end = start + len(word)
            if word not in judged or word in defined or skip(start) or _glued(doc.text, prose, start, end):
                continue
            ranked = judged[word]
            shown = ", ".join(f"'{s}'" for s in ranked.suggestions)
            what = "Known misspelling" if ranked.known else "Unknown word"
            yield doc.diagnostic(self.meta, start, end, f"{what} '{word}'; did you mean {shown}?",
                                 edits=[doc.edit(start, end, ranked.suggestions[0])],
                                 fix_description=f"Replace with '{ranked.suggestions[0]}'",
                                 safety=FixSafety.SAFE if ranked.safe else FixSafety.UNSAFE)

    def _extra_words(self) -> frozenset[str]:
        """The project's words: ``words``, ``words-file`` and ``.newslint-words.txt`` (read once)."""
        cached: frozenset[str] | None = getattr(self, "_extra", None)
        if cached is None:
            words = {str(w).lower() for w in self.options.get("words") or []}
            files = [str(self.options.get("words-file") or "")]
            root = str(self.options.get("project-root") or "")
            if root:
                files.append(str(Path(root) / ".newslint-words.txt"))
            for i, name in enumerate(files):
                if not name or (i and not os.path.lexists(name)):  # .newslint-words.txt is optional
                    continue
                # The repository's lists: bounded, regular files only (a FIFO would block), UTF-8.
                text = read_text_limited(name, "words file")
                words.update(line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#")
            cached = self._extra = frozenset(words)
        return cached


def _glued(text: str, prose: str, start: int, end: int) -> bool:
    """Whether the word runs on across a Markdown link's target: ``[a projec](url)t`` renders
    "a project", so "projec" is no typo, and "correcting" it would render "projectt"; likewise
    ``[foo](url)bar``, and a word whose last letters are a link's text: ``serie[s](url)`` renders
    "series". The target is masked in the prose (``text`` differs there)."""
    if prose.startswith("[", end) and end + 1 < len(prose) and prose[end + 1].isalnum():
        return True
    if prose.startswith("]", end) and text.startswith("(", end + 1):
        k = end + 1
        while k < len(text) and prose[k] != text[k]:
            k += 1
        if k > end + 1 and k < len(prose) and prose[k].isalnum():
            return True
    k = start
    while k > 0 and prose[k - 1] != text[k - 1]:
        k -= 1
    return k < start and k > 1 and prose[k - 1] == "]" and prose[k - 2].isalnum()


def _defined(prose: str, start: int, end: int) -> bool:
    """Whether the word is an abbreviation the text defines in place: in parentheses right after the
    words whose initials it spells, plural "s" and all ("natural gas liquids (ngls)", "video tape
    recorders (vtrs)", as wire copy writes them in lowercase)."""
    if not (start and prose[start - 1] == "(" and prose.startswith(")", end)):
        return False
    letters = prose[start:end].lower()
    for stem in {letters, letters.removesuffix("s")}:
        if len(stem) < 2:
            continue
        words = prose[max(0, start - 1 - 12 * len(stem)) : start - 1].split()[-len(stem):]
        if len(words) == len(stem) and "".join(w[0].lower() for w in words) == stem:
            return True
    return False


def _inflected(word: str) -> bool:
    """A plural of a known or house word (telcos, dotcoms): SCOWL inflects its own words."""
    if not word.endswith("s"):
        return False
    stems = (word[:-1], word[:-2]) if word.endswith("es") else (word[:-1],)
    return any(s in data.house_words() or s in data.dictionary() for s in stems)


def _occurrences(prose: str, words: list[str]) -> list[tuple[int, str]]:
    """(offset, word) of each whole-word, lowercase occurrence of ``words``.

    A few words (an article's usual handful) are found with ``str.find``; many (a long or junk
    document) in one pass of a pattern over the text, so the cost stays linear in its length."""
    if len(words) > _FIND_AT_MOST:
        wanted = set(words)
        return [(m.start(), m.group()) for m in _LOWER_WORD.finditer(prose) if m.group() in wanted]
    out = []
    for word in words:
        pos = prose.find(word)
        while pos >= 0:
            end = pos + len(word)
            before = prose[pos - 1] if pos else " "
            after = prose[end] if end < len(prose) else " "
            if not (before.isalnum() or before in _NOT_BESIDE or after.isalnum() or after in _NOT_BESIDE):
                out.append((pos, word))
            pos = prose.find(word, end)
    return out


_FIND_AT_MOST = 32
_LOWER_WORD = re.compile(r"(?<![\w'’*\u00ad\u200b&-])[a-z]{3,}(?![\w'’*\u00ad\u200b&-])")


class _Skipper:
    """Whether the token (run of non-space) around an offset is not prose: a URL, an e-mail
    address, a handle, a hashtag, a domain or file name, an HTML entity; or whether the offset is
    in an HTML comment. Offsets must come in ascending order: the tokens are walked once, in C,
    and each token holding an offset is judged once, so the cost is linear in the document
    however long a token is or how often a word recurs, and no list of tokens is kept."""

    def __init__(self, prose: str) -> None:
        self._prose = prose
        self._tokens = _TOKEN.finditer(prose)
        self._span = (-1, -1)
        self._skipped: bool | None = None
        self._comments = [m.span() for m in _COMMENT.finditer(prose)] if "<!--" in prose else []
        self._comment_starts = [a for a, _ in self._comments]

    def __call__(self, at: int) -> bool:
        index = bisect_right(self._comment_starts, at) - 1
        if index >= 0 and at < self._comments[index][1]:
            return True
        while self._span[1] <= at:
            found = next(self._tokens, None)
            if found is None:
                return False
            self._span, self._skipped = found.span(), None
        start, end = self._span
        if start > at:
            return False
        if self._skipped is None:
            self._skipped = _not_prose(self._prose[start:end])
        return self._skipped


def _not_prose(token: str) -> bool:
    token = token.lstrip("([{\"'“‘")
    if token[:1] in ("@", "#") or "://" in token or token.startswith("www."):
        return True
    at = token.find("@", 1)
    if at > 0 and "." in token[at:]:
        return True
    if "&" in token and ";" in token:
        return True
    return _DOTTED.search(token.rstrip(".,;:!?)]}\"'”’")) is not None


def _rules() -> list[type[Rule]]:
    from newslint.families.spelling.dialect import DialectSpelling

    return [MisspelledWord, DialectSpelling]


RULES = _rules()

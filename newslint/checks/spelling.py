"""spelling (NL601): ordinary misspelled words, with ranked suggestions from pyspellchecker.

Real-word typos in fixed contexts (NL602) are the data pack rules/spelling.toml. Speed: the
document's set of words (shared with the spin rules) minus the dictionary is computed with set
operations; only the few unknown words are located, and only they are checked against URLs and
handles and get suggestions. The dictionary's word
list is cached as plain text in the user's cache folder (~/.cache/newslint; loading
pyspellchecker takes ~0.3 s, the cached list ~30 ms), and pyspellchecker itself loads only when a document has an unknown word.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from newslint.diagnostic import FixSafety
from newslint.packs import builtin_pack_dir
from newslint.phrases import doc_words
from newslint.rule import Rule, RuleMeta

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.diagnostic import Diagnostic
    from newslint.document import Document

# Tokens in which words are not prose: URLs, e-mail addresses, @handles, #hashtags, file names.
_SKIP_TOKEN = re.compile(r"https?://|www\.|\S@\S+\.\w|(?<!\S)[@#]\w|\w\.(?:com|org|net|html?|pdf|jpg|png)\b")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BRITISH = [(re.compile(p), r) for p, r in [
    (r"our(s?)$", r"or\1"), (r"ise([sd]?)$", r"ize\1"), (r"ising$", "izing"), (r"isation(s?)$", r"ization\1"),
    (r"yse([sd]?)$", r"yze\1"), (r"tre(s?)$", r"ter\1"), (r"ogue(s?)$", r"og\1"), (r"lled$", "led"),
    (r"lling$", "ling"), (r"ence$", "ense"), (r"mme(s?)$", r"m\1"), (r"ae", "e"), (r"oe", "e")]]


def _cache_dir() -> Path | None:
    """Where the dictionary's word list is kept: per user, shared by every project (None: off)."""
    if os.environ.get("NEWSLINT_NO_CACHE"):
        return None
    base = os.environ.get("NEWSLINT_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newslint"


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """Every word pyspellchecker knows (English), plus newslint's news vocabulary."""
    import spellchecker

    folder = _cache_dir()
    cached = folder / f"words-en-{getattr(spellchecker, '__version__', '0')}.txt" if folder else None
    try:
        if cached is None:
            raise OSError
        words = frozenset(cached.read_text(encoding="utf-8").split())
    except OSError:
        words = frozenset(_checker().word_frequency.dictionary)
        if cached is not None:
            try:
                cached.parent.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_text("\n".join(sorted(words)), encoding="utf-8")
                os.replace(tmp, cached)
            except OSError:
                pass
    return words | house_words()


@lru_cache(maxsize=1)
def house_words() -> frozenset[str]:
    """newslint's own list of news words (rules/data/spelling-words.txt)."""
    path = builtin_pack_dir() / "data" / "spelling-words.txt"
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _checker() -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(distance=2)


def suggestions(word: str) -> list[str]:
    """Candidates for ``word``, most frequent first (empty when there is none).

    Two edits only for words of up to eight letters: for longer ones the candidate space explodes
    and one edit is what a typo in a long word usually is."""
    checker = _checker()
    checker.distance = 2 if len(word) <= 8 else 1
    found = checker.candidates(word) or set()
    found.discard(word)
    return sorted(found, key=lambda w: (-checker.word_frequency[w], w))


def _accepted(word: str, known: frozenset[str]) -> bool:
    """British spellings of known American ones, and plurals of known words."""
    if word.endswith("s") and (word[:-1] in known or (word.endswith("es") and word[:-2] in known)):
        return True
    return any(p.search(word) and p.sub(r, word) in known for p, r in _BRITISH)


class MisspelledWord(Rule):
    """An ordinary word that is not in the dictionary and has a close suggestion."""

    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL601", name="misspelled-word", category="spelling",
        summary="Misspelled word",
        what="Finds lowercase words that are not in the English dictionary (pyspellchecker) and have a "
             "close suggestion, ranked by frequency. Never checked: capitalised words (names), acronyms, "
             "numbers, URLs, e-mail addresses, @handles, #hashtags, words in Markdown italics (foreign "
             "words), contractions, British spellings, and words in `words`, `words-file` or "
             "`.newslint-words.txt`.",
        why="Typos survive into published copy when nobody runs a spell checker on the final text.",
        bad="The goverment said the plan was recieved well.\n",
        good="The government said the colour scheme was recognised at https://example.com/qwzx by @qwzxnews, "
             "as *joie de vivre* suggests.\n",
        fix_safety=FixSafety.UNSAFE,
        fix_note="Safe when there is exactly one candidate, one edit away; otherwise unsafe.",
        options={"words": [], "words-file": ""},
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag each occurrence of an unknown lowercase word that has a suggestion."""
        known = dictionary()
        extra = self._extra_words()
        # The document's word set (shared with the spin rules) minus the dictionary: a few set
        # operations in C. Only the words left are searched for, as lowercase whole words:
        # capitalised ones are names or sentence starts and are never checked.
        prose = doc.prose
        unknown = [w for w in doc_words(doc) - known - extra
                   if len(w) > 2 and w.isascii() and w.isalpha() and w in prose and not _accepted(w, known)]
        if not unknown:
            return
        comments = [m.span() for m in _COMMENT.finditer(prose)] if "<!--" in prose else []
        for start, word in sorted(_occurrences(prose, unknown)):
            if _in_skipped_token(prose, start) or any(a <= start < b for a, b in comments):
                continue
            ranked = suggestions(word)
            if not ranked:
                continue
            safe = len(ranked) == 1 and _distance(word, ranked[0]) == 1
            shown = ", ".join(ranked[:3])
            end = start + len(word)
            yield doc.diagnostic(self.meta, start, end, f"Unknown word '{word}'; did you mean {shown}?",
                                 edits=[doc.edit(start, end, ranked[0])],
                                 fix_description=f"Replace with '{ranked[0]}'",
                                 safety=FixSafety.SAFE if safe else FixSafety.UNSAFE)

    def _extra_words(self) -> frozenset[str]:
        cached = getattr(self, "_extra", None)
        if cached is None:
            words = {w.lower() for w in self.options.get("words") or []}
            files = [str(self.options.get("words-file") or "")]
            root = str(self.options.get("project-root") or "")
            if root:
                files.append(str(Path(root) / ".newslint-words.txt"))
            for name in files:
                if name and os.path.isfile(name):
                    with open(name, encoding="utf-8") as handle:
                        words.update(line.strip().lower() for line in handle if line.strip() and line[0] != "#")
            cached = self._extra = frozenset(words)
        return cached


_NOT_BESIDE = "'’*_\u00ad\u200b-"  # an apostrophe (contraction), emphasis (a foreign word), invisible marks


def _occurrences(prose: str, words: list[str]) -> list[tuple[int, str]]:
    """(offset, word) of each whole-word, lowercase occurrence of ``words`` (found with str.find:
    a pattern compiled per document cost more than the search)."""
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


def _in_skipped_token(prose: str, at: int) -> bool:
    """True when the whitespace-delimited token around ``at`` is a URL, an e-mail address, a
    handle, a hashtag or a file name (checked only where an unknown word was found)."""
    start = at
    while start > 0 and not prose[start - 1].isspace():
        start -= 1
    end = at
    while end < len(prose) and not prose[end].isspace():
        end += 1
    return _SKIP_TOKEN.search(prose[start:end]) is not None


def _distance(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return int(Levenshtein.distance(a, b))


RULES = [MisspelledWord]

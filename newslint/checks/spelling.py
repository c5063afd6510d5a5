"""spelling (NL601): ordinary misspelled words, with ranked suggestions from pyspellchecker.

Real-word typos in fixed contexts (NL602) are the data pack rules/spelling.toml. Speed: the
document's set of words (shared with the spin rules) minus the dictionary is computed with set
operations; only the few unknown words are located, and only they are checked against URLs and
handles and get suggestions. The dictionary's word
list is cached in the user's cache folder (~/.cache/newslint) as a sorted list answered by bounded
string search (newslint/wordlist.py): loading pyspellchecker takes ~0.3 s, the list a few ms.
pyspellchecker itself loads only when a document has an unknown word.
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
from newslint.wordlist import WordList

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


@lru_cache(maxsize=1)
def dictionary() -> WordList:
    """Every word pyspellchecker knows (English), as a sorted list (see newslint/wordlist.py).

    Kept in the per-user cache, keyed by pyspellchecker's English word file (found without
    importing pyspellchecker): reading it takes milliseconds, loading pyspellchecker ~0.3 s."""
    from newslint.usercache import cached

    return cached("words-en", _sources(), "wordlist-1",  # type: ignore[no-any-return]
                  lambda: WordList.from_words(_checker().word_frequency.dictionary))


def _sources() -> list[Path]:
    """pyspellchecker's English word file, or nothing when it cannot be found."""
    from importlib.util import find_spec

    spec = find_spec("spellchecker")
    if spec is None or spec.origin is None:
        return []
    source = Path(spec.origin).parent / "resources" / "en.json.gz"
    return [source] if source.is_file() else []


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


def is_known(word: str) -> bool:
    """True for a word of the dictionary or of newslint's news vocabulary."""
    return word in house_words() or word in dictionary()


def _accepted(word: str) -> bool:
    """British spellings of known American ones, and plurals of known words."""
    if word.endswith("s") and (is_known(word[:-1]) or (word.endswith("es") and is_known(word[:-2]))):
        return True
    return any(p.search(word) and is_known(p.sub(r, word)) for p, r in _BRITISH)


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
        extra = self._extra_words()
        # The document's word set (shared with the spin rules) minus the dictionary: a few set
        # operations in C. Only the words left are searched for, as lowercase whole words:
        # capitalised ones are names or sentence starts and are never checked.
        prose = doc.prose
        # Set differences first (in C once the dictionary is a set), then the few words left are
        # filtered one by one: short words, digits, non-ASCII and capitalised-only words are skipped.
        missing = dictionary().missing(doc_words(doc)) - house_words() - extra
        unknown = [w for w in missing
                   if len(w) > 2 and w.isascii() and w.isalpha() and w in prose and not _accepted(w)]
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

"""The language of a document: front matter ``lang`` / ``language`` / ``locale``, or a stopword count.

The spelling and spin families judge English words against English data; on a Spanish, German or
French page every other word is a "misspelling". The engine runs those families only on pages
this module finds to be English (or cannot tell: short or mixed text counts as English, so a
lint is never silently skipped on a guess).

The detector counts, among the prose's words, the most frequent function words of each language
(articles, prepositions, conjunctions, pronouns: closed classes that every page uses). English
prose has 35-45 % of its words in its list; another language's page has a few percent (names,
quoted titles). It decides only when one language's share is large and twice any other's.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import filterfalse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newslint.model.document import Document

ENGLISH_ONLY = frozenset({"spelling", "spin"})

# The commonest closed-class words of each language, without the ones two languages share in
# the same spelling ("a", "in", "de", "la", "die", "so", "on", ...), which would blur the count.
STOPWORDS = {
    "en": "the and of to is that for with was as are this be by from have has were which their they "
          "it its an or not but at been will would there who what when also than".split(),
    "es": "el los las del por con una para que es como pero más sus también fue este esta entre "
          "sobre hay muy ser son desde porque cuando donde nos su al lo se ya".split(),
    "fr": "le les des est et une pour qui dans sur au aux avec pas ce cette sont par ont mais plus "
          "été nous vous leur leurs ou être comme fait".split(),
    "de": "der und den das ist nicht mit sich auf für dem ein eine einen auch von zu werden wird "
          "sind aus bei nach wie oder aber wurde noch kann dass".split(),
    "it": "il gli della che è per con una sono nel alla anche come più questo dei delle tra".split(),
    "pt": "os da do das dos não uma para com que em por mais como mas foi ao também são pela pelo".split(),
    "nl": "het een van en niet zijn voor met op dat ook aan er maar bij nog wordt werd deze".split(),
}
_LOOKUP = {word: lang for lang, words in STOPWORDS.items() for word in words
           if sum(word in other for other in STOPWORDS.values()) == 1}
_WORD = re.compile(r"[^\W\d_]+")
_FRONT_LANG = re.compile(r"^(?:lang|language|locale)[ \t]*[:=][ \t]*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?[\"']?[ \t]*$",
                         re.M)
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n(.*?)^(?:---|\+\+\+|\.\.\.)[ \t]*$", re.M | re.S)
MIN_WORDS = 40  # fewer prose words than this: too little to tell, taken as English
SAMPLE_WORDS = 2000  # the first words decide; a long page does not need reading whole
CORE_PIECE = 1 << 16  # characters handed to the compiled core's count at a time (see detect)


def declared(text: str) -> str | None:
    """The language the front matter declares (``lang: es``, ``language = "de-DE"``), lower case."""
    front = _FRONT_MATTER.match(text)
    if front is None:
        return None
    found = _FRONT_LANG.search(front.group(1))
    return found.group(1).lower() if found else None


@lru_cache(maxsize=1)
def _compiled() -> Any:
    """The stopword table in the compiled core (newslint/model/core.py), when there is one built with
    this Python's Unicode version (its letter classes are Python's, generated)."""
    import unicodedata

    from newslint.model.core import compiled

    core = compiled()
    if core is None or getattr(core, "UNICODE", None) != unicodedata.unidata_version:
        return None
    langs = list(STOPWORDS)
    return core.Stopwords([(word, langs.index(lang)) for word, lang in _LOOKUP.items()]), langs


def detect(prose: str) -> str | None:
    """The language of ``prose`` by its function words, or None when it cannot tell."""
    counts: Counter[str] = Counter()
    total = 0
    fast = _compiled()
    if fast is not None:  # the same count; languages in the order first hit, as the loop adds them
        # In pieces ending at a line break (no word crosses one), read until the sample is full:
        # handed a whole big page, the core made CPython keep a UTF-8 copy of a non-ASCII prose
        # for as long as the prose lived (20 MB on a 20 MB article, issue 18).
        start, size = 0, len(prose)
        while start < size and total < SAMPLE_WORDS:
            stop = size if size - start <= CORE_PIECE else (prose.find("\n", start + CORE_PIECE) + 1 or size)
            n, hits = fast[0].count(prose if start == 0 and stop == size else prose[start:stop], SAMPLE_WORDS - total)
            total += n
            counts.update({fast[1][lang]: k for lang, k in hits})
            start = stop
    else:
        words = _sample(prose)
        total = len(words)
        counts.update(filter(None, map(_LOOKUP.get, map(str.lower, words))))  # in the order first hit
    if total < MIN_WORDS or not counts:
        return None
    (best, hits), *rest = counts.most_common(2) + [("", 0)]
    runner_up = rest[0][1]
    if hits >= 0.12 * total and hits >= 2 * runner_up:
        return best
    return None


def _sample(prose: str) -> list[str]:
    """The first ``SAMPLE_WORDS`` words of ``prose``, read in one pass (a loop over matches cost a
    millisecond an article): over a prefix cut at a space, so that no word is split, and over the
    whole text only when the prefix holds too few."""
    cut = prose.find(" ", _SAMPLE_CHARS)
    if cut != -1:
        words = _words(prose[:cut])
        if len(words) >= SAMPLE_WORDS:
            return words[:SAMPLE_WORDS]
    return _words(prose)[:SAMPLE_WORDS]


def _words(text: str) -> list[str]:
    """``_WORD.findall(text)``, mostly in C: the token index's ``spaced_words`` with digits as
    separators too (ASCII characters other than letters and the usual typographic marks become
    spaces), ``split`` does the rest, and only the distinct tokens that are not all letters (a
    pound sign, a digit in another script) go through the pattern. The pattern alone reads a long
    text (no UTF-8 copy of it)."""
    from newslint.model.tokens import resplit, spaced_words, split_odd

    if len(text) > 4 * _SAMPLE_CHARS:
        return _WORD.findall(text)
    tokens = spaced_words(text, "", digits=False).decode("utf-8", "surrogatepass").split()
    return resplit(tokens, split_odd(filterfalse(str.isalpha, tokens), _WORD))


_SAMPLE_CHARS = 12 * SAMPLE_WORDS  # English averages about 6 characters a word with its space


def language(doc: Document) -> str:
    """The document's language code; ``"en"`` unless the page says or clearly is another."""
    found = doc.memo.get("language")
    if found is None:
        found = declared(doc.text) or detect(doc.prose) or "en"
        doc.memo["language"] = found
    return str(found)


def is_english(doc: Document) -> bool:
    """Whether the English-only families should read ``doc``."""
    return language(doc) == "en"

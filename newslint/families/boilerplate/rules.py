"""boilerplate (NL4xx) rules that need context beyond one line.

The line lists (ads, shortcodes, widgets, notices, labels) are data in rules/boilerplate.toml;
here are the rules that look at where a line sits: a bare URL after the story, an author bio at
the end, a photo credit on its own or run into a caption, and the gallery label above a caption.
"""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, NamedTuple

from newslint.families.boilerplate.promo import PromoHeadline
from newslint.families.boilerplate.related import RelatedHeadlines
from newslint.families.boilerplate.shortcode import CmsShortcode
from newslint.families.names.data import is_given_name
from newslint.model.diagnostic import FixSafety, Severity
from newslint.model.lazyre import lazy
from newslint.api.lineblocks import judge_line
from newslint.api.phrases import doc_lower
from newslint.api.rule import Rule, RuleMeta

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.model.diagnostic import Diagnostic
    from newslint.model.document import Document, Span

# (No brackets or braces: "http://example.gov/resource/_[dataset-id]_" is a template in a how-to, not an address.)
_BARE_URL = lazy(r"^[^\S\n]*<?(?:https?://|www\.)[^\s<>\"\[\]{}]+>?[^\S\n]*$"
                 # or a bare domain of a news site's usual endings ("harbour-news.com/story/123")
                 r"|^[^\S\n]*[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|co\.uk|co\.in|in|news|info|io|us|uk|ca|au|pk|ng|co\.za)"
                 r"(?:/[^\s<>\"]*)?[^\S\n]*$", re.M)
_DOMAIN_HINT = lazy(r"\.(?:com|net|org|uk|in|news|info|io|us|ca|au|pk|ng|za)(?:/|[^\S\n]*$)", re.M)
# Lines after which a bare URL is the address of the copied page, wherever they stand.
_RESIDUE_BEFORE_URL = lazy(
    r"\s*(?:\[/?[a-z][\w-]*[^\]\n]*\]|(?:source|source\s+link|original(?:\s+(?:article|source|post))?|via|read\s+more(?:\s+at)?)\s*:?)\s*",
    re.I,
)
_AGENCY = (r"(?:AFP|AP|Reuters|REUTERS|Getty[ \t\u00a0]+Images|Getty|EPA(?:-EFE)?|Pool|POOL|Bloomberg|Xinhua|AAP|PA(?:[ \t\u00a0]+Images|[ \t\u00a0]+Wire)?"
           r"|Shutterstock|Alamy|Anadolu(?:[ \t\u00a0]+Agency)?|NurPhoto|SOPA[ \t\u00a0]+Images|ANI|PTI|IANS|dpa|DPA|Kyodo|Yonhap|TASS"
           r"|Sputnik|UPI|Zuma(?:[ \t\u00a0]+Press)?|ZUMA[ \t\u00a0]+Wire|Sipa|SIPA|Redux|Corbis|NYT|The[ \t\u00a0]+New[ \t\u00a0]+York[ \t\u00a0]+Times|Washington[ \t\u00a0]+Post"
           r"|Bloomberg[ \t\u00a0]+via[ \t\u00a0]+Getty[ \t\u00a0]+Images|WireImage|FilmMagic|iStock|iStockphoto)")
_NAME = r"[\p{Lu}][\p{L}'’.-]*(?:[ \t\u00a0]+[\p{Lu}][\p{L}'’.-]*){0,3}"
# A person's name of two or three words ("Jane Roe/The Valley Courier": a photographer and a paper).
_NAME2 = r"[\p{Lu}][\p{L}'’.-]+(?:[ \t\u00a0]+[\p{Lu}][\p{L}'’.-]+){1,2}"


def _any_case(*words: str) -> str:
    """An alternation of ``words`` in lower, Title and UPPER case (newslint's patterns take no
    inline flags, and a credit line is matched case-sensitively for its names)."""
    forms = {f for w in words for f in (w, w[:1].upper() + w[1:], w.upper())}
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)).replace(" ", r"[ \t\u00a0]+") + ")"


_SP = r"[ \t\u00a0]"
_CREDIT_WORD = _any_case("photo", "photograph", "image", "picture", "pic", "video", "illustration", "graphic", "file photo",
                         "photo credit", "image credit", "image source", "picture credit", "credit", "courtesy")
# "Photo: Jane Roe", "(Photo: Jane Roe/Reuters)", "photograph: Jane Roe/AP/Pool", "Photo by Jane Roe on
# Unsplash", "Photo credit: Jane Roe for Example News": a credit word, a name, agencies; no verb.
_CREDIT_LINE = lazy(
    rf"""^[^\S\n]*(?:
        \(?{_CREDIT_WORD}s?(?:{_SP}+(?:by|BY|By|{_any_case("courtesy of", "courtesy")}){_SP}*[:|/]?|{_SP}*[:|/]){_SP}*{_NAME}
            (?:{_SP}*[/|,]{_SP}*(?:{_AGENCY}|{_NAME})){{0,3}}(?:{_SP}+(?:for|on|via|of){_SP}+{_NAME})?[^\S\n]*\)?[.]?
        | \(?(?:photo|image|picture)s?[ \t\u00a0]+by[ \t\u00a0]+{_NAME}[ \t\u00a0]*[/|][ \t\u00a0]*{_AGENCY}[^\n]{{0,30}}\)?[.]?
        | {_NAME}[ \t\u00a0]*/[ \t\u00a0]*{_AGENCY}(?:{_SP}*/{_SP}*{_AGENCY}){{0,2}}(?:[’']s)?(?:[ \t\u00a0]+(?:photo|image))?(?:[ \t\u00a0]+via[ \t\u00a0]+{_AGENCY})?(?:[ \t\u00a0]*[-–—][ \t\u00a0]*{_AGENCY}(?:[ \t\u00a0]+Photographs)?)?[.]?
        | {_AGENCY}(?:[ \t\u00a0]+(?:Photo|Photos|Images))?[ \t\u00a0]*/[ \t\u00a0]*{_NAME}(?:[ \t\u00a0]*[-–—][ \t\u00a0]*{_AGENCY})?[.]?
        | (?:{_AGENCY}|{_NAME})(?:[’']s)?[ \t\u00a0]+(?:photo|image|file[ \t\u00a0]+photo)[ \t\u00a0]+via[ \t\u00a0]+{_AGENCY}[.]?
        | (?:file[ \t\u00a0]+)?(?:photo|image)[ \t\u00a0]+via[ \t\u00a0]+{_AGENCY}[.]?
        | \(?(?:Getty{_SP}+Images|Shutterstock|Alamy|iStock(?:photo)?|AP{_SP}+Photo|EPA-EFE|WireImage|FilmMagic|NurPhoto)(?:{_SP}*/{_SP}*{_AGENCY}){{0,2}}\)?[.]?
        | {_NAME2}{_SP}*/{_SP}*(?:The{_SP}+)?{_NAME}
    )[^\S\n]*$""",
    re.M | re.X,
)
# A credit line that says it is one: a credit word or an agency anywhere in it.
_NAMED_CREDIT = lazy(rf"(?<!\w)(?:{_CREDIT_WORD}s?|{_AGENCY})(?!\w)")
_CREDIT_WORDS = ("photo", "image", "picture", "pic", "credit", "illustration", "graphic", "video", "courtesy")
_AGENCY_ENDINGS = (
    "AFP", "AP", "Reuters", "REUTERS", "Images", "Getty", "EPA", "EFE", "Pool", "POOL", "Bloomberg", "Xinhua",
    "AAP", "PA", "Wire", "Shutterstock", "Alamy", "Agency", "Anadolu", "NurPhoto", "ANI", "PTI", "IANS", "dpa",
    "DPA", "Kyodo", "Yonhap", "TASS", "Sputnik", "UPI", "Press", "Sipa", "SIPA", "Redux", "Corbis", "NYT",
    "Times", "Post", "WireImage", "FilmMagic", "iStock", "iStockphoto", "Photographs", "Zuma", "ZUMA",
)
# A credit glued to the end of a caption sentence: "…on Monday.Leah Millis / AFP – Getty Images".
_TRAILING_CREDIT = lazy(
    rf"(?<=[.!?”\"])[^\S\n]*(?P<credit>{_NAME}[ \t\u00a0]*/[ \t\u00a0]*{_AGENCY}(?:[ \t\u00a0]*[-–—/][ \t\u00a0]*{_AGENCY}(?:[ \t\u00a0]+Photographs)?)?)[^\S\n]*$",
    re.M,
)
_LABEL = lazy(r"^[^\S\n]*[\p{Lu}\d][\p{L}\d'’&-]*(?:[ \t\u00a0]+[\p{Lu}\d][\p{L}\d'’&-]*){0,4}[^\S\n]*$")
_BYLINE = lazy(rf"^[^\S\n]*(?:By|BY|Written[ \t\u00a0]+by|Author:?)[ \t\u00a0]+{_NAME}[^\S\n]*$")
# (?<!\w) and (?!\w) where \b was: the same here, since every word starts and ends with a letter,
# and one look-around where \b costs four copies of regex's word set (newslint/model/regexcompat.py).
_FIRST_PERSON = lazy(r"(?<!\w)(?:I|I['’]m|I['’]ve|I['’]d|me|my|myself)(?!\w)")
_BIO_WORD = lazy(
    r"(?<!\w)(?:writer|reporter|journalist|editor|author|blogger|columnist|correspondent|contributor|freelancer?|"
    r"graduate|content|news[ \t\u00a0]+industry|passionate|enthusiast|years[ \t\u00a0]+of[ \t\u00a0]+experience|degree|writing)(?!\w)",
    re.I,
)
_THIRD_PERSON_BIO = lazy(
    rf"^(?:About[ \t\u00a0]+the[ \t\u00a0]+author:?[ \t\u00a0]*)?{_NAME}[ \t\u00a0]+is[ \t\u00a0]+an?[ \t\u00a0]+(?:[\p{{L}}-]+[ \t\u00a0]+){{0,4}}"
    r"(?:writer|reporter|journalist|editor|correspondent|contributor|blogger|author|columnist|freelancer)(?!\w)"
)
_ATTRIBUTION = lazy(r"(?<!\w)(?:said|says|told|added|according[ \t\u00a0]+to|wrote|tweeted|posted)(?!\w)")
_TRADE_WORD = lazy(
    r"(?<!\w)(?:writer|reporter|journalist|editor|author|blogger|columnist|correspondent|contributor|freelancer?|"
    r"writing|content)(?!\w)",
    re.I,
)
# A bio introduces the writer ("I am a media graduate…", "My name is…"); a post's closing
# paragraph in the first person ("I've asked Britta for advice on writing…") does not.
_SELF_INTRO = lazy(r"(?<!\w)(?:(?:I[ \t\u00a0]+am|I['’]m|I[ \t\u00a0]+have[ \t\u00a0]+been)[ \t\u00a0]+(?:an?|the)|my[ \t\u00a0]+name[ \t\u00a0]+is)(?!\w)", re.I)
_TAIL_PARAGRAPHS = 6
# A bio is a few lines; a longer first-person paragraph is a column or a reader's letter.
_BIO_MAX_CHARS = 600


class BareSourceUrl(Rule):
    """A line that is only a URL, left after the story by a scraper."""

    meta = RuleMeta(
        code="NL412", name="bare-source-url", category="boilerplate",
        summary="Bare source URL left after the story",
        what="Finds a line holding nothing but a URL after the last paragraph of the story, or right "
             "after a shortcode or \"Source\" label. A URL "
             "inside a sentence, in a Markdown link, or on a line introduced by the previous line "
             "(ending in a colon, as in \"The report is online:\") is part of the story and never flagged.",
        why="Auto-blog plugins append the address of the page they copied; it points readers at "
            "another site and marks the copy as scraped.",
        bad="The minister resigned on Monday after parliament rejected her budget for the second time, officials said.\n\n"
            "https://example.com/news/minister-resigns/12345/\n",
        good="The minister resigned on Monday after parliament rejected her budget for the second time, officials said.\n\n"
             "The full ruling is published here:\nhttps://courts.example.gov/rulings/2024/17.pdf\n",
        fix_safety=FixSafety.SAFE,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag bare URL lines in the tail of the article; the fix deletes the line."""
        if "http" not in doc.prose and "www." not in doc.prose and not _DOMAIN_HINT.search(doc.prose):
            return
        _, tail_start = doc.story_bounds
        for m in _BARE_URL.finditer(doc.prose):
            line = doc.position(m.start()).line
            previous = doc.line_text(line - 1) if line > 1 else ""
            after_residue = bool(previous.strip()) and bool(_RESIDUE_BEFORE_URL.fullmatch(previous))
            if not after_residue and (m.start() < tail_start or previous.rstrip().endswith(":")):
                continue
            verdict = judge_line(doc, line)
            if not verdict.flag:
                continue
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            url = m.group().strip()
            yield doc.diagnostic(self.meta, start, start + len(url), f"Bare source URL '{url}' after the story",
                                 edits=[doc.delete_line_edit(line, (start, start + len(url)))],
                                 fix_description="Delete the line", safety=None if verdict.safe else FixSafety.UNSAFE)


class AuthorBio(Rule):
    """A byline and first-person author bio appended at the end by a content farm."""

    meta = RuleMeta(
        code="NL413", name="author-bio", category="boilerplate",
        summary="Trailing byline or author bio",
        what="Finds, in the last paragraphs of an article, a lone byline (\"By Maggi\") and an author "
             "bio: a paragraph describing the writer in the first person (\"I am a media graduate…\") "
             "or the third (\"Jane Doe is a freelance writer…\"). A byline above the story, and quotes "
             "attributed to someone (\"…,\" she said) are never flagged.",
        why="Scraper sites append their own byline and a bio of a made-up writer to stolen copy.",
        bad="The minister resigned on Monday after parliament rejected her budget for the second time, officials said.\n\n"
            "By Maggi\n\n\"Hi! I am a media graduate with a passion for news. When I'm not writing content, "
            "I love spending time with my kids.\"\n",
        good="By Jane Doe\n\nThe minister resigned on Monday after parliament rejected her budget for the second time, officials said.\n\n"
             "\"I am a teacher and my job is at risk,\" said one protester, who gave her name as Ana.\n",
        fix_safety=FixSafety.UNSAFE,
        fix_note="Deleting a paragraph is a judgement call, so it is not applied by --fix alone.",
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag bio paragraphs after the story, and a lone byline just before the first of them."""
        # Units: in one-paragraph-per-line copy each line is a paragraph (the bio is the last line).
        paras = doc.units[-_TAIL_PARAGRAPHS:]
        is_bio = [_is_bio(p) for p in paras]
        # A bio comes after the story: a first-person paragraph followed by more of the story is
        # part of a column ("One of the nice things about being a writer is…").
        for i in range(len(paras) - 1, -1, -1):
            if not is_bio[i] and doc.is_story_paragraph(paras[i]):
                is_bio[:i] = [False] * i
                break
        if not any(is_bio):
            return
        first = is_bio.index(True)
        for i in range(max(0, first - 2), first):
            if _BYLINE.fullmatch(paras[i].text):
                yield self._flag(doc, paras[i], "Trailing byline of a scraper site")
        for para, bio in zip(paras, is_bio):
            if bio:
                yield self._flag(doc, para, "Author bio appended to the article")

    def _flag(self, doc: Document, para: Span, message: str) -> Diagnostic:
        first, last = doc.position(para.start).line, doc.position(para.end).line
        start = doc.delete_line_edit(first).start_offset
        end = doc.delete_line_edit(last).end_offset
        return doc.diagnostic(self.meta, para.start, para.end, message,
                              edits=[doc.edit(start, end, "")], fix_description="Delete the paragraph")


def _is_bio(para: Span) -> bool:
    """A short paragraph about the writer: "Jane Doe is a freelance writer…", or first person with
    bio language that names the writing trade (a reader's comment "as a graduate…" does not)."""
    text = para.text
    if len(text) > _BIO_MAX_CHARS:
        return False
    if _THIRD_PERSON_BIO.match(text) or text.lower().startswith("about the author"):
        return True
    if _ATTRIBUTION.search(text):
        return False
    return (_SELF_INTRO.search(text) is not None and len(_FIRST_PERSON.findall(text)) >= 2
            and len(_BIO_WORD.findall(text)) >= 2 and _TRADE_WORD.search(text) is not None)


class PhotoCredit(Rule):
    """Photo credits left in the copy: on a line of their own, or glued to a caption."""

    meta = RuleMeta(
        code="NL414", name="photo-credit", category="boilerplate",
        summary="Photo-credit residue",
        what="Finds photo credits scraped with an image: a short line such as \"Jane Roe/Pool photo via "
             "AP\", \"REUTERS/John Smith\" or \"Photo: Jane Roe\", and a credit glued to the end of a "
             "caption (\"…in Beijing on Monday.Jane Roe / AFP – Getty Images\"). The caption itself, and "
             "sentences that mention an agency (\"Reuters reported…\"), are not flagged.",
        why="Without its image the credit is noise, and glued to a caption it garbles the sentence.",
        bad="The minister arrives in Beijing.Jane Roe / AFP – Getty Images\n\nJohn Smith/Pool photo via AP\n",
        good="The minister arrives in Beijing, AFP reported, citing a photo by its own staff.\n",
        fix_safety=FixSafety.UNSAFE,
        fix_note="A newsroom may want to keep credits, so the deletion is not applied by --fix alone.",
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag credit lines (delete the line) and glued credits (delete the credit)."""
        for credit in _credits(doc):
            if credit.glued:
                yield doc.diagnostic(self.meta, credit.start, credit.end, f"Photo credit '{credit.text}' glued to a caption",
                                     edits=[doc.edit(credit.start, credit.end, "")], fix_description="Delete the credit")
            elif judge_line(doc, credit.line).flag:
                yield doc.diagnostic(self.meta, credit.start, credit.end, f"Photo credit '{credit.text}' left in the text",
                                     edits=[doc.delete_line_edit(credit.line, (credit.start, credit.end))],
                                     fix_description="Delete the line")


class GalleryLabel(Rule):
    """A short title-case label directly above a captioned, credited photo."""

    meta = RuleMeta(
        code="NL417", name="gallery-label", category="boilerplate",
        summary="Stray photo-gallery label above a caption",
        what="Finds a short title-case line (one to five words, no final punctuation) immediately "
             "followed by a caption carrying a photo credit: the title of an image gallery. "
             "Subheadings followed by ordinary paragraphs are not flagged.",
        why="The gallery is gone; its title sits in the middle of the story.",
        bad="Summit In Beijing\nThe minister arrives in Beijing.Jane Roe / AFP – Getty Images\n",
        good="Summit In Beijing\nThe minister arrived in Beijing on Monday for two days of talks with her counterpart.\n",
        severity=Severity.INFO, fix_safety=FixSafety.UNSAFE,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag the label line above a credit line or a caption with a glued credit."""
        credited = {credit.line for credit in _credits(doc)}
        for line in sorted(credited):
            for label_line in (line - 1, line - 2):
                if label_line < 1 or label_line in credited:
                    continue
                start, end = doc.line_span(label_line, with_newline=False)
                text = doc.prose[start:end]
                if not _LABEL.fullmatch(text):
                    continue
                if label_line == line - 2 and not _is_caption(doc.line_text(line - 1)):
                    continue
                lead = len(text) - len(text.lstrip())
                yield doc.diagnostic(self.meta, start + lead, start + len(text.rstrip()),
                                     f"Gallery label '{text.strip()}' above a photo caption",
                                     edits=[doc.delete_line_edit(label_line, (start + lead, start + len(text.rstrip())))],
                                     fix_description="Delete the line")
                break


class Credit(NamedTuple):
    """A photo credit: a line of its own, or ``glued`` to the end of a caption."""

    start: int
    end: int
    line: int
    text: str
    glued: bool


def _credits(doc: Document) -> list[Credit]:
    """Every photo credit of ``doc``, computed once and shared by NL414 and NL417.

    A loop over lines with plain string tests picks the few candidate lines (a short line with a
    slash or a hint word; a line ending in an agency name); only those meet the regular expressions.
    """
    cached = doc.memo.get("boilerplate.credits")
    if cached is not None:
        return cached  # type: ignore[return-value]
    out: list[Credit] = []
    hinted = _lines_with_hints(doc)
    for number, line_start, raw in _prose_lines(doc.prose):
        text = raw.rstrip()
        if not text:
            continue
        if number in hinted and len(text) <= 160:
            m = _CREDIT_LINE.fullmatch(raw)
            if m:
                stripped = m.group().strip()
                begin = line_start + raw.index(stripped)
                out.append(Credit(begin, begin + len(stripped), number, stripped, False))
                continue
        if text.rstrip(".").endswith(_AGENCY_ENDINGS):
            m = _TRAILING_CREDIT.search(raw)
            if m:
                out.append(Credit(line_start + m.start("credit"), line_start + m.end("credit"), number,
                                  m.group("credit"), True))
    out = [c for c in out if c.glued or _credited(c.text)]
    doc.memo["boilerplate.credits"] = out
    return out


def _credited(text: str) -> bool:
    """Whether a credit line names its credit: a credit word or an agency, or else a person, read
    from a given name first ("Jane Roe/The Valley Courier"). Two runs of capitals around a slash
    are a wire headline just as often ("Talking Point/Bank Stocks", "Continental Bank/Canada Sets
    Distribution") and neither names a photographer."""
    if _NAMED_CREDIT.search(text):
        return True
    first = text.lstrip("(").split(None, 1)[0].split("/", 1)[0]
    return is_given_name(first)


def _prose_lines(prose: str) -> Iterator[tuple[int, int, str]]:
    """(number, offset, text) of every line of ``prose``, as ``prose.split("\n")`` gives them, one
    at a time (the split list of a 20 MB article was a whole copy of its text held at once)."""
    start, number = 0, 1
    while True:
        end = prose.find("\n", start)
        if end < 0:
            yield number, start, prose[start:]
            return
        yield number, start, prose[start:end]
        start, number = end + 1, number + 1


def _lines_with_hints(doc: Document) -> set[int]:
    """Numbers of the lines holding a slash or a credit word, found with ``str.find`` over the
    whole lowercased prose (testing every word on every line was most of this rule's time)."""
    lowered = doc_lower(doc)
    starts = doc.line_starts
    if lowered is None:  # lowercasing changed the length ("İ"): offsets would not map to lines
        return set(range(1, len(starts) + 1))
    lines: set[int] = set()
    for hint in ("/", *_CREDIT_WORDS):
        pos = lowered.find(hint)
        while pos >= 0:
            line = bisect.bisect_right(starts, pos)
            lines.add(line)
            pos = lowered.find(hint, starts[line] if line < len(starts) else len(lowered))
    return lines


def _is_caption(line: str) -> bool:
    return bool(line.strip()) and len(line.split()) <= 40 and line.rstrip().endswith((".", "”", '"'))


RULES = [CmsShortcode, BareSourceUrl, AuthorBio, PhotoCredit, GalleryLabel, RelatedHeadlines, PromoHeadline]

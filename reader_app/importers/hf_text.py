"""The text a browser gives when a Hugging Face Papers page is copied (plain or Markdown-flavoured).

A card reads, with blank lines between blocks and any part possibly missing:

    19                                  upvotes ('-' for none, '[-] 19', '[19](url)')
    Title                               or '### [Title](https://huggingface.co/papers/ID)'
    https://huggingface.co/papers/ID    gives the arXiv id
    Abstract, possibly hard-wrapped over many lines.
      • 9 authors                       or an organization: 'openbmb OpenBMB', '[microsoft] Microsoft'
    ·
    May 29, 2025 2                      date ('Apr 17', 'Published on …') and comment count

Page chrome (headings, navigation links, the date heading) is skipped; the date heading
gives the year to dates that lack one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .fields import (
    MONTH_PATTERN,
    clean,
    clean_block,
    extract_links,
    month_number,
    paper_page_id,
    primary_repo,
    resolve_date,
    title_key,
)
from .records import ListingError, PaperRecord, ParseResult, merge_duplicates

FORMAT = "hf-text"
MAX_LINE = 100_000  # characters; real abstracts are a few thousand
# Anchored at line starts, so the search stays linear in the text's length.
_TOO_LONG = re.compile(f"(?:^|\n)[^\n]{{{MAX_LINE + 1}}}")

_CHROME = {
    "new",
    "subscribe",
    "daily papers",
    "daily",
    "weekly",
    "monthly",
    "trending papers",
    "trending",
    "papers",
    "by ak and the research community",
    "byak and the research community",
    "submit",
    "submit paper",
    "previous",
    "next",
    "upvote",
    "search",
    "collections",
    "view all",
    "load more",
}
_CHROME_PATTERNS = re.compile(
    r"^(?:get trending papers in your email inbox.*"
    r"|(?:search )?results for\b.*|showing results for\b.*"
    r"|submitted by\b.*|week \d+(?:,? (?:of )?\d{4})?"
    r"|join the community\b.*|sign up\b.*|log in\b.*)$",
    re.IGNORECASE,
)
_DATE = re.compile(
    rf"^(?:published on\s+)?(?P<mon>{MONTH_PATTERN})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d)(?!\d))?(?:\s*[·•]?\s*(?P<count>\d[\d,]*))?$",
    re.IGNORECASE,
)
_MONTH_HEADING = re.compile(rf"^(?P<mon>{MONTH_PATTERN})\s+(?P<year>(?:19|20)\d\d)$", re.IGNORECASE)
_ISO_HEADING = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_AUTHORS = re.compile(r"^(?:[•·*\-]\s*)?(?P<n>\d[\d,]*)\s+authors?$", re.IGNORECASE)
_COUNT = re.compile(r"^(?:\[-\]\s*)?(?P<n>\d[\d,]*|-)$")
_MD_LINK = re.compile(r"^\[(?P<text>.*)\]\((?P<url>[^)\s]*)\)$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
_MD_TITLE = re.compile(r"^#{1,6}\s+(?P<rest>.+)$")
_ORG_BRACKET = re.compile(r"^\[(?P<handle>[\w.\-]+)\]\s+(?P<name>.+)$")
_ORG_PLAIN = re.compile(r"^(?P<handle>[A-Za-z0-9][\w.\-]*)\s+(?P<name>\S.*)$")
_URL_ONLY = re.compile(r"^(?:<)?https?://\S+?(?:>)?$", re.IGNORECASE)


@dataclass
class _Line:
    kind: str  # text, date, heading, authors, dot, count, paper_url, title, nav, blank
    number: int
    text: str = ""
    value: object = None
    links: tuple[str, ...] = ()


@dataclass
class _Entry:
    title: str
    line: int
    arxiv_id: str | None = None
    upvotes: int | None = None
    abstract: list[str] = field(default_factory=list)
    authors_count: int | None = None
    organization: str | None = None
    date: tuple[int, int, int | None, int] | None = None  # month, day, year, line
    comments: int | None = None
    links: list[str] = field(default_factory=list)

    def substantial(self) -> bool:
        """More than a bare line of text: something a listing card carries."""
        return bool(
            self.abstract
            or self.date
            or self.authors_count is not None
            or self.organization
            or self.arxiv_id
            or self.upvotes is not None
        )

    def has_meta(self) -> bool:
        return bool(self.date or self.authors_count is not None or self.organization)


def _number(text: str) -> int | None:
    return None if text == "-" else int(text.replace(",", ""))


def _classify(number: int, text: str) -> _Line:
    """What one (cleaned, stripped) line of the copy is, on its own."""
    if not text:
        return _Line("blank", number)
    if len(text) > 200 and text[0] not in "[#h":
        return _Line("text", number, text)  # only prose is this long
    lowered = text.casefold()
    link = _MD_LINK.match(text)
    inner, url = (clean(link.group("text")), link.group("url")) if link else (text, "")
    md_title = _MD_TITLE.match(text)
    if md_title:
        rest = md_title.group("rest").strip()
        heading_link = _MD_LINK.match(rest)
        if heading_link:
            title = _MD_ESCAPE.sub(r"\1", clean(heading_link.group("text")))
            return _Line("title", number, title, paper_page_id(heading_link.group("url")))
        return _Line("title", number, _MD_ESCAPE.sub(r"\1", rest), None)
    if text == "·":
        return _Line("dot", number, text)
    if lowered in _CHROME or _CHROME_PATTERNS.match(text):
        return _Line("nav", number)
    if match := _AUTHORS.match(inner):
        return _Line("authors", number, text, _number(match.group("n")))
    if match := _COUNT.match(inner):
        return _Line("count", number, text, _number(match.group("n")))
    if match := _DATE.match(inner):
        return _Line("date", number, text, _date_parts(match), ())
    if match := _MONTH_HEADING.match(inner):
        return _Line("heading", number, text, (month_number(match.group("mon")), None, int(match.group("year"))))
    if match := _ISO_HEADING.match(inner):
        year, month, day = (int(g) for g in match.groups())
        return _Line("heading", number, text, (month, day, year))
    if link:
        arxiv = paper_page_id(url)
        if arxiv and not re.fullmatch(r"[\d,\s]*", inner) and inner.casefold() not in _CHROME:
            return _Line("title", number, inner, arxiv)
        return _Line("nav", number, text, None, tuple(extract_links(url)))
    if _URL_ONLY.match(text):
        arxiv = paper_page_id(text)
        if arxiv:
            return _Line("paper_url", number, text, arxiv)
        return _Line("nav", number, text, None, tuple(extract_links(text)))
    return _Line("text", number, text)


def _date_parts(match: re.Match) -> tuple[int, int, int | None, int | None]:
    year = match.group("year")
    count = match.group("count")
    return (
        month_number(match.group("mon")),
        int(match.group("day")),
        int(year) if year else None,
        _number(count) if count else None,
    )


def _paragraphs(lines: list[_Line]) -> list[list[_Line]]:
    """Runs of non-blank lines; within a run, consecutive text lines become one text block."""
    paragraphs: list[list[_Line]] = []
    current: list[_Line] = []
    for line in [*lines, _Line("blank", 0)]:
        if line.kind == "blank":
            if current:
                paragraphs.append(_join_text(current))
            current = []
        else:
            current.append(line)
    return paragraphs


def _join_text(paragraph: list[_Line]) -> list[_Line]:
    joined: list[_Line] = []
    for line in paragraph:
        previous = joined[-1] if joined else None
        if line.kind == "text" and previous is not None and previous.kind == "text":
            if _starts_abstract(previous, line):
                joined.append(line)
            else:
                previous.value = (previous.value or 1) + 1  # number of wrapped lines
                previous.text = f"{previous.text} {line.text}"
        else:
            joined.append(line)
    return joined


def _starts_abstract(previous: _Line, line: _Line) -> bool:
    """A short title line directly followed by an unwrapped abstract line (no blank between)."""
    return previous.value is None and len(previous.text) <= 300 and len(line.text) > max(200, 2 * len(previous.text))


def _looks_like_abstract(block: _Line) -> bool:
    text = block.text
    wrapped = (block.value or 1) > 1
    sentence = text.endswith(".") and len(text.split()) >= 12
    return len(text) >= 250 or (wrapped and len(text) >= 120) or sentence


def parse(text: str, *, as_of: date) -> ParseResult:
    """Papers from the copied text of a Hugging Face Papers page, in listing order."""
    too_long = _TOO_LONG.search(text)
    if too_long:  # e.g. 30 MB without a line break: refuse before doing any work on it
        start = too_long.start() + (text[too_long.start()] == "\n")  # the long line's first character
        line = text.count("\n", 0, start) + 1
        raise ListingError(f"a line of more than {MAX_LINE:,} characters is not part of a listing", line=line)
    text = clean_block(text)
    lines = [_classify(number, line.strip()) for number, line in enumerate(text.split("\n"), start=1)]
    paragraphs = _paragraphs(lines)
    warnings: list[str] = []
    entries: list[_Entry] = []
    heading: date | None = None
    current: _Entry | None = None
    pending_upvotes: int | None = None
    pending_id: str | None = None

    def start(title: str, number: int, arxiv: str | None) -> _Entry:
        nonlocal current, pending_upvotes, pending_id
        if current is not None and not current.substantial() and entries and entries[-1] is current:
            entries.pop()  # a stray line (an echoed query, a caption) was not a title after all
        entry = _Entry(title=title, line=number, arxiv_id=arxiv or pending_id, upvotes=pending_upvotes)
        pending_upvotes = pending_id = None
        entries.append(entry)
        current = entry
        return entry

    flat = [(p_index, item) for p_index, paragraph in enumerate(paragraphs) for item in paragraph]
    for position, (p_index, item) in enumerate(flat):
        following = flat[position + 1][1] if position + 1 < len(flat) else None
        same_paragraph_next = following is not None and flat[position + 1][0] == p_index
        previous = flat[position - 1] if position else None
        kind = item.kind
        if kind == "nav":
            if current is not None:
                current.links.extend(link for link in item.links if not _is_site_navigation(link))
        elif kind == "heading":
            if current is None and heading is None:
                month, day, year = item.value
                heading = _heading_date(month, day, year)
        elif kind == "date":
            month, day, year, count = item.value
            if current is None or current.date is not None:
                if current is None and heading is None:
                    heading = _checked_date(month, day, year, as_of, item.number, warnings)
                continue
            current.date = (month, day, year, item.number)
            if count is not None:
                current.comments = count
        elif kind == "count":
            after_date = (
                previous is not None
                and previous[0] == p_index
                and previous[1].kind == "date"
                and current is not None
                and current.comments is None
            )
            if after_date:
                current.comments = item.value
            else:
                pending_upvotes = item.value if item.value is not None else 0
        elif kind == "authors":
            if current is not None:
                current.authors_count = item.value
        elif kind == "dot":
            pass
        elif kind == "paper_url":
            if current is not None and current.arxiv_id is None:
                current.arxiv_id = item.value
            else:
                pending_id = item.value
        elif kind == "title":
            start(item.text, item.number, item.value)
        elif kind == "text":
            _place_text(item, current, previous, following, same_paragraph_next, start, warnings)

    if current is not None and not current.substantial() and entries and entries[-1] is current:
        entries.pop()
    listing_date = heading or as_of
    records = [_record(entry, listing_date, warnings) for entry in entries]
    records = merge_duplicates(records, title_key)
    if not records:
        raise ListingError("no papers found in this text")
    return ParseResult(records=records, warnings=warnings, format=FORMAT, listing_date=heading)


def _heading_date(month: int, day: int | None, year: int) -> date | None:
    """The listing's own date from its heading; a monthly page's is the month's last day."""
    try:
        if day is None:
            next_month = date(year + month // 12, month % 12 + 1, 1)
            return date.fromordinal(next_month.toordinal() - 1)
        return date(year, month, day)
    except ValueError:
        return None


def _checked_date(month: int, day: int, year: int | None, as_of: date, line: int, warnings: list[str]) -> date | None:
    try:
        return resolve_date(month, day, year, as_of)
    except ValueError:
        warnings.append(f"line {line}: unreadable date heading")
        return None


def _place_text(item, current, previous, following, same_paragraph_next, start, warnings) -> None:
    """Decide what a block of plain text is, from what surrounds it: organization, abstract or title."""
    next_kind = following.kind if following is not None else None
    previous_kind = previous[1].kind if previous is not None else None
    open_card = current is not None and not current.has_meta()
    if open_card and len(item.text) < 120 and (next_kind == "dot" or (next_kind == "date" and same_paragraph_next)):
        current.organization = _organization(item.text)
    elif current is not None and current.date is None and previous_kind == "dot" and len(item.text) <= 40:
        warnings.append(f"line {item.number}: unreadable date '{item.text}'")
    elif _looks_like_abstract(item):
        if open_card:
            current.abstract.append(item.text)
        else:
            warnings.append(f"line {item.number}: text outside any paper card was skipped")
    else:
        start(item.text, item.number, None)


def _organization(text: str) -> str:
    """The organization shown last on an organization line ('openbmb OpenBMB' → 'OpenBMB')."""
    if match := _ORG_BRACKET.match(text):
        return match.group("name").strip()
    if match := _ORG_PLAIN.match(text):
        return match.group("name").strip()
    return text


def _is_site_navigation(url: str) -> bool:
    """Links to the listing site's own pages (dates, pagination) rather than the paper's."""
    return bool(
        re.match(
            r"https?://(?:www\.)?huggingface\.co/(?:papers(?:/(?:date|week|month|trending)|\?|/?$)|login|join)", url
        )
    )


def _record(entry: _Entry, listing_date: date, warnings: list[str]) -> PaperRecord:
    published = None
    if entry.date is not None:
        month, day, year, number = entry.date
        try:
            published = resolve_date(month, day, year, listing_date)
        except ValueError:
            warnings.append(f"line {number}: unreadable date (no such day) in '{entry.title[:60]}'")
    abstract = "\n\n".join(entry.abstract)
    links = extract_links(abstract) + [link for link in entry.links if link.startswith(("http://", "https://"))]
    links = list(dict.fromkeys(links))
    return PaperRecord(
        title=entry.title,
        abstract=abstract,
        arxiv_id=entry.arxiv_id,
        authors_count=entry.authors_count,
        organization=entry.organization,
        published=published,
        upvotes=entry.upvotes,
        comments=entry.comments,
        links=tuple(links),
        repo=primary_repo(links),
        line=entry.line,
    )

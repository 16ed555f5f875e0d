"""Field helpers shared by the importers: text clean-up, links, repos, ids, dates, title keys."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from urllib.parse import urlsplit

# Characters that carry no text: zero-width spaces and joiners, BOMs, soft hyphens.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# C0/C1 control characters other than tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


_INVISIBLE_OR_CONTROL = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b-\x1f\x7f-\x9f]+")


def clean_block(text: str) -> str:
    """`clean` for a whole multi-line text at once, keeping its line breaks and tabs."""
    return _INVISIBLE_OR_CONTROL.sub("", unicodedata.normalize("NFC", text))


def clean(text: str) -> str:
    """NFC-normalize, drop invisible and control characters, trim each end."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return _CONTROL.sub("", text).strip()


def unwrap(text: str) -> str:
    """Join hard-wrapped lines into one line per paragraph; blank lines separate paragraphs."""
    paragraphs = re.split(r"\n\s*\n", clean(text).replace("\r\n", "\n").replace("\r", "\n"))
    joined = (" ".join(line.strip() for line in p.split("\n") if line.strip()) for p in paragraphs)
    return "\n\n".join(re.sub(r"[ \t]+", " ", p) for p in joined if p)


def title_key(title: str) -> str:
    """The identity of a title: case, Unicode form, whitespace, line wraps and punctuation ignored."""
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", title).casefold())
    return " ".join(words)


# --- links ---------------------------------------------------------------------------------

_URL = re.compile(r"""https?://[^\s<>"'`{}|\\^\[\]]+""", re.IGNORECASE)
_TRAILING = ".,;:!?'\"*_"
_PAIRS = {")": "(", "]": "[", "}": "{"}


def _trim_url(url: str) -> str:
    """Remove sentence punctuation and unbalanced closing brackets from the end of a URL."""
    while url:
        last = url[-1]
        if last in _TRAILING or (last in _PAIRS and url.count(last) > url.count(_PAIRS[last])):
            url = url[:-1]
        else:
            break
    return url


def is_web_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host; everything else is never linked or opened."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def extract_links(*texts: str | None) -> list[str]:
    """Every http(s) URL in the texts, in order of appearance, without duplicates."""
    seen: dict[str, None] = {}
    for text in texts:
        for match in _URL.finditer(text or ""):
            url = _trim_url(match.group(0))
            if is_web_url(url) and len(url) <= 2048:
                seen.setdefault(url, None)
    return list(seen)


# host -> number of path segments that name a repository
_CODE_HOSTS = {
    "github.com": ("", 2),
    "gitlab.com": ("", 2),
    "codeberg.org": ("", 2),
    "bitbucket.org": ("", 2),
    "huggingface.co": ("spaces", 2),
}
_SEGMENT = re.compile(r"^[A-Za-z0-9_.-]+$")


def normalize_repo(url: str) -> str | None:
    """`https://host/owner/repo` for a code-hosting URL (or a bare `owner/repo`), else None."""
    url = url.strip()
    if re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", url):
        url = f"https://github.com/{url}"
    if not is_web_url(url):
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    if host not in _CODE_HOSTS:
        return None
    prefix, needed = _CODE_HOSTS[host]
    segments = [s for s in parts.path.split("/") if s]
    if prefix:
        if not segments or segments[0] != prefix:
            return None
        segments = segments[1:]
    if len(segments) < needed or not all(_SEGMENT.match(s) for s in segments[:needed]):
        return None
    owner, repo = segments[0], segments[1].removesuffix(".git")
    if not repo or repo in (".", ".."):
        return None
    path = "/".join(s for s in (prefix, owner, repo) if s)
    return f"https://{host}/{path}"


def primary_repo(links: list[str] | tuple[str, ...]) -> str | None:
    """The first code-hosting link among the links, normalized."""
    for link in links:
        repo = normalize_repo(link)
        if repo:
            return repo
    return None


# --- identifiers -----------------------------------------------------------------------------

_ARXIV = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])")
_PAPER_URL = re.compile(r"https?://(?:www\.)?huggingface\.co/papers/(\d{4}\.\d{4,5})(?:v\d+)?\b", re.I)


def arxiv_id(value: str | None) -> str | None:
    """A bare arXiv id (`2410.17243`, version dropped) from an id or a paper URL."""
    if not value:
        return None
    match = _ARXIV.search(value.strip())
    return match.group(1) if match else None


def paper_page_id(line: str) -> str | None:
    """The arXiv id of a Hugging Face paper page URL, if the text holds one."""
    match = _PAPER_URL.search(line)
    return match.group(1) if match else None


def paper_url(arxiv: str | None) -> str | None:
    """The Hugging Face paper page of an arXiv id."""
    return f"https://huggingface.co/papers/{arxiv}" if arxiv else None


# --- dates -----------------------------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))


def month_number(name: str) -> int | None:
    """1-12 for an English month name or abbreviation."""
    return MONTHS.get(name.lower().rstrip("."))


def resolve_date(month: int, day: int, year: int | None, listing_date: date) -> date:
    """A date; without a year it takes the listing's year, moved back a year if it would be later.

    Raises ValueError for a day the month does not have.
    """
    if year is not None:
        return date(year, month, day)
    for candidate_year in range(listing_date.year, listing_date.year - 8, -1):
        try:
            candidate = date(candidate_year, month, day)
        except ValueError:
            if day <= 29 and month == 2:  # Feb 29: the latest leap year not after the listing
                continue
            raise
        if candidate <= listing_date:
            return candidate
    raise ValueError(f"no year puts {month}/{day} before the listing")


def parse_iso_date(value: str | None) -> date | None:
    """The date part of an ISO 8601 timestamp (`2024-10-22T17:59:30.000Z`), or None."""
    if not value or not isinstance(value, str):
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None

"""Markdown for papers: the digest document, its per-paper sections, and safe text.

Listing text (titles, authors, abstracts) is escaped so it reads as text; the user's note is
kept as written, except that its headings move below level 2 and constructs left open
(a code fence, an HTML comment) are closed, so one note cannot swallow the next paper.
Output is deterministic: the same library gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..library.types import Paper

_ESCAPE = re.compile(r"([\\`*_\[\]<>#~|])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=])")
_ATX = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HTML_BLOCKS = (  # CommonMark HTML blocks that only end at a closing marker, not a blank line
    (re.compile(r"^ {0,3}<(script|pre|style|textarea)(?=[\s>]|$)", re.I), None),
    (re.compile(r"^ {0,3}<!--"), "-->"),
    (re.compile(r"^ {0,3}<\?"), "?>"),
    (re.compile(r"^ {0,3}<![A-Za-z]"), ">"),
    (re.compile(r"^ {0,3}<!\[CDATA\["), "]]>"),
)


def escape(text: str) -> str:
    """Listing text as Markdown that renders as exactly that text, on one line."""
    text = _ESCAPE.sub(r"\\\1", " ".join(text.split()))
    text = _ENTITY.sub(r"\\&", text)
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text)


def _link(label: str, url: str) -> str:
    return f"[{label}](<{url}>)"


def links_line(paper: Paper) -> str:
    """The paper's links as Markdown links: paper page, code, project page."""
    links = []
    if paper.paper_url:
        links.append(_link("Paper page", paper.paper_url))
    if paper.repo:
        links.append(_link("Code", paper.repo))
    if paper.project_page:
        links.append(_link("Project page", paper.project_page))
    return " · ".join(links)


def metadata_line(paper: Paper) -> str:
    """Authors or organization, date, ★ when starred, status, tags as #tag."""
    parts = []
    if paper.authors:
        parts.append(escape(", ".join(paper.authors)))
    elif paper.organization:
        parts.append(escape(paper.organization))
    elif paper.authors_count:
        parts.append(f"{paper.authors_count} authors")
    if paper.published:
        parts.append(paper.published)
    if paper.starred:
        parts.append("★")
    parts.append(paper.status.value)
    if paper.tags:
        parts.append(" ".join("#" + escape(tag) for tag in paper.tags))
    return " · ".join(parts)


def contain_note(note: str, shift: int = 2) -> str:
    """The note as written, with its headings `shift` levels lower and open blocks closed."""
    lines = note.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    fence: str | None = None
    html_end: str | None = None
    for line in lines:
        if fence is not None:
            out.append(line)
            stripped = line.strip()
            if stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}:
                fence = None
            continue
        if html_end is not None:
            out.append(line)
            if html_end in line.lower():
                html_end = None
            continue
        if match := _FENCE.match(line):
            fence = match.group(1)
            out.append(line)
            continue
        if html_end is None and (opened := _html_block(line)):
            html_end = None if opened.lower() in line.lower()[4:] else opened
            out.append(line)
            continue
        if match := _ATX.match(line):
            level = min(6, len(match.group(2)) + shift)
            out.append(match.group(1) + "#" * level + line[match.end() :])
            continue
        if (match := _SETEXT.match(line)) and out and out[-1].strip() and not _FENCE.match(out[-1]):
            level = (1 if match.group(1)[0] == "=" else 2) + shift
            previous = out.pop()
            if _ATX.match(previous) or previous.lstrip().startswith((">", "-", "*", "+")):
                out.append(previous)
                out.append("")
                out.append("* * *" if match.group(1)[0] == "-" else escape(line))
            else:
                out.append("#" * min(6, level) + " " + previous.strip())
            continue
        out.append(line)
    if fence is not None:
        out.append(fence)
    if html_end is not None:
        out.append(html_end)
    return "\n".join(out).strip("\n")


def _html_block(line: str) -> str | None:
    """The closing marker of an HTML block that this line opens, if any."""
    for pattern, closer in _HTML_BLOCKS:
        if match := pattern.match(line):
            return closer or f"</{match.group(1).lower()}>"
    return None


def blockquote(text: str) -> str:
    """Listing text as an escaped block quote, paragraph breaks kept."""
    paragraphs = [escape(p) for p in text.split("\n\n") if p.strip()]
    return "\n>\n".join(f"> {p}" for p in paragraphs)


def section(paper: Paper, *, with_abstract: bool = False) -> str:
    """One paper's digest section: heading, metadata, links, note, abstract."""
    parts = [f"## {escape(paper.title)}", metadata_line(paper)]
    links = links_line(paper)
    if links:
        parts.append(links)
    note = contain_note(paper.note)
    if note:
        parts.append(note)
    if with_abstract and paper.abstract:
        parts.append(blockquote(paper.abstract))
    return "\n\n".join(parts) + "\n"


def digest_sections(papers: Iterable[Paper], *, with_abstract: bool = False) -> str:
    """Digest sections of papers, for the clipboard."""
    return "\n".join(section(paper, with_abstract=with_abstract) for paper in papers)


def digest(papers: list[Paper], *, title: str = "Reading List", with_abstract: bool = False) -> str:
    """One Markdown document: a level-1 title, then one section per paper."""
    count = f"{len(papers)} paper{'s' if len(papers) != 1 else ''}"
    head = f"# {escape(title)}\n\n{count}\n"
    if not papers:
        return head
    return head + "\n" + digest_sections(papers, with_abstract=with_abstract)

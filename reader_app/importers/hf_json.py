"""The JSON of the Hugging Face Papers site: daily papers / search API arrays and single paper objects."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from .fields import arxiv_id, clean, extract_links, is_web_url, normalize_repo, parse_iso_date, title_key, unwrap
from .records import ListingError, PaperRecord, ParseResult, merge_duplicates

FORMAT = "hf-json"


def parse(text: str, *, as_of: date) -> ParseResult:
    """Papers from the site's JSON (an API response or one paper object)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        truncated = error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string")
        reason = "truncated JSON (the file ends too early)" if truncated else f"invalid JSON ({error.msg})"
        raise ListingError(reason, line=error.lineno) from None
    except RecursionError:
        raise ListingError("invalid JSON (nested too deeply)") from None
    return records_from_data(data, FORMAT)


def records_from_data(data: Any, format: str) -> ParseResult:
    """Records from decoded site JSON: a list of items, `{"dailyPapers": [...]}`, or one paper."""
    items = _items(data)
    if items is None:
        raise ListingError("JSON of another shape: expected papers from the Hugging Face Papers site")
    records: list[PaperRecord] = []
    warnings: list[str] = []
    for index, item in enumerate(items, start=1):
        record = _record(item)
        if record is None:
            warnings.append(f"item {index}: not a paper (no title), skipped")
        else:
            records.append(record)
    if not records:
        raise ListingError("no papers found in this JSON")
    return ParseResult(records=merge_duplicates(records, title_key), warnings=warnings, format=format)


def _items(data: Any) -> list | None:
    if isinstance(data, list):
        return data if any(_paper_of(item) is not None for item in data) else None
    if isinstance(data, dict):
        for key in ("dailyPapers", "papers"):
            if isinstance(data.get(key), list):
                return _items(data[key])
        if _paper_of(data) is not None:
            return [data]
    return None


def _paper_of(item: Any) -> dict | None:
    """The paper object of an API item (`{"paper": {...}}`) or the item itself when it is one."""
    if not isinstance(item, dict):
        return None
    paper = item.get("paper")
    if isinstance(paper, dict):
        return paper
    if isinstance(item.get("title"), str) and ("summary" in item or "id" in item):
        return item
    return None


def _text(value: Any) -> str:
    return clean(value) if isinstance(value, str) else ""


def _count(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def _organization(*holders: dict) -> str | None:
    for holder in holders:
        org = holder.get("organization")
        if isinstance(org, dict):
            name = _text(org.get("fullname")) or _text(org.get("name"))
            if name:
                return name
        elif isinstance(org, str) and org.strip():
            return clean(org)
    return None


def _record(item: Any) -> PaperRecord | None:
    paper = _paper_of(item)
    if paper is None:
        return None
    title = unwrap(_text(paper.get("title")) or _text(item.get("title")))
    if not title:
        return None
    abstract = unwrap(_text(paper.get("summary")) or _text(item.get("summary")))
    authors = tuple(
        name
        for author in (paper.get("authors") if isinstance(paper.get("authors"), list) else [])
        if isinstance(author, dict) and (name := _text(author.get("name")))
    )
    raw_repo = _text(paper.get("githubRepo")) or _text(item.get("githubRepo"))
    repo = normalize_repo(raw_repo) if raw_repo else None
    project = _text(paper.get("projectPage")) or _text(item.get("projectPage"))
    project = project if is_web_url(project) else None
    links = extract_links(abstract)
    for extra in (repo, project):
        if extra and extra not in links:
            links.append(extra)
    comments = _count(item.get("numComments"))
    if comments is None:
        comments = _count(paper.get("numComments"))
    return PaperRecord(
        title=title,
        abstract=abstract,
        arxiv_id=arxiv_id(_text(paper.get("id"))),
        authors=authors,
        authors_count=len(authors) or None,
        organization=_organization(paper, item),
        published=parse_iso_date(paper.get("publishedAt")) or parse_iso_date(item.get("publishedAt")),
        upvotes=_count(paper.get("upvotes")),
        comments=comments,
        links=tuple(links),
        repo=repo or _first_repo(links),
        project_page=project,
    )


def _first_repo(links: list[str]) -> str | None:
    for link in links:
        if repo := normalize_repo(link):
            return repo
    return None

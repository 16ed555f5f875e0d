"""What every importer returns: plain paper records, warnings, and the one error type."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


class ListingError(Exception):
    """A listing that cannot be imported; the message is one line naming the reason."""

    def __init__(self, reason: str, *, line: int | None = None, source: str | None = None):
        self.reason = reason
        self.line = line
        self.source = source
        super().__init__(self._render())

    def _render(self) -> str:
        where = f" (line {self.line})" if self.line else ""
        prefix = f"{self.source}: " if self.source else ""
        return f"{prefix}{self.reason}{where}"

    def with_source(self, source: str) -> ListingError:
        """The same error, naming the file it came from."""
        return ListingError(self.reason, line=self.line, source=source)


@dataclass(frozen=True)
class PaperRecord:
    """One paper as a listing describes it; nothing about the user's own layer."""

    title: str
    abstract: str = ""
    arxiv_id: str | None = None
    authors: tuple[str, ...] = ()
    authors_count: int | None = None
    organization: str | None = None
    published: date | None = None
    upvotes: int | None = None
    comments: int | None = None
    links: tuple[str, ...] = ()
    repo: str | None = None
    project_page: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class ParseResult:
    """The records of one listing, in listing order, and per-entry warnings."""

    records: list[PaperRecord]
    warnings: list[str] = field(default_factory=list)
    format: str = ""
    listing_date: date | None = None


def combine(first: PaperRecord, second: PaperRecord) -> PaperRecord:
    """One record from two descriptions of the same paper in one listing (first one wins ties)."""

    def pick(a, b):
        return a if a not in (None, "", ()) else b

    links = tuple(dict.fromkeys(first.links + second.links))
    return PaperRecord(
        title=pick(first.title, second.title),
        abstract=max(first.abstract, second.abstract, key=len),
        arxiv_id=pick(first.arxiv_id, second.arxiv_id),
        authors=pick(first.authors, second.authors),
        authors_count=pick(first.authors_count, second.authors_count),
        organization=pick(first.organization, second.organization),
        published=pick(first.published, second.published),
        upvotes=pick(first.upvotes, second.upvotes),
        comments=pick(first.comments, second.comments),
        links=links,
        repo=pick(first.repo, second.repo),
        project_page=pick(first.project_page, second.project_page),
        line=first.line,
    )


def merge_duplicates(records: list[PaperRecord], key) -> list[PaperRecord]:
    """Records in first-seen order, each paper once: records with the same arXiv id or
    the same `key(title)` are combined (a trending page shows every card twice)."""
    merged: list[PaperRecord] = []
    by_id: dict[str, int] = {}
    by_title: dict[str, int] = {}
    for record in records:
        title = key(record.title)
        index = by_id.get(record.arxiv_id) if record.arxiv_id else None
        if index is None:
            index = by_title.get(title)
            if index is not None and record.arxiv_id and merged[index].arxiv_id not in (None, record.arxiv_id):
                index = None  # same title, different papers
        if index is None:
            merged.append(record)
            index = len(merged) - 1
        else:
            merged[index] = combine(merged[index], record)
        if merged[index].arxiv_id:
            by_id[merged[index].arxiv_id] = index
        by_title.setdefault(title, index)
    return merged

"""Domain types of the library: triage status, papers as read back, import summaries, errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class LibraryError(Exception):
    """The library file cannot be used; the message is one line saying why and what to do."""


class Status(StrEnum):
    """Where a paper stands in triage; new papers land in the inbox."""

    INBOX = "inbox"
    LATER = "later"
    READ = "read"
    ARCHIVED = "archived"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class Paper:
    """One paper with its listing fields and the user's layer (status, star, tags, note)."""

    id: int
    arxiv_id: str | None
    title: str
    abstract: str
    authors: tuple[str, ...]
    authors_count: int | None
    organization: str | None
    published: str | None
    upvotes: int | None
    comments: int | None
    links: tuple[str, ...]
    repo: str | None
    project_page: str | None
    paper_url: str | None
    source_file: str | None
    source_format: str | None
    added: str
    updated: str
    status: Status
    starred: bool
    tags: tuple[str, ...]
    note: str

    def as_json(self) -> dict:
        """The `reader-app list --json` shape: exactly these keys, unknown numbers as null."""
        return {
            "id": self.id,
            "arxiv_id": self.arxiv_id,
            "title": self.title,
            "abstract": self.abstract,
            "authors": list(self.authors),
            "authors_count": self.authors_count,
            "organization": self.organization,
            "published": self.published,
            "upvotes": self.upvotes,
            "comments": self.comments,
            "links": list(self.links),
            "repo": self.repo,
            "status": self.status.value,
            "starred": self.starred,
            "tags": sorted(self.tags),
            "note": self.note,
            "added": self.added,
        }

    @property
    def byline(self) -> str:
        """Authors, else organization, else author count, as one short line."""
        if self.authors:
            shown = ", ".join(self.authors[:3])
            return shown + (f" +{len(self.authors) - 3}" if len(self.authors) > 3 else "")
        if self.organization:
            return self.organization
        if self.authors_count:
            return f"{self.authors_count} author{'s' if self.authors_count != 1 else ''}"
        return ""


@dataclass(frozen=True, slots=True)
class ListRow:
    """What the paper list shows of one paper: no abstract, no note text."""

    id: int
    title: str
    starred: bool
    status: Status
    organization: str | None
    authors_count: int | None
    published: str | None
    upvotes: int | None
    comments: int | None
    has_repo: bool
    has_note: bool
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """Where an import came from: shown in the import history and stored on new papers."""

    name: str
    content_hash: str
    format: str


@dataclass(frozen=True)
class ImportSummary:
    """What one import did."""

    source: Source
    new: int
    updated: int
    unchanged: int
    warnings: tuple[str, ...] = ()
    import_id: int | None = None

    def line(self) -> str:
        """One summary line, as the CLI prints it."""
        text = f"{self.source.name}: {self.new} new, {self.updated} updated, {self.unchanged} unchanged"
        if self.warnings:
            text += f", {len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}"
        return text


@dataclass(frozen=True)
class ImportRecord:
    """One past import, as recorded in the library."""

    id: int
    file_name: str
    content_hash: str
    format: str
    imported_at: str
    new: int
    updated: int
    unchanged: int
    warnings: int


def normalize_tag(tag: str) -> str:
    """A tag as stored: lower case, no leading '#', inner whitespace as '-', no commas."""
    tag = re.sub(r"[\s,]+", "-", tag.strip().lstrip("#").strip()).strip("-")
    return tag.casefold()[:64]

"""Merge rules: what a re-import may change in a paper already in the library.

Listing fields are refreshed (counts, links, a longer abstract, missing metadata); the user's
layer (status, star, tags, note) is not a listing field and never appears here.
"""

from __future__ import annotations

import json
from typing import Any

from ..importers.records import PaperRecord


def merged_fields(row: dict[str, Any], record: PaperRecord) -> dict[str, Any]:
    """Columns of a stored paper (`row`) that `record` changes, with their new stored values."""
    changes: dict[str, Any] = {}

    def fill(column: str, value: Any) -> None:
        if row[column] in (None, "") and value not in (None, ""):
            changes[column] = value

    def refresh(column: str, value: Any) -> None:
        if value is not None and value != row[column]:
            changes[column] = value

    fill("arxiv_id", record.arxiv_id)
    if len(record.abstract) > len(row["abstract"] or ""):
        changes["abstract"] = record.abstract
    stored_authors = json.loads(row["authors"] or "[]")
    if len(record.authors) > len(stored_authors):
        changes["authors"] = json.dumps(list(record.authors))
    authors_count = record.authors_count if record.authors_count is not None else (len(record.authors) or None)
    if authors_count is not None and (row["authors_count"] is None or authors_count > row["authors_count"]):
        changes["authors_count"] = authors_count
    fill("organization", record.organization)
    fill("published", record.published.isoformat() if record.published else None)
    refresh("upvotes", record.upvotes)
    refresh("comments", record.comments)
    stored_links = json.loads(row["links"] or "[]")
    links = list(dict.fromkeys(stored_links + list(record.links)))
    if links != stored_links:
        changes["links"] = json.dumps(links)
    fill("repo", record.repo)
    fill("project_page", record.project_page)
    return changes

"""Importing into the library: identity, merge rules, the user's layer, and all-or-nothing."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from reader_app.importers.records import PaperRecord, ParseResult
from reader_app.importing import import_bytes
from reader_app.library.library import ImportCancelled
from reader_app.library.types import Source, Status
from tests.helpers import AS_OF


def source(name: str = "listing.txt") -> Source:
    return Source(name=name, content_hash="0" * 64, format="test")


def listing(*records: PaperRecord) -> ParseResult:
    return ParseResult(records=list(records), warnings=[], format="test")


def dump(library) -> list[str]:
    return list(library.conn.iterdump())


def test_sample_imports_46_new_then_nothing_new(library, sample_bytes):
    first = import_bytes(library, sample_bytes, "sample.txt", as_of=AS_OF)
    assert (first.new, first.updated, first.unchanged) == (46, 0, 0)
    again = import_bytes(library, sample_bytes, "sample.txt", as_of=AS_OF)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 46)
    assert library.count() == 46


def test_reimport_never_touches_the_users_layer(library_with_sample, sample_bytes):
    library = library_with_sample
    paper = library.get_by_title("Layer Normalization")
    library.set_status([paper.id], Status.LATER)
    library.set_starred([paper.id], True)
    library.add_tags([paper.id], ["classic", "norm"])
    library.set_note(paper.id, "Read section 3 again.")
    refreshed = replace(
        PaperRecord(title="LAYER normalization!", abstract=paper.abstract + " More words here."),
        upvotes=120,
        comments=4,
        arxiv_id="1607.06450",
        links=("https://github.com/x/layernorm",),
        repo="https://github.com/x/layernorm",
    )
    summary = library.import_result(listing(refreshed), source())
    assert (summary.new, summary.updated) == (0, 1)
    after = library.get(paper.id)
    assert (after.status, after.starred, after.tags, after.note) == (
        Status.LATER,
        True,
        ("classic", "norm"),
        "Read section 3 again.",
    )
    assert (after.upvotes, after.comments, after.arxiv_id) == (120, 4, "1607.06450")
    assert after.paper_url == "https://huggingface.co/papers/1607.06450"
    assert after.abstract.endswith("More words here.") and after.repo == "https://github.com/x/layernorm"
    assert after.title == "Layer Normalization"


def test_same_arxiv_id_is_the_same_paper_whatever_the_title(library):
    library.import_result(listing(PaperRecord(title="Old Title", arxiv_id="2501.00001")), source())
    summary = library.import_result(
        listing(PaperRecord(title="Renamed Title", arxiv_id="2501.00001", upvotes=5)), source()
    )
    assert (summary.new, summary.updated) == (0, 1) and library.count() == 1


def test_same_title_with_different_ids_are_two_papers(library):
    library.import_result(listing(PaperRecord(title="Survey", arxiv_id="2501.00001")), source())
    summary = library.import_result(listing(PaperRecord(title="Survey", arxiv_id="2502.00002")), source())
    assert summary.new == 1 and library.count() == 2


def test_shorter_abstract_and_missing_counts_do_not_overwrite(library):
    library.import_result(
        listing(PaperRecord(title="P", abstract="A long abstract.", upvotes=9, links=("https://a.org",))), source()
    )
    summary = library.import_result(
        listing(PaperRecord(title="P", abstract="Short.", links=("https://b.org",))), source()
    )
    paper = library.get_by_title("P")
    assert summary.updated == 1
    assert (paper.abstract, paper.upvotes) == ("A long abstract.", 9)
    assert paper.links == ("https://a.org", "https://b.org")


def test_new_papers_list_in_listing_order_newest_import_first(library):
    library.import_result(listing(PaperRecord(title="Old A"), PaperRecord(title="Old B")), source("one"))
    library.import_result(
        listing(PaperRecord(title="New A"), PaperRecord(title="Old A"), PaperRecord(title="New B")), source("two")
    )
    assert [row.title for row in library.rows()] == ["New A", "New B", "Old A", "Old B"]


def test_duplicates_inside_one_listing_count_once(library):
    twice = [PaperRecord(title=f"Paper {i % 600}") for i in range(1200)]
    summary = library.import_result(listing(*twice), source())
    assert (summary.new, summary.updated, summary.unchanged) == (600, 0, 0)
    assert library.count() == 600


def test_each_import_is_recorded(library, sample_bytes):
    import_bytes(library, sample_bytes, "sample.txt", as_of=AS_OF)
    import_bytes(library, sample_bytes, "sample.txt", as_of=AS_OF)
    latest, first = library.imports()
    assert (first.file_name, first.format, first.new) == ("sample.txt", "hf-text", 46)
    assert (latest.new, latest.unchanged) == (0, 46)
    assert len(first.content_hash) == 64 and first.content_hash == latest.content_hash
    assert first.imported_at.endswith("Z")


def test_a_failing_import_leaves_the_library_exactly_as_it_was(library_with_sample):
    library = library_with_sample
    library.set_note(library.get_by_title("Layer Normalization").id, "keep me")
    before = dump(library)
    # The disk "fills up" when the last batch is written, after two batches went in.
    library.conn.execute(
        """CREATE TEMP TRIGGER fail_late BEFORE INSERT ON papers WHEN new.title = 'Fresh paper 10'
           BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"""
    )
    records = [PaperRecord(title=f"Fresh paper {i}", published=date(2025, 1, 1)) for i in range(1200)]
    with pytest.raises(sqlite3.DatabaseError, match="disk is full"):
        library.import_result(listing(*records), source())
    assert dump(library) == before
    assert library.count() == 46


def test_a_cancelled_import_leaves_the_library_exactly_as_it_was(library_with_sample):
    library = library_with_sample
    before = dump(library)
    batches = []

    def cancel_after_first_batch() -> bool:
        batches.append(1)
        return len(batches) > 1

    records = [PaperRecord(title=f"Fresh paper {i}") for i in range(1500)]
    with pytest.raises(ImportCancelled):
        library.import_result(listing(*records), source(), cancelled=cancel_after_first_batch)
    assert dump(library) == before


def test_view_counts_follow_imports_and_triage(library_with_sample):
    library = library_with_sample
    assert library.view_counts() == {"inbox": 46, "later": 0, "read": 0, "archived": 0, "starred": 0, "all": 46}
    ids = [row.id for row in library.rows(limit=3)]
    library.set_status(ids[:2], Status.ARCHIVED)
    library.set_starred(ids[1:], True)
    library.set_starred(ids[1:], True)  # starring twice counts once
    library.set_status(ids[2:], Status.LATER)
    counts = library.view_counts()
    assert counts == {"inbox": 43, "later": 1, "read": 0, "archived": 2, "starred": 2, "all": 46}
    assert counts == {
        **{s.value: library.count(f"is:{s.value}") for s in Status},
        "starred": library.count("is:starred"),
        "all": library.count(),
    }


def test_same_title_different_ids_in_one_listing_are_two_papers(library):
    summary = library.import_result(
        listing(
            PaperRecord(title="Survey", arxiv_id="2501.00001"), PaperRecord(title="survey!", arxiv_id="2501.00002")
        ),
        source(),
    )
    assert summary.new == 2 and library.count() == 2

"""Property-based tests: arbitrary text and mutations of the real samples never escape as
anything but the documented errors (ListingError for listings, QueryError for queries)."""

from __future__ import annotations

import html
import json
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader_app.importers import hf_html, hf_json, hf_text
from reader_app.importers.records import ListingError
from reader_app.importing import import_bytes, parse_bytes, sample_listing
from reader_app.library.library import Library
from reader_app.library.query import QueryError, parse
from tests.helpers import AS_OF, DATA

SAMPLE = sample_listing().decode()
API_JSON = (DATA / "hf_daily_papers_api_sample_2024-10.json").read_text()
PAGE = (
    '<!DOCTYPE html><html><body><div data-target="DailyPapers" data-props="'
    + html.escape(json.dumps({"dailyPapers": json.loads(API_JSON)}), quote=True)
    + '"></div></body></html>'
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated(draw, original: str) -> str:
    """The original text with a few random edits: cuts, duplications, insertions, swaps."""
    text = original
    for _ in range(draw(st.integers(1, 6))):
        size = len(text)
        start = draw(st.integers(0, size))
        end = draw(st.integers(start, min(size, start + 400)))
        edit = draw(st.sampled_from(["delete", "duplicate", "insert", "swap_lines", "truncate"]))
        if edit == "delete":
            text = text[:start] + text[end:]
        elif edit == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        elif edit == "insert":
            text = text[:start] + draw(st.text(max_size=40)) + text[start:]
        elif edit == "truncate":
            text = text[:start]
        else:
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


def parses_or_refuses(parser, text: str) -> None:
    try:
        result = parser.parse(text, as_of=date(2026, 11, 29))
    except ListingError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert result.records and all(record.title for record in result.records)
    assert all(link.startswith(("http://", "https://")) for record in result.records for link in record.links)


@FAST
@given(st.text())
def test_any_text_into_any_importer(text):
    for parser in (hf_text, hf_json, hf_html):
        parses_or_refuses(parser, text)


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes_through_decoding_and_detection(data):
    try:
        parse_bytes(data, "x.bin", as_of=AS_OF)
    except ListingError as error:
        assert str(error).startswith("x.bin: ")


@FAST
@given(mutated(SAMPLE))
def test_mutations_of_the_copied_page(text):
    parses_or_refuses(hf_text, text)


@FAST
@given(mutated(API_JSON))
def test_mutations_of_the_api_json(text):
    parses_or_refuses(hf_json, text)


@FAST
@given(mutated(PAGE))
def test_mutations_of_a_saved_page(text):
    parses_or_refuses(hf_html, text)


@pytest.fixture(scope="module")
def shared_library():
    folder = Path(tempfile.mkdtemp())
    library = Library.open(folder / "library.db")
    import_bytes(library, sample_listing(), "sample.txt", as_of=AS_OF)
    yield library
    library.close()
    shutil.rmtree(folder)


TOKENS = st.sampled_from(
    [
        "batch",
        "diffusion",
        "é",
        "OR",
        "AND",
        "NOT",
        "NEAR",
        "-",
        "--",
        '"',
        '""',
        "*",
        "(",
        ")",
        ":",
        "^",
        "+",
        "is:",
        "is:later",
        "is:starred",
        "tag:",
        "tag:x",
        'tag:"a b"',
        "has:repo",
        "has:note",
        "org:",
        "org:%_",
        "year:2025",
        "year:>=2023",
        "upvotes:>10",
        "comments:<1",
        "-is:inbox",
        "http://x.org",
        "title:x",
        "\\",
        "'",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=60), st.lists(TOKENS, max_size=8).map(" ".join)))
def test_any_query_runs_or_is_refused_clearly(shared_library, text):
    try:
        query = parse(text)
    except QueryError as error:
        assert str(error) and "\n" not in str(error)
        return
    rows = shared_library.rows(query, limit=5)
    assert len(rows) <= 5 and shared_library.count(query) >= len(rows)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated(SAMPLE))
def test_a_mutated_import_is_all_or_nothing(shared_library, text):
    before = shared_library.count()
    try:
        summary = import_bytes(shared_library, text.encode(), "mutated.txt", as_of=AS_OF)
    except ListingError:
        assert shared_library.count() == before
        return
    assert shared_library.count() == before + summary.new

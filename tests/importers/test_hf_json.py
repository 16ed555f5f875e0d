"""The site's JSON: API arrays, single paper objects, and shapes that are not ours."""

from __future__ import annotations

import json
from datetime import date

import pytest

from reader_app.importers import hf_json
from reader_app.importers.records import ListingError

AS_OF = date(2026, 11, 29)


def parse(value) -> list:
    text = value if isinstance(value, str) else json.dumps(value)
    return hf_json.parse(text, as_of=AS_OF)


def test_real_api_sample(api_json_bytes):
    result = parse(api_json_bytes.decode())
    assert len(result.records) == 2
    first = result.records[0]
    assert first.arxiv_id == "2410.17243"
    assert first.title == "Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss"
    assert "\n" not in first.abstract and first.abstract.startswith("Contrastive loss is a powerful approach")
    assert first.authors[:2] == ("Zesen Cheng", "Hang Zhang") and first.authors_count == 9
    assert (first.upvotes, first.comments, first.published) == (64, 3, date(2024, 10, 22))


def _item(**paper):
    base = {"id": "2501.00001", "title": "T", "summary": "An abstract.", "upvotes": 3}
    return {"paper": {**base, **paper}, "numComments": 4}


def test_repo_project_page_and_organization():
    result = parse(
        [
            _item(
                githubRepo="owner/repo",
                projectPage="https://proj.example.org",
                organization={"fullname": "Meta AI", "name": "facebook"},
            ),
            _item(id="2501.00002", title="U", githubRepo="https://github.com/a/b/tree/main"),
        ]
    )
    first, second = result.records
    assert first.repo == "https://github.com/owner/repo"
    assert first.project_page == "https://proj.example.org"
    assert first.organization == "Meta AI"
    assert "https://proj.example.org" in first.links and "https://github.com/owner/repo" in first.links
    assert second.repo == "https://github.com/a/b"


def test_single_paper_object():
    result = parse(
        {"id": "2401.00001", "title": "Solo", "summary": "Words.", "publishedAt": "2024-01-02T00:00:00.000Z"}
    )
    assert [(r.arxiv_id, r.published) for r in result.records] == [("2401.00001", date(2024, 1, 2))]


def test_project_page_with_another_scheme_is_dropped():
    record = parse([_item(projectPage="javascript:alert(1)")]).records[0]
    assert record.project_page is None and record.links == ()


def test_wrong_types_inside_items_are_ignored_not_fatal():
    record = parse([_item(upvotes="many", authors="nobody", githubRepo=7, organization=[1])]).records[0]
    assert record.upvotes is None and record.authors == () and record.repo is None and record.organization is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('[{"paper": {"id": "2410.17243", "title": "Trunc', "truncated JSON"),
        ('{"models": [1, 2, 3]}', "JSON of another shape"),
        ("[1, 2, 3]", "JSON of another shape"),
        ("[]", "JSON of another shape"),
        ('[{"paper": {"title": ""}}]', "no papers found"),
    ],
)
def test_bad_json_has_one_clear_reason(text, reason):
    with pytest.raises(ListingError, match=reason):
        parse(text)

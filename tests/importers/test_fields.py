"""Field helpers: identity of titles, repos, ids and dates without a year."""

from __future__ import annotations

from datetime import date

import pytest

from reader_app.importers.fields import arxiv_id, normalize_repo, resolve_date, title_key, unwrap


def test_title_key_ignores_case_unicode_form_whitespace_wraps_and_punctuation():
    assert title_key(
        "Breaking the Memory Barrier: Near Infinite Batch Size Scaling for\n  Contrastive Loss"
    ) == title_key("breaking the memory barrier — near-infinite batch size scaling for contrastive loss!")
    assert title_key("Cafe\u0301") == title_key("Café") == "café"
    assert title_key("ＡＢＣ Models") == title_key("abc models")
    assert title_key("Layer Normalization") != title_key("Batch Normalization")


@pytest.mark.parametrize(
    ("url", "repo"),
    [
        ("https://github.com/Yuliang-Liu/Monkey", "https://github.com/Yuliang-Liu/Monkey"),
        ("https://www.github.com/a/b.git", "https://github.com/a/b"),
        ("https://github.com/a/b/tree/main/src", "https://github.com/a/b"),
        ("http://gitlab.com/group/project/-/issues", "https://gitlab.com/group/project"),
        ("https://codeberg.org/x/y", "https://codeberg.org/x/y"),
        ("https://bitbucket.org/x/y/src", "https://bitbucket.org/x/y"),
        ("https://huggingface.co/spaces/owner/demo/blob/main/app.py", "https://huggingface.co/spaces/owner/demo"),
        ("owner/repo", "https://github.com/owner/repo"),
        ("https://github.com/just-a-user", None),
        ("https://huggingface.co/owner/model", None),
        ("https://example.org/a/b", None),
        ("javascript:alert(1)", None),
    ],
)
def test_normalize_repo(url, repo):
    assert normalize_repo(url) == repo


def test_arxiv_ids():
    assert arxiv_id("2410.17243v3") == "2410.17243"
    assert arxiv_id("https://huggingface.co/papers/2501.01234") == "2501.01234"
    assert arxiv_id("not an id") is None


def test_year_inference():
    listing = date(2025, 1, 10)
    assert resolve_date(1, 5, None, listing) == date(2025, 1, 5)
    assert resolve_date(12, 30, None, listing) == date(2024, 12, 30)
    assert resolve_date(2, 29, None, date(2026, 3, 1)) == date(2024, 2, 29)
    assert resolve_date(7, 21, 2016, listing) == date(2016, 7, 21)
    with pytest.raises(ValueError):
        resolve_date(2, 30, None, listing)


def test_unwrap_keeps_paragraphs():
    assert unwrap("one\ntwo  three\n\nfour\n five") == "one two three\n\nfour five"

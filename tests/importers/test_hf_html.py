"""Saved HTML pages: the listing JSON lives HTML-escaped in a data-props attribute."""

from __future__ import annotations

import html
import json
from datetime import date

import pytest

from reader_app.importers import hf_html
from reader_app.importers.records import ListingError

AS_OF = date(2026, 11, 29)


def page(target: str, props: dict, attribute_order: str = "target-first") -> str:
    escaped = html.escape(json.dumps(props), quote=True)
    attrs = (
        f'data-target="{target}" data-props="{escaped}"'
        if attribute_order == "target-first"
        else f'data-props="{escaped}" data-target="{target}"'
    )
    return f"<!DOCTYPE html><html><head><title>Daily Papers</title></head><body><div {attrs}></div></body></html>"


def test_saved_daily_page(api_json_bytes):
    text = page("DailyPapers", {"dailyPapers": json.loads(api_json_bytes), "date": "2024-10-25"})
    result = hf_html.parse(text, as_of=AS_OF)
    assert [r.arxiv_id for r in result.records] == ["2410.17243", "2410.16251"]
    assert result.format == "hf-html"


def test_saved_paper_page_with_props_before_target():
    paper = {"id": "2410.17243", "title": "A <b>bold</b> &amp; claim", "summary": "Uses &lt;tags&gt; & more."}
    result = hf_html.parse(page("PaperContent", {"paper": paper}, "props-first"), as_of=AS_OF)
    record = result.records[0]
    # Unescaped exactly once: the JSON's own text comes back as it was.
    assert record.title == "A <b>bold</b> &amp; claim"
    assert record.abstract == "Uses &lt;tags&gt; & more."


@pytest.mark.parametrize("stray", ["<![oops>", "<![{>", "<![ 1 ]]>"])
def test_a_stray_marked_section_does_not_stop_the_import(api_json_bytes, stray):
    text = page("DailyPapers", {"dailyPapers": json.loads(api_json_bytes)}).replace("<body>", f"<body>{stray}")
    assert [r.arxiv_id for r in hf_html.parse(text, as_of=AS_OF).records] == ["2410.17243", "2410.16251"]


def test_page_without_papers_is_an_error():
    with pytest.raises(ListingError, match="no Hugging Face paper listing"):
        hf_html.parse("<html><body><p>Hello</p></body></html>", as_of=AS_OF)


def test_page_with_broken_props_is_an_error():
    text = '<html><body><div data-target="DailyPapers" data-props="{&quot;dailyPapers&quot;: [">x</div></body></html>'
    with pytest.raises(ListingError, match="not valid JSON"):
        hf_html.parse(text, as_of=AS_OF)

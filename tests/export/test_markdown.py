"""The digest: one CommonMark document whose structure no title or note can break."""

from __future__ import annotations

from markdown_it import MarkdownIt

from reader_app.export import ANNOTATED
from reader_app.export.markdown import contain_note, digest, digest_sections

from .conftest import HOSTILE_TITLES


def inline_text(token) -> str:
    return "".join(
        child.content if child.type in ("text", "code_inline") else " " if child.type == "softbreak" else ""
        for child in token.children or []
    )


def headings(markdown: str) -> list[tuple[str, str]]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    return [(tok.tag, inline_text(tokens[i + 1])) for i, tok in enumerate(tokens) if tok.type == "heading_open"]


def test_digest_structure_survives_hostile_titles_and_notes(annotated):
    papers = annotated.papers(ANNOTATED)
    assert len(papers) == 8  # seven hostile papers + the starred, tagged one
    document = digest(papers, with_abstract=True)
    found = headings(document)
    assert found[0] == ("h1", "Reading List")
    structure = [(tag, text) for tag, text in found if tag in ("h1", "h2")]
    assert structure == [("h1", "Reading List")] + [("h2", paper.title) for paper in papers]
    # headings inside notes were moved below level 2
    assert ("h3", "My heading") in found and ("h4", "Sub") in found and ("h3", "Setext") in found


def test_listing_text_renders_as_text(annotated):
    paper = annotated.get_by_title(HOSTILE_TITLES[2])
    html = MarkdownIt("commonmark").render(digest([paper], with_abstract=True))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>html</b>" not in html and "&lt;b&gt;html&lt;/b&gt;" in html


def test_metadata_and_links_line(annotated):
    layer = annotated.get_by_title("Layer Normalization")
    section = digest_sections([layer])
    lines = section.splitlines()
    assert lines[2] == "3 authors · 2016-07-21 · ★ · read · #classic #to-read"
    hostile = annotated.find("2501.00001")
    text = digest_sections([hostile])
    assert "[Paper page](<https://huggingface.co/papers/2501.00001>)" in text


def test_digest_is_deterministic(annotated):
    papers = annotated.papers(ANNOTATED)
    assert (
        digest(papers, with_abstract=True).encode() == digest(annotated.papers(ANNOTATED), with_abstract=True).encode()
    )


def test_contain_note_closes_what_it_opens():
    assert contain_note("```\ncode").endswith("```")
    assert contain_note("<!-- open").endswith("-->")
    assert contain_note("# Title") == "### Title"
    assert contain_note("    # indented code") == "    # indented code"
    assert contain_note("#hashtag") == "#hashtag"

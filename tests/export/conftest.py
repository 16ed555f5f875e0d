"""A library with notes, tags, stars and hostile titles, for the exporters."""

from __future__ import annotations

import pytest

from reader_app.importers.records import PaperRecord, ParseResult
from reader_app.library.types import Source, Status

HOSTILE_TITLES = [
    "../../etc/passwd",
    "CON",
    'A: "Quoted" title with #hash and *stars* [brackets] `ticks` <script>alert(1)</script>',
    "Long " + "very " * 68 + "title",  # 350 characters
    "---",
    "Same Title",
    "same title?",  # a different paper whose file name would collide
]
NOTES = {
    "../../etc/passwd": "# My heading\n\nText with a [link](https://example.org).\n\n## Sub\n\nSetext\n===\n",
    "CON": "```python\n# not a heading\nprint('unclosed fence')\n",
    HOSTILE_TITLES[2]: "---\ntitle: fake front matter\n---\n\n<!-- an unclosed comment",
    HOSTILE_TITLES[3]: "Plain note.",
    "---": "---",
}


@pytest.fixture
def annotated(library_with_sample):
    library = library_with_sample
    records = [
        PaperRecord(
            title=title, abstract=f"Abstract of paper {i} with <b>html</b> & *stars*.", arxiv_id=f"2501.{i:05d}"
        )
        for i, title in enumerate(HOSTILE_TITLES)
    ]
    library.import_result(ParseResult(records, [], "test"), Source("hostile.txt", "0" * 64, "test"))
    for title, note in NOTES.items():
        paper = library.get_by_title(title) if title != "---" else library.find("2501.00004")
        library.set_note(paper.id, note)
    layer = library.get_by_title("Layer Normalization")
    library.set_starred([layer.id], True)
    library.set_status([layer.id], Status.READ)
    library.add_tags([layer.id, library.find("2501.00005").id, library.find("2501.00006").id], ["classic", "to-read"])
    return library

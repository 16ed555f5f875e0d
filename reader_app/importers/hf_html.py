"""A saved Hugging Face Papers page: the listing's JSON sits, HTML-escaped, in a `data-props` attribute."""

from __future__ import annotations

import json
from datetime import date
from html.parser import HTMLParser

from .hf_json import records_from_data
from .records import ListingError, ParseResult

FORMAT = "hf-html"
_TARGETS = ("DailyPapers", "PaperContent")


class _PropsFinder(HTMLParser):
    """Collects the `data-props` of elements whose `data-target` names a paper listing or page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, int]] = []

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """`<![` not followed by a section name is a bogus comment up to the next `>`, as
        browsers read it (Python's parser raises AssertionError on it instead)."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        target, props = values.get("data-target"), values.get("data-props")
        if target in _TARGETS and props:
            self.found.append((target, props, self.getpos()[0]))


def parse(text: str, *, as_of: date) -> ParseResult:
    """Papers from a saved listing page (`DailyPapers`) or paper page (`PaperContent`)."""
    finder = _PropsFinder()
    finder.feed(text)
    finder.close()
    if not finder.found:
        raise ListingError("this HTML page holds no Hugging Face paper listing")
    for target, props, line in finder.found:
        try:
            data = json.loads(props)  # the parser has already undone the HTML escaping, once
        except (json.JSONDecodeError, RecursionError):
            raise ListingError(f"the {target} data of this page is not valid JSON", line=line) from None
        key = "dailyPapers" if target == "DailyPapers" else "paper"
        if isinstance(data, dict) and data.get(key):
            return records_from_data(data[key], FORMAT)
    raise ListingError("this HTML page holds no papers")

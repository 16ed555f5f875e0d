"""Listing importers, one module per format; `detect` picks the parser from the content."""

from __future__ import annotations

import re
from types import ModuleType

_JSON_START = re.compile(r'\s*(?:\{\s*(?:"|\}|$)|\[\s*(?:[\[{"\]]|$))')
_HTML_START = re.compile(r"\s*<(?:!doctype|html|head|body|div|meta|!--|\?xml)", re.IGNORECASE)


def detect(text: str) -> ModuleType:
    """The importer module for this text, judged from its content (never the file name)."""
    from . import hf_html, hf_json, hf_text  # here, so that importing a submodule stays cheap

    if _JSON_START.match(text[:1000]):
        return hf_json
    if _HTML_START.match(text[:1000]):
        return hf_html
    return hf_text

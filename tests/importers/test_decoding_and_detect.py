"""Bytes to text, and the format judged from content rather than the file name."""

from __future__ import annotations

import codecs

import pytest

from reader_app.importers import detect, hf_html, hf_json, hf_text
from reader_app.importers.decoding import decode
from reader_app.importers.records import ListingError


def test_encodings_people_save_in(sample_bytes):
    text = sample_bytes.decode()
    assert decode(codecs.BOM_UTF8 + sample_bytes) == text
    assert decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == text
    assert decode(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == text
    assert decode(text.replace("\n", "\r\n").encode()) == text


@pytest.mark.parametrize(
    ("data", "reason", "line"),
    [
        (b"", "empty", None),
        (b"  \n\t\n ", "only whitespace", None),
        (b"Title\n\nAbstract \x00\x01\x02", "binary file", 3),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file", None),
        (b"Title\n\nCaf\xe9 au lait\n", "not UTF-8", 3),
    ],
)
def test_bad_bytes_have_one_clear_reason(data, reason, line):
    with pytest.raises(ListingError, match=reason) as error:
        decode(data)
    if line is not None:
        assert error.value.line == line


@pytest.mark.parametrize(
    ("text", "module"),
    [
        ('[{"paper": {}}]', hf_json),
        ('  {"id": "x"}', hf_json),
        ("<!DOCTYPE html><html>", hf_html),
        ("<html lang=en>", hf_html),
        ("[-] 19\n\nTitle", hf_text),
        ("[101](https://huggingface.co/papers/2501.00001)", hf_text),
        ("new\n\nSubscribe", hf_text),
    ],
)
def test_detect_reads_the_content(text, module):
    assert detect(text) is module

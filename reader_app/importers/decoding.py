"""Bytes of a listing file to text: the encodings people's browsers and editors save."""

from __future__ import annotations

import codecs

from .records import ListingError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> str:
    """Text of a listing file: UTF-8 (with or without BOM) or UTF-16/32 with BOM; newlines as `\\n`.

    Raises ListingError for empty, binary and undecodable content.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise ListingError(f"not valid {encoding.upper()} text at byte {error.start + len(bom):,}") from None
            break
    else:
        if b"\x00" in data:
            raise ListingError(
                "a binary file, not a listing (it holds NUL bytes)", line=data.count(b"\n", 0, data.index(b"\x00")) + 1
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            raise ListingError(
                f"not UTF-8 text: byte 0x{data[error.start]:02x} at offset {error.start:,} cannot be read", line=line
            ) from None
    if "\x00" in text:
        raise ListingError("a binary file, not a listing (it holds NUL characters)")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ListingError("the file is empty" if not text else "the file holds only whitespace")
    sample = text[:4096]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\n\t\f\v")
    if controls > len(sample) // 20:
        raise ListingError("a binary file, not a listing (it holds control characters)")
    return text

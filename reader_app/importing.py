"""The import pipeline shared by the CLI and the GUI: bytes → text → records → library."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

from .importers import detect
from .importers.decoding import decode
from .importers.records import ListingError, ParseResult
from .library.library import Library
from .library.types import ImportSummary, Source

SAMPLE_NAME = "sample_listing.txt"


def parse_bytes(data: bytes, name: str, *, as_of: date | None = None) -> tuple[ParseResult, Source]:
    """Parse a listing file's bytes; raises ListingError naming `name` and the reason."""
    try:
        text = decode(data)
        parser = detect(text)
        result = parser.parse(text, as_of=as_of or date.today())
    except ListingError as error:
        raise error.with_source(name) from None
    except RecursionError:
        raise ListingError("the listing is nested too deeply to read", source=name) from None
    return result, Source(name=name, content_hash=hashlib.sha256(data).hexdigest(), format=result.format)


def import_bytes(
    library: Library,
    data: bytes,
    name: str,
    *,
    as_of: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportSummary:
    """Parse and import one listing in one transaction; a failure changes nothing."""
    result, source = parse_bytes(data, name, as_of=as_of)
    return library.import_result(result, source, progress=progress, cancelled=cancelled)


def sample_listing() -> bytes:
    """The bundled sample listing (a copied Hugging Face Papers page)."""
    from importlib.resources import files

    return files("reader_app.resources").joinpath(SAMPLE_NAME).read_bytes()

"""Long prefixes searched as the words they stand for: the same papers, whatever changed since."""

from __future__ import annotations

import pytest

from benchmarks.make_listing import make_listing
from reader_app.importing import import_bytes
from reader_app.library.library import Library
from reader_app.library.query import parse
from reader_app.library.vocabulary import MAX_EXPANSION, Vocabulary, read_vocabulary
from tests.helpers import AS_OF


def ids(library: Library, query: str) -> list[int]:
    return [row.id for row in library.rows(query)]


def without_vocabulary(library: Library, query: str) -> list[int]:
    vocabulary, library.vocabulary = library.vocabulary, None
    try:
        return ids(library, query)
    finally:
        library.vocabulary = vocabulary


def test_every_long_prefix_finds_the_same_papers_in_the_same_order(library_with_sample):
    lib = library_with_sample
    lib.vocabulary = read_vocabulary(lib.conn)
    long_words = [word for word in lib.vocabulary.words if len(word) >= 9]
    assert len(long_words) > 100  # the sample's abstracts have plenty
    spelled_out = 0
    for word in long_words[::7]:
        for end in range(7, len(word) + 1):
            prefix = word[:end]
            assert ids(lib, f"model {prefix}") == without_vocabulary(lib, f"model {prefix}"), prefix
            assert ids(lib, prefix) == without_vocabulary(lib, prefix) != [], prefix
            spelled_out += lib.vocabulary.expand(prefix) is not None
    assert lib.vocabulary is not None and spelled_out > 100  # still current, and it was used


def test_words_added_since_the_vocabulary_was_read_are_found(library_with_sample, library_path, sample_bytes):
    lib = library_with_sample
    lib.vocabulary = read_vocabulary(lib.conn)
    paper = lib.get_by_title("Layer Normalization")
    lib.set_note(paper.id, "Compare with the axolotlification paper.")
    assert [row.title for row in lib.rows("axolotlif")] == ["Layer Normalization"]
    assert lib.vocabulary is None  # out of date: dropped, not trusted

    lib.vocabulary = read_vocabulary(lib.conn)
    with Library.open(library_path) as other_process:  # e.g. `reader-app import` meanwhile
        changed = sample_bytes.replace(b"Layer Normalization", b"Layer Normalizationistic Recipes")
        import_bytes(other_process, changed, "changed.txt", as_of=AS_OF)
    assert [row.title for row in lib.rows("normalizationis")] == ["Layer Normalizationistic Recipes"]


def test_what_a_prefix_is_spelled_out_as():
    words = tuple(
        sorted(["diffusion", "diffusions", "diffusive", "distillation"] + [f"tokenizer{i:02}" for i in range(20)])
    )
    vocabulary = Vocabulary(words, b"v1")
    assert vocabulary.expand("diffusi") == ("diffusion", "diffusions", "diffusive")
    assert vocabulary.expand("Diffusio") == ("diffusion", "diffusions")  # the index folds case
    assert vocabulary.expand("diffusionz") == ()  # no such word: nothing matches
    assert vocabulary.expand("diffus") is None  # short prefixes have their own index
    assert vocabulary.expand("gpt-4o-mi") is None  # a phrase to FTS5, left to it
    assert len(vocabulary.expand("tokenizer0")) == 10
    assert vocabulary.expand("tokenize") is None  # more than MAX_EXPANSION words: FTS5 does it
    assert MAX_EXPANSION < 20


@pytest.mark.parametrize("query", ["diffusionz", "-model diffusi", "tag:x OR transfor", '"large language" modeli'])
def test_queries_around_a_long_prefix_agree(library_with_sample, query):
    lib = library_with_sample
    lib.add_tags([lib.rows()[0].id], ["x"])
    lib.vocabulary = read_vocabulary(lib.conn)
    assert ids(lib, query) == without_vocabulary(lib, query)
    assert lib.count(query) == len(without_vocabulary(lib, query))


def test_a_search_stopped_midway_leaves_the_library_readable_by_others(library, library_path):
    import_bytes(library, make_listing(2000).encode(), "big.txt", as_of=AS_OF)
    library.vocabulary = read_vocabulary(library.conn)
    assert library.quick_rows(parse("diffusi"), limit=100, budget_ms=0) is None  # stopped at once
    assert not library.conn.in_transaction  # no snapshot left open: later changes are seen
    with Library.open(library_path) as other_process:
        other_process.set_note(other_process.rows(limit=1)[0].id, "a brand new wordiness")
    assert library.count("wordines") == 1

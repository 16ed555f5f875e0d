"""The query language: what users type in the search box and after `reader-app list`."""

from __future__ import annotations

import re

import pytest

from reader_app.library.library import SORT_COLUMNS, Sort
from reader_app.library.query import QueryError, parse
from reader_app.library.types import Status


def titles(library, query: str) -> set[str]:
    return {row.title for row in library.rows(query)}


def test_empty_query_lists_everything(library_with_sample):
    assert library_with_sample.count("") == 46 == len(library_with_sample.rows("   "))


def test_all_words_must_match_and_the_last_is_a_prefix(library_with_sample):
    lib = library_with_sample
    both = titles(lib, "kv cache")
    assert both and all(lib.count(f'"{t}"') for t in both)
    assert "MiniCache: KV Cache Compression in Depth Dimension for Large Language Models" in both
    assert titles(lib, "minicach") == titles(lib, "minicache") != set()
    assert titles(lib, "speculative decod") >= {"Batch Speculative Decoding Done Right"}
    # only the last word is a prefix
    assert lib.count("minicach cache") == 0


def test_words_match_notes_too(library_with_sample):
    lib = library_with_sample
    paper = lib.get_by_title("Layer Normalization")
    assert lib.count("zebrafish") == 0
    lib.set_note(paper.id, "Reminds me of the zebrafish paper.")
    assert titles(lib, "zebrafish") == {"Layer Normalization"}
    lib.set_note(paper.id, "Reminds me of the axolotl paper.")
    assert (lib.count("zebrafish"), titles(lib, "axolotl")) == (0, {"Layer Normalization"})


@pytest.mark.parametrize("descending", [True, False])
def test_search_results_keep_the_list_order_page_after_page(library_with_sample, descending):
    lib = library_with_sample
    order = Sort(descending=descending)
    matching = {row.id for row in lib.rows("model")}
    expected = [row.id for row in lib.rows("", sort=order) if row.id in matching]
    pages = [lib.rows("model", sort=order, limit=4)]
    while len(pages[-1]) == 4:
        pages.append(lib.rows("model", sort=order, limit=4, after_id=pages[-1][-1].id))
    assert len(expected) > 8 and [row.id for page in pages for row in page] == expected


def has_phrase(paper, phrase: str) -> bool:
    words = phrase.split()
    tokens = re.findall(r"\w+", f"{paper.title} {paper.abstract}".lower())
    return any(tokens[i : i + len(words)] == words for i in range(len(tokens)))


def test_phrase_exclusion_and_or(library_with_sample):
    lib = library_with_sample
    phrase = titles(lib, '"time training"')
    assert (
        phrase == {p.title for p in lib.papers() if has_phrase(p, "time training")} == {"Test-Time Training Done Right"}
    )
    assert len(titles(lib, "time training ")) == 6  # the same words anywhere, in any order
    batch = titles(lib, "batch ")  # a space after the word: the whole word only
    cache = titles(lib, "cache ")
    assert batch < titles(lib, "batch")  # without it, also batches, batching, ...
    assert titles(lib, "batch OR cache ") == batch | cache
    assert titles(lib, "batch -cache ") == batch - cache
    assert titles(lib, "-batch ") == titles(lib, "") - batch


def test_filters(library_with_sample):
    lib = library_with_sample
    layer = lib.get_by_title("Layer Normalization")
    monkey = lib.get_by_title("Mini-Monkey: Multi-Scale Adaptive Cropping for Multimodal Large Language Models")
    lib.set_status([layer.id], Status.LATER)
    lib.set_starred([monkey.id], True)
    lib.add_tags([layer.id, monkey.id], ["To Read"])
    assert titles(lib, "is:later") == {"Layer Normalization"}
    assert titles(lib, "is:starred") == {monkey.title}
    assert lib.count("is:inbox") == 45
    assert titles(lib, "tag:to-read") == titles(lib, 'tag:"To Read"') == {"Layer Normalization", monkey.title}
    assert monkey.title in titles(lib, "has:repo") and "Layer Normalization" not in titles(lib, "has:repo")
    assert titles(lib, "org:openbmb") == {"MiniCPM4: Ultra-Efficient LLMs on End Devices"}
    assert titles(lib, "year:2016") == {"Layer Normalization"}
    dated = sum(1 for paper in lib.papers() if paper.published)
    assert lib.count("year:>=2025") + lib.count("year:<2025") == dated == 43  # three cards show no date
    assert lib.count("is:later OR is:starred") == 2
    assert titles(lib, "-is:inbox") == {"Layer Normalization"}
    assert lib.count("comments:>1") == lib.count("comments:>=2") > 0
    assert lib.count("upvotes:>10") == 0  # the sample shows no upvotes


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"unclosed phrase', "quote is not closed"),
        ("OR batch", "OR needs a term"),
        ("batch OR", "OR needs a term"),
        ("batch OR OR cache", "OR needs a term"),
        ("is:someday", "is:someday"),
        ("has:pdf", "has:pdf"),
        ("year:soon", "needs a number"),
        ("upvotes:>>3", "needs a number"),
        ("tag:", "needs a value"),
        ("colour:red", "unknown filter 'colour:'"),
    ],
)
def test_malformed_queries_raise_a_clear_error(library_with_sample, query, message):
    with pytest.raises(QueryError, match=message):
        library_with_sample.count(query)


@pytest.mark.parametrize(
    "query",
    [
        "*",
        "-",
        "(",
        ")",
        "NEAR(batch",
        "a AND",
        "^x",
        "batch:",
        "1:2",
        '"" x',
        "***",
        "'",
        "+",
        "AND OR NOT",
        "0\x00",
        "a\tb",
    ],
)
def test_fts_syntax_in_a_query_is_plain_text(library_with_sample, query):
    rows = library_with_sample.rows(query, limit=5)
    assert len(rows) <= 5


def test_url_like_words_are_words():
    assert parse("https://github.com/x").clauses


@pytest.mark.parametrize("key", sorted(SORT_COLUMNS))
@pytest.mark.parametrize("query", ["", "model"])
def test_every_order_pages_without_gaps_or_repeats(library_with_sample, key, query):
    lib = library_with_sample
    ids = [row.id for row in lib.rows()]
    lib.add_tags(ids[::3], ["zeta"])
    lib.add_tags(ids[::5], ["alpha"])
    lib.set_note(ids[4], "a note")
    lib.set_starred(ids[::4], True)
    lib.set_status(ids[1::6], Status.LATER)
    for descending in (True, False):
        order = Sort(key, descending)
        whole = [row.id for row in lib.rows(query, sort=order)]
        pages = [lib.rows(query, sort=order, limit=7)]
        while len(pages[-1]) == 7:
            last, shown = pages[-1][-1].id, sum(len(page) for page in pages)
            after = {"after_id": last} if order.pages_by_key else {"offset": shown}
            pages.append(lib.rows(query, sort=order, limit=7, **after))
        assert [row.id for page in pages for row in page] == whole and len(set(whole)) == len(whole) > 7


def test_the_tags_order_follows_tag_changes(library_with_sample):
    lib = library_with_sample
    first, second = (row.id for row in lib.rows(limit=2))
    lib.add_tags([first], ["zeta"])
    lib.add_tags([second], ["beta", "omega"])
    assert [row.id for row in lib.rows(sort=Sort("tags", True), limit=2)] == [first, second]
    lib.remove_tags([second], ["beta"])  # its first tag is now "omega"
    lib.add_tags([first], ["alpha"])
    assert [row.id for row in lib.rows(sort=Sort("tags", True), limit=2)] == [second, first]

"""The copied-page importer, on the real sample and on every variant a browser copy produces."""

from __future__ import annotations

from datetime import date

import pytest

from reader_app.importers import hf_text
from reader_app.importers.records import ListingError

AS_OF = date(2026, 11, 29)


def parse(text: str, as_of: date = AS_OF):
    return hf_text.parse(text, as_of=as_of)


def by_title(result, start: str):
    matches = [r for r in result.records if r.title.startswith(start)]
    assert len(matches) == 1, [r.title for r in result.records]
    return matches[0]


ABSTRACT = (
    "We study how large language models can be trained with less memory while keeping their accuracy. "
    "Our method removes redundant activations and recomputes them on the fly, which cuts peak memory by "
    "half on every model we tried, from 1B to 70B parameters, at a cost of five percent in throughput."
)


# --- the shared sample ---------------------------------------------------------------------


def test_sample_has_46_papers_in_listing_order(sample_text):
    result = parse(sample_text)
    assert len(result.records) == 46
    assert result.records[0].title == "Test-Time Training Done Right"
    assert result.records[-1].title.startswith("MCUNetV2")
    assert result.warnings == []


def test_sample_fields(sample_text):
    result = parse(sample_text)
    demons = by_title(result, "Demons in the Detail")
    assert (demons.authors_count, demons.comments, demons.published) == (10, 2, date(2025, 1, 20))
    minicpm4 = by_title(result, "MiniCPM4")
    assert minicpm4.organization == "OpenBMB" and minicpm4.authors_count is None and minicpm4.comments == 5
    assert by_title(result, "Layer Normalization").published == date(2016, 7, 21)
    assert by_title(result, "Mini-Monkey").repo == "https://github.com/Yuliang-Liu/Monkey"
    assert by_title(result, "Mini-Monkey").links == ("https://github.com/Yuliang-Liu/Monkey",)
    assert by_title(result, "Past-Future").links == ("https://github.com/ModelTC/lightllm",)
    ttt = by_title(result, "Test-Time Training Done Right")
    assert ttt.links == ("https://tianyuanzhang.com/projects/ttt-done-right",) and ttt.repo is None


def test_sample_entries_without_a_meta_block_keep_their_abstract(sample_text):
    result = parse(sample_text)
    batch = by_title(result, "Batch Speculative Decoding Done Right")
    assert batch.abstract.startswith("Speculative decoding speeds up LLM inference")
    assert batch.published is None and batch.authors_count is None
    assert by_title(result, "LoRAFusion").authors_count == 6


def test_sample_dates_without_year_take_the_heading_year(sample_text):
    # The heading "Apr 17" has no year either: it is the last Apr 17 not after the as-of date.
    result = parse(sample_text, as_of=date(2026, 11, 29))
    assert result.listing_date == date(2026, 4, 17)
    assert by_title(result, "LAPS").published == date(2026, 1, 4)
    assert by_title(result, "Can Small Training Runs").published == date(2026, 4, 11)
    earlier = parse(sample_text, as_of=date(2026, 3, 1))
    assert earlier.listing_date == date(2025, 4, 17)
    assert by_title(earlier, "LAPS").published == date(2025, 1, 4)
    assert by_title(earlier, "Can Small Training Runs").published == date(2025, 4, 11)


# --- crafted variants ----------------------------------------------------------------------

DAILY_COPY = f"""new

Get trending papers in your email inbox once a day!

Subscribe

Daily Papers

by AK and the research community

Daily
Weekly
Monthly

Oct 24, 2024

[Previous](https://huggingface.co/papers/date/2024-10-23)

19

Breaking the Memory Barrier

https://huggingface.co/papers/2410.17243

{ABSTRACT} Code: https://github.com/DAMO-NLP-SG/Inf-CLIP.

  • 9 authors
·
Published on Oct 22
3

-

A Paper Nobody Upvoted Yet

{ABSTRACT}

5 authors
·
Oct 21 1

[-] 7

Third Paper

{ABSTRACT}

[microsoft] Microsoft
·
Sep 30, 2023
"""


def test_daily_copy_chrome_counts_ids_and_dates():
    result = parse(DAILY_COPY)
    assert [r.title for r in result.records] == [
        "Breaking the Memory Barrier",
        "A Paper Nobody Upvoted Yet",
        "Third Paper",
    ]
    first, second, third = result.records
    assert result.listing_date == date(2024, 10, 24)
    assert (first.upvotes, first.arxiv_id, first.authors_count, first.comments) == (19, "2410.17243", 9, 3)
    assert first.published == date(2024, 10, 22)
    assert first.repo == "https://github.com/DAMO-NLP-SG/Inf-CLIP"
    assert (second.upvotes, second.authors_count, second.comments, second.published) == (0, 5, 1, date(2024, 10, 21))
    assert (third.upvotes, third.organization, third.published) == (7, "Microsoft", date(2023, 9, 30))
    assert not any("huggingface.co/papers/date" in link for r in result.records for link in r.links)


def test_date_without_year_after_listing_date_moves_back_a_year():
    text = f"Jan 5, 2025\n\nA Paper\n\n{ABSTRACT}\n\n  • 2 authors\n·\nDec 30\n"
    assert parse(text).records[0].published == date(2024, 12, 30)


def test_hard_wrapped_abstract_is_joined():
    words, lines, line = ABSTRACT.split(), [], ""
    for word in words:
        if len(line) + len(word) > 70:
            lines.append(line.strip())
            line = ""
        line += word + " "
    lines.append(line.strip())
    text = "Wrapped Paper\n\n" + "\n".join(lines) + "\n\n  • 3 authors\n·\nMay 29, 2025\n"
    record = parse(text).records[0]
    assert record.title == "Wrapped Paper"
    assert record.abstract == ABSTRACT
    assert record.authors_count == 3


def test_markdown_flavoured_copy():
    text = f"""[Daily](https://huggingface.co/papers) [Trending](https://huggingface.co/papers/trending)

[101](https://huggingface.co/papers/2505.00001)

### [Title With *Stars* and [Brackets]](https://huggingface.co/papers/2505.00001)

{ABSTRACT}

[• 4 authors](https://huggingface.co/papers/2505.00001)
·
Published on May 29, 2025
[12](https://huggingface.co/papers/2505.00001#community)

### [Second Markdown Paper](https://huggingface.co/papers/2505.00002v2)

{ABSTRACT}

[openbmb] OpenBMB
·
May 28, 2025
"""
    result = parse(text)
    assert len(result.records) == 2
    first, second = result.records
    assert first.arxiv_id == "2505.00001" and first.upvotes == 101
    assert first.authors_count == 4 and first.comments == 12 and first.published == date(2025, 5, 29)
    assert second.title == "Second Markdown Paper" and second.arxiv_id == "2505.00002"
    assert second.organization == "OpenBMB"


def test_markdown_title_with_brackets_keeps_them():
    text = f"### [Scaling [Laws] Revisited](https://huggingface.co/papers/2501.00001)\n\n{ABSTRACT}\n"
    # A title containing brackets cannot round-trip through a Markdown link; it still imports.
    assert len(parse(text).records) == 1


def test_trending_page_cards_shown_twice_merge_into_one():
    card_short = (
        "Shared Title: A Study\n\nhttps://huggingface.co/papers/2501.12345\n\n  • 6 authors\n·\nJan 20, 2025 4\n"
    )
    card_long = f"Shared Title: A Study\n\n{ABSTRACT} https://github.com/org/repo\n\n  • 6 authors\n·\nJan 20, 2025 4\n"
    other = f"Another Trending Paper\n\n{ABSTRACT}\n\n  • 2 authors\n·\nJan 21, 2025\n"
    text = "Trending Papers\n\n" + "\n".join([card_short, card_long, other, other])
    result = parse(text)
    assert [r.title for r in result.records] == ["Shared Title: A Study", "Another Trending Paper"]
    merged = result.records[0]
    assert merged.arxiv_id == "2501.12345" and merged.abstract.startswith("We study")
    assert merged.repo == "https://github.com/org/repo" and merged.comments == 4


def test_echoed_search_query_is_not_a_paper():
    text = f"batch\n\nThe Real Title\n\n{ABSTRACT}\n\n  • 2 authors\n·\nMay 1, 2025\n"
    assert [r.title for r in parse(text).records] == ["The Real Title"]


def test_no_blank_lines_between_title_and_abstract():
    text = (
        f"Compact Paper\n{ABSTRACT}\n• 3 authors\n·\nMay 1, 2025\n"
        f"Next Compact Paper\n{ABSTRACT}\n• 4 authors\n·\nMay 2, 2025\n"
    )
    result = parse(text)
    assert [(r.title, r.authors_count) for r in result.records] == [("Compact Paper", 3), ("Next Compact Paper", 4)]


def test_unreadable_date_is_a_warning_with_line_number_and_the_paper_still_imports():
    text = f"Odd Date Paper\n\n{ABSTRACT}\n\n  • 2 authors\n·\nFebr 3\n"
    result = parse(text)
    assert result.records[0].title == "Odd Date Paper" and result.records[0].published is None
    assert result.warnings == ["line 7: unreadable date 'Febr 3'"]


def test_impossible_day_is_a_warning():
    text = f"Feb Paper\n\n{ABSTRACT}\n\n  • 2 authors\n·\nFeb 30, 2025\n"
    result = parse(text)
    assert result.records[0].published is None
    assert result.warnings and result.warnings[0].startswith("line 7:")


def test_links_keep_only_http_and_lose_sentence_punctuation():
    text = (
        "Links Paper\n\nSee https://github.com/ModelTC/lightllm). Also (https://example.org/a_(b)) and "
        "https://gitlab.com/group/proj/-/tree/main, javascript:alert(1) file:///etc/passwd ftp://x.org "
        "and the space https://huggingface.co/spaces/owner/demo. " + ABSTRACT + "\n"
    )
    record = parse(text).records[0]
    assert record.links == (
        "https://github.com/ModelTC/lightllm",
        "https://example.org/a_(b)",
        "https://gitlab.com/group/proj/-/tree/main",
        "https://huggingface.co/spaces/owner/demo",
    )
    assert record.repo == "https://github.com/ModelTC/lightllm"


def test_text_is_nfc_normalized_and_trimmed():
    decomposed = "Cafe\u0301 Models\u200b  "
    record = parse(f"  {decomposed}\n\n{ABSTRACT}\n").records[0]
    assert record.title == "Café Models"


def test_page_chrome_only_is_an_error():
    with pytest.raises(ListingError, match="no papers found"):
        parse("new\n\nSubscribe\n\nDaily Papers\n\nApr 17\n")


def test_huge_single_line_is_refused_quickly():
    with pytest.raises(ListingError, match="not part of a listing") as error:
        parse("x" * 200_000)
    assert error.value.line == 1


def test_the_line_number_of_an_over_long_line():
    with pytest.raises(ListingError) as error:
        parse(f"Title\n\n{ABSTRACT}\n" + "y" * 100_001 + "\n")
    assert error.value.line == 4

"""The `reader-app` command line, run as a subprocess the way users' scripts run it."""

from __future__ import annotations

import json

import pytest

from reader_app import __version__
from tests.helpers import DATA, first_version_library, run_cli

JSON_KEYS = {
    "id",
    "arxiv_id",
    "title",
    "abstract",
    "authors",
    "authors_count",
    "organization",
    "published",
    "upvotes",
    "comments",
    "links",
    "repo",
    "status",
    "starred",
    "tags",
    "note",
    "added",
}


@pytest.fixture
def sample_file(tmp_path, sample_bytes):
    path = tmp_path / "listing.txt"
    path.write_bytes(sample_bytes)
    return path


def listed(library, *query: str) -> list[dict]:
    result = run_cli("list", *query, "--json", library=library)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_import_twice_then_list_json(tmp_path, sample_file):
    library = tmp_path / "lib.db"
    first = run_cli("import", str(sample_file), "--as-of", "2026-11-29", library=library)
    assert first.returncode == 0, first.stderr
    assert first.stdout.decode().strip() == "listing.txt: 46 new, 0 updated, 0 unchanged"
    again = run_cli("import", str(sample_file), library=library)
    assert again.stdout.decode().strip() == "listing.txt: 0 new, 0 updated, 46 unchanged"

    papers = {paper["title"]: paper for paper in listed(library)}
    assert len(papers) == 46
    assert all(set(paper) == JSON_KEYS for paper in papers.values())
    demons = next(p for t, p in papers.items() if t.startswith("Demons in the Detail"))
    assert (demons["authors_count"], demons["comments"], demons["upvotes"]) == (10, 2, None)
    assert next(p for t, p in papers.items() if t.startswith("MiniCPM4"))["organization"] == "OpenBMB"
    assert papers["Layer Normalization"]["published"] == "2016-07-21"
    monkey = next(p for t, p in papers.items() if t.startswith("Mini-Monkey"))
    assert monkey["repo"] == "https://github.com/Yuliang-Liu/Monkey"
    assert (monkey["status"], monkey["starred"], monkey["tags"], monkey["note"]) == ("inbox", False, [], "")


def test_list_table_query_and_limit(tmp_path, sample_file):
    library = tmp_path / "lib.db"
    run_cli("import", str(sample_file), library=library)
    result = run_cli("list", "normalization", "--limit", "2", library=library)
    lines = result.stdout.decode().splitlines()
    assert lines[0].split()[:2] == ["ID", "STATUS"] and len(lines) == 3
    assert "2 of" in result.stderr.decode()
    assert [p["title"] for p in listed(library, "year:2016")] == ["Layer Normalization"]


def test_edit_then_filter(tmp_path, sample_file):
    library = tmp_path / "lib.db"
    run_cli("import", str(sample_file), library=library)
    paper_id = str(listed(library, '"Layer Normalization"')[0]["id"])
    note = tmp_path / "note.md"
    note.write_text("# Thoughts\n\nUse it everywhere.\n")
    result = run_cli(
        "edit",
        paper_id,
        "--status",
        "later",
        "--star",
        "--tag",
        "Classic",
        "--tag",
        "norm",
        "--note-file",
        str(note),
        library=library,
    )
    assert result.returncode == 0, result.stderr
    [paper] = listed(library, "is:later")
    assert (paper["starred"], paper["tags"], paper["note"]) == (
        True,
        ["classic", "norm"],
        "# Thoughts\n\nUse it everywhere.\n",
    )
    run_cli("edit", paper_id, "--unstar", "--untag", "norm", "--note", "", library=library)
    [paper] = listed(library, "tag:classic")
    assert (paper["starred"], paper["tags"], paper["note"]) == (False, ["classic"], "")


def test_import_from_stdin_and_json(tmp_path, sample_bytes):
    library = tmp_path / "lib.db"
    result = run_cli(
        "import", "-", str(DATA / "hf_daily_papers_api_sample_2024-10.json"), stdin=sample_bytes, library=library
    )
    assert result.stdout.decode().splitlines() == [
        "<stdin>: 46 new, 0 updated, 0 unchanged",
        "hf_daily_papers_api_sample_2024-10.json: 2 new, 0 updated, 0 unchanged",
    ]


def test_environment_variable_chooses_the_library(tmp_path, sample_file):
    library = tmp_path / "from-env" / "lib.db"
    result = run_cli("import", str(sample_file), env={"READER_APP_LIBRARY": str(library)})
    assert result.returncode == 0 and library.exists()


def test_default_library_lives_in_the_user_data_folder(tmp_path, sample_file):
    home = tmp_path / "home"
    result = run_cli("import", str(sample_file), env={"HOME": str(home), "XDG_DATA_HOME": str(home / "data")})
    assert result.returncode == 0, result.stderr
    assert (home / "data" / "reader-app" / "library.db").exists()


def test_a_bad_file_fails_alone_files_before_it_stay(tmp_path, sample_file):
    library = tmp_path / "lib.db"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run_cli("import", str(sample_file), str(empty), str(sample_file), library=library)
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert stderr.strip().splitlines() == [
        "reader-app: empty.txt: the file is empty; nothing was imported from it (1 more file not imported)"
    ]
    assert len(listed(library)) == 46


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("import", "/no/such/listing.txt"), "no such file"),
        (("list", '"open'), "quote is not closed"),
        (("list", "colour:red"), "unknown filter"),
        (("edit", "999", "--star"), "no paper with id 999"),
        (("edit", "1"), "nothing to change"),
    ],
)
def test_errors_are_one_line_without_traceback(tmp_path, args, message):
    result = run_cli(*args, library=tmp_path / "lib.db")
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert len(stderr.strip().splitlines()) == 1 and message in stderr and "Traceback" not in stderr


def test_a_file_that_is_not_a_library(tmp_path):
    not_a_library = tmp_path / "essay.txt"
    not_a_library.write_text("Dear diary\n")
    result = run_cli("list", library=not_a_library)
    assert result.returncode == 1
    assert "not a Reading List library" in result.stderr.decode()
    assert not_a_library.read_text() == "Dear diary\n"


def test_an_older_library_is_upgraded_with_a_word_first(tmp_path):
    library = tmp_path / "lib.db"
    first_version_library(library)
    first = run_cli("list", "kept", "--json", library=library)
    assert first.returncode == 0 and "upgrading" in first.stderr.decode()
    assert [(p["title"], p["starred"], p["tags"]) for p in json.loads(first.stdout)] == [("Old Paper", True, ["mine"])]
    assert "upgrading" not in run_cli("list", library=library).stderr.decode()  # once only


def test_version_and_help():
    assert run_cli("--version").stdout.decode().strip() == f"reader-app {__version__}"
    help_text = run_cli("--help").stdout.decode()
    assert all(command in help_text for command in ("import", "list", "edit", "export"))


def test_export_digest_and_folder(tmp_path, sample_file):
    library = tmp_path / "lib.db"
    run_cli("import", str(sample_file), library=library)
    paper_id = str(listed(library, '"Layer Normalization"')[0]["id"])
    run_cli("edit", paper_id, "--note", "# Mine\nGood.", "--tag", "classic", library=library)
    digest = run_cli("export", "-o", "-", library=library)
    assert digest.returncode == 0, digest.stderr
    text = digest.stdout.decode()
    assert text.startswith("# Reading List\n\n1 paper\n") and "## Layer Normalization" in text and "### Mine" in text
    everything = run_cli("export", "year:2016", "-o", str(tmp_path / "d.md"), "--with-abstract", library=library)
    assert everything.returncode == 0 and "> Training state-of-the-art" in (tmp_path / "d.md").read_text()
    folder = run_cli("export", "--dir", str(tmp_path / "vault"), library=library)
    assert folder.returncode == 0, folder.stderr
    assert (tmp_path / "vault" / "Layer Normalization.md").exists()
    assert "1 written" in folder.stdout.decode()


def test_export_needs_a_target(tmp_path):
    result = run_cli("export", library=tmp_path / "lib.db")
    assert result.returncode == 2 and "-o/--output" in result.stderr.decode()

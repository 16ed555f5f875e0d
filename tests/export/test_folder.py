"""Folder export: safe names, valid front matter, nothing outside the folder, safe re-runs."""

from __future__ import annotations

import json
import os

import pytest
import yaml

from reader_app.export import ANNOTATED
from reader_app.export.folder import MANIFEST, export_folder, safe_file_name

from .conftest import HOSTILE_TITLES


def front_matter(path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def all_files(folder) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def test_every_file_is_inside_the_folder_with_valid_front_matter(annotated, tmp_path):
    root = tmp_path / "export-root"
    folder = root / "vault" / "papers"
    papers = annotated.papers(ANNOTATED)
    report = export_folder(papers, folder, with_abstract=True)
    assert len(report.written) == len(papers) == 8
    files = all_files(root)
    assert all(name.startswith(os.path.join("vault", "papers")) for name in files)
    assert not (root / "etc").exists() and not (tmp_path / "etc").exists()
    by_title = {}
    for name in report.written:
        meta, body = front_matter(folder / name)
        assert list(meta) == [
            "title",
            "arxiv_id",
            "authors",
            "organization",
            "published",
            "status",
            "starred",
            "tags",
            "upvotes",
            "repo",
            "links",
            "paper_url",
        ]
        by_title[meta["title"]] = (name, meta, body)
    assert set(by_title) == {p.title for p in papers}
    name, meta, body = by_title[HOSTILE_TITLES[2]]
    assert meta["arxiv_id"] == "2501.00002" and meta["paper_url"] == "https://huggingface.co/papers/2501.00002"
    assert "title: fake front matter" in body  # the note's own '---' lines stay in the body
    layer = by_title["Layer Normalization"][1]
    assert (layer["starred"], layer["status"], layer["tags"], layer["published"]) == (
        True,
        "read",
        ["classic", "to-read"],
        "2016-07-21",
    )
    assert "## Abstract" in by_title["CON"][2]


def test_file_names_are_safe_everywhere(annotated, tmp_path):
    report = export_folder(annotated.papers(ANNOTATED), tmp_path / "out")
    names = report.written
    assert len({n.casefold() for n in names}) == len(names)  # unique, even on case-insensitive disks
    for name in names:
        stem = name[:-3]
        assert name.endswith(".md") and len(stem) <= 120 + len(" (2501.00000)")
        assert not set('<>:"/\\|?*') & set(name) and not stem.endswith((" ", "."))
        assert stem.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}
    assert "etc passwd.md" in names
    assert "CON (paper).md" in names
    same = sorted(name for name in names if name.casefold().startswith("same title"))
    assert [name.casefold() for name in same] in (
        ["same title (2501.00005).md", "same title.md"],
        ["same title (2501.00006).md", "same title.md"],
    )
    assert safe_file_name("...") == "Untitled"


def test_two_exports_are_byte_identical_and_names_are_stable(annotated, tmp_path):
    papers = annotated.papers(ANNOTATED)
    first, second = tmp_path / "one", tmp_path / "two"
    export_folder(papers, first, with_abstract=True)
    export_folder(papers, second, with_abstract=True)
    assert all_files(first) == all_files(second)
    for name in all_files(first):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    again = export_folder(papers, first, with_abstract=True)
    assert again.written == [] and len(again.unchanged) == 8


def test_re_export_updates_its_own_files_and_keeps_edited_ones(annotated, tmp_path):
    folder = tmp_path / "vault"
    papers = annotated.papers(ANNOTATED)
    export_folder(papers, folder)
    layer = annotated.get_by_title("Layer Normalization")
    con = annotated.get_by_title("CON")
    edited = folder / "CON (paper).md"
    edited.write_text(edited.read_text() + "\nMy own addition in Obsidian.\n")
    users_own = folder / "my notes.md"
    users_own.write_text("mine")
    annotated.set_note(layer.id, "New thoughts.")
    annotated.set_note(con.id, "Changed in the app too.")
    report = export_folder(annotated.papers(ANNOTATED), folder)
    assert report.written == ["Layer Normalization.md"]
    assert report.kept_edited == ["CON (paper).md"]
    assert "My own addition in Obsidian." in edited.read_text()
    assert "New thoughts." in (folder / "Layer Normalization.md").read_text()
    assert users_own.read_text() == "mine"
    assert "CON (paper).md" in report.line()


def test_a_symlink_planted_in_the_folder_is_not_followed(annotated, tmp_path):
    folder = tmp_path / "vault"
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    layer = annotated.get_by_title("Layer Normalization")
    folder.mkdir()
    (folder / "Layer Normalization.md").symlink_to(outside)
    report = export_folder([layer], folder)
    assert outside.read_text() == "keep"
    assert report.written == [f"Layer Normalization ({layer.id}).md"]  # the sample gives it no arXiv id


def test_manifest_cannot_send_files_outside(annotated, tmp_path):
    folder = tmp_path / "vault"
    layer = annotated.get_by_title("Layer Normalization")
    folder.mkdir()
    manifest = {"version": 1, "files": {str(layer.id): {"name": "../evil.md", "sha256": ""}}}
    (folder / MANIFEST).write_text(json.dumps(manifest))
    report = export_folder([layer], folder)
    assert not (tmp_path / "evil.md").exists()
    assert report.written == ["Layer Normalization.md"]


@pytest.mark.parametrize("title", ["CON", "con.txt", "LPT1", "aux"])
def test_reserved_windows_names(title):
    assert safe_file_name(title).split(".")[0].upper() not in {"CON", "LPT1", "AUX"}


def test_an_export_stopped_midway_carries_on_cleanly_next_time(library_with_sample, tmp_path, monkeypatch):
    from reader_app.export import folder as folder_module

    monkeypatch.setattr(folder_module, "PROGRESS_EVERY", 10)
    papers = library_with_sample.papers()
    heard: list[tuple[int, int]] = []

    def stop_after_twenty(done: int, total: int) -> bool:
        heard.append((done, total))
        return done < 20

    first = export_folder(papers, tmp_path / "vault", progress=stop_after_twenty)
    assert heard == [(0, 46), (10, 46), (20, 46)] and first.stopped and len(first.written) == 20
    assert "stopped before the end" in first.line()
    assert len(json.loads((tmp_path / "vault" / MANIFEST).read_text())["files"]) == 20

    rest = export_folder(papers, tmp_path / "vault")
    assert (len(rest.unchanged), len(rest.written), rest.stopped) == (20, 26, False)
    assert len(all_files(tmp_path / "vault")) == 46 + 1  # every paper once, and the manifest


def test_a_disk_error_midway_keeps_what_was_written_and_the_next_export_carries_on(
    library_with_sample, tmp_path, monkeypatch
):
    from reader_app.export import folder as folder_module
    from reader_app.export.folder import ExportError

    papers = library_with_sample.papers()
    real_write = folder_module.atomic_write
    writes = []

    def full_disk_after_ten(path, content):
        if path.name != MANIFEST and len(writes) == 10:
            raise OSError(28, "No space left on device")
        writes.append(path.name)
        real_write(path, content)

    monkeypatch.setattr(folder_module, "atomic_write", full_disk_after_ten)
    with pytest.raises(ExportError, match=r"stopped after 10 file\(s\) \(No space left on device\)"):
        export_folder(papers, tmp_path / "vault")
    monkeypatch.setattr(folder_module, "atomic_write", real_write)
    again = export_folder(papers, tmp_path / "vault")
    assert (len(again.unchanged), len(again.written)) == (10, 36)
    assert len(all_files(tmp_path / "vault")) == 46 + 1  # no second copy of the first ten

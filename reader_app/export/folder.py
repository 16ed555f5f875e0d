"""Folder export: one Markdown file per paper, with YAML front matter, safe to re-run weekly.

A manifest in the folder records each file the export wrote and a hash of its content. A
re-run rewrites its own files, keeps every file the user edited since (and names them), and
gives each paper the same file name as before. Nothing is written outside the folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from itertools import chain, count
from pathlib import Path

from ..library.types import Paper
from .files import atomic_write
from .markdown import contain_note, escape

MANIFEST = ".reader-app-export.json"
MAX_NAME = 120  # characters before ".md"
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
# Characters YAML parsers refuse even inside quotes.
_YAML_UNPRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class ExportError(Exception):
    """The export could not go ahead or stopped; the message says which, and what is kept."""


@dataclass
class FolderReport:
    """What a folder export did, file by file."""

    folder: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_edited: list[str] = field(default_factory=list)
    stopped: bool = False  # stopped by the caller before the last paper

    def line(self) -> str:
        total = len(self.written) + len(self.unchanged) + len(self.kept_edited)
        text = f"{total} paper{'s' if total != 1 else ''} in {self.folder}"
        text += " (stopped before the end): " if self.stopped else ": "
        text += f"{len(self.written)} written, {len(self.unchanged)} unchanged"
        if self.kept_edited:
            text += f"; kept {len(self.kept_edited)} file(s) you edited: " + ", ".join(self.kept_edited)
        return text


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar (JSON syntax, which YAML reads the same)."""
    quoted = json.dumps(value, ensure_ascii=False)
    return _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}" if ord(m.group(0)) < 0x10000 else "", quoted)


def _yaml(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return yaml_string(value)
    return "[" + ", ".join(_yaml(item) for item in value) + "]"


def front_matter(paper: Paper) -> str:
    """The paper's metadata as YAML front matter, keys in a fixed order."""
    fields = {
        "title": paper.title,
        "arxiv_id": paper.arxiv_id,
        "authors": list(paper.authors),
        "organization": paper.organization,
        "published": paper.published,
        "status": paper.status.value,
        "starred": paper.starred,
        "tags": list(paper.tags),
        "upvotes": paper.upvotes,
        "repo": paper.repo,
        "links": list(paper.links),
        "paper_url": paper.paper_url,
    }
    return "---\n" + "".join(f"{key}: {_yaml(value)}\n" for key, value in fields.items()) + "---\n"


def paper_file(paper: Paper, *, with_abstract: bool = False) -> str:
    """One paper's file: front matter, the note as the body, the abstract under its heading."""
    parts = [front_matter(paper)]
    note = contain_note(paper.note, shift=0)
    if note:
        parts.append(note + "\n")
    if with_abstract and paper.abstract:
        paragraphs = "\n\n".join(escape(p) for p in paper.abstract.split("\n\n") if p.strip())
        parts.append(f"## Abstract\n\n{paragraphs}\n")
    return "\n".join(parts)


def safe_file_name(title: str) -> str:
    """A file name stem from a title that is valid on Linux, macOS and Windows."""
    name = unicodedata.normalize("NFC", title)
    name = _UNSAFE.sub(" ", name)
    name = " ".join(name.split()).strip(" .")
    if len(name) > MAX_NAME:
        name = name[:MAX_NAME].rstrip(" .")
    while len(name.encode("utf-8")) > 240:  # most file systems allow 255 bytes
        name = name[:-1].rstrip(" .")
    if not name:
        name = "Untitled"
    base, dot, rest = name.partition(".")
    if base.strip().upper() in _RESERVED:  # Windows reserves these with any extension
        name = f"{base} (paper){dot}{rest}"
    return name


def _plain_name(name: str) -> bool:
    """A bare file name: no folder part, so `folder / name` cannot leave the folder."""
    return bool(name) and name not in (".", "..") and not set(name) & {"/", "\\", "\x00"}


def _load_manifest(folder: Path) -> dict[str, dict]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return {
        key: value
        for key, value in (files or {}).items()
        if isinstance(value, dict) and isinstance(value.get("name"), str) and isinstance(value.get("sha256"), str)
    }


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


Progress = Callable[[int, int], bool]  # (papers done, papers in all) → go on?
PROGRESS_EVERY = 100


def export_folder(
    papers: list[Paper], folder: Path, *, with_abstract: bool = False, progress: Progress | None = None
) -> FolderReport:
    """Write one `.md` file per paper into `folder` (created if needed), as described above.
    `progress` hears every PROGRESS_EVERY papers and may stop the export there: the files
    written so far stay, and the manifest records them, so a re-run carries on cleanly."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"{folder} cannot be created ({error.strerror})") from None
    if not folder.is_dir():
        raise ExportError(f"{folder} is not a folder")
    folder = folder.resolve()
    try:
        manifest = _load_manifest(folder)
        present = {entry.name.casefold() for entry in os.scandir(folder)}  # one listing, not a stat per file
    except OSError as error:
        raise ExportError(f"{folder} cannot be read ({error.strerror})") from None
    taken = {entry["name"].casefold() for entry in manifest.values()} | present
    report = FolderReport(folder)
    try:
        for done, paper in enumerate(sorted(papers, key=lambda p: p.id)):
            if progress is not None and done % PROGRESS_EVERY == 0 and not progress(done, len(papers)):
                report.stopped = True
                break
            _export_paper(paper, folder, manifest, taken, present, report, with_abstract=with_abstract)
        _write_manifest(folder, manifest)
    except OSError as error:
        with suppress(OSError):
            _write_manifest(folder, manifest)  # what was written stays known to the next run
        reason = error.strerror or str(error)
        if not report.written:
            raise ExportError(f"{folder} cannot be written ({reason})") from None
        raise ExportError(
            f"the export stopped after {len(report.written)} file(s) ({reason}); they are kept, "
            "and exporting into the folder again carries on"
        ) from None
    return report


def _export_paper(
    paper: Paper,
    folder: Path,
    manifest: dict[str, dict],
    taken: set[str],
    present: set[str],
    report: FolderReport,
    *,
    with_abstract: bool,
) -> None:
    """Write one paper's file unless the user edited it since the last export; note it all.
    `taken`: names in use; `present`: the folder's files when the export began (both casefolded)."""
    key = str(paper.id)
    entry = manifest.get(key)
    if entry is None or not _plain_name(entry["name"]):
        name = _fresh_name(paper, taken)
        entry = {"name": name, "sha256": ""}
        taken.add(name.casefold())
    path = folder / entry["name"]
    content = paper_file(paper, with_abstract=with_abstract).encode("utf-8")
    if entry["name"].casefold() in present:  # there when the export began: maybe edited since
        if path.is_symlink():
            report.kept_edited.append(entry["name"])
            return
        current = path.read_bytes() if path.exists() else None
        if current is not None and entry["sha256"] and _sha256(current) != entry["sha256"]:
            report.kept_edited.append(entry["name"])
            manifest[key] = entry
            return
        if current == content:
            report.unchanged.append(entry["name"])
            manifest[key] = {"name": entry["name"], "sha256": _sha256(content)}
            return
    atomic_write(path, content)
    manifest[key] = {"name": entry["name"], "sha256": _sha256(content)}
    report.written.append(entry["name"])


def _write_manifest(folder: Path, manifest: dict[str, dict]) -> None:
    ordered = {key: manifest[key] for key in sorted(manifest, key=int)}
    atomic_write(folder / MANIFEST, (json.dumps({"version": 1, "files": ordered}, indent=1) + "\n").encode())


def _fresh_name(paper: Paper, taken: set[str]) -> str:
    """A file name for a paper new to this folder, unused by the export and by the user's files."""
    stem = safe_file_name(paper.title)
    alternatives = (f"{stem} ({n})" for n in count(2))
    for candidate in chain((stem, f"{stem} ({paper.arxiv_id or paper.id})"), alternatives):
        name = f"{candidate}.md"
        if name.casefold() not in taken:
            return name
    raise AssertionError("unreachable: there are always more candidates")

"""The `reader-app` command line: import, list, edit, export and back up the library; no
subcommand opens the window. Errors are one line on stderr and exit status 1."""

from __future__ import annotations

import gc
import sqlite3
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .importers.records import ListingError
from .library.library import Library, dated_backup_path
from .library.query import QueryError
from .library.types import LibraryError, ListRow, Status
from .paths import library_path

if TYPE_CHECKING:
    import argparse

SUBCOMMANDS = ("import", "list", "edit", "export", "backup")


class CliError(Exception):
    """A user-facing error: printed as one line, exit status 1."""


def _iso_date(value: str) -> date:
    import argparse

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date like 2025-05-29") from None


def _positive(value: str) -> int:
    import argparse

    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a positive number")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    import argparse  # (not on the window's start-up path)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="library file to use (default: $READER_APP_LIBRARY, else library.db in the user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="reader-app",
        description="Reading List: triage listings of AI research papers. Without a command, opens the window.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_import = commands.add_parser("import", parents=[common], help="import listing files (- for standard input)")
    p_import.add_argument("files", nargs="+", metavar="FILE")
    p_import.add_argument(
        "--as-of",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the listing's date, for dates shown without a year (default: its heading, else today)",
    )

    p_list = commands.add_parser("list", parents=[common], help="list papers matching a query")
    p_list.add_argument("query", nargs="*", help='e.g. is:inbox tag:llm "exact phrase" -word upvotes:>10')
    p_list.add_argument("--json", action="store_true", help="print a JSON array")
    p_list.add_argument("--limit", type=_positive, metavar="N")

    p_edit = commands.add_parser("edit", parents=[common], help="change a paper's status, star, tags or note")
    p_edit.add_argument("paper", metavar="ID", help="library id (from `list`) or arXiv id")
    p_edit.add_argument("--status", choices=[s.value for s in Status])
    star = p_edit.add_mutually_exclusive_group()
    star.add_argument("--star", action="store_true")
    star.add_argument("--unstar", action="store_true")
    p_edit.add_argument("--tag", action="append", default=[], metavar="T")
    p_edit.add_argument("--untag", action="append", default=[], metavar="T")
    note = p_edit.add_mutually_exclusive_group()
    note.add_argument("--note", metavar="TEXT")
    note.add_argument("--note-file", metavar="F", help="read the note from a file (- for standard input)")

    p_export = commands.add_parser("export", parents=[common], help="export notes as Markdown")
    p_export.add_argument("query", nargs="*", help="papers to export (default: every paper with a note, tag or star)")
    target = p_export.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", metavar="FILE", help="one digest document (- for standard output)")
    target.add_argument("--dir", metavar="FOLDER", help="one Markdown file per paper")
    p_export.add_argument("--with-abstract", action="store_true", help="include each paper's abstract")

    p_backup = commands.add_parser("backup", parents=[common], help="write a consistent copy of the library")
    p_backup.add_argument(
        "target", nargs="?", metavar="FILE", help="where to write it (default: a dated file next to the library)"
    )
    return parser


def _read_input(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except FileNotFoundError:
        raise CliError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise CliError(f"{name}: is a folder, not a listing file") from None
    except OSError as error:
        raise CliError(f"{name}: cannot be read ({error.strerror})") from None


def cmd_import(library: Library, args: argparse.Namespace) -> int:
    from .importing import import_bytes

    for index, name in enumerate(args.files):
        data = _read_input(name)
        display = "<stdin>" if name == "-" else Path(name).name
        try:
            summary = import_bytes(library, data, display, as_of=args.as_of)
        except ListingError as error:
            rest = len(args.files) - index - 1
            suffix = f" ({rest} more file{'s' if rest != 1 else ''} not imported)" if rest else ""
            raise CliError(f"{error}; nothing was imported from it{suffix}") from None
        print(summary.line())
        for warning in summary.warnings:
            print(f"  warning: {warning}", file=sys.stderr)
    return 0


def _table(rows: list[ListRow]) -> str:
    import shutil

    width = shutil.get_terminal_size((100, 20)).columns
    header = f"{'ID':>6}  {'STATUS':<8}  {'★':1}  {'PUBLISHED':<10}  {'UP':>4}  TITLE"
    lines = [header]
    for row in rows:
        fixed = (
            f"{row.id:>6}  {row.status.value:<8}  {'★' if row.starred else ' '}  "
            f"{row.published or '':<10}  {row.upvotes if row.upvotes is not None else '-':>4}  "
        )
        title = row.title + ("  #" + " #".join(row.tags) if row.tags else "")
        room = max(20, width - len(fixed))
        lines.append(fixed + (title if len(title) <= room else title[: room - 1] + "…"))
    return "\n".join(lines)


def cmd_list(library: Library, args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    if args.json:
        import json

        papers = library.papers(query, limit=args.limit)
        json.dump([paper.as_json() for paper in papers], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        rows = library.rows(query, limit=args.limit)
        print(_table(rows))
        total = library.count(query)
        shown = f"{len(rows)} of {total}" if len(rows) < total else str(total)
        print(f"{shown} paper{'s' if total != 1 else ''}", file=sys.stderr)
    return 0


def cmd_edit(library: Library, args: argparse.Namespace) -> int:
    note = args.note
    if args.note_file is not None:
        note = _read_input(args.note_file).decode("utf-8", errors="replace")
    if not (args.status or args.star or args.unstar or args.tag or args.untag or note is not None):
        raise CliError("nothing to change: give --status, --star, --unstar, --tag, --untag, --note or --note-file")
    paper = library.find(args.paper)
    if paper is None:
        raise CliError(f"no paper with id {args.paper} (see `reader-app list`)")
    done = []
    if args.status:
        library.set_status([paper.id], Status(args.status))
        done.append(f"status {args.status}")
    if args.star or args.unstar:
        library.set_starred([paper.id], args.star)
        done.append("starred" if args.star else "unstarred")
    if args.tag:
        library.add_tags([paper.id], args.tag)
        done.append("tagged " + ", ".join(args.tag))
    if args.untag:
        library.remove_tags([paper.id], args.untag)
        done.append("untagged " + ", ".join(args.untag))
    if note is not None:
        library.set_note(paper.id, note)
        done.append("note saved")
    print(f"{paper.id}: {paper.title[:60]}: {'; '.join(done)}")
    return 0


def cmd_export(library: Library, args: argparse.Namespace) -> int:
    from .export import ANNOTATED
    from .export.files import atomic_write
    from .export.folder import ExportError, export_folder
    from .export.markdown import digest

    papers = library.papers(" ".join(args.query) or ANNOTATED)
    if args.output is not None:
        text = digest(papers, with_abstract=args.with_abstract)
        if args.output == "-":
            sys.stdout.write(text)
            return 0
        target = Path(args.output)
        if target.is_dir():
            raise CliError(f"{target} is a folder: use --dir {target} for one file per paper")
        try:
            atomic_write(target.resolve(), text.encode("utf-8"))  # (through a link to the file it names)
        except OSError as error:
            raise CliError(f"{target}: cannot be written ({error.strerror})") from None
        print(f"exported {len(papers)} paper{'s' if len(papers) != 1 else ''} to {target}")
        return 0
    try:
        report = export_folder(papers, Path(args.dir), with_abstract=args.with_abstract)
    except ExportError as error:
        raise CliError(str(error)) from None
    print(f"exported {report.line()}")
    return 0


def cmd_backup(library: Library, args: argparse.Namespace) -> int:
    target = Path(args.target) if args.target else dated_backup_path(library.path)
    if target.resolve() == library.path.resolve():
        raise CliError("the backup cannot overwrite the library itself")
    library.backup(target)
    print(f"backed up to {target}")
    return 0


_COMMANDS = {"import": cmd_import, "list": cmd_list, "edit": cmd_edit, "export": cmd_export, "backup": cmd_backup}


def _wants_window(argv: Sequence[str]) -> bool:
    """No subcommand (only options and files to import): the desktop window."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--library":
            skip = True
        elif arg.startswith("-"):
            if arg in ("-h", "--help", "--version"):
                return False
        else:
            return arg not in SUBCOMMANDS
    return True


def _window_args(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    explicit, files, skip = None, [], False
    for arg in argv:
        if skip:
            explicit, skip = arg, False
        elif arg == "--library":
            skip = True
        elif arg.startswith("--library="):
            explicit = arg.split("=", 1)[1]
        elif arg.startswith("-") and arg != "-":
            raise CliError(f"unknown option {arg} (see reader-app --help)")
        else:
            files.append(arg)
    return explicit, files


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `reader-app`; returns the exit status."""
    # Start-up and imports allocate hundreds of thousands of objects and few cycles: collecting
    # rarely meanwhile saves 10-25 % of the time. The window restores the defaults once shown.
    gc.set_threshold(100_000, 50, 100)
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if _wants_window(argv):
            explicit, files = _window_args(argv)
            from .ui.app import run

            return run(library_path(explicit), files)
        args = build_parser().parse_args(argv)
        path = library_path(getattr(args, "library", None))

        def upgrade(migrate: Callable[[], None]) -> None:
            print(f"reader-app: upgrading {path} for this version (the old file is kept as a backup)…", file=sys.stderr)
            migrate()

        with Library.open(path, upgrade=upgrade) as library:
            return _COMMANDS[args.command](library, args)
    except (CliError, ListingError, LibraryError, QueryError) as error:
        print(f"reader-app: {error}", file=sys.stderr)
        return 1
    except sqlite3.Error as error:
        print(f"reader-app: the library could not be used: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("reader-app: interrupted; nothing was half-written", file=sys.stderr)
        return 130
    except OSError as error:
        print(
            f"reader-app: {error.filename or ''}{': ' if error.filename else ''}{error.strerror or error}",
            file=sys.stderr,
        )
        return 1

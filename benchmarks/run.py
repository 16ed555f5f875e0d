"""The performance benchmark: the app against a floor measured in the same run.

    python benchmarks/run.py [--papers N] [--json] [--keep]

Generates a realistic N-paper listing (seeded), then measures import, search-as-you-type,
start-up, triage, memory and export, each next to a floor doing the bare minimum of the same
work. Prints a table, and with --json one JSON object on the last line. Its files (1.3 GB at
100,000 papers) are deleted afterwards unless --keep. Targets (see README):
import_s ≤ 1.5 × import_floor_s; search p95 ≤ 30 ms and ≤ 2 × floor; startup ≤ 2 × floor;
triage p95 ≤ 10 ms; rss ≤ floor + 150 MB; export of 10,000 annotated papers ≤ 3 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.make_listing import make_listing  # noqa: E402
from benchmarks.probes import percentile  # noqa: E402
from reader_app.importers import detect  # noqa: E402
from reader_app.importers.decoding import decode  # noqa: E402
from reader_app.library.library import Library  # noqa: E402
from reader_app.library.query import compile as compile_query  # noqa: E402
from reader_app.library.query import parse as parse_query  # noqa: E402
from reader_app.library.schema import FTS_TABLE  # noqa: E402
from reader_app.ui.paper_model import PAGE  # noqa: E402

KEYS = (
    "import_s",
    "import_floor_s",
    "search_p50_ms",
    "search_p95_ms",
    "search_floor_p95_ms",
    "startup_s",
    "startup_floor_s",
    "triage_p50_ms",
    "triage_p95_ms",
    "rss_mb",
    "rss_floor_mb",
    "export_s",
    "export_floor_s",
    "papers",
    "python",
    "qt",
    "sqlite",
    "cpus",
)
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def timed_process(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def reader_app(library: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "reader_app", "--library", str(library), *args]


def import_floor(listing: Path, folder: Path) -> float:
    """Parse the listing, then plain executemany into one table and an FTS5 build, one transaction."""
    start = time.perf_counter()
    text = decode(listing.read_bytes())
    records = detect(text).parse(text, as_of=date.today()).records
    path = folder / "floor.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("BEGIN")
    conn.execute(
        "CREATE TABLE papers (id INTEGER PRIMARY KEY, title TEXT, abstract TEXT, note TEXT, authors_count INTEGER, "
        "organization TEXT, published TEXT, upvotes INTEGER, comments INTEGER, links TEXT, repo TEXT)"
    )
    conn.executemany(
        "INSERT INTO papers (title, abstract, note, authors_count, organization, published, upvotes, comments, "
        "links, repo) VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                r.title,
                r.abstract,
                r.authors_count,
                r.organization,
                r.published and r.published.isoformat(),
                r.upvotes,
                r.comments,
                json.dumps(list(r.links)),
                r.repo,
            )
            for r in records
        ),
    )
    conn.execute(FTS_TABLE)  # the app's own index definition: both build the same searchable data
    conn.execute("INSERT INTO papers_fts (rowid, title, abstract, note) SELECT id, title, abstract, note FROM papers")
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - start


def search_floor_ms(library: Path, typed: list[str]) -> list[float]:
    """The same typed queries as raw FTS5 `MATCH … LIMIT` on the same database."""
    conn = sqlite3.connect(library)
    times = []
    for text in typed:
        expression = compile_query(parse_query(text)).fts
        start = time.perf_counter()
        conn.execute("SELECT rowid FROM papers_fts WHERE papers_fts MATCH ? LIMIT ?", [expression, PAGE]).fetchall()
        times.append((time.perf_counter() - start) * 1000)
    conn.close()
    return times


def _startup_once(library: Path, mode: str) -> float:
    start = time.perf_counter()
    output = subprocess.run(
        [sys.executable, str(HERE / "probes.py"), "startup", mode, str(library)],
        check=True,
        capture_output=True,
        text=True,
        env=ENV,
    ).stdout
    if "painted" not in output:
        raise RuntimeError(f"the {mode} window never painted")
    return time.perf_counter() - start


def startup(library: Path, runs: int = 5) -> tuple[float, float]:
    """Median start-up of the app and of the floor, their runs taken in turn so that both
    see the same moments of a noisy machine."""
    app, floor = [], []
    for _ in range(runs):
        app.append(_startup_once(library, "app"))
        floor.append(_startup_once(library, "floor"))
    return statistics.median(app), statistics.median(floor)


def export_floor(library: Path, target: Path) -> float:
    """The disk's share of an export: the same annotated papers read with plain sqlite3 and
    written one file each (title and note; no front matter, no manifest), in-process."""
    start = time.perf_counter()
    conn = sqlite3.connect(library)
    rows = conn.execute(
        "SELECT id, title, note FROM papers WHERE note != '' OR starred = 1 OR id IN (SELECT paper_id FROM paper_tags)"
    ).fetchall()
    conn.close()
    target.mkdir()
    for paper_id, title, note in rows:
        (target / f"{paper_id}.md").write_text(f"# {title}\n\n{note}\n", encoding="utf-8")
    return time.perf_counter() - start


def export(library: Path, folder: Path, runs: int = 3) -> tuple[float, float]:
    """Median export of the app (`reader-app export --dir`, a new folder each time) and of the
    floor, taken in turn: file creation on this machine's disk varies 3x from minute to minute."""
    app, floor = [], []
    for attempt in range(runs):
        app.append(timed_process(reader_app(library, "export", "--dir", str(folder / f"export-{attempt}"))))
        floor.append(export_floor(library, folder / f"export-floor-{attempt}"))
    return statistics.median(app), statistics.median(floor)


def probe(*args: str) -> dict:
    output = subprocess.run(
        [sys.executable, str(HERE / "probes.py"), *args], check=True, capture_output=True, text=True, env=ENV
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def annotate(library_path: Path, count: int) -> None:
    """Give `count` papers a note, a tag, and every fifth a star."""
    with Library.open(library_path) as library:
        ids = [row.id for row in library.rows(limit=count)]
        with library._write() as conn:  # one transaction for the set-up, not a measured path
            conn.executemany(
                "UPDATE papers SET note = ? WHERE id = ?",
                [(f"## Take-away {i}\n\nWorth a closer look: *{i}*.\n", paper_id) for i, paper_id in enumerate(ids)],
            )
        library.add_tags(ids, ["bench"])
        library.set_starred(ids[::5], True)


def run(papers: int, *, keep: bool = False) -> dict:
    """Every measurement, in a temporary folder deleted afterwards unless `keep`."""
    import compileall

    # An installed app has its bytecode compiled (pip does it); a checkout may not (for example
    # with PYTHONDONTWRITEBYTECODE set), which would charge compilation to every start-up.
    compileall.compile_dir(str(HERE.parent / "reader_app"), quiet=1)

    folder = Path(tempfile.mkdtemp(prefix="reader-bench-"))
    try:
        return _measure(papers, folder)
    finally:
        if keep:
            print(f"(the listing, libraries and export are kept in {folder})", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)  # 1.3 GB at 100,000 papers


def _measure(papers: int, folder: Path) -> dict:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    listing = folder / "listing.txt"
    listing.write_text(make_listing(papers), encoding="utf-8")
    library = folder / "library.db"
    results: dict = {}
    results["import_s"] = timed_process(reader_app(library, "import", str(listing)))
    results["import_floor_s"] = import_floor(listing, folder)
    gui = probe("gui", str(library))
    results["search_p50_ms"] = gui["search_p50_ms"]
    results["search_p95_ms"] = gui["search_p95_ms"]
    results["search_floor_p95_ms"] = round(percentile(search_floor_ms(library, gui["typed"]), 0.95), 2)
    results["ui_block_max_ms"] = gui["ui_block_max_ms"]
    results["startup_s"], results["startup_floor_s"] = startup(library)
    results["triage_p50_ms"] = gui["triage_p50_ms"]
    results["triage_p95_ms"] = gui["triage_p95_ms"]
    results["rss_mb"] = gui["rss_mb"]
    results["rss_floor_mb"] = probe("rss-floor")["rss_floor_mb"]
    exported = min(10_000, papers)
    annotate(library, exported)
    results["export_s"], results["export_floor_s"] = export(library, folder)
    results["export_papers"] = exported
    results["papers"] = papers
    results["python"] = platform.python_version()
    results["qt"] = f"{qVersion()} (PySide6 {pyside_version})"
    results["sqlite"] = sqlite3.sqlite_version
    results["cpus"] = os.cpu_count()
    for key, value in results.items():
        if isinstance(value, float):
            results[key] = round(value, 3)
    return results


TARGETS = {
    "import_s": lambda r: r["import_s"] <= 1.5 * r["import_floor_s"],
    "search_p95_ms": lambda r: r["search_p95_ms"] <= 30 and r["search_p95_ms"] <= 2 * r["search_floor_p95_ms"],
    "startup_s": lambda r: r["startup_s"] <= 2 * r["startup_floor_s"],
    "triage_p95_ms": lambda r: r["triage_p95_ms"] <= 10,
    "rss_mb": lambda r: r["rss_mb"] <= r["rss_floor_mb"] + 150,
    "export_s": lambda r: r["export_s"] <= 3,
}


def table(results: dict) -> str:
    rows = [
        (
            "import",
            f"{results['import_s']:.2f} s",
            f"{results['import_floor_s']:.2f} s",
            f"{results['import_s'] / results['import_floor_s']:.2f}×",
            "≤ 1.5×",
            "import_s",
        ),
        (
            "search p95 (p50)",
            f"{results['search_p95_ms']:.1f} ms ({results['search_p50_ms']:.1f})",
            f"{results['search_floor_p95_ms']:.1f} ms",
            f"{results['search_p95_ms'] / max(results['search_floor_p95_ms'], 0.001):.2f}×",
            "≤ 30 ms, ≤ 2×",
            "search_p95_ms",
        ),
        ("longest UI block while typing", f"{results['ui_block_max_ms']:.1f} ms", "", "", "≤ 50 ms", None),
        (
            "start-up to first paint",
            f"{results['startup_s']:.2f} s",
            f"{results['startup_floor_s']:.2f} s",
            f"{results['startup_s'] / results['startup_floor_s']:.2f}×",
            "≤ 2×",
            "startup_s",
        ),
        (
            "triage p95 (p50)",
            f"{results['triage_p95_ms']:.1f} ms ({results['triage_p50_ms']:.1f})",
            "",
            "",
            "≤ 10 ms",
            "triage_p95_ms",
        ),
        (
            "memory after scrolling all",
            f"{results['rss_mb']:.0f} MB",
            f"{results['rss_floor_mb']:.0f} MB",
            f"+{results['rss_mb'] - results['rss_floor_mb']:.0f} MB",
            "≤ +150 MB",
            "rss_mb",
        ),
        (
            f"export {results['export_papers']:,} annotated",
            f"{results['export_s']:.2f} s",
            f"{results['export_floor_s']:.2f} s",
            f"{results['export_s'] / results['export_floor_s']:.2f}×",
            "≤ 3 s",
            "export_s",
        ),
    ]
    lines = [
        f"{results['papers']:,} papers · Python {results['python']} · Qt {results['qt']} · "
        f"SQLite {results['sqlite']} · {results['cpus']} CPUs",
        "",
        "| measure | app | floor | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for name, app, floor, ratio, target, key in rows:
        met = (
            ("yes" if TARGETS[key](results) else "**no**")
            if key
            else ("yes" if results["ui_block_max_ms"] <= 50 else "**no**")
        )
        lines.append(f"| {name} | {app} | {floor} | {ratio} | {target} | {met} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--json", action="store_true", help="print one JSON object on the last line")
    parser.add_argument("--keep", action="store_true", help="keep the generated files (deleted by default)")
    args = parser.parse_args()
    results = run(args.papers, keep=args.keep)
    print(table(results))
    if args.json:
        print(json.dumps(results))


if __name__ == "__main__":
    main()

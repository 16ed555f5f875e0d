"""The long words of the full-text index, to search a long prefix as the few words it stands for.

The index has prefix indexes up to `schema.LONGEST_PREFIX` characters. A longer prefix, such as
"diffusi" typed on the way to "diffusion", makes FTS5 merge the whole doclist of every word
that starts with it before it can return the first match: 2-4 ms at 100,000 papers. The same
search written as `("diffusion" OR "diffusions")` is read lazily and takes 0.05 ms.

A vocabulary is a snapshot: it knows the index's structure record at the time it was read
(FTS5 rewrites that record on every change), and is used only while the index still has it.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_left
from dataclasses import dataclass

from . import schema

# More words than this for one prefix: leave the prefix to FTS5 (the OR would cost as much).
MAX_EXPANSION = 16
_STRUCTURE = "SELECT block FROM papers_fts_data WHERE id = 10"  # FTS5's structure record


@dataclass(frozen=True)
class Vocabulary:
    """The index's words longer than its longest prefix index, sorted, and the index version."""

    words: tuple[str, ...]
    version: bytes

    def is_current(self, conn: sqlite3.Connection) -> bool:
        """Whether the index is still the one this vocabulary was read from."""
        row = conn.execute(_STRUCTURE).fetchone()
        return row is not None and row[0] == self.version

    def expand(self, prefix: str) -> tuple[str, ...] | None:
        """The words a prefix stands for, or None when FTS5 should take the prefix itself
        (a short prefix has its own index; a word with separators is a phrase to FTS5)."""
        prefix = prefix.lower()
        if len(prefix) <= schema.LONGEST_PREFIX or not (prefix.isascii() and prefix.isalnum()):
            return None
        start = bisect_left(self.words, prefix)
        found = []
        for word in self.words[start : start + MAX_EXPANSION + 1]:
            if not word.startswith(prefix):
                break
            found.append(word)
        return tuple(found) if len(found) <= MAX_EXPANSION else None


def read_vocabulary(conn: sqlite3.Connection) -> Vocabulary:
    """Read the vocabulary in one snapshot (slow: FTS5 walks every doclist; about 1 s at
    100,000 papers, so callers run it off the UI thread)."""
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.papers_vocab USING fts5vocab(main, papers_fts, row)")
    conn.execute("BEGIN")
    try:
        version = conn.execute(_STRUCTURE).fetchone()
        words = conn.execute(
            "SELECT term FROM temp.papers_vocab WHERE length(term) > ?", [schema.LONGEST_PREFIX]
        ).fetchall()
    finally:
        conn.execute("COMMIT")
    return Vocabulary(tuple(sorted(word for (word,) in words)), version[0] if version else b"")

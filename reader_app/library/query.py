"""The query language shared by `reader-app list QUERY` and the search box.

    words            all must match title, abstract or note; the last word also matches as a
                     prefix (unless a space follows it), so results follow the typing
    "exact phrase"   the words in this order
    -word  -"phrase" -tag:x   exclude
    a OR b           either (binds tighter than the implicit AND between terms)
    is:inbox|later|read|archived|starred   tag:NAME   has:repo|note|tags   org:NAME
    year:2025  year:>=2023  upvotes:>10  comments:>0

`parse` raises QueryError with a one-line message for a malformed query; `compile` turns a
query into SQL over `papers p` plus at most one FTS5 MATCH expression.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .types import Status, normalize_tag


class QueryError(ValueError):
    """A query that cannot be understood; the message says what to fix."""


@dataclass(frozen=True)
class Atom:
    kind: str  # "word", "phrase" or a filter name ("is", "tag", ...)
    value: str
    negated: bool = False
    prefix: bool = False

    @property
    def is_text(self) -> bool:
        return self.kind in ("word", "phrase")


@dataclass(frozen=True)
class Query:
    """A parsed query: every clause must hold; a clause holds when one of its atoms does."""

    clauses: tuple[tuple[Atom, ...], ...] = ()

    def __and__(self, other: Query) -> Query:
        return Query(self.clauses + other.clauses)

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    @property
    def longest_prefix(self) -> int:
        """Length of the longest word matched as a prefix (0 when none is)."""
        return max((len(atom.value) for clause in self.clauses for atom in clause if atom.prefix), default=0)


@dataclass
class Compiled:
    """SQL for a query: `where` over alias `p`, and `fts` to MATCH against `papers_fts`, if any."""

    where: str = "1"
    params: list = field(default_factory=list)
    fts: str | None = None


FILTERS = ("is", "tag", "has", "org", "year", "upvotes", "comments")
_IS_VALUES = {status.value for status in Status} | {"starred"}
_HAS_VALUES = {"repo", "note", "tags"}
_COMPARISON = re.compile(r"^(>=|<=|>|<|=)?(\d{1,9})$")
_FILTER = re.compile(r"^([A-Za-z]+):(.*)$", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _tokens(text: str) -> list[tuple[str, str, bool]]:
    """(kind, value, negated) triples: kind is "or", "phrase" or "bare"."""
    text = _CONTROL.sub(" ", text)  # a NUL or a tab typed or pasted is a space
    tokens: list[tuple[str, str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = text[i] == "-" and i + 1 < n and not text[i + 1].isspace()
        if negated:
            i += 1
        if text[i] == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise QueryError('a quote is not closed: add the closing "')
            tokens.append(("phrase", text[i + 1 : end], negated))
            i = end + 1
            continue
        start = i
        while i < n and not text[i].isspace():
            if text[i] == '"':  # key:"quoted value"
                end = text.find('"', i + 1)
                if end < 0:
                    raise QueryError('a quote is not closed: add the closing "')
                i = end + 1
            else:
                i += 1
        word = text[start:i]
        if word == "OR" and not negated:
            tokens.append(("or", word, False))
        else:
            tokens.append(("bare", word, negated))
    return tokens


def _has_text(value: str) -> bool:
    return any(char.isalnum() for char in value)


def _atom(kind: str, value: str, negated: bool) -> Atom | None:
    if kind == "phrase":
        return Atom("phrase", value, negated) if _has_text(value) else None
    match = _FILTER.match(value)
    if (match and match.group(1).lower() in FILTERS) or (
        match and match.group(2) and match.group(1).lower() not in ("http", "https")
    ):
        name, argument = match.group(1).lower(), match.group(2)
        if name not in FILTERS:
            known = ", ".join(f"{f}:" for f in FILTERS)
            raise QueryError(f"unknown filter '{name}:' (known: {known})")
        if len(argument) >= 2 and argument[0] == '"' and argument[-1] == '"':
            argument = argument[1:-1]
        return Atom(name, _check_filter(name, argument.strip()), negated)
    prefix = value.endswith("*")
    value = value.rstrip("*")
    return Atom("word", value, negated, prefix) if _has_text(value) else None


def _check_filter(name: str, value: str) -> str:
    if not value:
        raise QueryError(f"'{name}:' needs a value, e.g. {_EXAMPLES[name]}")
    if name == "is" and value.lower() not in _IS_VALUES:
        raise QueryError(f"'is:{value}' is not a view: use is:inbox, is:later, is:read, is:archived or is:starred")
    if name == "has" and value.lower() not in _HAS_VALUES:
        raise QueryError(f"'has:{value}' is not known: use has:repo, has:note or has:tags")
    if name in ("year", "upvotes", "comments") and not _COMPARISON.match(value):
        raise QueryError(f"'{name}:{value}' needs a number, optionally after > >= < <=, e.g. {_EXAMPLES[name]}")
    if name == "tag" and not normalize_tag(value):
        raise QueryError(f"'tag:{value}' is not a tag name")
    return value.lower() if name in ("is", "has") else value


_EXAMPLES = {
    "is": "is:later",
    "tag": "tag:llm",
    "has": "has:repo",
    "org": "org:openbmb",
    "year": "year:2025",
    "upvotes": "upvotes:>10",
    "comments": "comments:>0",
}


def parse(text: str) -> Query:
    """A Query from its text; raises QueryError for a malformed one."""
    clauses: list[list[Atom]] = []
    expect_term = False  # just after OR
    last_bare: Atom | None = None
    tokens = _tokens(text)
    for kind, value, negated in tokens:
        if kind == "or":
            if not clauses or expect_term:
                raise QueryError("OR needs a term on each side")
            expect_term = True
            continue
        atom = _atom(kind, value, negated)
        if atom is None:
            if expect_term:
                raise QueryError("OR needs a term on each side")
            continue
        if expect_term:
            clauses[-1].append(atom)
        else:
            clauses.append([atom])
        expect_term = False
        last_bare = atom
    if expect_term:
        raise QueryError("OR needs a term on each side")
    # The word being typed (no space after it yet) also matches as a prefix.
    ends_with_word = tokens and tokens[-1][0] == "bare" and last_bare is not None and not text[-1:].isspace()
    if ends_with_word and last_bare.kind == "word" and not last_bare.negated:
        for clause in clauses:
            for index, atom in enumerate(clause):
                if atom is last_bare:
                    clause[index] = Atom(atom.kind, atom.value, atom.negated, True)
    return Query(tuple(tuple(clause) for clause in clauses))


Expand = Callable[[str], tuple[str, ...] | None]  # a prefix → the words it stands for, if known


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _fts_term(atom: Atom, expand: Expand | None = None) -> str:
    if not atom.prefix:
        return _quoted(atom.value)
    words = expand(atom.value) if expand is not None else None
    if words:  # the same matches, read lazily (see vocabulary.py)
        return "(" + " OR ".join(_quoted(word) for word in words) + ")"
    return _quoted(atom.value) + "*"


_FTS_SUBQUERY = "p.id {}IN (SELECT -rowid FROM papers_fts WHERE papers_fts MATCH ?)"  # keyed by -id


def _filter_sql(atom: Atom) -> tuple[str, list]:
    value = atom.value
    if atom.kind == "is":
        if value == "starred":
            return "p.starred = 1", []
        return "p.status = ?", [value]
    if atom.kind == "tag":
        return "p.id IN (SELECT paper_id FROM paper_tags WHERE tag = ?)", [normalize_tag(value)]
    if atom.kind == "has":
        return {
            "repo": ("p.repo IS NOT NULL", []),
            "note": ("p.note != ''", []),
            "tags": ("p.id IN (SELECT paper_id FROM paper_tags)", []),
        }[value]
    if atom.kind == "org":
        escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return "p.organization LIKE ? ESCAPE '\\'", [f"%{escaped}%"]
    operator, number = _COMPARISON.match(value).groups()
    operator = operator or "="
    if atom.kind == "year":
        return f"CAST(substr(p.published, 1, 4) AS INTEGER) {operator} ?", [int(number)]
    column = "p.upvotes" if atom.kind == "upvotes" else "p.comments"
    return f"{column} {operator} ?", [int(number)]


def _atom_sql(atom: Atom, expand: Expand | None) -> tuple[str, list]:
    if atom.is_text:
        return _FTS_SUBQUERY.format("NOT " if atom.negated else ""), [
            _fts_term(Atom(atom.kind, atom.value, False, atom.prefix), expand)
        ]
    sql, params = _filter_sql(atom)
    return (f"NOT ({sql})" if atom.negated else sql), params


def compile(query: Query, expand: Expand | None = None) -> Compiled:
    """SQL for a query. Text clauses go into one FTS5 expression where they can; `expand`
    may spell a prefix out as the words it stands for."""
    positive: list[str] = []
    negative: list[str] = []
    conditions: list[str] = []
    params: list = []
    for clause in query.clauses:
        if all(atom.is_text and not atom.negated for atom in clause):
            terms = [_fts_term(atom, expand) for atom in clause]
            positive.append(terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")")
        elif len(clause) == 1 and clause[0].is_text:
            negative.append(_fts_term(Atom(clause[0].kind, clause[0].value, False, clause[0].prefix), expand))
        else:
            parts = [_atom_sql(atom, expand) for atom in clause]
            conditions.append("(" + " OR ".join(sql for sql, _ in parts) + ")")
            for _, atom_params in parts:
                params.extend(atom_params)
    fts = None
    if positive:
        fts = " AND ".join(positive) + "".join(f" NOT {term}" for term in negative)
    elif negative:
        conditions.append(_FTS_SUBQUERY.format("NOT "))
        params.append(" OR ".join(negative))
    return Compiled(where=" AND ".join(conditions) or "1", params=params, fts=fts)

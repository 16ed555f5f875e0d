"""Every command of the window, in one table: id, label, default keys, scope, menu, handler.

Menus, the keyboard cheat sheet, user key bindings and the clash test all read `ACTIONS`.
`LIST` actions fire only while the paper list or the paper's details have focus, so typing in
the search box, the tag editor or the note editor never triggers them; `WINDOW` actions fire
anywhere in the window.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtGui import QKeySequence


class Scope(Enum):
    WINDOW = "window"
    LIST = "list"


@dataclass(frozen=True)
class Action:
    id: str
    label: str
    keys: tuple[str, ...]
    scope: Scope
    menu: str  # "File", "Edit", "View", "Paper", "Help"
    handler: str  # name of the MainWindow method that carries it out
    argument: str | None = None  # passed to the handler when given (a view, a status)


L, W = Scope.LIST, Scope.WINDOW
ACTIONS: tuple[Action, ...] = (
    Action("import", "&Import Listing…", ("Ctrl+O",), W, "File", "import_files"),
    Action("sample", "Try the &Sample Listing", (), W, "File", "import_sample"),
    Action("export", "&Export Notes…", ("Ctrl+E",), W, "File", "export_notes"),
    Action("backup", "&Back Up Library…", (), W, "File", "backup_library"),
    Action("open_folder", "Open Library &Folder", (), W, "File", "open_library_folder"),
    Action("quit", "&Quit", ("Ctrl+Q",), W, "File", "close"),
    Action("undo", "&Undo", ("Ctrl+Z", "Z"), L, "Edit", "undo"),
    Action("redo", "&Redo", ("Ctrl+Shift+Z", "Shift+Z"), L, "Edit", "redo"),
    Action("paste", "&Paste Listing", ("Ctrl+Shift+V",), W, "Edit", "paste_listing"),
    Action("copy_markdown", "&Copy as Markdown", ("Ctrl+C",), L, "Edit", "copy_markdown"),
    Action("search", "&Find…", ("/", "Ctrl+F"), L, "Edit", "focus_search"),
    Action("mark", "Select / Unselect Paper", ("X",), L, "Edit", "toggle_mark"),
    Action("go_inbox", "Go to &Inbox", ("G, I",), L, "View", "go_to", "inbox"),
    Action("go_later", "Go to &Later", ("G, L",), L, "View", "go_to", "later"),
    Action("go_starred", "Go to &Starred", ("G, S",), L, "View", "go_to", "starred"),
    Action("go_read", "Go to &Read", ("G, R",), L, "View", "go_to", "read"),
    Action("go_archived", "Go to Ar&chived", ("G, E",), L, "View", "go_to", "archived"),
    Action("go_all", "Go to &All Papers", ("G, A",), L, "View", "go_to", "all"),
    Action("next", "&Next Paper", ("J", "Down"), L, "Paper", "next_paper"),
    Action("previous", "&Previous Paper", ("K", "Up"), L, "Paper", "previous_paper"),
    Action("star", "Toggle &Star", ("S",), L, "Paper", "toggle_star"),
    Action("later", "Move to &Later", ("L",), L, "Paper", "move_to", "later"),
    Action("archive", "&Archive", ("E",), L, "Paper", "move_to", "archived"),
    Action("read", "Mark &Read", ("R",), L, "Paper", "move_to", "read"),
    Action("inbox", "Move to &Inbox", ("I",), L, "Paper", "move_to", "inbox"),
    Action("tags", "Edit &Tags…", ("T",), L, "Paper", "edit_tags"),
    Action("note", "Edit &Note", ("N",), L, "Paper", "edit_note"),
    Action("open_code", "&Open Code (or First Link)", ("O",), L, "Paper", "open_code"),
    Action("open_page", "Open Paper &Page", ("Shift+O",), L, "Paper", "open_paper_page"),
    Action("cheat_sheet", "&Keyboard Shortcuts", ("?", "F1"), L, "Help", "show_cheat_sheet"),
    Action("about", "&About Reading List", (), W, "Help", "show_about"),
)
MENUS = ("File", "Edit", "View", "Paper", "Help")
BY_ID = {action.id: action for action in ACTIONS}


def normalize_key(key: str) -> str | None:
    """A key sequence in Qt's portable form ('ctrl+shift+z' → 'Ctrl+Shift+Z'), None if unreadable."""
    sequence = QKeySequence.fromString(key.strip(), QKeySequence.SequenceFormat.PortableText)
    text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
    return text if text and sequence.count() and "\ufffd" not in text else None


def clashes(bindings: dict[str, tuple[str, ...]]) -> list[str]:
    """Messages for keys bound twice where both actions can fire (same scope, or a window action)."""
    problems = []
    seen: dict[str, str] = {}
    for action in ACTIONS:
        for key in bindings[action.id]:
            for scope in (Scope.WINDOW, Scope.LIST) if action.scope is Scope.WINDOW else (action.scope,):
                slot = f"{scope.value}:{key}"
                other = seen.get(slot) or seen.get(f"window:{key}")
                if other and other != action.id:
                    problems.append(f"{key} is bound to both {other} and {action.id}")
                seen.setdefault(slot, action.id)
    return sorted(set(problems))


def default_bindings() -> dict[str, tuple[str, ...]]:
    """The table's keys, in Qt's portable form."""
    return {action.id: tuple(normalize_key(key) for key in action.keys) for action in ACTIONS}


def load_bindings(path: Path) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """Key bindings: the defaults with the user's overrides from a TOML file, and problems found.

    The file holds a `[keys]` table: `archive = "A"` or `undo = ["Z", "Ctrl+Z"]`. An unknown
    action, an unreadable file or a clash keeps the defaults and is reported.
    """
    bindings = default_bindings()
    if not path.exists():
        return bindings, []
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return bindings, [f"{path.name} could not be read ({error}); the default keys are used"]
    problems = []
    overrides = data.get("keys", {})
    if not isinstance(overrides, dict):
        return bindings, [f"{path.name}: [keys] must be a table of action = key; the default keys are used"]
    for action_id, value in overrides.items():
        if action_id not in BY_ID:
            problems.append(f"{path.name}: unknown action '{action_id}' (ignored)")
            continue
        keys = (value,) if isinstance(value, str) else value
        if not isinstance(keys, list | tuple) or not all(isinstance(k, str) and k.strip() for k in keys):
            problems.append(f"{path.name}: keys for '{action_id}' must be a string or a list of strings (ignored)")
            continue
        normalized = tuple(normalize_key(k) for k in keys)
        if None in normalized:
            problems.append(f"{path.name}: '{action_id}' has a key Qt cannot read: {keys} (ignored)")
            continue
        bindings[action_id] = normalized
    clash = clashes(bindings)
    if clash:
        problems.append(f"{path.name}: " + "; ".join(clash) + " — the default keys are used")
        return default_bindings(), problems
    return bindings, problems


def cheat_sheet_rows(bindings: dict[str, tuple[str, ...]]) -> Iterable[tuple[str, str, str]]:
    """(menu, label, keys) for every action, in table order."""
    for action in ACTIONS:
        label = action.label.replace("&", "").rstrip("…")
        keys = ", ".join(_display(key) for key in bindings[action.id]) or "—"
        yield action.menu, label, keys


def _display(key: str) -> str:
    return " then ".join(part.strip() for part in key.split(","))

"""Small dialogs: the keyboard cheat sheet, the tag editor, About."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from .actions import cheat_sheet_rows


class CheatSheet(QDialog):
    """Every action of the table with its current keys."""

    def __init__(self, bindings: dict[str, tuple[str, ...]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setObjectName("cheat_sheet")
        rows = list(cheat_sheet_rows(bindings))
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["Menu", "Action", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        hint = QLabel("Single-letter keys work while the paper list or the details have focus.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(560, 640)

    def entries(self) -> list[tuple[str, str, str]]:
        """What the sheet shows, row by row."""
        return [
            tuple(self.table.item(row, column).text() for column in range(3)) for row in range(self.table.rowCount())
        ]


class _TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma."""

    def pathFromIndex(self, index) -> str:
        done = self.widget().text().rsplit(",", 1)[0] if "," in self.widget().text() else ""
        completed = super().pathFromIndex(index)
        return f"{done}, {completed}" if done else completed

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]


class TagEditor(QDialog):
    """A line edit for comma-separated tags with completion; Enter applies, Esc cancels."""

    def __init__(self, tags: list[str], known: list[str], count: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tag_editor")
        self.setWindowTitle("Edit Tags")
        label = QLabel(f"Tags for {count} papers (comma-separated):" if count > 1 else "Tags (comma-separated):")
        self.line = QLineEdit("".join(f"{tag}, " for tag in tags))  # ready for one more
        self.line.setObjectName("tag_line")
        self.line.setAccessibleName("Tags")
        completer = _TagCompleter(QStringListModel(known, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.line.setCompleter(completer)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.line)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())

    def tags(self) -> list[str]:
        return [tag.strip() for tag in self.line.text().split(",") if tag.strip()]


def about_box(parent: QWidget, library_path: Path) -> QMessageBox:
    """Help → About: the version and where the library lives (shown without blocking)."""
    box = QMessageBox(parent)
    box.setObjectName("about_box")
    box.setWindowTitle("About Reading List")
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(
        f"<h3>Reading List {escape(__version__)}</h3>"
        "<p>A keyboard-driven reading list for AI research papers.</p>"
        f"<p>Library: <code>{escape(str(library_path))}</code></p>"
    )
    box.open()
    return box

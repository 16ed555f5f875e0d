"""File → Export Notes…: which papers, which form, where."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..export import ANNOTATED
from ..export.files import atomic_write
from ..export.folder import ExportError, export_folder
from ..export.markdown import digest
from ..library.library import Library
from ..library.query import Query
from ..library.query import parse as parse_query

PROGRESS_AFTER_MS = 400  # an export that takes longer shows its progress


def _choices(title: str, *buttons: QRadioButton) -> QGroupBox:
    """A titled box of radio buttons (one box, so one choice among them)."""
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    for button in buttons:
        layout.addWidget(button)
    return box


class ExportDialog(QDialog):
    """Export the current view/search or every annotated paper, as a digest or a folder."""

    def __init__(self, library: Library, view_query: Query, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.setWindowTitle("Export Notes")
        self.library = library
        self.settings = settings
        self.view_query = view_query
        self.annotated_query = parse_query(ANNOTATED)
        self.result_text = ""

        self.current_view = QRadioButton(f"Current view / search ({library.count(view_query):,} papers)")
        self.annotated = QRadioButton(
            f"All annotated papers: with a note, a tag or a star ({library.count(self.annotated_query):,})"
        )
        self.annotated.setChecked(True)
        self.as_digest = QRadioButton("One Markdown digest file")
        self.as_folder = QRadioButton("A folder with one Markdown file per paper (for Obsidian and wikis)")
        self.as_digest.setChecked(True)
        scope = _choices("Papers", self.current_view, self.annotated)
        form = _choices("Form", self.as_digest, self.as_folder)

        self.with_abstract = QCheckBox("Include each paper's abstract")
        note = QLabel("Re-exporting into the same folder updates its files and keeps any file you edited.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._choose_target)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (scope, form, self.with_abstract, note, buttons):
            layout.addWidget(widget)

    def selected_papers(self):
        query = self.view_query if self.current_view.isChecked() else self.annotated_query
        return self.library.papers(query)

    def _choose_target(self) -> None:
        start = str(self.settings.value("export/folder", str(Path.home())))
        if self.as_folder.isChecked():
            target = QFileDialog.getExistingDirectory(self, "Export into Folder", start)
        else:
            target, _ = QFileDialog.getSaveFileName(
                self, "Export Digest", str(Path(start) / "reading-list.md"), "Markdown (*.md)"
            )
        if target:
            self.export_to(Path(target))

    def export_to(self, target: Path) -> bool:
        """Export to a file or folder behind a progress dialog (shown when it takes a while;
        Stop keeps what is written); reports the outcome and closes on success."""
        progress = QProgressDialog("Reading the papers…", "Stop", 0, 0, self)
        progress.setObjectName("export_progress")
        progress.setWindowTitle("Exporting")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(PROGRESS_AFTER_MS)
        progress.setValue(0)

        def step(done: int, total: int) -> bool:
            progress.setLabelText(f"Writing {total:,} files into {target.name}…")
            progress.setRange(0, total)
            progress.setValue(done)  # (a modal dialog handles events here: Stop can be pressed)
            return not progress.wasCanceled()

        failure = ""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            papers = self.selected_papers()
            if self.as_folder.isChecked():
                report = export_folder(papers, target, with_abstract=self.with_abstract.isChecked(), progress=step)
                self.result_text = f"Exported {report.line()}"
                self.settings.setValue("export/folder", str(target))
            else:
                atomic_write(target.resolve(), digest(papers, with_abstract=self.with_abstract.isChecked()).encode())
                self.result_text = f"Exported {len(papers)} papers to {target}"
                self.settings.setValue("export/folder", str(target.parent))
        except (ExportError, OSError) as error:
            failure = f"The export failed: {error}"
        finally:
            QGuiApplication.restoreOverrideCursor()
            progress.close()
        if failure:
            QMessageBox.warning(self, "Export failed", failure)
            return False
        parent = self.parentWidget()
        if parent is not None and hasattr(parent, "statusBar"):
            parent.statusBar().showMessage(self.result_text, 10000)
        self.accept()
        return True

"""What an empty library shows: what the app does and how to start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """Explains the app and offers "Import a listing…" and "Try the sample listing"."""

    import_requested = Signal()
    sample_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("empty_state")
        title = QLabel("Your reading list is empty")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        text = QLabel(
            "Bring in a listing of new papers (copy a Hugging Face Papers page in your browser, "
            "or use a saved page or the site's JSON) and triage it with the keyboard: "
            "<b>s</b> stars, <b>l</b> saves for later, <b>e</b> archives, <b>t</b> tags, <b>n</b> writes a note. "
            "Your notes export as Markdown.<br><br>"
            "You can also drop listing files here, or paste a copied page with <b>Ctrl+Shift+V</b>."
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        self.import_button = QPushButton("Import a Listing…")
        self.import_button.setDefault(True)
        self.sample_button = QPushButton("Try the Sample Listing")
        self.import_button.clicked.connect(self.import_requested)
        self.sample_button.clicked.connect(self.sample_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(title)
        column.addSpacing(8)
        column.addWidget(text)
        column.addSpacing(16)
        column.addLayout(buttons)
        column.addStretch(2)
        box = QWidget()
        box.setLayout(column)
        box.setMaximumWidth(560)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 3)
        outer.addStretch(1)

"""The detail pane: the current paper as readable text, its links, and its note.

Listing text is untrusted: every piece of it is HTML-escaped before display, only http(s)
links become anchors, and the browsers here load no resources (no images, no files).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote_plus

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..importers.fields import is_web_url

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent
from ..library.types import Paper

NOTE_SAVE_DELAY_MS = 700


def paper_page_url(paper: Paper) -> str:
    """The Hugging Face paper page when the arXiv id is known, else a search for the title."""
    return paper.paper_url or f"https://huggingface.co/papers?q={quote_plus(paper.title)}"


def _anchor(url: str, text: str | None = None) -> str:
    if not is_web_url(url):
        return escape(text or url)
    return f'<a href="{escape(url, quote=True)}">{escape(text or url)}</a>'


def paper_html(paper: Paper) -> str:
    """The paper as an HTML fragment built only from escaped text and http(s) anchors."""
    parts = [f"<h2>{escape(paper.title)}</h2>"]
    meta = [escape(paper.byline)] if paper.byline else []
    if paper.published:
        meta.append(escape(paper.published))
    if paper.upvotes is not None:
        meta.append(f"▲ {paper.upvotes}")
    if paper.comments is not None:
        meta.append(f"{paper.comments} comment{'s' if paper.comments != 1 else ''}")
    if paper.arxiv_id:
        meta.append(f"arXiv {escape(paper.arxiv_id)}")
    if meta:
        parts.append(f"<p>{' · '.join(meta)}</p>")
    state = [("★ Starred" if paper.starred else ""), paper.status.label]
    state += [f"#{escape(tag)}" for tag in paper.tags]
    parts.append(f"<p><b>{' · '.join(s for s in state if s)}</b></p>")
    links = []
    if paper.repo:
        links.append(f"<b>Code repository:</b> {_anchor(paper.repo)}")
    if paper.project_page:
        links.append(f"<b>Project page:</b> {_anchor(paper.project_page)}")
    page_label = "Hugging Face paper page" if paper.paper_url else "Search Hugging Face for this title"
    links.append(f"<b>Paper page:</b> {_anchor(paper_page_url(paper), page_label)}")
    shown = {paper.repo, paper.project_page}
    others = [link for link in paper.links if link not in shown]
    links += [f"Link: {_anchor(link)}" for link in others]
    parts.append("<p>" + "<br>".join(links) + "</p>")
    if paper.abstract:
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in paper.abstract.split("\n\n"))
        parts.append(f"<h4>Abstract</h4>{paragraphs}")
    return "".join(parts)


class SafeBrowser(QTextBrowser):
    """A text browser that never loads a resource and hands links to `link_activated`."""

    link_activated = Signal(QUrl)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._clicked)

    def loadResource(self, kind: int, name: QUrl):
        return None

    def _clicked(self, url: QUrl) -> None:
        if url.scheme().lower() in ("http", "https"):
            self.link_activated.emit(url)


class NoteEditor(QPlainTextEdit):
    """The note's plain-text editor; Esc hands focus back (`escape_pressed`)."""

    escape_pressed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("note_editor")
        self.setAccessibleName("Note")
        self.setPlaceholderText("Write a Markdown note… (n from the list; Esc returns)")
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)


class DetailPane(QWidget):
    """The current paper's details above its note (editable, saved as you type)."""

    link_activated = Signal(QUrl)
    note_changed = Signal(int, str)  # paper id, note text: the window saves it
    escape_from_note = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.paper: Paper | None = None
        self.browser = SafeBrowser()
        self.browser.setObjectName("paper_details")
        self.browser.setAccessibleName("Paper details")
        self.browser.link_activated.connect(self.link_activated)

        self.note_editor = NoteEditor()
        self.note_editor.escape_pressed.connect(self.escape_from_note)
        self.note_preview = SafeBrowser()
        self.note_preview.setObjectName("note_preview")
        self.note_preview.link_activated.connect(self.link_activated)
        self.note_stack = QStackedWidget()
        self.note_stack.addWidget(self.note_editor)
        self.note_stack.addWidget(self.note_preview)
        self.preview_button = QToolButton()
        self.preview_button.setText("Preview")
        self.preview_button.setCheckable(True)
        self.preview_button.setToolTip("Show the note rendered as Markdown")
        self.preview_button.toggled.connect(self._toggle_preview)
        self.note_label = QLabel("Note")
        self.note_status = QLabel("")
        self.note_status.setObjectName("note_status")

        header = QHBoxLayout()
        header.addWidget(self.note_label)
        header.addStretch(1)
        header.addWidget(self.note_status)
        header.addWidget(self.preview_button)
        note_box = QWidget()
        note_layout = QVBoxLayout(note_box)
        note_layout.setContentsMargins(0, 4, 0, 0)
        note_layout.addLayout(header)
        note_layout.addWidget(self.note_stack)

        self.splitter = QSplitter()
        self.splitter.setOrientation(self.splitter.orientation().Vertical)
        self.splitter.setObjectName("detail_splitter")
        self.splitter.addWidget(self.browser)
        self.splitter.addWidget(note_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_note)
        self.note_editor.textChanged.connect(self._note_edited)
        self._loading = False
        self.show_paper(None)

    def show_paper(self, paper: Paper | None) -> None:
        """Show a paper (None: nothing selected). Saves the previous paper's note first."""
        self.save_note()
        self.paper = paper
        self._loading = True
        if paper is None:
            self.browser.setHtml("<p>No paper selected.</p>")
            self.note_editor.setPlainText("")
        else:
            self.browser.setHtml(paper_html(paper))
            if self.note_editor.toPlainText() != paper.note:
                self.note_editor.setPlainText(paper.note)
        self.note_editor.setEnabled(paper is not None)
        self.note_status.setText("")
        self._loading = False
        if self.preview_button.isChecked():
            self._render_preview()

    def refresh_paper(self, paper: Paper) -> None:
        """Redraw the details of the shown paper after a change (its note editor is left alone)."""
        if self.paper is not None and paper.id == self.paper.id:
            self.paper = paper
            scroll = self.browser.verticalScrollBar().value()
            self.browser.setHtml(paper_html(paper))
            self.browser.verticalScrollBar().setValue(scroll)

    def _note_edited(self) -> None:
        if not self._loading and self.paper is not None:
            self.note_status.setText("Editing…")
            self._save_timer.start()

    def save_note(self) -> None:
        """Save the note now if it has unsaved edits."""
        self._save_timer.stop()
        if self.paper is None or self._loading:
            return
        text = self.note_editor.toPlainText()
        if text != self.paper.note:
            self.note_changed.emit(self.paper.id, text)
            self.note_status.setText("Saved")

    def note_saved(self, paper: Paper) -> None:
        """The window stored the note: remember it as the saved text."""
        if self.paper is not None and paper.id == self.paper.id:
            self.paper = paper

    def _toggle_preview(self, on: bool) -> None:
        if on:
            self._render_preview()
        self.note_stack.setCurrentWidget(self.note_preview if on else self.note_editor)

    def _render_preview(self) -> None:
        self.note_preview.setMarkdown(self.note_editor.toPlainText() or "*No note yet.*")

    def edit_note(self) -> None:
        """Focus the note editor (leaving the rendered view)."""
        self.preview_button.setChecked(False)
        self.note_editor.setFocus()
        self.note_editor.moveCursor(self.note_editor.textCursor().MoveOperation.End)

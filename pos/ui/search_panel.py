"""One search box: type a name, phone, email or member ID, or let a handheld scanner type a code.

Typing pauses for a moment before ``query_changed`` fires, so the flow searches once per pause;
the flow answers with :meth:`SearchPanel.set_suggestions`. Picking a suggestion emits
``suggestion_chosen``; Enter on text that is no suggestion emits ``submitted`` (a scanner in
keyboard-wedge mode ends its code with Enter).
"""

from __future__ import annotations

from dataclasses import dataclass

from pos.ui.qt import (
    QCompleter,
    QEvent,
    QHBoxLayout,
    QKeyEvent,
    QKeySequence,
    QLineEdit,
    QStringListModel,
    Qt,
    QTimer,
    QWidget,
    Signal,
)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A member the box offers: ``key`` is what identifies them (a member ID or a phone)."""

    label: str
    key: str
    source: str = "local"  # "local" cache or "server"


class SearchBox(QLineEdit):
    """The search field, without a text undo of its own: Ctrl+Z at the counter always means
    "undo my last action on this customer" (the window's action), never "undo my typing",
    which would also send the restored text as a new search."""

    def event(self, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and (event.matches(QKeySequence.StandardKey.Undo)
                     or event.matches(QKeySequence.StandardKey.Redo))):
            event.ignore()  # not overridden here: the window's shortcut takes it
            return False
        return super().event(event)


class SearchPanel(QWidget):
    query_changed = Signal(str)
    suggestion_chosen = Signal(object)  # Suggestion
    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, pause_ms: int = 180) -> None:
        super().__init__(parent)
        self.box = SearchBox()
        self.box.setObjectName("searchBox")
        self.box.setClearButtonEnabled(True)
        self._suggestions: list[Suggestion] = []
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated.connect(self._on_activated_text)
        self.box.setCompleter(self.completer)
        popup = self.completer.popup()
        if popup is not None:
            popup.setStyleSheet("font-size: 19px;")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(pause_ms)
        self._timer.timeout.connect(self._emit_query)
        self.box.textEdited.connect(lambda _t: self._timer.start())
        self.box.returnPressed.connect(self._on_return)
        self._just_chosen = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        self.retranslate()

    def set_suggestions(self, query: str, suggestions: list[Suggestion]) -> None:
        """Offer ``suggestions`` for ``query``; ignored if the text has moved on since."""
        if query != self.box.text().strip():
            return
        self._suggestions = list(suggestions)
        self._model.setStringList([s.label for s in suggestions])
        if suggestions and self.box.hasFocus():
            self.completer.setCompletionPrefix(query)
            self.completer.complete()

    @property
    def suggestions(self) -> list[Suggestion]:
        return list(self._suggestions)

    def choose(self, index: int) -> None:
        """Pick a suggestion as if clicked (keyboard and tests)."""
        self._choose(self._suggestions[index])

    def clear(self) -> None:
        self.box.clear()
        self._suggestions = []
        self._model.setStringList([])

    def focus(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def _emit_query(self) -> None:
        text = self.box.text().strip()
        if len(text) >= 2:
            self.query_changed.emit(text)

    def _on_activated_text(self, label: str) -> None:
        for suggestion in self._suggestions:
            if suggestion.label == label:
                self._choose(suggestion)
                return

    def _choose(self, suggestion: Suggestion) -> None:
        self._just_chosen = True
        self._timer.stop()
        self.suggestion_chosen.emit(suggestion)
        # Later, not now: the focused line edit writes the chosen label into the box after this
        # slot has run, which would undo an immediate clear.
        QTimer.singleShot(0, self.box.clear)

    def _on_return(self) -> None:
        if self._just_chosen:
            self._just_chosen = False
            return
        text = self.box.text().strip()
        self._timer.stop()
        if text:
            self.submitted.emit(text)
            self.box.selectAll()

    def retranslate(self) -> None:
        self.box.setPlaceholderText(
            self.tr("Search: name, phone, email or member ID — or scan a code  (F2)")
        )
        self.box.setAccessibleName(self.tr("Search customers"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

"""Every action of the counter, each with its keyboard shortcut shown on its button."""

from __future__ import annotations

from pos.ui.qt import QAction, QKeySequence, QObject, Qt, QWidget

# name -> shortcuts (first one is shown on the button)
SHORTCUTS: dict[str, tuple[str, ...]] = {
    "search": ("F2", "Ctrl+F"),
    "stamp": ("F5", "Ctrl+Return"),
    "add_n": ("F7",),
    "redeem": ("F6",),
    "undo": ("Ctrl+Z",),
    "history": ("F9",),
    "register": ("F3",),
    "edit_member": ("F8",),
    "issue": ("F4",),
    "print_qr": ("Ctrl+P",),
    "notices": ("F10",),
    "settings": ("F12",),
    "next_card": ("Ctrl+Down", "PgDown"),
    "previous_card": ("Ctrl+Up", "PgUp"),
    "clear": ("Esc",),
}

# Only moving between cards repeats while its key is held; a held F5 must not stamp again.
AUTO_REPEAT = frozenset({"next_card", "previous_card"})


class CounterActions(QObject):
    """QActions owned by the main window; buttons trigger them, so keys and clicks agree."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.by_name: dict[str, QAction] = {}
        for name, keys in SHORTCUTS.items():
            action = QAction(window)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setAutoRepeat(name in AUTO_REPEAT)
            window.addAction(action)
            self.by_name[name] = action
        self.retranslate()

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    def key_text(self, name: str) -> str:
        return QKeySequence(SHORTCUTS[name][0]).toString(QKeySequence.SequenceFormat.NativeText)

    def labels(self) -> dict[str, str]:
        return {
            "search": self.tr("Search"),
            "stamp": self.tr("+1 stamp"),
            "add_n": self.tr("Add stamps…"),
            "redeem": self.tr("Redeem reward"),
            "undo": self.tr("Undo last action"),
            "history": self.tr("Card history"),
            "register": self.tr("New member"),
            "edit_member": self.tr("Edit member"),
            "issue": self.tr("Issue new card"),
            "print_qr": self.tr("Print QR"),
            "notices": self.tr("Notices"),
            "settings": self.tr("Settings"),
            "next_card": self.tr("Next card"),
            "previous_card": self.tr("Previous card"),
            "clear": self.tr("Next customer"),
        }

    def retranslate(self) -> None:
        for name, text in self.labels().items():
            action = self.by_name[name]
            action.setText(text)
            action.setToolTip(f"{text} ({self.key_text(name)})")

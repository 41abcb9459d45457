"""The counter window: composes the panels; the flows (:mod:`pos.ui.counter_flow`) drive them.

It has no fixed size: the action column scrolls when a small screen cannot show all its
buttons (each also has its key), so the status bar always stays on screen. With
:meth:`remember_geometry` it comes back with the size, place and maximized state it closed with.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from pos.ui.action_panel import ActionPanel
from pos.ui.actions import CounterActions
from pos.ui.banner import FeedbackBanner
from pos.ui.camera_preview import CameraPreview
from pos.ui.celebration import Celebration
from pos.ui.customer_panel import CustomerPanel
from pos.ui.messages import MessageBridge
from pos.ui.qt import (
    QCloseEvent,
    QEvent,
    QFrame,
    QHBoxLayout,
    QImage,
    QKeyEvent,
    QMainWindow,
    QPoint,
    QResizeEvent,
    QScrollArea,
    QSettings,
    QSize,
    Qt,
    QVBoxLayout,
    QWidget,
)
from pos.ui.search_panel import SearchPanel
from pos.ui.status_bar import CounterStatusBar


class MainWindow(QMainWindow):
    def __init__(self, messages: MessageBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.messages = messages
        self.counter_actions = CounterActions(self)
        self.search = SearchPanel()
        self.banner = FeedbackBanner()
        self.customer = CustomerPanel()
        self.action_panel = ActionPanel(self.counter_actions)
        self.status = CounterStatusBar()
        self.preview = CameraPreview(size=QSize(200, 150))
        self.preview.hide()  # shown with the first camera frame
        self.setStatusBar(self.status)

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(16, 16, 16, 8)
        outer.setSpacing(12)
        outer.addWidget(self.search)
        outer.addWidget(self.banner)
        body = QHBoxLayout()
        body.setSpacing(16)
        left = QVBoxLayout()
        left.addWidget(self.customer, 1)
        left.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignLeft)
        body.addLayout(left, 1)
        actions_area = QScrollArea()
        actions_area.setObjectName("actionScroll")
        actions_area.setWidget(self.action_panel)
        actions_area.setWidgetResizable(True)
        actions_area.setFrameShape(QFrame.Shape.NoFrame)
        actions_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        actions_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        actions_area.setStyleSheet(
            "QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        actions_area.setMinimumWidth(self.action_panel.minimumWidth()
                                     + actions_area.verticalScrollBar().sizeHint().width())
        body.addWidget(actions_area)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)
        self.celebration = Celebration(central)

        messages.message.connect(self.banner.show_message)
        self.customer.card_selected.connect(lambda _id: self.update_enabled())
        self.counter_actions["search"].triggered.connect(self.search.focus)
        self.counter_actions["next_card"].triggered.connect(lambda: self.customer.select_next(1))
        self.counter_actions["previous_card"].triggered.connect(
            lambda: self.customer.select_next(-1)
        )
        self.status.notices_requested.connect(self.counter_actions["notices"].trigger)
        self.status.settings_requested.connect(self.counter_actions["settings"].trigger)
        self._set_tab_order()
        self.resize(1280, 800)
        self.setMinimumSize(800, 560)
        self._geometry_file: Path | None = None
        self.update_enabled()
        self.retranslate()
        self.search.box.setFocus()

    def remember_geometry(self, path: Path) -> None:
        """Restore the size, place and maximized state saved in ``path``; save them there
        when the window closes."""
        self._geometry_file = path
        stored = QSettings(str(path), QSettings.Format.IniFormat)
        # size and place as numbers: restoreGeometry() would clamp them to the screen Qt
        # reports, which can be smaller than the one the cashier last used
        size, place = stored.value("size"), stored.value("place")
        if isinstance(size, QSize) and size.isValid():
            self.resize(size)
        if isinstance(place, QPoint):
            self.move(place)
        if stored.value("maximized", False, type=bool):
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._geometry_file is not None:
            stored = QSettings(str(self._geometry_file), QSettings.Format.IniFormat)
            normal = self.normalGeometry() if self.isMaximized() else self.geometry()
            stored.setValue("size", normal.size())
            stored.setValue("place", normal.topLeft())
            stored.setValue("maximized", self.isMaximized())
            stored.sync()
        super().closeEvent(event)

    def show_preview(self, image: QImage) -> None:
        if not self.preview.isVisible():
            self.preview.show()
        self.preview.show_frame(image)

    def _set_tab_order(self) -> None:
        order: list[QWidget] = [self.search.box]
        order += list(self.action_panel.buttons.values())
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def update_enabled(self) -> None:
        """Enable what makes sense for the customer and card on screen."""
        card = self.customer.selected_card
        view = self.customer.view
        usable = card is not None and card.usable
        a = self.counter_actions
        a["stamp"].setEnabled(usable)
        a["add_n"].setEnabled(usable)
        a["undo"].setEnabled(usable)
        a["redeem"].setEnabled(usable and bool(card and card.rewards))
        a["history"].setEnabled(card is not None)
        a["edit_member"].setEnabled(view is not None and view.member is not None)
        a["clear"].setEnabled(view is not None)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Stamp POS — counter"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.celebration.isVisible():
            parent = self.celebration.parentWidget()
            if parent is not None:
                self.celebration.setGeometry(parent.rect())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # keys typed while nothing has focus go to the search box (a handheld scanner types)
        if event.text() and event.text().isprintable() and not self.search.box.hasFocus():
            self.search.box.setFocus(Qt.FocusReason.OtherFocusReason)
            self.search.box.insert(event.text())
            return
        super().keyPressEvent(event)

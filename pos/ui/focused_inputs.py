"""Spin boxes and combo boxes that the mouse wheel changes only once they have the focus.

Qt's own give themselves the focus on a wheel turn and step their value, so scrolling a long
settings page over an unfocused field silently changed it (a merchant id went from 14 to 9).
These take the focus only by click or Tab and pass an unfocused wheel on to the page, which
scrolls instead.
"""

from __future__ import annotations

from collections.abc import Callable

from pos.ui.qt import QComboBox, QDoubleSpinBox, QSpinBox, Qt, QWheelEvent, QWidget


def _focus_by_click_or_tab(widget: QWidget) -> None:
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _wheel_if_focused(widget: QWidget, event: QWheelEvent,
                      step: Callable[[QWheelEvent], None]) -> None:
    """Let ``step`` (the Qt class's own wheel handling) run only with the focus; otherwise pass
    the event on, so the page scrolls."""
    if widget.hasFocus():
        step(event)
    else:
        event.ignore()


class FocusedSpinBox(QSpinBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _focus_by_click_or_tab(self)

    def wheelEvent(self, event: QWheelEvent) -> None:
        _wheel_if_focused(self, event, super().wheelEvent)


class FocusedDoubleSpinBox(QDoubleSpinBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _focus_by_click_or_tab(self)

    def wheelEvent(self, event: QWheelEvent) -> None:
        _wheel_if_focused(self, event, super().wheelEvent)


class FocusedComboBox(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _focus_by_click_or_tab(self)

    def wheelEvent(self, event: QWheelEvent) -> None:
        _wheel_if_focused(self, event, super().wheelEvent)

"""The one place that names the Qt binding: every module of :mod:`pos.ui` (and its tests) imports
Qt from here, so the binding, the names the app uses and the versions it supports live in one
file. A Qt name the app starts to use is added here first.

Names are re-exported one by one rather than as modules, so call sites read as plain Qt
(``QTimer``, ``Signal``) and mypy checks them against the binding's own stubs.
"""

from __future__ import annotations

import PySide6
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QElapsedTimer,
    QEvent,
    QEventLoop,
    QLocale,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QRegularExpression,
    QRunnable,
    QSize,
    QStringListModel,
    Qt,
    QThreadPool,
    QTime,
    QTimer,
    QTranslator,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFocusEvent,
    QFont,
    QImage,
    QIntValidator,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QRegularExpressionValidator,
    QResizeEvent,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtPrintSupport import (
    QPrintDialog,
    QPrinter,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QStatusBar,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

__all__ = [
    "BINDING_VERSION", "SUPPORTED_BINDING",
    "QAbstractItemView", "QAction", "QApplication", "QCheckBox", "QColor", "QComboBox",
    "QCompleter", "QCoreApplication", "QDate", "QDateEdit", "QDialog", "QDialogButtonBox",
    "QDoubleSpinBox", "QElapsedTimer", "QEvent", "QEventLoop", "QFocusEvent", "QFont",
    "QFormLayout", "QFrame", "QGridLayout", "QHBoxLayout", "QHeaderView", "QImage",
    "QIntValidator", "QKeyEvent", "QKeySequence", "QLabel", "QLineEdit", "QListWidget",
    "QListWidgetItem", "QLocale", "QMainWindow", "QMessageBox", "QMouseEvent", "QObject",
    "QPaintEvent", "QPainter", "QPainterPath", "QPen", "QPixmap", "QPoint", "QPointF",
    "QPrintDialog", "QPrinter", "QPushButton", "QRect", "QRectF", "QRegularExpression",
    "QRegularExpressionValidator", "QResizeEvent", "QRunnable", "QScrollArea", "QShortcut",
    "QSize", "QSizePolicy", "QSpinBox", "QStackedWidget", "QStatusBar", "QStringListModel",
    "QTabWidget", "QTableWidget", "QTableWidgetItem", "QThreadPool", "QTime", "QTimer",
    "QTranslator", "QVBoxLayout", "QWheelEvent", "QWidget", "Qt", "Signal", "Slot",
    "binding_supported",
]

#: PySide6 releases the app supports, ``[first, past_last)``, as pyproject.toml pins them.
#: 6.12.0's wheels corrupt reference counts on Python 3.11: every signal emit released ``True``
#: once too often and the app aborted after a few thousand scans (tests/ui/test_qt_binding.py).
SUPPORTED_BINDING = ((6, 7), (6, 12))
BINDING_VERSION: str = PySide6.__version__


def binding_supported(version: str = BINDING_VERSION) -> bool:
    """Whether a PySide6 version (``"6.11.3"``) is in :data:`SUPPORTED_BINDING`."""
    parts = tuple(int(p) for p in version.split(".")[:2] if p.isdigit())
    first, past_last = SUPPORTED_BINDING
    return first <= parts < past_last

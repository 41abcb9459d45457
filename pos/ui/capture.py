"""Pictures of the window and timed exits, for screenshots and smoke tests: the Qt half of
``stamp-pos run --exit-after --grab`` and of the screenshot renderer in :mod:`pos.app`."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from pos.ui.qt import QApplication, QEventLoop, QImage, QTimer, QWidget


def wait_until(done: Callable[[], bool], timeout: float = 15.0) -> None:
    """Run the event loop until ``done()`` holds; raise if the screen never gets there."""
    app = QApplication.instance()
    assert app is not None
    deadline = time.monotonic() + timeout
    while not done():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if time.monotonic() > deadline:
            raise RuntimeError("the screen did not reach the expected state")


def settle(seconds: float = 0.3) -> None:
    """Let pending paints and queued signals run for ``seconds``."""
    app = QApplication.instance()
    assert app is not None
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def save_picture(widget: QWidget, path: Path) -> Path:
    image: QImage = widget.grab().toImage()
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    image.save(str(path))
    return path


def quit_after(seconds: float, widget: QWidget, grab: Path | None = None) -> None:
    """Quit the application after ``seconds``, saving a picture of ``widget`` first if asked."""

    def finish() -> None:
        if grab is not None:
            widget.grab().save(str(grab))
        app = QApplication.instance()
        if app is not None:
            app.quit()

    QTimer.singleShot(int(seconds * 1000), finish)

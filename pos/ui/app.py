"""The QApplication of the cashier app: display check, font, stylesheet and language."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence

from pos.ui.errors import NoDisplayError
from pos.ui.i18n import install_language
from pos.ui.qt import BINDING_VERSION, QApplication, QFont, binding_supported
from pos.ui.resource_paths import STYLESHEETS

log = logging.getLogger(__name__)
GIL_SWITCH_SECONDS = 0.001
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb")
NO_DISPLAY_MESSAGE = (
    "stamp-pos: no display found; run it on a desktop, or headless as: xvfb-run -a stamp-pos demo"
)


def check_display(environ: os._Environ[str] | dict[str, str] | None = None) -> None:
    """Raise NoDisplayError when Qt would have no screen to open a window on."""
    env = os.environ if environ is None else environ
    platform = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    if platform in HEADLESS_PLATFORMS or not sys.platform.startswith("linux"):
        return
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        raise NoDisplayError(NO_DISPLAY_MESSAGE)


def stylesheet() -> str:
    return (STYLESHEETS / "counter.qss").read_text(encoding="utf-8")


def create_app(argv: Sequence[str] | None = None, language: str = "en") -> QApplication:
    """The application object, styled for the counter; reuses one that already exists."""
    if not binding_supported():
        # pip honours the pin; a hand-installed binding outside it runs, but may crash later.
        log.warning("PySide6 %s is outside the supported range in pos/ui/qt.py", BINDING_VERSION)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(list(argv or ["stamp-pos"]))
    app.setApplicationName("Stamp POS")
    app.setOrganizationName("stamp-pos")
    app.setStyle("Fusion")
    font = QFont("DejaVu Sans")
    font.setPointSize(13)
    app.setFont(font)
    app.setStyleSheet(stylesheet())
    # The camera, NFC and sync threads run Python too; a short switch interval hands the GIL
    # back to the GUI thread sooner, so a busy worker cannot delay a repaint by 5 ms steps.
    sys.setswitchinterval(GIL_SWITCH_SECONDS)
    install_language(language)
    return app

"""Suite-wide: Qt renders offscreen (no display here or in CI), whoever creates the app."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

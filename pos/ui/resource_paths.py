"""Where the app's resources (stylesheets, translations, sounds, icons) live on disk."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
STYLESHEETS = RESOURCES / "stylesheets"
TRANSLATIONS = RESOURCES / "translations"
SOUNDS = RESOURCES / "sounds"
ICONS = RESOURCES / "icons"

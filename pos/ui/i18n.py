"""Languages: Qt translators loaded from ``resources/translations/stamp_pos_<lang>.qm``.

English is the source language, so it needs no catalog. Installing a translator makes Qt send
a LanguageChange event to every widget; each panel re-sets its texts in ``retranslate()``.
The ``.ts`` catalog is the source of truth; ``pyside6-lrelease`` compiles it (see
``python -m pos.ui.i18n --update``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pos.ui.qt import QCoreApplication, QLocale, QTranslator
from pos.ui.resource_paths import TRANSLATIONS

LANGUAGES = ("en", "fr")
SOURCE_LANGUAGE = "en"
_state: dict[str, object] = {"language": SOURCE_LANGUAGE, "translator": None}


def catalog_path(language: str, suffix: str = ".qm") -> Path:
    return TRANSLATIONS / f"stamp_pos_{language}{suffix}"


def current_language() -> str:
    return str(_state["language"])


def install_language(language: str) -> bool:
    """Switch the running app to ``language``; False (and English) if it has no catalog."""
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    old = _state["translator"]
    if isinstance(old, QTranslator):
        app.removeTranslator(old)
        _state["translator"] = None
    _state["language"] = SOURCE_LANGUAGE
    QLocale.setDefault(QLocale(SOURCE_LANGUAGE))
    if language == SOURCE_LANGUAGE:
        return True
    translator = QTranslator(app)
    if not translator.load(str(catalog_path(language))):
        return False
    app.installTranslator(translator)
    _state["translator"] = translator
    _state["language"] = language
    QLocale.setDefault(QLocale(language))
    return True


def update_catalogs() -> int:
    """Re-scan ``pos/ui`` for strings (lupdate) and compile the catalogs (lrelease)."""
    bin_dir = Path(sys.executable).parent
    sources = sorted(str(p) for p in Path(__file__).parent.glob("*.py"))
    for language in LANGUAGES:
        if language == SOURCE_LANGUAGE:
            continue
        ts = catalog_path(language, ".ts")
        subprocess.run(
            [str(bin_dir / "pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(ts)],
            check=True,
        )
        subprocess.run(
            [str(bin_dir / "pyside6-lrelease"), str(ts), "-qm", str(catalog_path(language))],
            check=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(update_catalogs())

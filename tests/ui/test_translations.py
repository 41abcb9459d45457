"""English and French are complete: every translatable string of pos/ui has a French
translation in the catalog, the compiled catalog is current, and switching language retitles
the open window."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pos.ui import i18n
from pos.ui.qt import Qt
from server import demo_data as demo

pytestmark = pytest.mark.dates


def _untranslated(ts: Path) -> list[str]:
    root = ET.parse(ts).getroot()
    return [
        m.findtext("source") or ""
        for m in root.iter("message")
        if not (m.findtext("translation") or "").strip()
        or (m.find("translation") is not None
            and m.find("translation").get("type") in ("unfinished", "vanished", "obsolete"))  # type: ignore[union-attr]
    ]


def test_every_source_string_has_a_french_translation(tmp_path: Path) -> None:
    catalog = i18n.catalog_path("fr", ".ts")
    fresh = tmp_path / "fr.ts"
    shutil.copy(catalog, fresh)
    sources = sorted(str(p) for p in Path(i18n.__file__).parent.glob("*.py"))
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run([str(lupdate), *sources, "-no-obsolete", "-ts", str(fresh)], check=True,
                   capture_output=True)
    assert _untranslated(fresh) == []
    assert len(list(ET.parse(fresh).getroot().iter("message"))) > 200


def test_compiled_catalog_is_not_older_than_its_source() -> None:
    qm, ts = i18n.catalog_path("fr"), i18n.catalog_path("fr", ".ts")
    assert qm.exists() and qm.stat().st_size > 1000
    assert qm.stat().st_mtime >= ts.stat().st_mtime - 1


def test_language_switch_retranslates_the_counter(qtbot, counter) -> None:  # type: ignore[no-untyped-def]
    window = counter.window
    assert window.action_panel.buttons["stamp"].text().startswith("+1 stamp")
    try:
        assert i18n.install_language("fr")
        qtbot.waitUntil(lambda: window.action_panel.buttons["stamp"].text().startswith("+1 tampon"))
        assert window.windowTitle() == "Stamp POS — caisse"
        assert "Rechercher" in window.search.box.placeholderText()
        counter.counter.identify(demo.CARD_NEAR_REWARD)
        qtbot.waitUntil(lambda: window.banner.level == "success")
        assert "tampons sur 10" in window.banner.text
        qtbot.keyClick(window, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: window.banner.level == "reward")
        assert "Récompense gagnée" in window.banner.text
    finally:
        i18n.install_language("en")
    qtbot.waitUntil(lambda: window.action_panel.buttons["stamp"].text().startswith("+1 stamp"))

"""Settings sit behind the manager PIN, chosen on first run and kept only as a scrypt hash;
the dialog is generated from pos.settings.config.SETTINGS and checks each value beside its field."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from pos.settings import config as config_module
from pos.settings import secrets
from pos.settings.config import SETTINGS
from pos.ui.errors import WrongPin
from pos.ui.i18n import current_language, install_language
from pos.ui.pin_store import PinStore
from pos.ui.qt import Qt

pytestmark = pytest.mark.dates


def test_pin_is_stored_as_a_scrypt_hash_only(tmp_path: Path) -> None:
    store = PinStore(tmp_path / "pin.json")
    assert not store.is_set
    store.set_pin("4821")
    text = (tmp_path / "pin.json").read_text()
    assert "4821" not in text and json.loads(text)["n"] >= 2**14
    assert stat.S_IMODE((tmp_path / "pin.json").stat().st_mode) == 0o600
    store.check("4821")
    with pytest.raises(WrongPin):
        store.check("1111")


def test_settings_behind_pin_saved_with_secret_and_language(qtbot, counter, home: Path):  # type: ignore[no-untyped-def]
    window = counter.window
    qtbot.keyClick(window, Qt.Key.Key_F12)
    pin = counter.ctx.dialogs["pin"]
    assert not pin.choose  # chosen when the app first started, never here
    pin.pin.setText("9753")
    pin._try_accept()
    settings = counter.ctx.dialogs["settings"]
    assert set(settings.editors) == {s.name for s in SETTINGS}

    settings.set_value("terminal_id", "")  # wrong: shown beside the field, nothing saved
    settings.set_value("fintiv_base_url", "stamps.example.com")
    settings.set_value("batch_size", 25)
    settings.try_submit()
    assert settings.isVisible()
    assert "https://" in settings.errors["fintiv_base_url"].text()
    assert settings.errors["terminal_id"].text() == "This field is required."
    settings.set_value("fintiv_base_url", "https://stamps.example.com/stampcard/v2/")
    settings.set_value("terminal_id", "front-counter")
    settings.secret_fields["fintiv_api_key"].setText("key-from-the-manager")
    settings.set_value("language", "fr")
    try:
        settings.try_submit()
        qtbot.waitUntil(lambda: current_language() == "fr")
        saved = config_module.load()
        assert (saved.batch_size, saved.terminal_id, saved.language) == (25, "front-counter", "fr")
        assert secrets.get("fintiv_api_key") == "key-from-the-manager"
        assert "key-from-the-manager" not in config_module.config_path().read_text()
        qtbot.waitUntil(lambda: window.action_panel.buttons["stamp"].text().startswith("+1 tampon"))
    finally:
        install_language("en")

    # the second time, the PIN is checked; a wrong one keeps the settings closed
    window.counter_actions["settings"].trigger()
    check = counter.ctx.dialogs["pin"]
    assert not check.choose
    check.pin.setText("1111")
    check._try_accept()
    assert check.isVisible() and "not the manager PIN" in check.error.text()
    check.pin.setText("9753")
    check._try_accept()
    assert counter.ctx.dialogs["settings"].isVisible()


def test_every_setting_has_a_translatable_title_and_description(app) -> None:  # type: ignore[no-untyped-def]
    from pos.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(config_module.load())
    names = {s.name for s in SETTINGS}
    assert set(dialog.titles()) == names
    assert {n: d for n, d in dialog.descriptions().items()} == {
        s.name: s.description for s in SETTINGS
    }  # the same English wording as pos.settings.config, so a changed description is noticed here
    dialog.close()


def _open_settings(qtbot, counter):  # type: ignore[no-untyped-def]
    qtbot.keyClick(counter.window, Qt.Key.Key_F12)
    pin = counter.ctx.dialogs["pin"]
    qtbot.keyClicks(pin.pin, "9753")
    qtbot.keyClick(pin.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "settings" in counter.ctx.dialogs)
    return counter.ctx.dialogs["settings"]


def _wheel(widget, steps: int) -> None:  # type: ignore[no-untyped-def]
    """Turn the mouse wheel over ``widget`` (negative: towards the cashier)."""
    from pos.ui.qt import QApplication, QPoint, QPointF, QWheelEvent

    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_wheel_over_an_unfocused_field_changes_nothing(qtbot, counter):  # type: ignore[no-untyped-def]
    """Issue 12 #9: scrolling the settings page once turned merchant 14 into 9."""
    settings = _open_settings(qtbot, counter)
    settings.tabs.setCurrentIndex(0)
    merchant = settings.editors["membership_merchant"]
    assert merchant.value() == 14 and not merchant.hasFocus()
    _wheel(merchant, -5)
    assert merchant.value() == 14 and not merchant.hasFocus()
    decoder = settings.editors["decoder"]
    settings.tabs.setCurrentIndex(1)
    before = decoder.currentIndex()
    _wheel(decoder, -1)
    assert decoder.currentIndex() == before
    # once the manager has chosen the field, the wheel does step it
    merchant.setFocus()
    settings.tabs.setCurrentIndex(0)
    qtbot.waitUntil(merchant.hasFocus)
    _wheel(merchant, 1)
    assert merchant.value() == 15


def test_saved_credentials_say_they_need_a_restart(qtbot, counter, terminal):  # type: ignore[no-untyped-def]
    """Issue 12 #9: the running sync engine keeps the credentials it started with, so saving
    new ones must say that they apply after a restart (and rules apply at once, silently)."""
    settings = _open_settings(qtbot, counter)
    qtbot.keyClicks(settings.secret_fields["fintiv_api_key"], "key-from-the-manager")
    settings.try_submit()
    qtbot.waitUntil(lambda: "restart" in counter.window.banner.text.lower())
    assert counter.window.banner.level == "notice"
    assert "credentials" in counter.window.banner.text

    settings = _open_settings_again(qtbot, counter)
    settings.set_value("undo_window", 30.0)
    settings.try_submit()
    qtbot.waitUntil(lambda: counter.window.banner.text == "Settings saved.")
    assert terminal.settings.undo_window == 30.0


def _open_settings_again(qtbot, counter):  # type: ignore[no-untyped-def]
    counter.window.counter_actions["settings"].trigger()
    pin = counter.ctx.dialogs["pin"]
    qtbot.keyClicks(pin.pin, "9753")
    qtbot.keyClick(pin.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.ctx.dialogs["settings"].isVisible())
    return counter.ctx.dialogs["settings"]

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
    assert pin.choose  # first run: the manager chooses it
    pin.pin.setText("9753")
    pin.confirm.setText("9753")
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

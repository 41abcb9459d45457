"""Renders the counter's main states, in English and French, to PNG files.

``python -m pos.app.screenshots docs/screenshots`` (offscreen, or under xvfb-run). Each state is
driven through the real flows on a fresh demo database, so the pictures show what a cashier
sees.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

STATES = ("welcome", "customer", "reward", "refusal", "register", "issued", "waiting")
#: the screens a counter has; the window gets the height less a title bar and a task bar
SCREENS = ((1024, 768), (1280, 800), (1366, 768), (1920, 1080))
DECORATION = 70
#: the moment every screenshot is taken at, in the demo stores' zone: the pictures show the same
#: dates whenever they are rendered (the demo's cards are laid relative to it)
SHOT_MOMENT = datetime(2026, 6, 15, 10, 30, tzinfo=ZoneInfo("Asia/Jakarta"))


def render_all(out_dir: Path, languages: tuple[str, ...] = ("en", "fr")) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pos.ui.app import create_app

    out_dir.mkdir(parents=True, exist_ok=True)
    app = create_app(["screenshots"])
    written: list[Path] = []
    for language in languages:
        written += _render_language(app, language, out_dir)
    from pos.ui.i18n import install_language

    install_language("en")
    return written


def _render_language(app: Any, language: str, out_dir: Path) -> list[Path]:
    from hardware.scan import Scan, ScanSource
    from ledger import Ledger
    from pos.app.demo import seed_terminal_cache
    from pos.app.wiring import terminal_settings
    from pos.services.terminal import Terminal
    from pos.settings import config as config_module
    from pos.ui.capture import save_picture, settle, wait_until
    from pos.ui.counter_app import build_counter
    from pos.ui.i18n import install_language
    from pos.ui.issue_dialog import IssueDialog
    from pos.ui.member_dialog import MemberDialog
    from pos.ui.pin_store import PinStore
    from server import demo_data as demo
    from stamps.clock import FrozenClock
    from sync.status import Connectivity, SyncStatus

    written: list[Path] = []
    home = Path(tempfile.mkdtemp(prefix="stamp-pos-shots-"))
    os.environ[config_module.ENV_PREFIX + "HOME"] = str(home)
    clock = FrozenClock(SHOT_MOMENT, SHOT_MOMENT.tzinfo)
    store = Ledger(config_module.database_path(), clock=clock)
    seed_terminal_cache(store)
    install_language(language)
    counter = build_counter(Terminal(store, terminal_settings(config_module.load()), clock=clock),
                            pins=PinStore(home / "pin.json"), muted=True)
    window = counter.window
    window.resize(1280, 800)
    window.show()
    counter.counter.apply_sync_status(
        SyncStatus(connectivity=Connectivity.ONLINE, last_sync=clock.epoch()))
    window.status.set_camera("running", "")
    window.status.set_nfc("ready", "")

    def shot(name: str, widget: Any, lang: str = language) -> None:
        settle()
        written.append(save_picture(widget, out_dir / f"{name}-{lang}.png"))

    wait_until(lambda: window.status.online is True)
    shot("welcome", window)

    counter.counter.identify(demo.CARD_WITH_REWARD)
    wait_until(lambda: window.banner.level == "success")
    shot("customer", window)

    counter.counter.identify(demo.CARD_NEAR_REWARD)
    wait_until(lambda: window.customer.view is not None
          and window.customer.view.title == "Siti Rahayu")
    window.counter_actions["stamp"].trigger()
    wait_until(lambda: window.banner.level == "reward")
    wait_until(lambda: window.customer.selected_card is not None
          and bool(window.customer.selected_card.rewards))
    window.celebration.celebrate(window.celebration.text, progress=0.35)
    shot("reward", window)
    window.celebration.hide()

    counter.counter.identify(demo.CARD_EXPIRED)
    wait_until(lambda: window.banner.level == "refusal")
    shot("refusal", window)

    counter.counter.identify(demo.CARD_WITH_REWARD)
    wait_until(lambda: window.banner.level == "success")
    for width, height in SCREENS:
        window.resize(width, height - DECORATION)
        shot(f"size-{width}x{height}", window)
    window.resize(1280, 800)

    # a scan while "Add stamps" is open for Tom waits for it to end
    counter.counter.identify(demo.CARD_PASSPORT_NEAR)
    wait_until(lambda: window.customer.view is not None
               and window.customer.view.title == "Tom Becker")
    window.counter_actions["add_n"].trigger()
    counter.scanner.on_scan(Scan(ScanSource.CAMERA, demo.CARD_PASSPORT))
    wait_until(lambda: window.customer.waiting.text().endswith(")")
               and "Dewi" in window.customer.waiting.text())
    shot("waiting", window)
    counter.ctx.dialogs["count"].reject()

    window.counter_actions["register"].trigger()
    dialog = counter.ctx.dialogs["member"]
    assert isinstance(dialog, MemberDialog)
    dialog.set_field("name", "Nadia Putri")
    dialog.set_field("email", "nadia.putri@example")
    dialog.set_field("birthday", "03/02/1994")
    dialog.try_submit()
    shot("register", dialog)
    dialog.close()

    window.counter_actions["issue"].trigger()
    wait_until(lambda: "issue" in counter.ctx.dialogs)
    issue = counter.ctx.dialogs["issue"]
    assert isinstance(issue, IssueDialog)
    issue.show_issued(demo.DEMO_VVD_URL)
    shot("issued", issue)
    issue.close()

    counter.shutdown()
    window.close()
    window.deleteLater()
    settle(0.1)
    store.close()
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m pos.app.screenshots OUTPUT_DIR", file=sys.stderr)
        return 2
    for path in render_all(Path(argv[0])):
        print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Starting the cashier app for real: the database, the sync engine, the camera and NFC reader
around the counter window (``stamp-pos run``), and the self-contained demo (``stamp-pos demo``):
a fresh data directory, the reference service on loopback with demo data, the demo video as
camera when no webcam is found and the simulated UDP NFC reader when no USB reader is.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger import Ledger
from pos.app import logs
from pos.app.backup_commands import BackupTimer
from pos.app.demo import demo_payloads, prepare_demo, seed_terminal_cache
from pos.app.wiring import store_clock, terminal_settings
from pos.services.terminal import Terminal
from pos.settings import config as config_module
from pos.settings.config import Config
from pos.ui.counter_app import CounterApp, build_counter
from pos.ui.errors import NoDisplayError
from pos.ui.pin_dialog import ask_first_pin
from pos.ui.pin_store import PinStore

if TYPE_CHECKING:
    from hardware.camera_settings import CaptureSettings
    from hardware.hotplug import HotplugMonitor
    from pos.ui.scanner_bridge import ScannerBridge

log = logging.getLogger(__name__)


@dataclass
class Running:
    """What was started, stopped in reverse order at exit."""

    stoppers: list[Any] = field(default_factory=list)

    def add(self, stopper: Any) -> None:
        self.stoppers.append(stopper)

    def stop_all(self) -> None:
        for stop in reversed(self.stoppers):
            try:
                stop()
            except Exception:
                log.exception("stopping %r failed", stop)


def start_sync(counter: CounterApp, config: Config, running: Running) -> Any:
    """The sync engine on its thread, wired to the counter; None without credentials."""
    from pos.app.online import OnlineLookups
    from pos.app.wiring import MissingCredentials, build_clients, engine_settings
    from sync.engine import SyncEngine

    try:
        clients = build_clients(config, counter.ctx.terminal.clock)
    except MissingCredentials as exc:
        counter.ctx.messages.notice(str(exc))
        return None
    engine = SyncEngine(config_module.database_path(), clients, engine_settings(config),
                        on_state=counter.sync.on_state, clock=counter.ctx.terminal.clock)
    counter.ctx.terminal.set_wake(engine.wake)
    online = OnlineLookups(clients)
    counter.counter.remote_search = online.search
    counter.counter.remote_history = online.history
    counter.counter.refresh_cards = engine.refresh_cards
    counter.issuing.request_pull = engine.request_pull
    engine.start()
    running.add(engine.stop)
    return engine


def start_devices(counter: CounterApp, config: Config, running: Running, *, demo: bool) -> None:
    """Camera and NFC reader on their own threads; nothing here waits for a device."""
    from hardware.camera import CameraSource
    from hardware.debounce import DebounceSettings
    from hardware.devices import resolve_camera, resolve_reader
    from hardware.hotplug import HotplugMonitor
    from hardware.nfc_reader import NfcReader
    from hardware.qr_decoder import make_decoder
    from hardware.scanner import CameraScanner, ScannerState

    bridge = counter.scanner
    debounce = DebounceSettings(min_frames=config.debounce_frames,
                                window=config.debounce_window_ms / 1000,
                                hold=config.scan_hold_seconds)
    reader_path = resolve_reader(config.nfc_reader)
    counter.window.status.set_nfc_simulated(reader_path.startswith("udp:"))
    reader = NfcReader(reader_path, bridge.on_scan,
                       on_fault=bridge.on_fault, on_state=bridge.on_nfc_state)
    monitor = HotplugMonitor()  # plug-in events wake every device's reconnection at once
    reader.watch(monitor)
    monitor.start()
    running.add(monitor.stop)
    reader.start()
    running.add(reader.stop)
    if config.scanner:
        start_scanner(config.scanner, config.scanner_layout, bridge, running, monitor)

    stopping = threading.Event()
    lock = threading.Lock()
    started: list[Any] = []  # the scanner's stop, once it runs

    def start_camera() -> None:
        source: int | str | None = resolve_camera(config.camera)
        if source is None and demo:
            from hardware.demo_video import generate_demo_video

            bridge.on_camera_state("starting", "Preparing the demo video.")
            source = str(generate_demo_video(config_module.data_dir() / "demo.avi",
                                             demo_payloads()))
        if source is None:
            bridge.on_camera_state("no camera", "No camera found. Plug in a webcam.")
            return
        camera = CameraSource(source, bridge.on_camera_state, loop=True,
                              capture=capture_settings(config))
        camera.watch(monitor)
        def decoder_state(state: ScannerState, message: str) -> None:
            if state is ScannerState.FAILED:  # running/stopped follow the camera's own states
                bridge.on_camera_state(str(state), message)

        scanner = CameraScanner(camera, bridge.on_scan, decoder=make_decoder(config.decoder),
                                debounce=debounce, on_preview=bridge.on_preview,
                                preview_fps=8.0, preview_width=200, on_state=decoder_state)
        with lock:
            if stopping.is_set():  # the app quit while the demo video was being written
                return
            scanner.start()
            started.append(scanner.stop)

    starter = threading.Thread(target=start_camera, name="camera-start", daemon=True)

    def stop_camera() -> None:
        # Wait for the starter even while OpenCV still writes the demo video: a thread left
        # inside OpenCV when Python exits aborts the process ("terminate called without an
        # active exception"), which quitting the demo in its first seconds did.
        with lock:
            stopping.set()
        starter.join()
        for stop in started:
            stop()

    running.add(stop_camera)
    starter.start()


def capture_settings(config: Config) -> CaptureSettings:
    """The camera's resolution and autofocus settings; a malformed one is logged and left to
    the camera, so a typo never keeps the camera from starting."""
    from hardware.camera_settings import CaptureSettings

    try:
        return CaptureSettings.parse(config.camera_resolution, config.camera_autofocus)
    except ValueError as exc:
        log.warning("%s; the camera keeps its own resolution and focus", exc)
        return CaptureSettings()


def start_scanner(name: str, keyboard: str, bridge: ScannerBridge, running: Running,
                  monitor: HotplugMonitor) -> None:
    """The handheld scanner read directly, reconnected on udev's plug-in events."""
    from hardware.hid_scanner import HidScanner

    scanner = HidScanner(name, bridge.on_scan, keyboard=keyboard,
                         on_state=bridge.on_scanner_state)
    scanner.watch(monitor)
    scanner.start()
    running.add(scanner.stop)


def run_app(
    *, demo: bool = False, home: Path | None = None, devices: bool = True,
    offscreen: bool = False, exit_after: float | None = None, grab: Path | None = None,
) -> int:
    """Run until the window closes (or ``exit_after`` seconds, grabbing the window to ``grab``
    first: a smoke test under xvfb-run or offscreen)."""
    from pos.ui.app import check_display, create_app

    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        # `make` exports offscreen for the tests; the cashier must see the window.
        del os.environ["QT_QPA_PLATFORM"]
    try:
        check_display()
    except NoDisplayError as exc:
        print(exc, file=sys.stderr)
        return 2
    running = Running()
    if demo:
        server, base = prepare_demo(home)
        running.add(server.stop)
        print(f"Stamp POS demo: data in {base}, stamp service at {server.base_url}")
    logs.setup()
    config = config_module.load()
    app = create_app(sys.argv[:1], language=config.language)
    clock = store_clock(config)
    store = Ledger(config_module.database_path(), clock=clock)
    running.add(BackupTimer(config).start().stop)  # after the database exists
    if demo:
        seed_terminal_cache(store)
    pins = PinStore()
    # The first start asks for the manager PIN before the counter opens (an unattended smoke
    # run with --exit-after does not; without a PIN, nothing manager-only can be opened).
    if not pins.is_set and exit_after is None and not ask_first_pin(pins):
        print("Stamp POS needs a manager PIN before the counter opens.", file=sys.stderr)
        store.close()
        running.stop_all()
        return 1
    terminal = Terminal(store, terminal_settings(config), clock=clock)
    counter = build_counter(terminal, config=config, pins=pins)
    running.add(counter.shutdown)
    start_sync(counter, config, running)
    if devices:
        from pos.ui.wedge_filter import WedgeFilter

        WedgeFilter(counter.scanner, parent=counter.window).install(app)
        start_devices(counter, config, running, demo=demo)
    counter.window.show()
    if exit_after is not None:
        from pos.ui.capture import quit_after

        quit_after(exit_after, counter.window, grab)
    try:
        return int(app.exec())
    finally:
        running.stop_all()
        store.close()

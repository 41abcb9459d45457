"""Builds the counter: the window, the worker, the flows and the device bridges, around one
:class:`~pos.services.terminal.Terminal`. Used by ``stamp-pos run``/``demo``, the tests and the
screenshot script, so all three run the same composition."""

from __future__ import annotations

from dataclasses import dataclass

from hardware.errors import HardwareError
from pos.services.terminal import Terminal
from pos.settings import config as config_module
from pos.settings.config import Config
from pos.ui.counter_flow import CounterFlow, RemoteHistory, RemoteSearch
from pos.ui.flow_context import FlowContext
from pos.ui.issue_flow import IssueFlow
from pos.ui.main_window import MainWindow
from pos.ui.member_flow import MemberFlow
from pos.ui.messages import MessageBridge
from pos.ui.pin_store import PinStore
from pos.ui.scanner_bridge import ScannerBridge
from pos.ui.settings_flow import SettingsFlow
from pos.ui.sounds import SoundPlayer
from pos.ui.sync_bridge import SyncBridge
from pos.ui.tasks import TaskRunner


@dataclass
class CounterApp:
    ctx: FlowContext
    counter: CounterFlow
    members: MemberFlow
    issuing: IssueFlow
    settings: SettingsFlow
    scanner: ScannerBridge
    sync: SyncBridge

    @property
    def window(self) -> MainWindow:
        return self.ctx.window

    def shutdown(self) -> None:
        self.counter.status.timer.stop()
        self.ctx.runner.shutdown()


def build_counter(
    terminal: Terminal,
    *,
    config: Config | None = None,
    pins: PinStore | None = None,
    muted: bool = False,
    remote_search: RemoteSearch | None = None,
    remote_history: RemoteHistory | None = None,
    status_interval_ms: int = 1000,
    issue_poll_ms: int = 1000,
) -> CounterApp:
    messages = MessageBridge()
    runner = TaskRunner(messages.report)
    window = MainWindow(messages)
    window.remember_geometry(config_module.data_dir() / "window.ini")
    messages.setParent(window)
    runner.setParent(window)
    ctx = FlowContext(window=window, runner=runner, messages=messages,
                      sounds=SoundPlayer(muted=muted), pins=pins or PinStore(),
                      terminal=terminal)
    counter = CounterFlow(ctx, remote_search=remote_search, remote_history=remote_history,
                          status_interval_ms=status_interval_ms)
    members = MemberFlow(ctx, counter.identifying, counter.records)
    issuing = IssueFlow(ctx, poll_ms=issue_poll_ms)
    settings = SettingsFlow(ctx, config or config_module.load())
    scanner = ScannerBridge(window)
    scanner.scanned.connect(counter.identifying.on_scan)
    scanner.camera_state.connect(window.status.set_camera)
    scanner.preview.connect(window.show_preview)
    scanner.nfc_state.connect(window.status.set_nfc)
    scanner.scanner_state.connect(window.status.set_scanner)
    scanner.tag_fault.connect(lambda text: ctx.refuse(HardwareError(text)))
    sync = SyncBridge(window)
    sync.changed.connect(counter.status.refresh)
    sync.status.connect(counter.apply_sync_status)
    sync.rejected.connect(messages.notice)
    return CounterApp(ctx, counter, members, issuing, settings, scanner, sync)

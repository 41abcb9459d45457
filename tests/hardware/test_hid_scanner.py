"""The HID scanner worker: scans through the scanner's layout, unplug, replug and reconnect.

No USB scanner can be plugged into a build machine, so the input device is a recording played
back behind the same ``InputFinder``/``KeySource`` interface that python-evdev's devices are
wrapped in; the udev monitor is a recording of pyudev devices behind ``poll``.
"""

from __future__ import annotations

import errno
import queue
import threading
from dataclasses import dataclass, field

from hardware.backoff import Backoff
from hardware.errors import ScannerPermissionError
from hardware.evdev_input import InputInfo, matches
from hardware.hid_scanner import HidScanner, ScannerState
from hardware.hotplug import HotplugMonitor, HotplugState
from hardware.scan import Scan, ScanSource
from tests.hardware.test_keymaps import RECORDED, URL, events

NAME = "Honeywell Imaging & Mobility 1950g"


class PlayedSource:
    """A grabbed scanner whose key events are fed by the test; ``unplug()`` makes it fail."""

    def __init__(self, name: str) -> None:
        self.name, self.path = name, "/dev/input/event7"
        self.keys: queue.Queue[tuple[int, int] | None] = queue.Queue()
        self.closed = threading.Event()

    def read(self, timeout: float) -> list[tuple[int, int]]:
        try:
            item = self.keys.get(timeout=timeout)
        except queue.Empty:
            return []
        if item is None:
            raise OSError(errno.ENODEV, "No such device")
        return [item]

    def close(self) -> None:
        self.closed.set()

    def type(self, recording: str) -> None:
        for event in events(recording):
            self.keys.put(event)

    def unplug(self) -> None:
        self.keys.put(None)


@dataclass
class Finder:
    """The machine's input devices: ``plugged`` is the scanner when it is plugged in."""

    plugged: PlayedSource | None = None
    denied: bool = False
    opened: list[str] = field(default_factory=list)

    def open(self, name: str) -> PlayedSource | None:
        self.opened.append(name)
        if self.denied:
            raise ScannerPermissionError("This user may not read the scanner.")
        if self.plugged is not None and matches(self.plugged.name, name):
            return self.plugged
        return None

    def list(self) -> list[InputInfo]:
        return [InputInfo("/dev/input/event7", NAME, True)] if self.plugged else []


class States:
    def __init__(self) -> None:
        self.seen: list[tuple[ScannerState, str]] = []
        self.changed = threading.Condition()

    def __call__(self, state: ScannerState, message: str) -> None:
        with self.changed:
            self.seen.append((state, message))
            self.changed.notify_all()

    def wait_for(self, state: ScannerState, count: int = 1) -> str:
        with self.changed:
            assert self.changed.wait_for(
                lambda: sum(s == state for s, _ in self.seen) >= count, timeout=5), self.seen
            return [m for s, m in self.seen if s == state][count - 1]


def scanner(finder: Finder, scans: queue.Queue[Scan], states: States,
            keyboard: str = "us", retry: float = 30.0) -> HidScanner:
    return HidScanner("honeywell", scans.put, keyboard=keyboard, finder=finder,
                      backoff=Backoff(initial=retry, maximum=retry), on_state=states)


def test_scans_arrive_through_the_scanners_layout():
    source = PlayedSource(NAME)
    scans: queue.Queue[Scan] = queue.Queue()
    states = States()
    worker = scanner(Finder(source), scans, states, keyboard="fr")
    worker.start()
    try:
        assert "ready" in states.wait_for(ScannerState.READY)
        source.type(RECORDED["fr"])
        scan = scans.get(timeout=5)
        assert (scan.source, scan.payload) == (ScanSource.SCANNER, URL)
    finally:
        worker.stop()
    assert source.closed.is_set()
    assert states.seen[-1][0] == ScannerState.STOPPED


def test_unplug_says_so_and_replug_reconnects_at_once_on_a_udev_event():
    source = PlayedSource(NAME)
    finder = Finder(source)
    scans: queue.Queue[Scan] = queue.Queue()
    states = States()
    udev: queue.Queue[object] = queue.Queue()
    monitor = HotplugMonitor(monitor=FakeUdev(udev))
    worker = scanner(finder, scans, states, retry=30.0)  # only the udev event can wake it
    worker.watch(monitor)
    monitor.start()
    worker.start()
    try:
        states.wait_for(ScannerState.READY)
        source.type("A B C ENTER")
        assert scans.get(timeout=5).payload == "abc"
        finder.plugged = None
        source.unplug()
        assert "unplugged" in states.wait_for(ScannerState.UNPLUGGED)
        assert source.closed.is_set()

        replugged = PlayedSource(NAME)
        finder.plugged = replugged
        udev.put(UdevDevice("add", "input", "/dev/input/event9", NAME))
        assert "connected again" in states.wait_for(ScannerState.READY, count=2)
        replugged.type(RECORDED["us"])
        assert scans.get(timeout=5).payload == URL
    finally:
        worker.stop()
        monitor.stop()


def test_without_udev_events_the_scanner_retries_with_backoff():
    finder = Finder()
    scans: queue.Queue[Scan] = queue.Queue()
    states = States()
    worker = scanner(finder, scans, states, retry=0.05)
    worker.start()
    try:
        assert "No scanner named 'honeywell'" in states.wait_for(ScannerState.NOT_FOUND)
        finder.plugged = PlayedSource(NAME)
        states.wait_for(ScannerState.READY)
    finally:
        worker.stop()
    assert len(finder.opened) >= 2


def test_permission_denied_is_a_state_with_what_to_do():
    states = States()
    worker = scanner(Finder(denied=True), queue.Queue(), states, retry=0.05)
    worker.start()
    try:
        assert "may not read" in states.wait_for(ScannerState.PERMISSION_DENIED)
    finally:
        worker.stop()


@dataclass
class UdevDevice:
    """The attributes of a ``pyudev.Device`` that the monitor reads."""

    action: str
    subsystem: str
    device_node: str
    name: str

    @property
    def properties(self) -> dict[str, str]:
        return {"NAME": f'"{self.name}"'}


class FakeUdev:
    def __init__(self, events: queue.Queue[object]) -> None:
        self.events = events

    def poll(self, timeout: float | None = None) -> object | None:
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            return None


def test_the_monitor_tells_each_subsystems_listeners_and_survives_a_failing_one():
    udev: queue.Queue[object] = queue.Queue()
    monitor = HotplugMonitor(monitor=FakeUdev(udev))
    cameras: queue.Queue[object] = queue.Queue()
    monitor.subscribe("video4linux", cameras.put)
    monitor.subscribe("input", lambda event: 1 / 0)
    monitor.start()
    try:
        udev.put(UdevDevice("add", "input", "/dev/input/event3", "keyboard"))
        udev.put(UdevDevice("remove", "video4linux", "/dev/video0", "C920"))
        event = cameras.get(timeout=5)
        assert (event.action, event.node, event.name) == ("remove", "/dev/video0", "C920")
        assert monitor.state == HotplugState.WATCHING
    finally:
        monitor.stop()
    assert monitor.state == HotplugState.STOPPED


def test_without_evdev_the_scanner_says_keyboard_mode_still_works():
    class NoEvdev(Finder):
        def open(self, name: str) -> PlayedSource | None:
            raise ImportError("No module named 'evdev'")

    states = States()
    worker = scanner(NoEvdev(), queue.Queue(), states, retry=0.05)
    worker.start()
    try:
        assert "keyboard mode" in states.wait_for(ScannerState.UNSUPPORTED)
    finally:
        assert worker.stop()

"""Plug and unplug events from udev (``pyudev``), so devices reconnect the moment they return.

Devices retry on their own with back-off whatever happens here; a monitor only wakes them
early.  Where udev cannot be watched (no pyudev, no netlink in a container, not Linux) the
monitor says so in its state and the devices keep retrying.  Listeners subscribe per udev
subsystem: ``input`` for HID scanners, ``video4linux`` for cameras, ``usb`` for NFC readers.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from workers import WorkerThread

log = logging.getLogger(__name__)

SUBSYSTEMS = ("input", "video4linux", "usb")


class HotplugState(enum.StrEnum):
    STARTING = "starting"
    WATCHING = "watching"
    UNAVAILABLE = "unavailable"
    STOPPED = "stopped"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class HotplugEvent:
    """``action`` is udev's (``add``, ``remove``, ...); ``node`` may be empty (a USB parent)."""

    action: str
    subsystem: str
    node: str
    name: str


Listener = Callable[[HotplugEvent], None]


class RetryGate:
    """What a device waits on between reconnection attempts: its back-off delay, cut short by a
    plug-in event of its subsystem (or by its stop, through :meth:`open`)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def wait(self, delay: float) -> None:
        self._event.wait(delay)
        self._event.clear()

    def open(self) -> None:
        self._event.set()

    def on_event(self, event: HotplugEvent) -> None:
        if event.action == "add":
            self.open()


class UdevMonitor(Protocol):
    """What the monitor needs of ``pyudev.Monitor``."""

    def poll(self, timeout: float | None = None) -> Any: ...


def udev_monitor(subsystems: Sequence[str]) -> UdevMonitor:
    import pyudev

    monitor = pyudev.Monitor.from_netlink(pyudev.Context())
    for subsystem in subsystems:
        monitor.filter_by(subsystem)
    monitor.start()
    return monitor


def event_of(device: Any) -> HotplugEvent:
    """A pyudev device as an event (its name from the kernel or udev's model database)."""
    name = ""
    for key in ("NAME", "ID_MODEL_FROM_DATABASE", "ID_MODEL", "PRODUCT"):
        value = device.properties.get(key)
        if value:
            name = str(value).strip('"')
            break
    return HotplugEvent(str(device.action), str(device.subsystem), str(device.device_node or ""),
                        name)


class HotplugMonitor(WorkerThread[HotplugState]):
    """Watches udev on its own thread and tells each subsystem's listeners."""

    title = "device monitor"

    def __init__(self, subsystems: Sequence[str] = SUBSYSTEMS,
                 monitor: UdevMonitor | None = None) -> None:
        super().__init__("hotplug", HotplugState.STARTING)
        self.subsystems = tuple(subsystems)
        self._monitor = monitor
        self._subscribers: dict[str, list[Listener]] = {}
        self._subscribed = threading.Lock()

    def subscribe(self, subsystem: str, listener: Listener) -> None:
        """Call ``listener`` (on the monitor's thread) for each event of ``subsystem``; any
        thread may subscribe, before or after :meth:`start`."""
        with self._subscribed:
            self._subscribers.setdefault(subsystem, []).append(listener)

    def _failure(self, message: str) -> tuple[HotplugState, str]:
        return HotplugState.FAILED, message

    def _on_stop(self) -> None:
        self._set_state(HotplugState.STOPPED, "Not watching for devices.")

    def _work(self) -> None:
        monitor = self._monitor
        if monitor is None:
            try:
                monitor = udev_monitor(self.subsystems)
            except (ImportError, OSError) as exc:
                log.info("cannot watch udev: %s", exc)
                self._set_state(HotplugState.UNAVAILABLE,
                                "Plug-in events cannot be watched here; devices reconnect by "
                                "retrying every few seconds.")
                return
        self._set_state(HotplugState.WATCHING, "Watching for devices plugged in or out.")
        while not self.stopping.is_set():
            device = monitor.poll(timeout=0.5)
            if device is None:
                continue
            event = event_of(device)
            log.info("udev %s %s %s %s", event.action, event.subsystem, event.node, event.name)
            with self._subscribed:
                listeners = list(self._subscribers.get(event.subsystem, ()))
            for listener in listeners:
                try:
                    listener(event)
                except Exception:
                    log.exception("hotplug listener failed")

"""Runtime hook: let ``ctypes.util.find_library`` find the C libraries shipped in the bundle.

pyzbar (libzbar) and libusb1 (libusb-1.0, which nfcpy uses for USB readers) look their library
up by name; on Linux that asks ``ldconfig``, which knows only the system's copies. The bundle
ships its own, so a counter PC needs neither ``libzbar0`` nor ``libusb-1.0-0`` installed; a
name the bundle does not hold still falls through to the system search.
"""

import ctypes.util
import os
import sys

_system_find_library = ctypes.util.find_library


def _find_bundled_library(name: str) -> str | None:
    bundle = getattr(sys, "_MEIPASS", "")
    prefix = f"lib{name}.so"
    try:
        entries = sorted(e for e in os.listdir(bundle) if e.startswith(prefix))
    except OSError:
        entries = []
    if entries:
        return os.path.join(bundle, entries[0])
    return _system_find_library(name)


ctypes.util.find_library = _find_bundled_library

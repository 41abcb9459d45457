"""The bundle's runtime hook makes ``ctypes.util.find_library`` find a library shipped in the
bundle before the system's copy, and still finds the others on the system."""

from __future__ import annotations

import ctypes
import ctypes.util
import runpy
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HOOK = Path(__file__).resolve().parents[2] / "packaging" / "rthooks" / "bundled_libs.py"


@pytest.fixture
def bundle(tmp_path: Path) -> Iterator[Path]:
    """A bundle folder as sys._MEIPASS, and the hook installed; both undone afterwards."""
    system_find_library = ctypes.util.find_library
    sys._MEIPASS = str(tmp_path)  # type: ignore[attr-defined]
    try:
        runpy.run_path(str(HOOK))
        yield tmp_path
    finally:
        ctypes.util.find_library = system_find_library
        del sys._MEIPASS  # type: ignore[attr-defined]


def test_a_library_in_the_bundle_is_found_there_and_loads(bundle: Path) -> None:
    system_zbar = ctypes.util.find_library("zbar")  # the hook falls back to the system search
    assert system_zbar is not None, "libzbar0 is installed by make setup"
    source = next(p for d in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
                              "/usr/lib", "/lib") if (p := Path(d) / system_zbar).exists())
    shutil.copy(source, bundle / "libzbar.so.0")

    found = ctypes.util.find_library("zbar")

    assert found == str(bundle / "libzbar.so.0")
    assert ctypes.CDLL(found).zbar_version  # the copy is a working zbar


def test_a_library_not_in_the_bundle_comes_from_the_system(bundle: Path) -> None:
    assert ctypes.util.find_library("usb-1.0") == "libusb-1.0.so.0"
    assert ctypes.util.find_library("no-such-library-anywhere") is None

"""Input devices: camera and QR decoders, NFC reader and writer, keyboard-wedge detection.

Every device runs off the GUI thread and delivers a :class:`hardware.scan.Scan` through a plain
callback; nothing here imports Qt.  See docs/hardware.md.
"""

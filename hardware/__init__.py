"""Input devices: camera and QR decoders, NFC reader and writer, keyboard-wedge detection.

Every device runs off the GUI thread, on the one worker-thread base (:mod:`workers.thread`), and
delivers a :class:`hardware.scan.Scan` through a plain callback; nothing here imports Qt and
nothing of ours but :mod:`workers`.  See docs/hardware.md.
"""

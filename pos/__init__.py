"""Stamp POS: an offline-first point-of-sale terminal for digital stamp-card loyalty programs."""

__version__ = "0.1.0"

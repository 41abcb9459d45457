"""The cashier app: Qt widgets, one file per panel, dialog or flow.

Only this package imports QtWidgets. Device and sync threads reach it through the Qt adapters
in :mod:`pos.ui.scanner_bridge` and :mod:`pos.ui.sync_bridge`; background work runs through
:mod:`pos.ui.tasks`; every message a cashier reads goes through :mod:`pos.ui.messages`.
"""

"""The cashier app: Qt widgets, one file per panel, dialog or flow.

Only this package imports Qt, and only through :mod:`pos.ui.qt`. Device and sync threads reach
it through one thread→GUI bridge, :mod:`pos.ui.callback_bridge`, which the adapters
:mod:`pos.ui.scanner_bridge` and :mod:`pos.ui.sync_bridge` use; background work runs through
:mod:`pos.ui.tasks`; every message a cashier reads goes through :mod:`pos.ui.messages`.
"""

"""Background threads (camera, decoder, NFC, sync, the worker) yield the CPU to the GUI thread.

On a busy two-core counter PC the scheduler would otherwise share the cores evenly among a
handful of runnable threads, and the GUI thread would wait its turn. The first callback that
arrives on a background thread lowers that thread's priority (Linux ``nice``, per thread);
the GUI thread keeps its own. Where the OS does not allow it, nothing changes.
"""

from __future__ import annotations

import logging
import os
import threading

log = logging.getLogger(__name__)
BACKGROUND_NICE = 5
_lowered: set[int] = set()


def lower_current_thread(nice: int = BACKGROUND_NICE) -> None:
    if threading.current_thread() is threading.main_thread():
        return
    tid = threading.get_native_id()
    if tid in _lowered:
        return
    _lowered.add(tid)
    try:
        current = os.getpriority(os.PRIO_PROCESS, tid)
        os.setpriority(os.PRIO_PROCESS, tid, max(current, nice))
    except (OSError, AttributeError) as exc:  # not Linux, or not allowed
        log.debug("could not lower thread %s priority: %s", tid, exc)

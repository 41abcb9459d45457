"""Background workers: one way to run a loop on its own thread (:mod:`workers.thread`).

The bottom of the house: it imports nothing of ours, so ``hardware`` (which imports nothing else
of ours) and ``sync`` can both build their threads on it.
"""

from workers.thread import StateListener, WorkerThread

__all__ = ["StateListener", "WorkerThread"]

"""Latency from a camera frame's arrival to the stamp event committed in SQLite.

Run: .venv/bin/python bench/scan_to_stamp.py [--cards N]

A generated MJPG video (demo cards and new cards, each shown ~1 s) plays through the real
path: CameraSource paced like a 15 fps webcam -> decoder worker thread -> debounce -> a
counter thread (as the GUI thread would) -> Terminal.identify -> Terminal.add_stamps, which
commits the STAMP event to the outbox (synchronous=FULL).  Latency is measured from the arrival
of the frame that confirmed the scan to the return of the commit.  The run is repeated with
pyzbar instead of zxing, for comparison.  Target: p95 at most 100 ms.
"""

from __future__ import annotations

import argparse
import os
import queue
import statistics
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pos.app.wiring import terminal_settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hardware.camera import CameraSource
from hardware.demo_video import generate_demo_video
from hardware.qr_decoder import make_decoder
from hardware.scan import Scan
from hardware.scanner import CameraScanner

TARGET_P95_MS = 100.0


@dataclass
class Timing:
    payload: str
    decoded_ms: float  # frame arrival -> on_scan called (decode + debounce on the worker)
    identified_ms: float  # -> identify() returned on the counter thread
    committed_ms: float  # -> add_stamps() returned: the event is in the database


def card_payloads(count: int) -> list[str]:
    from server import demo_data as demo

    known = [cid for cid in demo.DEMO_CARD_IDS if cid != demo.CARD_EXPIRED]
    fresh = [str(uuid.UUID(int=i + 1, version=4)) for i in range(count)]
    return (known + fresh)[:count]


def run_path(video: Path, db_dir: Path, decoder_name: str) -> tuple[list[Timing], int]:
    from ledger import Ledger
    from pos.app.demo import seed_terminal_cache
    from pos.services.terminal import Terminal
    from pos.settings import config as config_module

    config = config_module.load()
    db_path = db_dir / f"bench-{decoder_name}.db"
    setup = Ledger(db_path)
    seed_terminal_cache(setup)
    setup.close()

    scans: queue.Queue[tuple[Scan, float] | None] = queue.Queue()
    timings: list[Timing] = []

    def counter() -> None:
        """The cashier's thread: owns its own Ledger, as each writing thread must."""
        store = Ledger(db_path)
        terminal = Terminal(store, terminal_settings(config))
        while (item := scans.get()) is not None:
            scan, on_scan_at = item
            customer = terminal.identify(scan.payload, nfc_uid=scan.nfc_uid)
            identified = time.monotonic()
            card_id = customer.selected_card_id
            assert card_id is not None, f"payload {scan.payload!r} named no card"
            terminal.add_stamps(card_id)
            committed = time.monotonic()
            timings.append(Timing(str(scan.payload), (on_scan_at - scan.time) * 1000,
                                  (identified - scan.time) * 1000,
                                  (committed - scan.time) * 1000))
        store.close()

    def on_scan(scan: Scan) -> None:
        scans.put((scan, time.monotonic()))

    worker = threading.Thread(target=counter, name="counter")
    worker.start()
    scanner = CameraScanner(CameraSource(str(video), realtime=True), on_scan,
                            decoder=make_decoder(decoder_name))
    scanner.start()
    scanner.wait_finished(600)
    scanner.stop()
    scans.put(None)
    worker.join(30)

    check = Ledger(db_path)
    committed = sum(len(check.outbox.for_card(t.payload)) for t in timings)
    check.close()
    return timings, committed


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=12, help="cards shown in the video")
    parser.add_argument("--fps", type=float, default=15.0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-scan-") as tmp:
        base = Path(tmp)
        os.environ["STAMP_POS_HOME"] = str(base)
        payloads = card_payloads(args.cards)
        video = generate_demo_video(base / "cards.avi", payloads, seconds_per_code=1.0,
                                    gap_seconds=0.4, fps=args.fps)
        print(f"video: {len(payloads)} cards, 1.0 s each with 0.4 s gaps, 640x480 at "
              f"{args.fps:g} fps, played in real time; SQLite in {base}")
        print()
        header = (f"{'decoder':<8} {'scans':>5} {'events':>6} {'decode p50':>10} "
                  f"{'identify p50':>12} {'commit p50':>10} {'commit p95':>10} {'max':>7}")
        print(header + "   (ms after the frame arrived)")
        print("-" * len(header))
        results = {}
        for name in ("zxing", "pyzbar"):
            timings, events = run_path(video, base, name)
            results[name] = timings
            if not timings:
                print(f"{name:<8} no scans")
                continue
            commit = [t.committed_ms for t in timings]
            print(f"{name:<8} {len(timings):>5} {events:>6} "
                  f"{statistics.median(t.decoded_ms for t in timings):>10.1f} "
                  f"{statistics.median(t.identified_ms for t in timings):>12.1f} "
                  f"{statistics.median(commit):>10.1f} {pct(commit, 95):>10.1f} "
                  f"{max(commit):>7.1f}")
        zx = [t.committed_ms for t in results["zxing"]]
        py = [t.committed_ms for t in results["pyzbar"]]
        print()
        missing = set(payloads) - {t.payload for t in results["zxing"]}
        print(f"zxing scanned {len(results['zxing'])}/{len(payloads)} cards"
              + (f"; missed {sorted(missing)}" if missing else ""))
        if zx and py:
            print(f"pyzbar / zxing p95 latency: {pct(py, 95) / pct(zx, 95):.1f}x")
        if zx:
            p95 = pct(zx, 95)
            verdict = "MET" if p95 <= TARGET_P95_MS else "MISSED"
            print(f"target p95 frame-to-commit <= {TARGET_P95_MS:.0f} ms (zxing): "
                  f"{p95:.1f} ms {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

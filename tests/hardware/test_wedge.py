"""The keyboard-wedge detector on recorded key timings (seconds between key presses)."""

from __future__ import annotations

from itertools import accumulate

from hardware.scan import ScanSource
from hardware.wedge import WedgeDetector, WedgeResult, WedgeSettings

# Recorded from a Honeywell-style USB scanner: 4-9 ms a key, Enter at the end.
SCANNER_GAPS = [0.0, 0.006, 0.004, 0.008, 0.005, 0.006, 0.009, 0.004, 0.005, 0.007, 0.006,
                0.004, 0.005, 0.008, 0.006, 0.005, 0.007]
# A cashier typing a member number with two fingers, then Enter.
HUMAN_GAPS = [0.0, 0.182, 0.143, 0.221, 0.167, 0.154, 0.310]
# A fast typist rolling over keys: some gaps short, most not.
FAST_TYPIST_GAPS = [0.0, 0.041, 0.089, 0.032, 0.118, 0.045, 0.097]


def replay_keys(detector: WedgeDetector, text: str, gaps: list[float], start: float = 10.0):
    """Feed ``text`` + Enter with the recorded gaps; returns the results and the UI's view."""
    times = list(accumulate(gaps, initial=start))[1:]
    results: list[WedgeResult] = []
    typed = ""
    for char, t in zip([*text, "\r"], times, strict=True):
        result = detector.feed(char, t)
        results.append(result)
        typed += result.replay
        if not result.consume:
            typed += char
    typed += detector.flush(times[-1] + 1.0)
    return results, typed


def test_scanner_burst_is_a_scan_and_types_nothing():
    payload = "4006381333931A1"
    detector = WedgeDetector()
    results, typed = replay_keys(detector, payload, SCANNER_GAPS[: len(payload) + 1])
    scans = [r.scan for r in results if r.scan]
    assert len(scans) == 1
    assert (scans[0].payload, scans[0].source) == (payload, ScanSource.KEYBOARD)
    assert scans[0].time == 10.0  # the first key of the burst
    assert typed == ""
    assert all(r.consume for r in results)


def test_person_typing_gets_every_key_in_order():
    detector = WedgeDetector()
    results, typed = replay_keys(detector, "123456", HUMAN_GAPS)
    assert not any(r.scan for r in results)
    assert typed == "123456\r"


def test_fast_typist_is_not_a_scanner():
    detector = WedgeDetector()
    results, typed = replay_keys(detector, "ABCDEF", FAST_TYPIST_GAPS)
    assert not any(r.scan for r in results)
    assert typed == "ABCDEF\r"


def test_short_burst_is_typing_not_a_scan():
    detector = WedgeDetector()
    results, typed = replay_keys(detector, "ab", [0.0, 0.005, 0.005])
    assert not any(r.scan for r in results)
    assert typed == "ab\r"


def test_typing_then_a_scan_keeps_both_apart():
    detector = WedgeDetector()
    _, typed = replay_keys(detector, "hi", [0.0, 0.2, 0.25], start=0.0)
    results, typed_after = replay_keys(detector, "CARD1234", SCANNER_GAPS[:9], start=5.0)
    assert typed == "hi\r" and typed_after == ""
    assert [r.scan.payload for r in results if r.scan] == ["CARD1234"]


def test_held_keys_come_back_on_flush_without_waiting_for_the_next_key():
    detector = WedgeDetector()
    first = detector.feed("7", 1.0)
    assert first.consume and detector.holding
    assert detector.flush(1.01) == ""  # might still be a burst
    assert detector.flush(1.2) == "7"
    assert not detector.holding


def test_burst_stalling_midway_is_released_as_typing():
    detector = WedgeDetector()
    for i, ch in enumerate("SCAN"):
        detector.feed(ch, 1.0 + i * 0.005)
    result = detector.feed("X", 1.5)  # half a second later
    assert result.replay == "SCAN" and result.consume
    assert detector.flush(2.0) == "X"


def test_tab_terminated_scanner_when_configured():
    detector = WedgeDetector(WedgeSettings(terminators=("\t",)))
    for i, ch in enumerate("TAB-123"):
        detector.feed(ch, i * 0.005)
    result = detector.feed("\t", 0.04)
    assert result.scan is not None and result.scan.payload == "TAB-123"


def test_a_burst_garbled_by_a_layout_mismatch_gives_no_scan_but_what_to_change():
    detector = WedgeDetector()
    result = None
    for i, key in enumerate("httpsM!!vvd:bw!s!WJ'§store=&'\r"):
        result = detector.feed(key, i * 0.01)
    assert result is not None and result.scan is None and result.consume
    assert result.mismatch is not None
    assert "French AZERTY" in result.mismatch.message

"""Debounce over injected timestamps: repeat before counting, then hold."""

from __future__ import annotations

import pytest

from hardware.debounce import Debouncer, DebounceSettings

A, B = "https://vvd.bz/s/A", "https://vvd.bz/s/B"


def feed_frames(d: Debouncer, frames: list[tuple[float, list[str | bytes]]]) -> list:
    out = []
    for t, payloads in frames:
        out += [(t, p) for p in d.feed(payloads, t)]
    return out


def test_one_frame_is_not_a_scan():
    assert feed_frames(Debouncer(), [(0.0, [A]), (0.5, []), (1.0, [])]) == []


def test_two_frames_within_the_window_make_one_scan():
    assert feed_frames(Debouncer(), [(0.0, [A]), (0.1, [A])]) == [(0.1, A)]


def test_two_frames_too_far_apart_are_not_a_scan():
    assert feed_frames(Debouncer(), [(0.0, [A]), (0.31, [A])]) == []
    assert feed_frames(Debouncer(), [(0.0, [A]), (0.4, [A]), (0.5, [A])]) == [(0.5, A)]


def test_card_held_five_seconds_at_15_fps_is_one_scan():
    frames = [(i / 15, [A]) for i in range(75)]
    assert feed_frames(Debouncer(), frames) == [(1 / 15, A)]


def test_same_card_counts_again_after_hold_out_of_view():
    frames = [(i / 15, [A]) for i in range(15)]  # 1 s in view
    frames += [(1.0 + 3.1 + i / 15, [A]) for i in range(3)]  # back 3.1 s after last seen
    scans = feed_frames(Debouncer(), frames)
    assert [p for _, p in scans] == [A, A]


def test_same_card_back_too_soon_is_ignored():
    frames = [(0.0, [A]), (0.1, [A]), (2.0, [A]), (2.1, [A]), (2.2, [A])]
    assert feed_frames(Debouncer(), frames) == [(0.1, A)]


def test_a_different_card_is_not_held():
    frames = [(0.0, [A]), (0.1, [A]), (0.5, [B]), (0.6, [B])]
    assert feed_frames(Debouncer(), frames) == [(0.1, A), (0.6, B)]


def test_two_codes_in_one_frame_each_count():
    frames = [(0.0, [A, B]), (0.07, [A, B])]
    assert sorted(p for _, p in feed_frames(Debouncer(), frames)) == [A, B]


def test_duplicate_in_one_frame_is_one_sighting():
    assert feed_frames(Debouncer(), [(0.0, [A, A])]) == []


def test_configurable_frames_window_and_hold():
    d = Debouncer(DebounceSettings(min_frames=3, window=0.5, hold=1.0))
    frames = [(0.0, [A]), (0.2, [A]), (0.4, [A]), (1.2, []), (1.5, [A]), (1.6, [A]), (1.7, [A])]
    assert feed_frames(d, frames) == [(0.4, A), (1.7, A)]


def test_bytes_payloads_are_debounced_too():
    raw = b"\x00\xff"
    assert feed_frames(Debouncer(), [(0.0, [raw]), (0.05, [raw])]) == [(0.05, raw)]


def test_reset_forgets_held_codes():
    d = Debouncer()
    feed_frames(d, [(0.0, [A]), (0.1, [A])])
    d.reset()
    assert feed_frames(d, [(0.2, [A]), (0.3, [A])]) == [(0.3, A)]


def test_invalid_settings():
    with pytest.raises(ValueError):
        DebounceSettings(min_frames=0)

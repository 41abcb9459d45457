"""The continuous ``stamp-pos sync`` prints a status line when it changes, and repeats an
unchanged one at most every 10 s (it printed the same line 145 times in 1.8 s)."""

from __future__ import annotations

import io

from pos.app.sync_command import StatusLines


def test_an_unchanged_status_is_repeated_at_most_every_ten_seconds():
    now = [0.0]
    out = io.StringIO()
    lines = StatusLines(out=out, clock=lambda: now[0])
    for step in range(2000):  # 2,000 reports over 20 s, as a busy engine sends them
        now[0] = step * 0.01
        lines.offer("Online: everything is sent.")
    now[0] = 20.5
    lines.offer("Online: sending 3 events.")
    lines.offer("Online: sending 3 events.")
    assert out.getvalue().splitlines() == [
        "Online: everything is sent.",  # at 0 s
        "Online: everything is sent.",  # at 10 s
        "Online: sending 3 events.",    # changed
    ]

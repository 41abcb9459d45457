"""What stops sending is in view: a service set up wrongly is never shown as Online or
Offline, and a queue that cannot be sent is named, with the engine's sentence as tooltip."""

from __future__ import annotations

import pytest

from sync.status import Connectivity, SyncStatus

pytestmark = pytest.mark.dates


def test_a_misconfigured_service_and_an_unsendable_queue_show_in_the_status_bar(  # type: ignore[no-untyped-def]
    qtbot, counter
):
    bar = counter.window.status
    assert not bar.problem_label.isVisible()
    counter.counter.apply_sync_status(SyncStatus(
        connectivity=Connectivity.MISCONFIGURED,
        last_error="The stamp service has no such address (HTTP 404); check its base URL.",
        queued_members=1,
        unsendable=("1 member registrations or changes cannot be sent: the membership "
                    "service's token is not set; a manager can set it in the settings.",)))
    qtbot.waitUntil(lambda: bar.problem_label.isVisible())
    assert "set up wrongly" in bar.online_label.text()
    assert "Online" not in bar.online_label.text() and "Offline" not in bar.online_label.text()
    tip = bar.problem_label.toolTip()
    assert "no such address (HTTP 404)" in tip and "token is not set" in tip
    counter.counter.apply_sync_status(SyncStatus(connectivity=Connectivity.ONLINE))
    qtbot.waitUntil(lambda: not bar.problem_label.isVisible())
    assert "Online" in bar.online_label.text()

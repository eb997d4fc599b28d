"""The `digest` flow: digest channels only, on a schedule of their own."""

from __future__ import annotations

from datetime import timedelta

from storywatch.config import Settings
from storywatch.flows import delivery
from storywatch.flows.deployments import build_deployments

from .conftest import FIRST
from .test_store import NOW, run_pass


def test_digest_work_is_limited_to_the_digest_channels(store, seed_dir, tmp_path, httpserver):
    httpserver.expect_request("/hourly").respond_with_data("ok")
    httpserver.expect_request("/now").respond_with_data("ok")
    settings = Settings.model_validate({"alerts": {"console": False, "outbox_dir": str(tmp_path / "o"),
        "channels": [
            {"name": "hourly", "type": "webhook", "url": httpserver.url_for("/hourly"), "mode": "hourly"},
            {"name": "now", "type": "webhook", "url": httpserver.url_for("/now")},
        ]}})
    run_pass(store, settings, seed_dir(FIRST), "p1", channels=("hourly", "now"))
    channels, policies = delivery.build_channels(settings)
    later = NOW + timedelta(hours=2)  # the hourly window of the alert has closed
    attempts = delivery.deliver_due(store, channels, policies, later, 3, only={"hourly"})
    assert [(a.channel, a.state) for a in attempts] == [("hourly", "sent")]
    [deliveries] = [s.deliveries for s in store.alerts()]
    assert {d.channel: d.state for d in deliveries} == {"hourly": "sent", "now": "pending"}
    assert [r.path for r, _ in httpserver.log] == ["/hourly"]


def test_serve_schedules_the_real_digest_flow_per_config():
    settings = Settings.model_validate({"digest_schedule": {"cron": "0 9 * * *", "timezone": "Europe/Paris"}})
    deployments = build_deployments(settings, None, None, None)
    by_entrypoint = {d.entrypoint: d for d in deployments}
    assert set(by_entrypoint) == {"storywatch.flows.monitor.monitor", "storywatch.flows.outbox_flows.deliver",
                                 "storywatch.flows.outbox_flows.digest"}
    schedule = by_entrypoint["storywatch.flows.outbox_flows.digest"].schedules[0].schedule
    assert (schedule.cron, schedule.timezone) == ("0 9 * * *", "Europe/Paris")

"""Routing, quiet hours, digests and rate limits: pure decisions with an injected clock, then the
same policies through the outbox with a real webhook receiver on loopback."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta

from storywatch.alerts.policy import Due, digest_window, free_slots, plan_channel, quiet_until, route
from storywatch.config import ChannelPolicy, QuietHours, RateLimit
from storywatch.flows import delivery
from storywatch.records import Alert

from .conftest import FIRST, SECOND
from .test_alert_channels import deliver, states, webhook_channel, with_channels
from .test_store import run_pass

UTC_NOON = datetime(2025, 11, 5, 12, tzinfo=UTC)
BERLIN_NIGHT = QuietHours(start=time(22), end=time(7), timezone="Europe/Berlin")


def alert(kind="new_story", figures=("Sergei Lavrov",), sources=1, key="s:p") -> Alert:
    return Alert(key=key, story_id=key.split(":")[0], kind=kind, figures=tuple(figures),
                 headline="Sergei Lavrov: x", source_count=sources, items=())


def test_routing_by_figure_kind_and_sources():
    assert route(alert(), ChannelPolicy()) is None
    assert "figures" in route(alert(), ChannelPolicy(figures=["Dmitry Peskov"]))
    assert route(alert(), ChannelPolicy(figures=["Sergei Lavrov"])) is None
    assert "kind new_story" in route(alert(), ChannelPolicy(kinds=["story_developed"]))
    assert "1 sources, the channel needs 2" in route(alert(), ChannelPolicy(min_sources=2))
    assert route(alert(sources=2), ChannelPolicy(min_sources=2)) is None


def test_quiet_hours_across_midnight_in_a_time_zone():
    # 21:30 UTC is 22:30 in Berlin (CET): quiet until 07:00 Berlin = 06:00 UTC the next day
    assert quiet_until(datetime(2025, 11, 5, 21, 30, tzinfo=UTC), BERLIN_NIGHT) == datetime(
        2025, 11, 6, 6, tzinfo=UTC)
    assert quiet_until(datetime(2025, 11, 6, 5, 59, tzinfo=UTC), BERLIN_NIGHT) == datetime(
        2025, 11, 6, 6, tzinfo=UTC)
    assert quiet_until(datetime(2025, 11, 6, 6, 0, tzinfo=UTC), BERLIN_NIGHT) is None
    assert quiet_until(UTC_NOON, BERLIN_NIGHT) is None
    lunch = QuietHours(start=time(12), end=time(13), timezone="UTC")
    assert quiet_until(UTC_NOON, lunch) == UTC_NOON + timedelta(hours=1)


def test_digest_windows():
    hourly = ChannelPolicy(mode="hourly")
    assert digest_window(datetime(2025, 11, 5, 12, 40, tzinfo=UTC), hourly) == (
        UTC_NOON, UTC_NOON + timedelta(hours=1))
    daily = ChannelPolicy(mode="daily", digest_at=time(8), timezone="Europe/Berlin")
    # 12:00 UTC = 13:00 Berlin, after 08:00: the window closes at 08:00 Berlin tomorrow (07:00 UTC)
    assert digest_window(UTC_NOON, daily) == (datetime(2025, 11, 5, 7, tzinfo=UTC),
                                              datetime(2025, 11, 6, 7, tzinfo=UTC))
    early = datetime(2025, 11, 5, 6, tzinfo=UTC)  # 07:00 Berlin: today's window, closing at 08:00
    assert digest_window(early, daily)[1] == datetime(2025, 11, 5, 7, tzinfo=UTC)


def test_rate_limit_slots():
    limit = RateLimit(messages=2, per_minutes=60)
    assert free_slots(UTC_NOON, [], limit) == (2, None)
    sent = [UTC_NOON - timedelta(minutes=50), UTC_NOON - timedelta(minutes=10)]
    assert free_slots(UTC_NOON, sent, limit) == (0, UTC_NOON + timedelta(minutes=10))
    assert free_slots(UTC_NOON, sent[1:], limit) == (1, None)


def test_plan_holds_never_drops():
    due = [Due(1, alert(key="a:1"), UTC_NOON), Due(2, alert(key="b:1", figures=("Other",)), UTC_NOON),
           Due(3, alert(key="c:1"), UTC_NOON)]
    policy = ChannelPolicy(figures=["Sergei Lavrov"], rate_limit=RateLimit(messages=1))
    plan = plan_channel(policy, due, UTC_NOON)
    assert [b.deliveries[0].delivery_id for b in plan.send] == [1]
    assert plan.skip == [(2, plan.skip[0][1])]
    assert plan.hold == [([3], UTC_NOON + timedelta(minutes=60), "rate limit")]
    quiet = plan_channel(ChannelPolicy(quiet_hours=QuietHours(start=time(11), end=time(13))), due, UTC_NOON)
    assert quiet.send == [] and quiet.hold == [([1, 2, 3], UTC_NOON + timedelta(hours=1), "quiet hours")]


# --- the same policies through the outbox, with a real receiver ---------------------------------

def bodies(httpserver) -> list[dict]:
    return [json.loads(r.get_data()) for r, _ in httpserver.log]


def test_quiet_hours_hold_the_alert_then_send_it_once(store, settings, seed_dir, tmp_path, httpserver):
    httpserver.expect_request("/hook").respond_with_data("ok")
    night = datetime(2025, 11, 5, 22, tzinfo=UTC)  # 23:00 in Berlin
    settings = with_channels(settings, tmp_path, webhook_channel(
        httpserver, secret_env=None, quiet_hours=BERLIN_NIGHT.model_dump(mode="json")))
    run_pass(store, settings, seed_dir(FIRST), "p1", now=night, channels=delivery.channel_names(settings))

    assert [a.channel for a in deliver(store, settings, night)] == ["outbox"]
    [deliveries] = [s.deliveries for s in store.alerts()]
    [hook] = [d for d in deliveries if d.channel == "hook"]
    assert hook.state == "pending" and "quiet hours" in hook.note and "2025-11-06 06:00" in hook.note
    assert deliver(store, settings, datetime(2025, 11, 6, 5, 59, tzinfo=UTC)) == []
    assert httpserver.log == []
    morning = deliver(store, settings, datetime(2025, 11, 6, 6, 0, tzinfo=UTC))
    assert [(a.channel, a.state) for a in morning] == [("hook", "sent")]
    assert deliver(store, settings, datetime(2025, 11, 7, tzinfo=UTC)) == []
    assert len(httpserver.log) == 1


def test_hourly_digest_sends_one_message_for_the_window(store, settings, seed_dir, tmp_path, httpserver):
    httpserver.expect_request("/hook").respond_with_data("ok")
    settings = with_channels(settings, tmp_path, webhook_channel(httpserver, secret_env=None, mode="hourly"))
    names = delivery.channel_names(settings)
    t1, t2 = UTC_NOON + timedelta(minutes=10), UTC_NOON + timedelta(minutes=40)
    run_pass(store, settings, seed_dir(FIRST, name="a"), "p1", now=t1, channels=names)
    assert [a.channel for a in deliver(store, settings, t1)] == ["outbox"]
    run_pass(store, settings, seed_dir(FIRST, SECOND, name="b"), "p2", now=t2, channels=names)
    assert [a.channel for a in deliver(store, settings, t2)] == ["outbox"]
    assert httpserver.log == []

    closed = deliver(store, settings, UTC_NOON + timedelta(hours=1))
    assert [(a.channel, a.state) for a in closed] == [("hook", "sent"), ("hook", "sent")]
    [digest] = bodies(httpserver)
    assert digest["type"] == "storywatch.digest" and len(digest["alerts"]) == 2
    assert digest["id"] == f"digest:hook:{(UTC_NOON + timedelta(hours=1)).isoformat()}"
    assert [a["kind"] for a in digest["alerts"]] == ["new_story", "story_developed"]
    assert "Lavrov" in digest["subject"]
    assert deliver(store, settings, UTC_NOON + timedelta(days=1)) == []
    assert states(store)["hook"] == ["sent", "sent"]


def test_rate_limit_holds_the_second_alert_until_a_slot_frees(store, settings, seed_dir, tmp_path,
                                                               httpserver):
    httpserver.expect_request("/hook").respond_with_data("ok")
    settings = with_channels(settings, tmp_path, webhook_channel(
        httpserver, secret_env=None, rate_limit={"messages": 1, "per_minutes": 60}))
    names = delivery.channel_names(settings)
    run_pass(store, settings, seed_dir(FIRST, name="a"), "p1", now=UTC_NOON, channels=names)
    deliver(store, settings, UTC_NOON)
    later = UTC_NOON + timedelta(minutes=20)
    run_pass(store, settings, seed_dir(FIRST, SECOND, name="b"), "p2", now=later, channels=names)
    assert [a.channel for a in deliver(store, settings, later)] == ["outbox"]
    assert len(httpserver.log) == 1
    # the slot frees an hour after the first send, stamped when it went out (a moment after noon)
    assert [(a.channel, a.state) for a in deliver(store, settings, UTC_NOON + timedelta(minutes=61))] == [
        ("hook", "sent")]
    assert [b["alerts"][0]["kind"] for b in bodies(httpserver)] == ["new_story", "story_developed"]


def test_routing_skips_with_a_reason_and_min_sources_waits_for_corroboration(
        store, settings, seed_dir, tmp_path, httpserver):
    httpserver.expect_request("/hook").respond_with_data("ok")
    settings = with_channels(settings, tmp_path, webhook_channel(httpserver, secret_env=None, min_sources=2),
                             {**webhook_channel(httpserver, secret_env=None), "name": "peskov",
                              "figures": ["Dmitry Peskov"]})
    names = delivery.channel_names(settings)
    run_pass(store, settings, seed_dir(FIRST, name="a"), "p1", channels=names)
    deliver(store, settings)
    run_pass(store, settings, seed_dir(FIRST, SECOND, name="b"), "p2", channels=names)
    deliver(store, settings)
    assert states(store) == {"outbox": ["sent", "sent"], "hook": ["sent", "skipped"],
                             "peskov": ["skipped", "skipped"]}  # newest alert first
    [(request, _)] = httpserver.log
    assert json.loads(request.get_data())["alerts"][0]["source_count"] == 2
    notes = [d.note for s in store.alerts() for d in s.deliveries if d.state == "skipped"]
    assert any("1 sources, the channel needs 2" in n for n in notes)
    assert any("not routed: figures Sergei Lavrov" in n for n in notes)

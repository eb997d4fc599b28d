"""`monitor(feeds=True)` (what `storywatch run --feeds` runs) against a real Prefect server and feeds
served on 127.0.0.1: without the flag no feed is polled; with it the feed's page is ingested and the
broken feed is listed under articles.failed. (Task runs are not read back from the server here: they
arrive through events, which another module's fixture may be holding in this session.)"""

from __future__ import annotations

import pytest
import yaml

pytestmark = pytest.mark.prefect

from pytest_httpserver import HTTPServer  # noqa: E402

from storywatch.flows.monitor import monitor  # noqa: E402

from .conftest import FIRST  # noqa: E402
from .test_ingest import page, rss, seed_text, serve_feed  # noqa: E402


def test_run_with_feeds_polls_fetches_and_reports_failures(prefect_server, tmp_path):
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        server.expect_request("/a.html").respond_with_data(page("Where is Lavrov?", seed_text(FIRST)),
                                                           content_type="text/html")
        serve_feed(server, "/good.xml", rss([("Lavrov", server.url_for("/a.html"), "s")]), '"g"')
        server.expect_request("/bad.xml").respond_with_data("down", status=500)
        config = tmp_path / "storywatch.yaml"
        config.write_text(yaml.safe_dump({
            "alerts": {"console": False, "outbox_dir": str(tmp_path / "outbox")},
            "feeds": [{"url": server.url_for("/good.xml"), "name": "Example"},
                      {"url": server.url_for("/bad.xml")}],
            "fetch": {"allow_hosts": ["127.0.0.1"], "timeout": 5},
        }))
        (tmp_path / "no-seeds").mkdir()
        args = dict(config=str(config), seeds=[str(tmp_path / "no-seeds")],
                    db_url=f"sqlite:///{tmp_path}/sw.db", json_output=True)
        without = monitor(**args)
        assert server.log == [] and without["articles"]["ingested"] == 0
        result = monitor(**args, feeds=True)
    finally:
        server.stop()
    assert result["articles"]["ingested"] == 1
    assert result["articles"]["failed"] == [
        {"source": server.url_for("/bad.xml"), "reason": "HTTP 500 INTERNAL SERVER ERROR"}]
    assert [a["kind"] for a in result["alerts"]] == ["new_story"]


def _many_pages_served(server, count: int):
    entries = []
    for i in range(count):
        path = f"/p{i}.html"
        text = f"Sergei Lavrov said on day {i} that talks on item {i} would resume in Geneva. " * 3
        server.expect_request(path).respond_with_data(page(f"Day {i}", text), content_type="text/html")
        entries.append((f"Day {i}", server.url_for(path), "s"))
    serve_feed(server, "/many.xml", rss(entries), '"m"')
    return entries


def _feed_config(tmp_path, server) -> dict:
    config = tmp_path / "storywatch.yaml"
    config.write_text(yaml.safe_dump({
        "alerts": {"console": False, "outbox_dir": str(tmp_path / "outbox")},
        "feeds": [{"url": server.url_for("/many.xml"), "name": "Example"}],
        "fetch": {"allow_hosts": ["127.0.0.1"], "timeout": 5},
    }))
    (tmp_path / "no-seeds").mkdir(exist_ok=True)
    return dict(config=str(config), seeds=[str(tmp_path / "no-seeds")],
                db_url=f"sqlite:///{tmp_path}/sw.db", json_output=True, feeds=True)


def test_a_pass_of_many_batches_ingests_every_page_once(prefect_server, tmp_path, monkeypatch):
    from storywatch.flows import pipeline

    monkeypatch.setattr(pipeline, "PAGE_BATCH", 8)  # 30 pages: batches of 1, 2, 4, 8, 8, 5, 2
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        _many_pages_served(server, 30)
        result = monitor(**_feed_config(tmp_path, server))
    finally:
        server.stop()
    assert result["articles"] == {"ingested": 30, "duplicates": 0, "failed": []}
    assert len({d["article"]["url"] for d in result["developments"]}) == 30


def test_a_batch_that_fails_fails_the_pass_without_leaving_the_next_batch_waiting(
        prefect_server, tmp_path, monkeypatch):
    from storywatch.flows import ingest, pipeline

    monkeypatch.setattr(pipeline, "PAGE_BATCH", 8)
    fetched_pages, calls = ingest.fetched_pages, []

    def failing_second_batch(jobs, settings, fetcher):  # a batch's pages, as prepare_batch takes them
        calls.append(len(jobs))
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        yield from fetched_pages(jobs, settings, fetcher)

    monkeypatch.setattr(ingest, "fetched_pages", failing_second_batch)
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        _many_pages_served(server, 30)
        with pytest.raises(RuntimeError, match="the disk is full"):
            monitor(**_feed_config(tmp_path, server))
    finally:
        server.stop()
    assert calls[:2] == [1, 2]  # the first two batches of the ramp (PAGE_BATCH 8: 1, 2, 4, 8, ...)

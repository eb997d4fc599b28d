"""`monitor(feeds=True)` (what `storywatch run --feeds` runs) against a real Prefect server and feeds
served on 127.0.0.1: without the flag no feed is polled; with it the feed's page is ingested and the
broken feed is listed under articles.failed. (Task runs are not read back from the server here: they
arrive through events, which another module's fixture may be holding in this session.)"""

from __future__ import annotations

import pytest
import yaml

pytestmark = pytest.mark.prefect

from pytest_httpserver import HTTPServer  # noqa: E402

from flows.monitor import monitor  # noqa: E402

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

"""Past one machine: two passes at once against PostgreSQL leave one set of developments and alerts.

Each test gets a fresh database on the machine's PostgreSQL (127.0.0.1:5432, trust auth; override the
admin connection with STORYWATCH_TEST_PG). Unreachable PostgreSQL skips these tests on a workstation
and fails them in CI (CI=true), so CI can never pass without them.
"""

from __future__ import annotations

import os
import threading
import uuid
from datetime import UTC, datetime

import pytest

from storywatch.alerts import Message
from storywatch.config import Alerts, Settings, Sources
from storywatch.flows import delivery, pipeline
from storywatch.records import PassReport
from storywatch.storage import Store

from .conftest import SEEDS

pytestmark = pytest.mark.postgres

ADMIN = os.environ.get("STORYWATCH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
NOW = datetime(2025, 11, 5, 12, 0, tzinfo=UTC)


@pytest.fixture
def pg_url():
    """A fresh database, dropped afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    try:
        admin = psycopg.connect(ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        reason = f"PostgreSQL unreachable at {ADMIN}: {' '.join(str(exc).split())[:200]}"
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(reason)
        pytest.skip(reason)
    name = f"storywatch_test_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = make_url(ADMIN).set(drivername="postgresql+psycopg", database=name)
        yield url.render_as_string(hide_password=False)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def both(first, second, deadline: float = 120):
    """Run two callables at once in daemon threads (each with its own connections); both results.

    Daemon threads and a deadline: a deadlock fails this test instead of hanging the test run."""
    results: list = [None, None]
    errors: list = [None, None]

    def call(index, fn):
        try:
            results[index] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread below
            errors[index] = exc

    threads = [threading.Thread(target=call, args=(i, fn), daemon=True)
               for i, fn in enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(deadline)
        if thread.is_alive():
            pytest.fail(f"a concurrent pass did not finish within {deadline:.0f} s (deadlock?)")
    for error in errors:
        if error is not None:
            raise error
    return results[0], results[1]


class RecordingChannel:
    name = "outbox"

    def __init__(self):
        self.sent: list[str] = []
        self.lock = threading.Lock()

    def send(self, message: Message) -> None:
        with self.lock:
            self.sent.extend(alert.key for alert in message.alerts)


def lockstep(stores: list[Store]) -> None:
    """Make the passes reach every article's write together, so both judged it and both try to store
    it (and create its story) at the same moment: the race that unique keys must settle."""
    barrier = threading.Barrier(len(stores), timeout=60)
    for store in stores:
        original = store.record_article

        def record(*args, _original=original, **kwargs):
            barrier.wait()
            return _original(*args, **kwargs)

        store.record_article = record


class RecordingStages(pipeline.Stages):
    """The pass's stages, delivering to a recording channel named like the outbox."""

    def __init__(self, channel: RecordingChannel):
        self.channel = channel

    def deliver(self, store, settings, now, json_output):
        return delivery.deliver_due(store, {"outbox": self.channel}, {}, now, settings.alerts.max_attempts)


def one_pass(store: Store, settings: Settings, channel: RecordingChannel) -> PassReport:
    settings = settings.model_copy(update={"alerts": Alerts(console=False)})  # the outbox channel only
    report, _ = pipeline.run_pass(settings, store, RecordingStages(channel), NOW)
    return report


def snapshot(store: Store):
    """What a person sees: stories, claims (as story, figure, label, text) and alert items."""
    stories = sorted((s.id, s.claims, s.articles) for s in store.stories())
    claims = sorted((c.story_id, c.claim.figure, label, c.claim.text) for c, label in store.claims())
    items = sorted((s.alert.story_id, i.label, i.text) for s in store.alerts() for i in s.alert.items)
    return stories, claims, items


def test_two_workers_migrate_a_fresh_database_at_once(pg_url):
    first, second = both(lambda: Store.open(pg_url), lambda: Store.open(pg_url))
    assert first.stories() == second.stories() == []
    for store in (first, second):
        store.engine.dispose()


def test_a_store_from_before_0010_gets_the_covering_postings_index(pg_url):
    from sqlalchemy import text

    store = Store.open(pg_url)
    with store.engine.begin() as c:  # the index as release 0009 left it: story_id not in it
        c.execute(text("DROP INDEX ix_article_terms_postings"))
        c.execute(text("CREATE INDEX ix_article_terms_postings ON article_terms (figure, term, article_id)"))
        c.execute(text("UPDATE alembic_version SET version_num = '0009'"))
    store.engine.dispose()
    store = Store.open(pg_url)  # upgrades to head
    with store.engine.connect() as c:
        definition = c.execute(text("SELECT indexdef FROM pg_indexes "
                                    "WHERE indexname = 'ix_article_terms_postings'")).scalar()
        assert definition is not None and definition.endswith("(figure, term, article_id, story_id)")
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0010"
    store.engine.dispose()


def test_two_concurrent_passes_over_the_same_seeds_store_one_set_of_developments_and_alerts(
        pg_url, settings, tmp_path):
    settings = settings.model_copy(update={"sources": Sources(seeds=[SEEDS])})
    channel = RecordingChannel()

    # The reference: one pass alone, in its own database.
    alone = Store.open(pg_url)
    expected_developed = one_pass(alone, settings, RecordingChannel())
    expected = snapshot(alone)
    alone.engine.dispose()
    assert expected_developed.developments and expected[2]

    import psycopg

    with psycopg.connect(ADMIN, autocommit=True) as admin:
        other = f"storywatch_test_{uuid.uuid4().hex[:12]}"
        admin.execute(f'CREATE DATABASE "{other}"')
    url = pg_url.rsplit("/", 1)[0] + f"/{other}"
    try:
        stores = list(both(lambda: Store.open(url), lambda: Store.open(url)))
        lockstep(stores)
        a, b = both(lambda: one_pass(stores[0], settings, channel),
                    lambda: one_pass(stores[1], settings, channel))
        after = snapshot(stores[0])
        alerts = stores[0].alerts()
        for store in stores:
            store.engine.dispose()
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{other}" WITH (FORCE)')

    # Every article was stored by exactly one of the passes; the other counted it as a duplicate.
    assert a.ingested + b.ingested == expected_developed.ingested
    assert a.duplicates + b.duplicates == expected_developed.ingested
    assert len(a.developments) + len(b.developments) == len(expected_developed.developments)
    # One set of stories, claims and alert items: the same as one pass alone, nothing twice.
    assert after == expected
    # Each alert was delivered once, by one of the two passes.
    assert sorted(channel.sent) == sorted(s.alert.key for s in alerts)
    assert all(d.state == "sent" and d.attempts == 1 for s in alerts for d in s.deliveries)


def test_two_writers_developing_two_stories_in_opposite_orders_both_store(pg_url):
    """Article X develops stories A then B, article Y develops B then A, at the same moment: on
    PostgreSQL each transaction locks the stories' rows, so unordered locking would deadlock (and
    abort one of them); the stories are locked in one order, so one waits and both are stored."""
    from storywatch.extractors import extract_claims
    from storywatch.records import (
        Article,
        ArticleDevelopment,
        ArticleRef,
        Development,
        Figure,
        PlannedClaim,
        Story,
    )

    figures = [Figure(name="Sergei Lavrov"), Figure(name="Maria Zakharova")]
    text = "Sergei Lavrov said the talks would resume. Maria Zakharova said the talks were over."
    by_figure = {c.figure: c for c in extract_claims(text, figures)[1]}
    assert set(by_figure) == {"Sergei Lavrov", "Maria Zakharova"}

    def article(key: str) -> Article:
        return Article(key=key, text=f"{text} ({key})", content_hash=key.ljust(64, "0"), origin=key)

    def planned(key: str, order: list[tuple[str, str]], new_story: bool) -> ArticleDevelopment:
        claims = tuple(PlannedClaim(development=Development(
            story_id=story, figure=figure, label="new", claim=by_figure[figure], article=ArticleRef(key=key)),
            terms=frozenset({figure})) for story, figure in order)
        stories = tuple(Story(id=story, figures=(figure,), headline="h", created_pass="p0", first_seen=NOW,
                              last_claim_at=NOW) for story, figure in order) if new_story else ()
        return ArticleDevelopment(new_stories=stories, claims=claims)

    a, b = ("A" * 16, "Sergei Lavrov"), ("B" * 16, "Maria Zakharova")
    store = Store.open(pg_url)
    assert store.record_article(article("first"), 1, planned("first", [a, b], True), "p0", NOW, [])
    stores = [Store.open(pg_url), Store.open(pg_url)]
    barrier = threading.Barrier(2, timeout=5)
    for writer in stores:  # each writer pauses after its first claim, so both hold one story
        original, calls = writer._insert_claim, []

        def insert_claim(*args, _original=original, _calls=calls, **kwargs):
            _original(*args, **kwargs)
            _calls.append(1)
            if len(_calls) == 1:
                try:
                    barrier.wait()
                except threading.BrokenBarrierError:
                    pass  # the other writer waits for this one's locks: it cannot reach the barrier
        writer._insert_claim = insert_claim

    x, y = both(lambda: stores[0].record_article(article("x"), 1, planned("x", [a, b], False), "p1", NOW, []),
                lambda: stores[1].record_article(article("y"), 1, planned("y", [b, a], False), "p2", NOW, []),
                deadline=60)
    assert x is True and y is True
    assert sorted((s.id, s.claims) for s in store.stories()) == [(a[0], 3), (b[0], 3)]
    for each in (store, *stores):
        each.engine.dispose()

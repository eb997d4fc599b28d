"""The store and the pipeline's storage stage against a real SQLite file."""

import threading
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from storywatch.alerts import OutboxChannel
from storywatch.errors import DeliveryError
from storywatch.flows import delivery, pipeline, prepare, seeds
from storywatch.records import ArticleDevelopment
from storywatch.storage import Store
from storywatch.storage.schema import deliveries
from storywatch.storage.transactions import utc
from storywatch.stories import claim_terms

from .conftest import FIRST, SECOND

NOW = datetime(2025, 11, 5, 12, tzinfo=UTC)


def run_pass(store, settings, folder, pass_id, now=NOW, channels=("outbox",)) -> pipeline.Stored:
    """A pass's stages up to the store (pipeline.py: read, prepare, store with its copies dropped),
    stopping before delivery, so the alerts' deliveries on `channels` are pending."""
    documents, _ = seeds.read_seed_documents([folder])
    prepared, _, _ = pipeline.prepare_batch(documents, settings, [], None, None)
    return pipeline.store_batch(prepared, store, settings, pass_id, now, list(channels), [])


def deliver(store, channels, now, max_attempts=3) -> list[tuple[str, str, str | None]]:
    """The delivery stage with these channels: (alert key, channel, error) per attempt."""
    return [(a.alert_key, a.channel, a.error)
            for a in delivery.deliver_due(store, channels, {}, now, max_attempts)]


def kept(store, settings, articles) -> list[pipeline.Kept]:
    """Articles as the store stage keeps them, with their claims."""
    return [pipeline.Kept(a, seen, prepare.claims_about(a.text, settings.figures(), settings.aspects))
            for a, seen in zip(articles, store.seen_many(articles), strict=True)]


def parsed(folder) -> list:
    documents, _ = seeds.read_seed_documents([folder])
    return [prepare.parse(d) for d in documents]


def test_rerun_of_the_same_seeds_adds_nothing(store, settings, seed_dir):
    folder = seed_dir(FIRST, SECOND)
    first = run_pass(store, settings, folder, "p1")
    again = run_pass(store, settings, folder, "p2", NOW + timedelta(hours=1))
    assert first.ingested == 2 and first.developments
    assert again.ingested == 0 and again.duplicates == 2 and again.developments == []
    assert store.alerts(pass_id="p2") == []


def test_one_alert_per_story_per_pass(store, settings, seed_dir):
    run_pass(store, settings, seed_dir(FIRST, SECOND), "p1")
    alerts = store.alerts(pass_id="p1")
    assert len(alerts) == 1
    alert, deliveries = alerts[0].alert, alerts[0].deliveries
    assert alert.kind == "new_story" and alert.source_count == 2
    assert [d.state for d in deliveries] == ["pending"]


def test_second_article_develops_the_story(store, settings, seed_dir):
    run_pass(store, settings, seed_dir(FIRST, name="a"), "p1")
    developed = run_pass(store, settings, seed_dir(FIRST, SECOND, name="b"), "p2",
                         NOW + timedelta(hours=1))
    [alert] = [s.alert for s in store.alerts(pass_id="p2")]
    assert alert.kind == "story_developed"
    assert {d.story_id for d in developed.developments} == {alert.story_id}
    assert {i.label for i in alert.items} <= {"new", "update", "contradict"}
    assert len(store.stories()) == 1


def test_edited_article_is_a_new_version_judged_on_its_changed_sentences(store, settings, tmp_path):
    folder = tmp_path / "v"
    folder.mkdir()
    path = folder / "a.txt"
    path.write_text("Lavrov met the envoy in Geneva on Monday.\n\nThe talks lasted an hour.")
    run_pass(store, settings, folder, "p1")
    path.write_text("Lavrov met the envoy in Geneva on Monday.\n\nThe talks lasted an hour.\n\n"
                    "Lavrov did not attend the dinner that followed.")
    edited = run_pass(store, settings, folder, "p2", NOW + timedelta(hours=1))
    assert edited.ingested == 1
    assert [d.claim.text for d in edited.developments] == [
        "Lavrov did not attend the dinner that followed."]


def test_outbox_delivers_once_and_retries_a_failed_channel(store, settings, seed_dir, tmp_path):
    run_pass(store, settings, seed_dir(FIRST), "p1", channels=("outbox", "flaky"))

    class Flaky:
        name = "flaky"
        calls = 0

        def send(self, message):
            Flaky.calls += 1
            if Flaky.calls == 1:
                raise DeliveryError("flaky: connection refused")

    channels = {"outbox": OutboxChannel(tmp_path / "outbox"), "flaky": Flaky()}
    first = deliver(store, channels, NOW)
    assert sorted((c, e is None) for _, c, e in first) == [("flaky", False), ("outbox", True)]
    assert deliver(store, channels, NOW) == []  # backoff holds it
    later = deliver(store, channels, NOW + timedelta(minutes=5))
    assert [(c, e) for _, c, e in later] == [("flaky", None)]
    assert deliver(store, channels, NOW + timedelta(days=1)) == []
    [(alert, deliveries)] = [(s.alert, s.deliveries) for s in store.alerts()]
    assert {d.channel: d.state for d in deliveries} == {"outbox": "sent", "flaky": "sent"}
    assert (tmp_path / "outbox" / f"{alert.key.replace(':', '-')}.json").exists()


def test_failing_channel_is_dead_lettered_after_max_attempts(store, settings, seed_dir):
    run_pass(store, settings, seed_dir(FIRST), "p1", channels=("missing",))
    for hour in range(3):
        deliver(store, {}, NOW + timedelta(hours=hour * 2))
    [[delivery]] = [s.deliveries for s in store.alerts()]
    assert delivery.state == "dead" and "not configured" in delivery.last_error


def test_seen_many_of_a_batch_agrees_with_seen_one_by_one(store, settings, seed_dir):
    run_pass(store, settings, seed_dir(FIRST, name="a"), "p1")
    articles = parsed(seed_dir(FIRST, SECOND, name="b"))
    edited = articles[0].model_copy(update={"key": articles[1].key, "content_hash": "e" * 64})
    batch = [*articles, edited]
    assert store.seen_many(batch) == [store.seen(a) for a in batch]
    assert [s.state for s in store.seen_many(batch)] == ["duplicate", "new", "new"]
    run_pass(store, settings, seed_dir(SECOND, name="c"), "p2")
    assert store.seen_many(batch) == [store.seen(a) for a in batch]
    assert [s.state for s in store.seen_many(batch)] == ["duplicate", "duplicate", "version"]
    assert store.seen_many(batch)[2].version == 2 and store.seen_many(batch)[2].previous_text
    assert store.seen_many([]) == []


def test_two_texts_of_one_key_in_one_batch_are_its_first_and_second_version(store, settings, seed_dir):
    articles = parsed(seed_dir(FIRST, SECOND, name="v"))
    same_key = [a.model_copy(update={"key": "https://example.org/story"}) for a in articles]
    developed = pipeline.develop_stories(kept(store, settings, same_key), store, settings, "p1", NOW,
                                         ["outbox"])
    assert developed.ingested == 2 and developed.duplicates == 0
    third = same_key[0].model_copy(update={"content_hash": "f" * 64})
    assert store.seen(third).state == "version" and store.seen(third).version == 3


def _plain_article(key: str, words: str):
    from storywatch.extractors import content_fingerprint
    from storywatch.records import Article

    text = f"The city council met on {words} and agreed the budget for the new library."
    return Article(key=key, url=key, title=words, outlet="Gazette", text=text,
                   content_hash=content_fingerprint(text), origin="test")


def test_articles_without_claims_are_stored_together_in_the_batchs_order(store, settings):
    from sqlalchemy import select

    from storywatch.storage.schema import articles as table

    batch = [_plain_article(f"https://example.org/{n}", f"day {n}") for n in range(5)]
    batch.insert(3, _plain_article("https://example.org/1", "day 1, corrected"))  # a second text of 1
    developed = pipeline.develop_stories(kept(store, settings, batch), store, settings, "p1", NOW,
                                         ["outbox"])
    assert developed.ingested == 6 and developed.duplicates == 0 and developed.developments == []
    with store.engine.connect() as c:
        rows = c.execute(select(table.c.key, table.c.version, table.c.title).order_by(table.c.id)).all()
    assert [(r.key, r.version, r.title) for r in rows] == [(a.key, 2 if a.title == "day 1, corrected" else 1,
                                                           a.title) for a in batch]


def test_a_text_another_writer_stored_first_is_refused_alone(store):
    first, second, third = (_plain_article(f"https://example.org/{n}", f"day {n}") for n in range(3))
    assert store.record_article(second.model_copy(update={"key": "https://other.org/2"}), 1,
                                ArticleDevelopment(), "p0", NOW, [])  # the other writer
    assert store.record_articles_without_claims([(first, 1), (second, 1), (third, 1)], "p1", NOW) == [
        True, False, True]
    assert [store.seen(a).state for a in (first, second, third)] == ["duplicate"] * 3


class _SlowChannel:
    """A receiver that takes `seconds` to answer; counts what it was sent."""

    def __init__(self, seconds: float):
        self.seconds, self.sent = seconds, []

    def send(self, message) -> None:
        time.sleep(self.seconds)
        self.sent.append(message.key)


def test_a_slow_send_keeps_its_claim_so_a_second_deliver_sends_nothing_twice(store, settings, seed_dir):
    """Two delivery processes and a slow receiver (issue 17): the lease is renewed while the send
    goes on, so the second process, starting past the first lease's end, finds nothing due."""
    run_pass(store, settings, seed_dir(FIRST), "p1")
    first, second = _SlowChannel(1.5), _SlowChannel(0)
    lease = timedelta(seconds=0.5)
    worker = threading.Thread(target=delivery.deliver_due,
                              args=(store, {"outbox": first}, {}, NOW, 3), kwargs={"lease": lease})
    worker.start()
    time.sleep(0.9)  # the first send is under way, and its first lease has run out
    delivery.deliver_due(store, {"outbox": second}, {}, NOW + timedelta(seconds=0.9), 3, lease=lease)
    worker.join()
    assert len(first.sent) == 1 and second.sent == []


def test_a_delivery_is_stamped_when_it_is_sent_not_when_the_run_began(store, settings, seed_dir):
    run_pass(store, settings, seed_dir(FIRST), "p1")
    ticks = iter(NOW + timedelta(minutes=m) for m in range(0, 100, 7))
    delivery.deliver_due(store, {"outbox": _SlowChannel(0)}, {}, NOW, 3, clock=lambda: next(ticks))
    with store.engine.connect() as c:
        sent_at = c.execute(select(deliveries.c.sent_at).where(deliveries.c.state == "sent")).scalar_one()
    assert utc(sent_at) > NOW  # the clock at the send, not the run's start


def _story_claims_read_plainly(store, story_id, limit):
    """A story's most recent claims, oldest first, with their terms, read with plain queries and no
    cache: what Store.story_claims must give."""
    from storywatch.records import ArticleRef, Candidate, Claim, StoredClaim
    from storywatch.storage.schema import articles, claim_terms, claims

    with store.engine.connect() as c:
        rows = c.execute(select(claims.c.id, claims.c.story_id, claims.c.claim, claims.c.first_seen,
                                articles.c.key, articles.c.url, articles.c.title, articles.c.outlet,
                                articles.c.published)
                         .join(articles, articles.c.id == claims.c.article_id)
                         .where(claims.c.story_id == story_id)
                         .order_by(claims.c.id.desc()).limit(limit)).all()
        terms: dict[int, set[str]] = {}
        for claim_id, term in c.execute(select(claim_terms.c.claim_id, claim_terms.c.term)
                                        .where(claim_terms.c.claim_id.in_([r.id for r in rows]))):
            terms.setdefault(claim_id, set()).add(term)
    return [Candidate(stored=StoredClaim(id=r.id, story_id=r.story_id, claim=Claim.model_validate(r.claim),
                                         article=ArticleRef(key=r.key, url=r.url, title=r.title,
                                                            outlet=r.outlet, published=r.published),
                                         first_seen=r.first_seen),
                      terms=frozenset(terms.get(r.id, ())))
            for r in reversed(rows)]


def test_a_storys_claims_read_through_the_cache_are_those_plain_queries_read(store, settings, seed_dir):
    """Store.story_claims (headlines, each claim decoded once) gives what plain queries read: the
    same claims, articles and terms, oldest first, within the limit; cached or not."""
    run_pass(store, settings, seed_dir(FIRST, name="a"), "p1")
    run_pass(store, settings, seed_dir(FIRST, SECOND, name="b"), "p2", NOW + timedelta(hours=1))
    [story] = store.stories()
    for limit in (1, 2, 400):
        expected = _story_claims_read_plainly(store, story.id, limit)
        assert expected and store.story_claims(story.id, limit) == expected
        assert store.story_claims(story.id, limit) == expected  # from the cache
    assert store.story_claims("no-such-story", 400) == []


def test_a_storys_candidates_are_the_best_candidates_that_are_its_own(store, settings, seed_dir):
    """Store.candidates with in_story (the pipeline's, decoding only that story's claims) gives the
    claims of the store's best candidates that are that story's, in the same order."""
    run_pass(store, settings, seed_dir(FIRST, name="a"), "p1")
    run_pass(store, settings, seed_dir(FIRST, SECOND, name="b"), "p2", NOW + timedelta(hours=1))
    since = NOW - timedelta(days=30)
    asked = 0
    for stored, _ in store.claims():
        terms = claim_terms(stored.claim, settings.figures())
        for story_id in {s.id for s in store.stories()} | {"no-such-story"}:
            fresh = Store(store.engine)  # an empty claim cache: nothing decoded before
            every = fresh.candidates(stored.claim.figure, terms, since)
            mine = Store(store.engine).candidates(stored.claim.figure, terms, since, in_story=story_id)
            assert mine == [c for c in every if c.stored.story_id == story_id]
            asked += bool(mine)
    assert asked

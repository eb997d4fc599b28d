"""Schema migrations that rewrite stored data, run on a real SQLite store as an older release left it."""

import hashlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text

import storywatch.signatures as sig  # patched below: its hash, as release 0005 had it
from storywatch.extractors import NEAR_DUPLICATE, most_similar
from storywatch.flows import pipeline, prepare, seeds
from storywatch.profiles import article_profile
from storywatch.storage import FeedStore, Store
from storywatch.storage.schema import article_bands, article_signatures, article_terms, articles, claims

from .conftest import FIRST, SECOND

NOW = datetime(2025, 11, 5, 12, tzinfo=UTC)


# What each migration since 0006 made, undone in SQL (newest first) to rebuild an older store.
UNDO = {
    "0010": ("DROP INDEX ix_article_terms_postings",
             "CREATE INDEX ix_article_terms_postings ON article_terms (figure, term, article_id)"),
    "0009": ("ALTER TABLE deliveries DROP COLUMN waiting_on",
             "ALTER TABLE deliveries DROP COLUMN claimed_by"),
    "0008": ("DROP INDEX ix_stories_headline_rule", "ALTER TABLE stories DROP COLUMN headline_rule"),
    "0007": ("DROP TABLE article_terms",),
}


def rewind_to(c, revision: str) -> None:
    """The schema as release `revision` left it: the migrations after it undone, newest first."""
    for later in sorted(UNDO, reverse=True):
        if later > revision:
            for statement in UNDO[later]:
                c.execute(text(statement))
    c.execute(text("UPDATE alembic_version SET version_num = :revision"), {"revision": revision})


def _blake2b(shingle: bytes) -> int:  # the shingle hash before migration 0006
    return int.from_bytes(hashlib.blake2b(shingle, digest_size=8).digest(), "big")


def test_0006_signs_every_stored_article_again_with_the_new_shingle_hash(tmp_path, settings, seed_dir,
                                                                        monkeypatch):
    url = f"sqlite:///{tmp_path}/old.db"
    store = Store.open(url)
    documents, _ = seeds.read_seed_documents([seed_dir(FIRST, SECOND)])
    prepared = prepare.prepare_documents(documents, settings)
    pipeline.store_batch(prepared, store, settings, "p1", NOW, [], [])
    articles = prepared.articles
    texts = {a.content_hash: a.text for a in articles}
    assert len(texts) == 2

    # the store as release 0005 left it: blake2b signatures and their bands, and a signature whose
    # article was refused after dedup signed it (no text to sign again)
    with monkeypatch.context() as patched:
        patched.setattr(sig, "xxh3_64_intdigest", _blake2b)
        old = {h: sig.minhash(t) for h, t in texts.items()}
        orphan = sig.minhash("an article that was signed but never stored, for it was refused")
    assert all(old[h] != sig.minhash(t) for h, t in texts.items())
    with store.engine.begin() as c:
        c.execute(article_bands.delete())
        for content_hash, signature in old.items():
            c.execute(article_signatures.update().where(article_signatures.c.content_hash == content_hash)
                      .values(signature=signature))
        c.execute(article_signatures.insert().values(content_hash="f" * 64, key="k", signature=orphan))
        c.execute(article_bands.insert(), [{"band": b, "content_hash": h} for h, s in
                                           [*old.items(), ("f" * 64, orphan)] for b in sig.lsh_bands(s)])
        rewind_to(c, "0005")
    store.engine.dispose()

    store = Store.open(url)  # upgrades to head
    with store.engine.connect() as c:
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() >= "0006"
        signatures = {r.content_hash: r.signature for r in c.execute(select(article_signatures))}
        bands = {(r.band, r.content_hash) for r in c.execute(select(article_bands))}
    assert signatures == {h: sig.minhash(t) for h, t in texts.items()}
    assert bands == {(b, h) for h, t in texts.items() for b in sig.lsh_bands(sig.minhash(t))}

    # and a copy of a stored article is found as its near-duplicate again
    copy = "MOSCOW (Wire) - " + texts[articles[0].content_hash] + "\nReporting by A. Reporter."
    [candidates] = FeedStore(store.engine).signatures_sharing_bands(
        [("other:key", sig.lsh_bands(sig.minhash(copy)))])
    match = most_similar(sig.minhash(copy), ((c, c.signature) for c in candidates), NEAR_DUPLICATE)
    assert match is not None and match[0].content_hash == articles[0].content_hash
    store.engine.dispose()


def test_0007_profiles_every_stored_article_for_the_stories_it_develops(tmp_path, settings, seed_dir):
    url = f"sqlite:///{tmp_path}/old.db"
    store = Store.open(url)
    documents, _ = seeds.read_seed_documents([seed_dir(FIRST, SECOND)])
    pipeline.store_batch(prepare.prepare_documents(documents, settings), store, settings, "p1", NOW, [], [])
    with store.engine.begin() as c:  # the store as release 0006 left it: no article_terms
        developed = set(c.execute(select(claims.c.article_id, claims.c.story_id, claims.c.figure)).all())
        stored = {r.id: (r.title, r.text) for r in c.execute(select(articles))}
        rewind_to(c, "0006")
    assert len(developed) >= 2
    store.engine.dispose()

    store = Store.open(url)  # upgrades to head
    with store.engine.connect() as c:
        rows = c.execute(select(article_terms)).all()
    profiles: dict[tuple, dict[str, int]] = {}
    for r in rows:
        profiles.setdefault((r.article_id, r.story_id, r.figure), {})[r.term] = r.count
    assert profiles == {(a, s, f): article_profile(*stored[a], (f,)) for a, s, f in developed}
    store.engine.dispose()


def test_0008_marks_stored_headlines_for_the_next_pass_to_choose_again(tmp_path, settings, seed_dir):
    url = f"sqlite:///{tmp_path}/old.db"
    store = Store.open(url)
    documents, _ = seeds.read_seed_documents([seed_dir(FIRST)])
    pipeline.store_batch(prepare.prepare_documents(documents, settings), store, settings, "p1", NOW, [], [])
    with store.engine.begin() as c:  # the store as release 0007 left it: the first title, no rule
        rewind_to(c, "0007")
        c.execute(text("UPDATE stories SET headline = 'Sergei Lavrov: a first title'"))
    store.engine.dispose()

    store = Store.open(url)  # upgrades to head
    with store.engine.connect() as c:
        assert c.execute(text("SELECT headline_rule FROM stories")).all() == [(0,)]
    pipeline.run_pass(settings.model_copy(update={"sources": settings.sources.model_copy(
        update={"seeds": []})}), store, now=NOW)  # a pass with nothing new still chooses it again
    [story] = store.stories()
    assert story.headline.startswith("Sergei Lavrov: Where is Sergei Lavrov?")
    store.engine.dispose()


def test_0009_says_why_stored_deliveries_wait(tmp_path, settings, seed_dir):
    from storywatch.storage import Outbox
    from storywatch.storage.schema import deliveries

    url = f"sqlite:///{tmp_path}/old.db"
    store = Store.open(url)
    documents, _ = seeds.read_seed_documents([seed_dir(FIRST)])
    pipeline.store_batch(prepare.prepare_documents(documents, settings), store, settings, "p1", NOW,
                         ["outbox", "hook", "mail", "later"], [])
    outbox = Outbox(store.engine)
    ids = {d.channel: d.delivery_id for d in outbox.due(NOW)}
    outbox.mark_failed([ids["hook"]], "webhook: HTTP 503", NOW, 5, retry_after=7200)
    outbox.hold([ids["mail"]], NOW + timedelta(hours=8), "quiet hours")
    outbox.mark_sent([ids["outbox"]], "k", NOW)
    with store.engine.begin() as c:  # the store as release 0008 left it: no waiting_on, no claimed_by
        rewind_to(c, "0008")
    store.engine.dispose()

    store = Store.open(url)  # upgrades to head
    with store.engine.connect() as c:
        waiting = dict(c.execute(select(deliveries.c.channel, deliveries.c.waiting_on)).all())
    # a Retry-After was not recorded before 0009: the failure's wait is told as its backoff
    assert waiting == {"hook": "backoff", "mail": "hold", "outbox": None, "later": None}


def test_0010_the_article_postings_index_covers_the_story(tmp_path, settings, seed_dir):
    """An article's open stories are found from the postings index alone, in a store from before too."""
    from storywatch.storage.store import _story_postings_query

    url = f"sqlite:///{tmp_path}/old.db"
    store = Store.open(url)
    documents, _ = seeds.read_seed_documents([seed_dir(FIRST, SECOND)])
    pipeline.store_batch(prepare.prepare_documents(documents, settings), store, settings, "p1", NOW, [], [])
    with store.engine.begin() as c:  # the store as release 0009 left it: story_id not in the index
        before = c.execute(select(article_terms)).all()
        rewind_to(c, "0009")
    store.engine.dispose()

    store = Store.open(url)  # upgrades to head
    with store.engine.connect() as c:
        assert [r[2] for r in c.execute(text("PRAGMA index_info(ix_article_terms_postings)"))] == [
            "figure", "term", "article_id", "story_id"]
        query = _story_postings_query(2).text
        params = {"figure": "f", "t0": "a", "t1": "b", "limit": 50, "best": 5}
        plan = " ".join(r[-1] for r in c.execute(text(f"EXPLAIN QUERY PLAN {query}"), params))
        assert "COVERING INDEX ix_article_terms_postings" in plan
        assert c.execute(select(article_terms)).all() == before
    store.engine.dispose()


def test_the_head_read_from_the_migration_files_is_alembics_and_a_store_behind_it_is_upgraded(tmp_path):
    """Store.open skips alembic for a store at head_revision(), so that must be alembic's head."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from storywatch.storage.store import MIGRATIONS, head_revision, schema_revision

    scripts = ScriptDirectory.from_config(Config(str(MIGRATIONS.parent / "alembic.ini")))
    alembic_head = scripts.get_current_head()
    assert head_revision() == alembic_head
    url = f"sqlite:///{tmp_path}/behind.db"
    store = Store.open(url)
    with store.engine.begin() as c:
        assert schema_revision(c) == alembic_head
        rewind_to(c, "0006")
    store.engine.dispose()
    store = Store.open(url)  # behind head: migrated again
    with store.engine.begin() as c:
        assert schema_revision(c) == alembic_head
        assert c.execute(select(article_terms)).all() == []
    store.engine.dispose()

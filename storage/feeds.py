"""Feed state and article copies: what ingestion remembers between passes.

- feeds: per feed URL, the validators for conditional GET (ETag / Last-Modified) and the failure
  state (failures, last_error, next_attempt_at) that spaces out retries of a feed that is down;
- feed_entries: per feed entry, the fingerprint of what the feed said about it and whether its page
  was fetched, so a page is downloaded once and again only when the feed says the entry changed;
- article_signatures + article_bands: MinHash signatures of stored articles and their LSH bands,
  an indexed lookup for near-duplicates (syndicated copies of one wire story), never a scan;
- article_copies: a near-duplicate linked to its original (by content hash); not analysed again,
  but it raises the story's source count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import (
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from .schema import article_bands, article_copies, article_signatures, feed_entries, feeds
from .transactions import transaction


@dataclass(frozen=True)
class SignedArticle:
    """An article's MinHash signature and LSH band keys, to be stored for near-duplicate lookups."""

    content_hash: str
    key: str
    outlet: str | None
    signature: list[int]
    bands: list[str]


@dataclass(frozen=True)
class EntryOutcome:
    """What became of a feed entry's page in a pass: fetched, or failed (with the feed's summary
    used instead, or not)."""

    feed_url: str
    key: str
    link: str | None
    fingerprint: str
    state: str  # fetched | summary | failed
    reason: str | None = None
    retry_after: float | None = None


@dataclass(frozen=True)
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    last_error: str | None = None
    next_attempt_at: datetime | None = None
    last_polled_at: datetime | None = None  # the last answer or failure
    last_ok_at: datetime | None = None  # the last time the feed answered

    def due(self, now: datetime) -> bool:
        return self.next_attempt_at is None or _aware(self.next_attempt_at) <= now


@dataclass(frozen=True)
class EntryState:
    fingerprint: str
    state: str
    failures: int
    next_attempt_at: datetime | None

    def due(self, now: datetime) -> bool:
        return self.next_attempt_at is None or _aware(self.next_attempt_at) <= now


@dataclass(frozen=True)
class StoredSignature:
    """A stored article's near-duplicate signature."""

    content_hash: str
    key: str
    signature: list[int]


def backoff(failures: int, base: float, cap: float, retry_after: float | None = None) -> timedelta:
    """base, 2*base, 4*base... up to cap; never sooner than the server's Retry-After, itself honoured
    up to cap (one answer with a Retry-After of years must not park a feed or page for years)."""
    seconds = min(cap, base * 2 ** max(0, failures - 1))
    return timedelta(seconds=max(seconds, min(retry_after or 0, cap)))


class FeedStore:
    def __init__(self, engine: Engine):
        self.engine = engine

    def _transaction(self):
        return transaction(self.engine)

    # --- feeds --------------------------------------------------------------------------------

    def feed_states(self, urls: list[str]) -> dict[str, FeedState]:
        with self._transaction() as c:
            rows = c.execute(select(feeds).where(feeds.c.url.in_(urls))).all() if urls else []
        return {r.url: FeedState(r.url, r.etag, r.last_modified, r.failures, r.last_error,
                                 _aware_or_none(r.next_attempt_at), _aware_or_none(r.last_polled_at),
                                 _aware_or_none(r.last_ok_at)) for r in rows}

    def record_poll_ok(self, url: str, name: str | None, etag: str | None, last_modified: str | None,
                       now: datetime) -> None:
        self._upsert_feed(url, name=name, etag=etag, last_modified=last_modified, failures=0,
                          last_error=None, next_attempt_at=None, last_polled_at=now, last_ok_at=now)

    def record_poll_failure(self, url: str, name: str | None, reason: str, now: datetime, base: float,
                            cap: float, retry_after: float | None = None) -> datetime:
        failures = (self.feed_states([url]).get(url) or FeedState(url)).failures + 1
        next_attempt = now + backoff(failures, base, cap, retry_after)
        self._upsert_feed(url, name=name, failures=failures, last_error=reason[:2000],
                          next_attempt_at=next_attempt, last_polled_at=now)
        return next_attempt

    def _upsert_feed(self, url: str, **values) -> None:
        for _attempt in range(2):  # a concurrent insert of the same feed: update it instead
            try:
                with self._transaction() as c:
                    if c.execute(select(feeds.c.url).where(feeds.c.url == url)).first():
                        c.execute(update(feeds).where(feeds.c.url == url).values(**values))
                    else:
                        c.execute(insert(feeds).values(url=url, **{"failures": 0, **values}))
                return
            except IntegrityError:
                continue

    # --- entries ------------------------------------------------------------------------------

    def entry_states(self, feed_url: str, keys: list[str]) -> dict[str, EntryState]:
        if not keys:
            return {}
        with self._transaction() as c:
            rows = c.execute(select(feed_entries).where(
                feed_entries.c.feed_url == feed_url, feed_entries.c.entry_key.in_(keys))).all()
        return {r.entry_key: EntryState(r.fingerprint, r.state, r.failures, r.next_attempt_at)
                for r in rows}

    def record_entries(self, outcomes: list[EntryOutcome], now: datetime, base: float = 300,
                       cap: float = 21_600) -> None:
        """What became of a batch of entries' pages, in one transaction: 'fetched' clears failures;
        'summary' or 'failed' schedules a retry with backoff."""
        outcomes = list({(o.feed_url, o.key): o for o in outcomes}.values())
        for _attempt in range(2):
            try:
                with self._transaction() as c:
                    rows = {}
                    for chunk in _chunks(outcomes, 500):
                        rows.update({(r.feed_url, r.entry_key): r for r in c.execute(
                            select(feed_entries.c.id, feed_entries.c.feed_url, feed_entries.c.entry_key,
                                   feed_entries.c.failures)
                            .where(feed_entries.c.entry_key.in_({o.key for o in chunk})))})
                    inserts = []
                    for outcome in outcomes:
                        row = rows.get((outcome.feed_url, outcome.key))
                        values = _entry_values(outcome, row.failures if row else 0, now, base, cap)
                        if row:
                            c.execute(update(feed_entries).where(feed_entries.c.id == row.id)
                                      .values(**values))
                        else:
                            inserts.append({"feed_url": outcome.feed_url, "entry_key": outcome.key, **values})
                    if inserts:
                        c.execute(insert(feed_entries), inserts)
                return
            except IntegrityError:  # another pass inserted one of these entries first: again, as updates
                continue

    def due_retries(self, feed_url: str, now: datetime, limit: int = 50) -> list[tuple[str, str]]:
        """(entry key, link) of entries whose page failed and whose backoff has passed."""
        with self._transaction() as c:
            e = feed_entries.c
            rows = c.execute(select(e.entry_key, e.link, e.next_attempt_at)
                             .where(feed_entries.c.feed_url == feed_url, feed_entries.c.state != "fetched",
                                    feed_entries.c.link.is_not(None))
                             .order_by(feed_entries.c.next_attempt_at).limit(limit * 4)).all()
        return [(r.entry_key, r.link) for r in rows
                if r.next_attempt_at is None or _aware(r.next_attempt_at) <= now][:limit]

    # --- near-duplicates ----------------------------------------------------------------------

    def add_signatures(self, signed: list[SignedArticle]) -> None:
        """Signatures and their LSH bands of a batch of articles, in one transaction; one already
        stored (another writer, or an earlier version with the same text) is left as it is."""
        if not signed:
            return
        for _attempt in range(2):
            try:
                with self._transaction() as c:
                    hashes = [s.content_hash for s in signed]
                    stored = set(c.execute(select(article_signatures.c.content_hash).where(
                        article_signatures.c.content_hash.in_(hashes))).scalars())
                    new = [s for s in {s.content_hash: s for s in signed}.values()
                           if s.content_hash not in stored]
                    if not new:
                        return
                    c.execute(insert(article_signatures), [
                        {"content_hash": s.content_hash, "key": s.key, "outlet": s.outlet,
                         "signature": s.signature} for s in new])
                    c.execute(insert(article_bands), [{"band": b, "content_hash": s.content_hash}
                                                      for s in new for b in dict.fromkeys(s.bands)])
                return
            except IntegrityError:  # another writer stored one of them meanwhile: again, without it
                continue

    def signatures_sharing_bands(self, queries: list[tuple[str, list[str]]],
                                 limit: int = 50) -> list[list[StoredSignature]]:
        """For each (key, bands): the stored signatures of other keys that share the most bands
        with it, the candidates of a near-duplicate; a batch in two queries. Bounded whatever the
        store: at most `limit` candidates an article, never a scan. Which of them is a copy is
        decided by the caller (flows/pipeline.py), for stored and in-batch articles alike."""
        results: list[list[StoredSignature]] = []
        for chunk in (queries[i:i + 200] for i in range(0, len(queries), 200)):
            with self._transaction() as c:
                holders: dict[str, list[str]] = {}
                for row in c.execute(select(article_bands.c.band, article_bands.c.content_hash)
                                     .where(article_bands.c.band.in_({b for q in chunk for b in q[1]}))
                                     .limit(limit * 20 * len(chunk))):
                    holders.setdefault(row.band, []).append(row.content_hash)
                wanted = []
                for _key, bands in chunk:
                    shared: dict[str, int] = {}
                    for band in dict.fromkeys(bands):
                        for content_hash in holders.get(band, ()):
                            shared[content_hash] = shared.get(content_hash, 0) + 1
                    wanted.append(sorted(shared, key=lambda h: (-shared[h], h))[:limit])
                stored = {r.content_hash: StoredSignature(r.content_hash, r.key, r.signature)
                          for r in c.execute(
                              select(article_signatures.c.content_hash, article_signatures.c.key,
                                     article_signatures.c.signature)
                              .where(article_signatures.c.content_hash.in_({h for w in wanted for h in w})))}
            results.extend([stored[h] for h in hashes if h in stored and stored[h].key != key]
                           for (key, _bands), hashes in zip(chunk, wanted, strict=True))
        return results

    def record_copy(self, original_hash: str, key: str, url: str | None, outlet: str | None,
                    similarity: float, pass_id: str, now: datetime) -> None:
        try:
            with self._transaction() as c:
                c.execute(_INSERT_COPY, {  # built once: a pass links its copies one by one
                    "original_hash": original_hash, "key": key, "url": url, "outlet": outlet,
                    "similarity": similarity, "pass_id": pass_id, "first_seen": now})
        except IntegrityError:
            return  # already linked

    def copies(self, original_hash: str) -> list[dict]:
        with self._transaction() as c:
            rows = c.execute(select(article_copies).where(
                article_copies.c.original_hash == original_hash)).all()
        return [dict(r._mapping) for r in rows]


_INSERT_COPY = insert(article_copies)


def _aware(value: datetime) -> datetime:
    """SQLite returns naive datetimes; the store writes UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _aware_or_none(value: datetime | None) -> datetime | None:
    return None if value is None else _aware(value)



def _entry_values(outcome: EntryOutcome, failures_before: int, now: datetime, base: float,
                  cap: float) -> dict:
    fetched = outcome.state == "fetched"
    failures = 0 if fetched else failures_before + 1
    return dict(link=outcome.link, fingerprint=outcome.fingerprint, state=outcome.state,
                failures=failures, last_error=outcome.reason[:2000] if outcome.reason else None,
                seen_at=now, next_attempt_at=None if fetched
                else now + backoff(failures, base, cap, outcome.retry_after))


def _chunks(items: list, size: int) -> list[list]:
    """Bounded IN lists (SQLite allows some thousands of parameters a statement)."""
    return [items[i:i + size] for i in range(0, len(items), size)]

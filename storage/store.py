"""The store: the only code that talks to the database.

SQLite (WAL) by default, PostgreSQL by URL. Every write is keyed so that a rerun, a crash halfway
or two workers at once leave no duplicate article, claim, development or alert. An article, its
claims, and the alerts they cause are written in one transaction (the outbox).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BindParameter,
    Connection,
    CursorResult,
    Text,
    TextClause,
    bindparam,
    case,
    cast,
    create_engine,
    event,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from storywatch.errors import StorageError
from storywatch.profiles import STORY_ARTICLES
from storywatch.records import (
    Alert,
    Article,
    ArticleDevelopment,
    ArticleRef,
    Candidate,
    Claim,
    Delivery,
    PlannedClaim,
    StoredAlert,
    StoredClaim,
    Story,
    StoryProfile,
    StoryState,
    StorySummary,
)

from .schema import alerts, article_copies, article_terms, articles, claim_terms, claims, deliveries, stories
from .transactions import one_line, transaction, utc

CANDIDATE_LIMIT = 20
MIGRATION_LOCK = 0x73776D67  # the pg_advisory_xact_lock key for migrations ('swmg')
POSTINGS_PER_TERM = 50  # per term: rare terms still reach old claims, common ones stay cheap
CANDIDATE_CACHE_SIZE = 20_000


@dataclass(frozen=True)
class Seen:
    """What the store already holds for an article: nothing, the same text, or an older version."""

    state: str  # "new" | "duplicate" | "version"
    version: int = 1
    previous_text: str | None = None


MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"""^(down_revision|revision)\s*=\s*['"]?([^'"\s]+)['"]?\s*$""", re.MULTILINE)


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest migration's revision, read from the migration files' text: a store already at
    it opens without importing alembic and every migration (half a second of every command)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION.findall(path.read_text(encoding="utf-8")))
        if "revision" in found:
            revisions.add(found["revision"])
            parents.add(found.get("down_revision"))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else ""  # "" (several heads): alembic decides


def schema_revision(connection: Connection) -> str | None:
    """The revision the database's schema is at; None for a database without storywatch's tables."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(connection: Connection) -> None:
    """Bring the schema up to date with alembic, in the caller's transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config(str(MIGRATIONS.parent / "alembic.ini"))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


EXAMPLE_URL = "sqlite:///data/storywatch.db"  # shown in errors: the form of a URL


class Store:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._candidate_cache: dict[int, Candidate] = {}  # stored claims never change

    @classmethod
    def open(cls, url: str, *, make_folder: bool = True, must_exist: bool = False) -> Store:
        """Connect and bring the schema up to date; a bad URL or a down server is a StorageError.

        A SQLite file's folder is made when `make_folder` (the default data folder), else a missing
        folder is an error: a mistyped path would start an empty store and alert everything again.
        With `must_exist` (commands that only read), a SQLite file that is not there is an error."""
        if url.startswith("sqlite:///"):
            path = Path(url.removeprefix("sqlite:///"))
            if must_exist and not path.is_file():
                raise StorageError(f"no database at {path}: nothing has been stored there yet "
                                   f"(`storywatch run` makes it); the runs' database is --db, "
                                   f"STORYWATCH_DB_URL or storage.url, by default {EXAMPLE_URL}")
            if not path.parent.is_dir() and not make_folder:
                raise StorageError(f"the database's folder {path.parent} does not exist: create it "
                                   f"(mkdir -p {path.parent}) or give --db a path in a folder that "
                                   f"exists, such as {EXAMPLE_URL}")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"cannot create the database's folder {path.parent}: {exc.strerror}; "
                                   f"give --db a path in a folder you can write, such as "
                                   f"{EXAMPLE_URL}") from exc
        try:
            engine = create_engine(url, future=True)
        except (SQLAlchemyError, ValueError, ImportError) as exc:
            raise StorageError(f"invalid database URL {redact(url)!r}: {one_line(exc)}; a URL reads "
                               f"{EXAMPLE_URL} or postgresql+psycopg://user@host:5432/dbname") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        try:
            with engine.begin() as connection:
                if engine.dialect.name == "postgresql":
                    # Workers starting at once on a fresh database would both create the tables
                    # (one fails, or blocks on the other): migrate one at a time. The lock is
                    # released when this transaction ends.
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
                if schema_revision(connection) != head_revision():
                    migrate(connection)
        except SQLAlchemyError as exc:  # a DBAPIError carries the driver's own error in .orig
            reason = one_line(getattr(exc, "orig", None) or exc)
            raise StorageError(f"cannot open database {redact(url)}: {reason}") from exc
        return cls(engine)

    def _transaction(self) -> AbstractContextManager[Connection]:
        return transaction(self.engine)

    # --- reading before a write ---------------------------------------------------------------

    def seen(self, article: Article) -> Seen:
        """What the store already holds for one article (see seen_many)."""
        return self.seen_many([article])[0]

    def seen_many(self, batch: list[Article]) -> list[Seen]:
        """What the store already holds for each article of a batch, in three queries: the same text
        (duplicate), an older version under the same key (version, with its text), or nothing (new)."""
        if not batch:
            return []
        hashes = list({a.content_hash for a in batch})
        keys = list({a.key for a in batch})
        with self._transaction() as c:
            stored = set(c.execute(select(articles.c.content_hash)
                                   .where(articles.c.content_hash.in_(hashes))).scalars())
            latest = (select(articles.c.key, func.max(articles.c.version).label("version"))
                      .where(articles.c.key.in_(keys)).group_by(articles.c.key).subquery())
            versions = {r.key: (r.version, r.text) for r in c.execute(
                select(articles.c.key, articles.c.version, articles.c.text).join(
                    latest, (articles.c.key == latest.c.key) & (articles.c.version == latest.c.version)))}
        seen = []
        for article in batch:
            if article.content_hash in stored:
                seen.append(Seen("duplicate"))
            elif article.key in versions:
                version, previous = versions[article.key]
                seen.append(Seen("version", version + 1, previous))
            else:
                seen.append(Seen("new"))
        return seen

    def candidates(self, figure: str, terms: Iterable[str], since: datetime,
                   in_story: str | None = None) -> list[Candidate]:
        """Earlier claims about the figure, in open stories, sharing the most terms; with
        `in_story`, those of the CANDIDATE_LIMIT best that are that story's (the same claims as
        filtering the full answer by story, without decoding the others: a large store's best
        claims are mostly other stories', and decoding them was most of what it cost more).

        Bounded whatever the size of the store: each term contributes only its most recent
        POSTINGS_PER_TERM claims (an index range, never a scan), at most CANDIDATE_LIMIT claims
        come back, and stored claims (immutable) are decoded once and cached."""
        terms, params = _postings_params(figure, terms)
        if not terms:
            return []
        with self._transaction() as c:
            # the database counts the shared terms: only the best rows come back, however many
            # postings the terms have (a large store's terms all have their full POSTINGS_PER_TERM)
            shared: dict[int, int] = {r[0]: r[1] for r in c.execute(_postings_query(len(terms)), params)}
            best = list(shared)
            if not best:
                return []
            # Two primary-key lookups, not a join: a planner that starts from the story window
            # would scan every open story.
            story_of: dict[int, str] = {r[0]: r[1] for r in c.execute(_STORY_OF, {"ids": best})}
            open_stories = set(c.execute(_OPEN_STORIES, {"ids": list(set(story_of.values())),
                                                         "since": since}).scalars())
            open_ids = [i for i, story in story_of.items() if story in open_stories]
            chosen = sorted(open_ids, key=lambda i: (shared[i], i), reverse=True)[:CANDIDATE_LIMIT]
            if in_story is not None:
                chosen = [i for i in chosen if story_of[i] == in_story]
            decoded = self._decoded(c, chosen)
        return [decoded[i] for i in chosen if i in decoded]

    def story_claims(self, story_id: str, limit: int) -> list[Candidate]:
        """The story's most recent claims (at most `limit`), oldest first, with their terms, each
        claim decoded once (the candidate cache). A story's headline is chosen again from them each
        time an article develops it, so without the cache every claim of a growing story was read
        and decoded again per article."""
        with self._transaction() as c:
            ids = list(c.execute(_STORY_CLAIM_IDS, {"story_id": story_id, "limit": limit}).scalars())
            decoded = self._decoded(c, ids)
        return [decoded[i] for i in reversed(ids) if i in decoded]

    def _decoded(self, c: Connection, ids: list[int]) -> dict[int, Candidate]:
        """These stored claims as candidates, from the cache or read and decoded (then cached)."""
        decoded = {i: self._candidate_cache[i] for i in ids if i in self._candidate_cache}
        missing = [i for i in ids if i not in decoded]
        if not missing:
            return decoded
        rows = c.execute(_CANDIDATE_ROWS, {"ids": missing}).all()
        by_claim: dict[int, set[str]] = {}
        for claim_id, term in c.execute(_CANDIDATE_TERMS, {"ids": missing}):
            by_claim.setdefault(claim_id, set()).add(term)
        if len(self._candidate_cache) > CANDIDATE_CACHE_SIZE:
            self._candidate_cache.clear()
        for r in rows:
            stored = _stored(r, Claim.model_validate_json(r.claim_json))
            decoded[r.id] = self._candidate_cache[r.id] = Candidate(stored=stored,
                                                                    terms=frozenset(by_claim.get(r.id, ())))
        return decoded

    # --- the one write of an article ----------------------------------------------------------

    def story_states(self, story_ids: Iterable[str], pass_id: str) -> dict[str, StoryState]:
        """The stored stories among these ids, each with the alert this pass wrote for it (if any)
        and the outlets carrying it: what the stories package decides an article's alerts from."""
        states = {}
        with self._transaction() as c:
            for story_id in sorted(set(story_ids)):
                row = c.execute(_STORY_ROW, {"b_story": story_id}).first()
                if row is None:
                    continue
                alert = c.execute(_ALERT_PAYLOAD, {"b_key": f"{story_id}:{pass_id}"}).scalar()
                states[story_id] = StoryState(
                    story=Story(id=row.id, figures=tuple(row.figures), headline=row.headline,
                                created_pass=row.created_pass, first_seen=row.first_seen,
                                last_claim_at=row.last_claim_at),
                    alert=None if alert is None else Alert.model_validate(alert),
                    outlets=frozenset(self._outlets(c, story_id)))
        return states

    def linkable_stories(self, figure: str, profile: dict[str, int], since: datetime,
                         limit: int) -> list[StoryProfile]:
        """The open stories of the figure that an article with this profile may develop: those
        whose articles share the most of its terms (at most `limit`), with their profiles.

        Bounded whatever the size of the store, as candidates() is: each term contributes only its
        most recent POSTINGS_PER_TERM article postings (an index range, never a scan)."""
        terms, params = _postings_params(figure, profile)
        if not terms:
            return []
        with self._transaction() as c:
            postings = c.execute(_story_postings_query(len(terms)), params)
            shared: dict[str, int] = {r[0]: r[1] for r in postings}
            if not shared:
                return []
            open_stories = set(c.execute(_OPEN_STORIES, {"ids": list(shared), "since": since}).scalars())
        chosen = sorted(open_stories, key=lambda i: (shared[i], i), reverse=True)[:limit]
        return self.story_profiles(chosen)

    def story_profiles(self, story_ids: Iterable[str]) -> list[StoryProfile]:
        """The stories' profiles (the sum of their first STORY_ARTICLES articles' profiles) and last
        claim times."""
        ids = sorted(set(story_ids))
        if not ids:
            return []
        terms: dict[str, dict[str, int]] = {i: {} for i in ids}
        with self._transaction() as c:
            last = {r[0]: r[1] for r in c.execute(_STORIES_LAST_CLAIM, {"ids": ids})}
            for story_id, term, count in c.execute(_STORY_TERMS, {"ids": ids}):
                terms[story_id][term] = int(count)
        return [StoryProfile(story_id=i, terms=terms[i], last_claim_at=utc(last[i]))
                for i in ids if i in last]

    def copy_outlets(self, content_hash: str) -> frozenset[str]:
        """The outlets of an article's linked syndicated copies (storage/feeds.py)."""
        with self._transaction() as c:
            return frozenset(c.execute(_COPY_OUTLETS, {"b_hash": content_hash}).scalars())

    # --- the one write of an article ----------------------------------------------------------

    def record_article(self, article: Article, version: int, developed: ArticleDevelopment,
                       pass_id: str, now: datetime, channels: list[str]) -> bool:
        """Store an article, the stories it starts, its claims and the alerts they cause, atomically.

        Returns False when another writer stored the same text first (nothing is written)."""
        try:
            with self._transaction() as c:
                article_id = _inserted_id(c.execute(_INSERT_ARTICLE, _article_row(article, version, pass_id,
                                                                                  now)))
                # The stories this article develops, locked in one order (by id) before anything
                # else touches them: two writers developing the same stories never wait on each
                # other in a cycle (on PostgreSQL that is a deadlock, and one of them aborts).
                at = developed.at or now  # a story keeps its latest claim time, whatever the order
                for story_id in sorted({p.development.story_id for p in developed.claims}):
                    c.execute(_TOUCH_STORY, {"b_story": story_id, "b_at": at})
                for story in developed.new_stories:
                    if not c.execute(_STORY_ID, {"b_story": story.id}).first():
                        c.execute(_INSERT_STORY, {
                            "id": story.id, "figures": list(story.figures), "headline": story.headline,
                            "first_seen": story.first_seen, "last_claim_at": story.last_claim_at,
                            "created_pass": story.created_pass})
                for story_id, headline in sorted(developed.headlines.items()):  # chosen again with it
                    c.execute(_SET_HEADLINE, {"b_story": story_id, "b_headline": headline,
                                              "b_rule": developed.headline_rule})
                for item in developed.claims:
                    self._insert_claim(c, article_id, item, now)
                profiled = sorted({(p.development.story_id, p.development.figure) for p in developed.claims})
                rows = [{"article_id": article_id, "story_id": story_id, "figure": figure, "term": term[:100],
                         "count": count}
                        for story_id, figure in profiled
                        for term, count in sorted(developed.profiles.get(figure, {}).items())]
                if rows:
                    c.execute(_INSERT_ARTICLE_TERMS, rows)
                for alert in developed.alerts:
                    self._write_alert(c, alert, pass_id, now, channels)
        except IntegrityError:
            return False
        return True

    def record_articles_without_claims(self, batch: list[tuple[Article, int]], pass_id: str,
                                       now: datetime) -> list[bool]:
        """record_article for (article, version) pairs that plan no claims (most of a feed's), in
        one write instead of one each; whether each was stored. If another writer stored one of
        the texts first, they are stored one by one, so only that one is refused."""
        nothing = ArticleDevelopment()
        if len(batch) < 2:
            return [self.record_article(a, v, nothing, pass_id, now, []) for a, v in batch]
        try:
            with self._transaction() as c:
                c.execute(insert(articles), [_article_row(a, v, pass_id, now) for a, v in batch])
        except IntegrityError:
            return [self.record_article(a, v, nothing, pass_id, now, []) for a, v in batch]
        return [True] * len(batch)

    def _insert_claim(self, c: Connection, article_id: int, item: PlannedClaim, now: datetime) -> None:
        d = item.development
        claim_id = _inserted_id(c.execute(_INSERT_CLAIM, {
            "article_id": article_id, "story_id": d.story_id, "figure": d.figure, "label": d.label,
            "before_id": d.before.id if d.before else None, "changed": list(d.changed),
            "claim": d.claim.model_dump(mode="json"), "first_seen": now, "claim_start": d.claim.span[0],
        }))
        if item.terms:
            c.execute(_INSERT_CLAIM_TERMS, [
                {"claim_id": claim_id, "term": t[:100], "figure": d.figure} for t in sorted(item.terms)
            ])

    @staticmethod
    def _write_alert(c: Connection, alert: Alert, pass_id: str, now: datetime, channels: list[str]) -> None:
        """The alert as the stories decided it: new, with a pending delivery per channel, or the
        pass's earlier alert of the story, rewritten with what a later article added."""
        payload = alert.model_dump(mode="json")
        existing = c.execute(_ALERT_ID, {"b_key": alert.key}).scalar()
        if existing is not None:
            c.execute(_SET_ALERT_PAYLOAD, {"b_id": existing, "b_payload": payload})
            return
        alert_id = _inserted_id(c.execute(_INSERT_ALERT, {
            "key": alert.key, "story_id": alert.story_id, "kind": alert.kind, "pass_id": pass_id,
            "payload": payload, "created_at": now,
        }))
        if channels:
            c.execute(_INSERT_DELIVERIES, [
                {"alert_id": alert_id, "channel": ch, "state": "pending", "attempts": 0,
                 "next_attempt_at": now} for ch in channels
            ])

    @staticmethod
    def _outlets(c: Connection, story_id: str) -> set[str]:
        """Distinct outlets of the story's articles and of their linked copies (storage/feeds.py):
        a syndicated copy is not analysed again, but it is one more source carrying the story."""
        outlets = set(c.execute(_STORY_OUTLETS, {"b_story": story_id}).scalars())
        outlets |= set(c.execute(_STORY_COPY_OUTLETS, {"b_story": story_id}).scalars())
        return outlets

    # --- reading for people -------------------------------------------------------------------

    def alerts(self, pass_id: str | None = None, limit: int = 100,
               figure: str | None = None) -> list[StoredAlert]:
        """Alerts, newest first, each with its delivery state per channel; with `figure`, only
        those of stories with a claim about that watchlist name."""
        query = select(alerts).order_by(alerts.c.id.desc()).limit(limit)
        if pass_id is not None:
            query = query.where(alerts.c.pass_id == pass_id)
        if figure is not None:
            query = query.where(alerts.c.story_id.in_(
                select(claims.c.story_id).where(claims.c.figure == figure)))
        with self._transaction() as c:
            rows = c.execute(query).all()
            ids = [r.id for r in rows]
            drows = c.execute(select(deliveries).where(deliveries.c.alert_id.in_(ids))).all() if ids else []
        by_alert: dict[int, list[Delivery]] = {}
        for d in drows:
            by_alert.setdefault(d.alert_id, []).append(Delivery(
                channel=d.channel, state=d.state, attempts=d.attempts, last_error=d.last_error,
                sent_at=utc(d.sent_at) if d.sent_at else None, note=d.note, waiting_on=d.waiting_on,
                next_attempt_at=utc(d.next_attempt_at) if d.next_attempt_at else None,
                claimed_by=d.claimed_by))
        return [StoredAlert(alert=Alert.model_validate(r.payload), created_at=r.created_at,
                            deliveries=tuple(by_alert.get(r.id, ()))) for r in rows]

    def stories(self) -> list[StorySummary]:
        with self._transaction() as c:
            outlet = func.coalesce(articles.c.outlet, articles.c.key)
            rows = c.execute(
                select(stories, func.count(claims.c.id).label("n_claims"),
                       func.count(func.distinct(claims.c.article_id)).label("n_articles"),
                       func.count(func.distinct(outlet)).label("n_sources"))
                .join(claims, claims.c.story_id == stories.c.id)
                .join(articles, articles.c.id == claims.c.article_id)
                .group_by(stories.c.id)
                .order_by(stories.c.last_claim_at.desc())
            ).all()
            # with linked syndicated copies (storage/feeds.py), as alerts count them
            sources = {r.id: len(self._outlets(c, r.id)) for r in rows}
        return [StorySummary(id=r.id, figures=tuple(r.figures), headline=r.headline,
                             first_seen=r.first_seen, last_claim_at=r.last_claim_at,
                             claims=r.n_claims, articles=r.n_articles, sources=sources[r.id])
                for r in rows]

    def claims(self, figure: str | None = None, limit: int = 1000) -> list[tuple[StoredClaim, str]]:
        query = (select(claims, articles.c.key, articles.c.url, articles.c.title, articles.c.outlet,
                        articles.c.published)
                 .join(articles, articles.c.id == claims.c.article_id)
                 .order_by(claims.c.id).limit(limit))
        if figure:
            query = query.where(func.lower(claims.c.figure) == figure.lower())
        with self._transaction() as c:
            rows = c.execute(query).all()
        return [(_stored(r), r.label) for r in rows]


def _inserted_id(result: CursorResult[Any]) -> int:
    """The primary key of the row a single-row INSERT wrote."""
    key = result.inserted_primary_key  # typed Optional; a single-row insert() always has it
    if key is None:
        raise StorageError("the database returned no primary key for an inserted row")
    return key[0]


# The statements of candidates(), built once: constructing a select and its IN list per call cost
# SQLAlchemy more than the query cost SQLite, and a large store reads ~3x the candidates a small
# one does (their first decode), so this was a share of what a growing store costs per article.
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)  # claim ids or story ids
_STORY_OF = select(claims.c.id, claims.c.story_id).where(claims.c.id.in_(_IDS))
_OPEN_STORIES = select(stories.c.id).where(stories.c.id.in_(_IDS),
                                           stories.c.last_claim_at >= bindparam("since"))
# the claim as its JSON text: pydantic parses it in one step (json.loads then validation: 1.6x the time)
_CANDIDATE_ROWS = (select(claims.c.id, claims.c.story_id, cast(claims.c.claim, Text).label("claim_json"),
                          claims.c.first_seen, articles.c.key, articles.c.url, articles.c.title,
                          articles.c.outlet, articles.c.published)
                   .join(articles, articles.c.id == claims.c.article_id).where(claims.c.id.in_(_IDS)))
# a story's profile: the sum of its first STORY_ARTICLES articles' profiles (storywatch.profiles)
_NTH_ARTICLE = (select(article_terms.c.story_id, article_terms.c.term, article_terms.c.count,
                       func.dense_rank().over(partition_by=article_terms.c.story_id,
                                              order_by=article_terms.c.article_id).label("nth"))
                .where(article_terms.c.story_id.in_(_IDS)).subquery())
_STORY_TERMS = (select(_NTH_ARTICLE.c.story_id, _NTH_ARTICLE.c.term, func.sum(_NTH_ARTICLE.c.count))
                .where(_NTH_ARTICLE.c.nth <= STORY_ARTICLES)
                .group_by(_NTH_ARTICLE.c.story_id, _NTH_ARTICLE.c.term))
_CANDIDATE_TERMS = select(claim_terms.c.claim_id, claim_terms.c.term).where(claim_terms.c.claim_id.in_(_IDS))
# The statements of an article's development and write (story_states, linkable_stories,
# copy_outlets, record_article), built once for the same reason: a statement built per call cost
# SQLAlchemy its construction and cache key each time, more than SQLite took to run most of them.
_STORY: BindParameter[Any] = bindparam("b_story")
_AT: BindParameter[Any] = bindparam("b_at", type_=stories.c.last_claim_at.type)
_STORY_ROW = select(stories).where(stories.c.id == _STORY)
_STORY_ID = select(stories.c.id).where(stories.c.id == _STORY)
_STORIES_LAST_CLAIM = select(stories.c.id, stories.c.last_claim_at).where(stories.c.id.in_(_IDS))
_TOUCH_STORY = update(stories).where(stories.c.id == _STORY).values(
    last_claim_at=case((stories.c.last_claim_at < _AT, _AT), else_=stories.c.last_claim_at))
_SET_HEADLINE = update(stories).where(stories.c.id == _STORY).values(
    headline=bindparam("b_headline", type_=stories.c.headline.type),
    headline_rule=bindparam("b_rule", type_=stories.c.headline_rule.type))
_INSERT_STORY = insert(stories)
_INSERT_ARTICLE = insert(articles)
_INSERT_ARTICLE_TERMS = insert(article_terms)
_INSERT_CLAIM = insert(claims)
_INSERT_CLAIM_TERMS = insert(claim_terms)
_ALERT_PAYLOAD = select(alerts.c.payload).where(alerts.c.key == bindparam("b_key"))
_ALERT_ID = select(alerts.c.id).where(alerts.c.key == bindparam("b_key"))
_SET_ALERT_PAYLOAD = update(alerts).where(alerts.c.id == bindparam("b_id")).values(
    payload=bindparam("b_payload", type_=alerts.c.payload.type))
_INSERT_ALERT = insert(alerts)
_INSERT_DELIVERIES = insert(deliveries)
_COPY_OUTLETS = (select(func.coalesce(article_copies.c.outlet, article_copies.c.key))
                 .where(article_copies.c.original_hash == bindparam("b_hash")).distinct())
# a story's outlets: those of its articles, and of their linked copies (Store._outlets)
_STORY_ARTICLES = claims.join(articles, articles.c.id == claims.c.article_id)
_STORY_OUTLETS = (select(func.coalesce(articles.c.outlet, articles.c.key)).select_from(_STORY_ARTICLES)
                  .where(claims.c.story_id == _STORY).distinct())
_STORY_COPY_OUTLETS = (select(func.coalesce(article_copies.c.outlet, article_copies.c.key))
                       .where(article_copies.c.original_hash.in_(
                           select(articles.c.content_hash).select_from(_STORY_ARTICLES)
                           .where(claims.c.story_id == _STORY))).distinct())
_STORY_CLAIM_IDS = (select(claims.c.id).where(claims.c.story_id == bindparam("story_id"))
                    .order_by(claims.c.id.desc()).limit(bindparam("limit")))


@lru_cache(maxsize=64)
def _postings_query(n_terms: int) -> TextClause:
    """The `:best` claims sharing the most of n terms (ties: the most recent), counted over each
    term's most recent `:limit` postings, as (claim_id, shared terms): one statement, built once
    per n (building SQLAlchemy constructs per call cost more than the query)."""
    parts = [
        f"SELECT claim_id FROM (SELECT claim_id FROM claim_terms WHERE figure = :figure "
        f"AND term = :t{i} ORDER BY claim_id DESC LIMIT :limit) AS p{i}"
        for i in range(n_terms)
    ]
    return text(f"SELECT claim_id, COUNT(*) AS shared FROM ({' UNION ALL '.join(parts)}) AS postings "
                f"GROUP BY claim_id ORDER BY shared DESC, claim_id DESC LIMIT :best")


def _postings_params(figure: str, terms: Iterable[str]) -> tuple[list[str], dict[str, Any]]:
    """The distinct terms (as stored: at most 100 characters) and the parameters of a postings
    query over them: the figure, each term's `:limit` and the `:best` rows kept."""
    distinct = sorted({t[:100] for t in terms})
    params: dict[str, Any] = {"figure": figure, "limit": POSTINGS_PER_TERM, "best": CANDIDATE_LIMIT * 2}
    params.update({f"t{i}": term for i, term in enumerate(distinct)})
    return distinct, params


@lru_cache(maxsize=64)
def _story_postings_query(n_terms: int) -> TextClause:
    """The `:best` stories sharing the most of n profile terms with an article, counted over each
    term's most recent `:limit` article postings, as (story_id, shared terms)."""
    parts = [
        f"SELECT story_id, term FROM (SELECT story_id, term FROM article_terms WHERE figure = :figure "
        f"AND term = :t{i} ORDER BY article_id DESC LIMIT :limit) AS p{i}"
        for i in range(n_terms)
    ]
    return text(f"SELECT story_id, COUNT(DISTINCT term) AS shared FROM ({' UNION ALL '.join(parts)}) "
                f"AS postings GROUP BY story_id ORDER BY shared DESC, story_id LIMIT :best")


def _stored(row, claim: Claim | None = None) -> StoredClaim:
    """A stored claim from its row (`claim`: the row's claim, when already parsed)."""
    return StoredClaim(
        id=row.id, story_id=row.story_id,
        claim=claim if claim is not None else Claim.model_validate(row.claim),
        article=ArticleRef(key=row.key, url=row.url, title=row.title, outlet=row.outlet,
                           published=row.published),
        first_seen=row.first_seen,
    )


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")  # with WAL: no fsync per commit, still crash-safe
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def redact(url: str) -> str:
    """A URL safe to print: no password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is printed as given, it has no password
        return url


def _article_row(article: Article, version: int, pass_id: str, now: datetime) -> dict:
    return {"key": article.key, "version": version, "url": article.url, "title": article.title,
            "outlet": article.outlet, "published": article.published, "text": article.text,
            "content_hash": article.content_hash, "origin": article.origin, "pass_id": pass_id,
            "first_seen": now}

"""Reading stories for people and for their headlines: a story's timeline article by article with
the alerts sent for it, the stories whose headline an earlier rule chose, and the stories an id
prefix names (a story's claims with their terms are the store's: Store.story_claims)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, select, update
from sqlalchemy.engine import Engine

from storywatch.records import (
    Alert,
    ArticleRef,
    Claim,
    Delivery,
    StoredAlert,
    Story,
    StoryTimeline,
    TimelineArticle,
    TimelineClaim,
)

from .schema import alerts, articles, claims, deliveries, stories
from .store import Store
from .transactions import transaction

# A story's headline is chosen from its most recent claims: a story of hundreds of articles costs
# what one of this many claims does (its titles are all read: one row per article).
HEADLINE_CLAIMS = 400
PREFIX_MATCHES = 10  # ids listed when a prefix is ambiguous


class StoryReader:
    def __init__(self, engine: Engine):
        self.engine = engine

    def stale_headlines(self, rule: int, limit: int) -> list[tuple[str, str]]:
        """(story id, figure) of stories whose headline an earlier rule chose, most recent first."""
        query = (select(stories.c.id, stories.c.figures).where(stories.c.headline_rule < rule)
                 .order_by(stories.c.last_claim_at.desc()).limit(limit))
        with transaction(self.engine) as c:
            return [(r.id, r.figures[0]) for r in c.execute(query) if r.figures]

    def set_headlines(self, headlines: Mapping[str, str], rule: int) -> None:
        with transaction(self.engine) as c:
            for story_id, headline in sorted(headlines.items()):
                c.execute(update(stories).where(stories.c.id == story_id)
                          .values(headline=headline, headline_rule=rule))

    def matching_ids(self, prefix: str) -> list[str]:
        """The ids of stories starting with `prefix` (case-insensitive), at most PREFIX_MATCHES."""
        wanted = prefix.strip().lower()
        if not wanted or any(ch not in "0123456789abcdef" for ch in wanted):
            return []  # story ids are hex: nothing else can match, and LIKE wildcards stay out
        query = select(stories.c.id).where(stories.c.id.like(f"{wanted}%")).order_by(stories.c.id)
        with transaction(self.engine) as c:
            return list(c.execute(query.limit(PREFIX_MATCHES)).scalars())

    def timeline(self, story_id: str) -> StoryTimeline | None:
        """The story article by article, in the order they developed it, with what each added
        (claims with labels) and the alerts sent for it, oldest first."""
        with transaction(self.engine) as c:
            row = c.execute(select(stories).where(stories.c.id == story_id)).first()
            if row is None:
                return None
            story = Story(id=row.id, figures=tuple(row.figures), headline=row.headline,
                          created_pass=row.created_pass, first_seen=row.first_seen,
                          last_claim_at=row.last_claim_at)
            developed = _timeline_articles(c, story_id)
            sent = _story_alerts(c, story_id)
            sources = tuple(sorted(Store._outlets(c, story_id)))
        return StoryTimeline(story=story, articles=developed, alerts=sent, sources=sources)


_TIMELINE_CLAIMS = (
    select(claims.c.id, claims.c.article_id, claims.c.label, claims.c.claim, claims.c.changed,
           claims.c.before_id, articles.c.key, articles.c.url, articles.c.title, articles.c.outlet,
           articles.c.published, articles.c.first_seen.label("stored_at"))
    .join(articles, articles.c.id == claims.c.article_id)
    .order_by(claims.c.article_id, claims.c.claim_start))


def _timeline_articles(c: Connection, story_id: str) -> tuple[TimelineArticle, ...]:
    rows = c.execute(_TIMELINE_CLAIMS.where(claims.c.story_id == story_id)).all()
    before_ids = [r.before_id for r in rows if r.before_id is not None]
    befores = {r.id: Claim.model_validate(r.claim).text for r in c.execute(
        select(claims.c.id, claims.c.claim).where(claims.c.id.in_(before_ids)))} if before_ids else {}
    by_article: dict[int, list] = {}
    for r in rows:
        by_article.setdefault(r.article_id, []).append(r)
    return tuple(TimelineArticle(
        article=ArticleRef(key=rs[0].key, url=rs[0].url, title=rs[0].title, outlet=rs[0].outlet,
                           published=rs[0].published),
        first_seen=rs[0].stored_at,
        claims=tuple(TimelineClaim(id=r.id, label=r.label, claim=Claim.model_validate(r.claim),
                                   changed=tuple(r.changed or ()), before=befores.get(r.before_id))
                     for r in rs)) for _, rs in sorted(by_article.items()))


def _story_alerts(c: Connection, story_id: str) -> tuple[StoredAlert, ...]:
    rows = c.execute(select(alerts).where(alerts.c.story_id == story_id).order_by(alerts.c.id)).all()
    ids = [r.id for r in rows]
    by_alert: dict[int, list[Delivery]] = {}
    for d in c.execute(select(deliveries).where(deliveries.c.alert_id.in_(ids))).all() if ids else []:
        by_alert.setdefault(d.alert_id, []).append(Delivery(
            channel=d.channel, state=d.state, attempts=d.attempts, last_error=d.last_error,
            sent_at=d.sent_at, next_attempt_at=d.next_attempt_at, note=d.note))
    return tuple(StoredAlert(alert=Alert.model_validate(r.payload), created_at=r.created_at,
                             deliveries=tuple(by_alert.get(r.id, ()))) for r in rows)

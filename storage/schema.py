"""The database tables. Unique keys make every write idempotent."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(2000), nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("url", String(2000)),
    Column("title", Text),
    Column("outlet", String(300)),
    Column("published", DateTime(timezone=True)),
    Column("text", Text, nullable=False),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("origin", String(2000), nullable=False),
    Column("pass_id", String(64), nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    UniqueConstraint("key", "version", name="uq_articles_key_version"),
)

stories = Table(
    "stories", metadata,
    Column("id", String(32), primary_key=True),
    Column("figures", JSON, nullable=False),
    Column("headline", Text, nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_claim_at", DateTime(timezone=True), nullable=False),
    Column("created_pass", String(64), nullable=False),
    # 0008: the rule (stories.HEADLINE_RULE) that chose the headline; 0: the first title, before rules
    Column("headline_rule", Integer, nullable=False, server_default="0"),
    Index("ix_stories_last_claim_at", "last_claim_at"),
    Index("ix_stories_headline_rule", "headline_rule"),
)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False),
    Column("story_id", String(32), ForeignKey("stories.id"), nullable=False),
    Column("figure", String(300), nullable=False),
    Column("label", String(20), nullable=False),
    Column("before_id", Integer, ForeignKey("claims.id")),
    Column("changed", JSON, nullable=False),
    Column("claim", JSON, nullable=False),  # the Claim record, as the extractor made it
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("claim_start", Integer, nullable=False),
    UniqueConstraint("article_id", "figure", "claim_start", name="uq_claims_article_span"),
    Index("ix_claims_story", "story_id"),
    Index("ix_claims_figure", "figure"),
)

claim_terms = Table(
    "claim_terms", metadata,
    Column("claim_id", Integer, ForeignKey("claims.id"), primary_key=True),
    Column("term", String(100), primary_key=True),
    Column("figure", String(300), nullable=False),
    Index("ix_claim_terms_postings", "figure", "term", "claim_id"),
)

# What each article is about (stories.linking.article_profile), per story of a figure it develops:
# a story's profile is the sum over its articles; the postings find the stories an article may develop.
article_terms = Table(
    "article_terms", metadata,
    Column("article_id", Integer, ForeignKey("articles.id"), primary_key=True),
    Column("story_id", String(32), ForeignKey("stories.id"), primary_key=True),
    Column("term", String(100), primary_key=True),
    Column("figure", String(300), nullable=False),
    Column("count", Integer, nullable=False),
    # 0010: with story_id, the postings query reads the index alone (no row per posting)
    Index("ix_article_terms_postings", "figure", "term", "article_id", "story_id"),
    Index("ix_article_terms_story", "story_id"),
)

alerts = Table(
    "alerts", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("story_id", String(32), ForeignKey("stories.id"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("pass_id", String(64), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

deliveries = Table(
    "deliveries", metadata,
    Column("id", Integer, primary_key=True),
    Column("alert_id", Integer, ForeignKey("alerts.id"), nullable=False),
    Column("channel", String(200), nullable=False),
    Column("state", String(20), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("sent_at", DateTime(timezone=True)),
    # 0003: the message that carried it (the alert key, or a digest's key) and why it waits or
    # was skipped (quiet hours, digest window, rate limit, routing)
    Column("message_key", String(300)),
    Column("note", Text),
    # 0009: why an open delivery waits (records.Waiting: lease | retry_after | backoff | hold) and,
    # while a process's claim holds it, which process ("host pid 123")
    Column("waiting_on", String(20)),
    Column("claimed_by", String(200)),
    UniqueConstraint("alert_id", "channel", name="uq_deliveries_alert_channel"),
    Index("ix_deliveries_state", "state"),
    Index("ix_deliveries_channel_sent", "channel", "sent_at"),
)

feeds = Table(
    "feeds", metadata,
    Column("url", String(2000), primary_key=True),
    Column("name", String(300)),
    Column("etag", String(500)),
    Column("last_modified", String(100)),
    Column("failures", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("last_polled_at", DateTime(timezone=True)),
    Column("last_ok_at", DateTime(timezone=True)),
)

feed_entries = Table(
    "feed_entries", metadata,
    Column("id", Integer, primary_key=True),
    Column("feed_url", String(2000), nullable=False),
    Column("entry_key", String(1000), nullable=False),
    Column("link", String(2000)),
    Column("fingerprint", String(64), nullable=False),
    Column("state", String(20), nullable=False),  # fetched | summary | failed
    Column("failures", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("feed_url", "entry_key", name="uq_feed_entries_feed_entry"),
)

article_signatures = Table(
    "article_signatures", metadata,
    Column("content_hash", String(64), primary_key=True),
    Column("key", String(2000), nullable=False),
    Column("outlet", String(300)),
    Column("signature", JSON, nullable=False),
)

article_bands = Table(
    "article_bands", metadata,
    Column("band", String(40), primary_key=True),
    Column("content_hash", String(64), primary_key=True),
)

article_copies = Table(
    "article_copies", metadata,
    Column("id", Integer, primary_key=True),
    Column("original_hash", String(64), nullable=False),
    Column("key", String(2000), nullable=False),
    Column("url", String(2000)),
    Column("outlet", String(300)),
    Column("similarity", Float, nullable=False),
    Column("pass_id", String(64), nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    UniqueConstraint("original_hash", "key", name="uq_article_copies_original_key"),
    Index("ix_article_copies_original", "original_hash"),
)

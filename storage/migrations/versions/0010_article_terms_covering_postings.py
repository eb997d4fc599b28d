"""article terms: the postings index covers the story

An article's open stories are found from its profile's terms: each term's most recent article
postings, as (story_id, term). With story_id in the index that is an index range alone, in SQLite
and PostgreSQL alike, instead of a row read for every posting (in a store of 100,000 claims, the
one read of an article's development that grew most with the store: benchmarks/growth.py).

Revision ID: 0010
Revises: 0009
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_article_terms_postings", table_name="article_terms")
    op.create_index("ix_article_terms_postings", "article_terms",
                    ["figure", "term", "article_id", "story_id"])


def downgrade() -> None:
    op.drop_index("ix_article_terms_postings", table_name="article_terms")
    op.create_index("ix_article_terms_postings", "article_terms", ["figure", "term", "article_id"])

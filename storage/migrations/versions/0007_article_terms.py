"""article terms: what each article is about, per story it develops

Stories are linked by whole-article profiles (storywatch.profiles.article_profile), as in topic
detection and tracking: a story's profile is the sum of its articles'. The profiles of the articles
already stored are computed here from their stored title and text, per story and figure their claims
develop, so stories open at the upgrade go on being developed. The watchlist is not in the database:
only the words of the figure's name are left out of these profiles, not its aliases.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

from storywatch.profiles import article_profile

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CHUNK = 500  # articles per round trip: memory stays bounded whatever the store holds
articles = sa.table("articles", sa.column("id", sa.Integer), sa.column("title", sa.Text),
                    sa.column("text", sa.Text))
claims = sa.table("claims", sa.column("article_id", sa.Integer), sa.column("story_id", sa.String),
                  sa.column("figure", sa.String))


def upgrade() -> None:
    table = op.create_table(
        "article_terms",
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("story_id", sa.String(32), sa.ForeignKey("stories.id"), primary_key=True),
        sa.Column("term", sa.String(100), primary_key=True),
        sa.Column("figure", sa.String(300), nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
    )
    op.create_index("ix_article_terms_postings", "article_terms", ["figure", "term", "article_id"])
    op.create_index("ix_article_terms_story", "article_terms", ["story_id"])
    connection = op.get_bind()
    developed = sorted(set(connection.execute(sa.select(claims.c.article_id, claims.c.story_id,
                                                        claims.c.figure)).all()))
    for start in range(0, len(developed), CHUNK):
        chunk = developed[start:start + CHUNK]
        texts = {r[0]: (r[1], r[2]) for r in connection.execute(
            sa.select(articles.c.id, articles.c.title, articles.c.text)
            .where(articles.c.id.in_({article_id for article_id, _, _ in chunk})))}
        rows = [{"article_id": article_id, "story_id": story_id, "figure": figure, "term": term[:100],
                 "count": count}
                for article_id, story_id, figure in chunk if article_id in texts
                for term, count in sorted(article_profile(*texts[article_id], (figure,)).items())]
        if rows:
            connection.execute(sa.insert(table), rows)


def downgrade() -> None:
    op.drop_index("ix_article_terms_story", table_name="article_terms")
    op.drop_index("ix_article_terms_postings", table_name="article_terms")
    op.drop_table("article_terms")

"""story headline rule: which rule chose a story's stored headline

A story's headline is chosen from its titles and claims about the figure (stories/headline.py),
again each time an article joins it. Stories stored before carry their first article's title;
they get 0 here, and the next pass chooses their headline again (flows/headlines.py), since the
choice needs the watchlist's aliases, which the database does not hold.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stories", schema=None) as batch_op:
        batch_op.add_column(sa.Column("headline_rule", sa.Integer(), nullable=False, server_default="0"))
        batch_op.create_index("ix_stories_headline_rule", ["headline_rule"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("stories", schema=None) as batch_op:
        batch_op.drop_index("ix_stories_headline_rule")
        batch_op.drop_column("headline_rule")

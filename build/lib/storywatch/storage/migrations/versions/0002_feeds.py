"""feeds: feed state, feed entries, near-duplicate signatures and article copies

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('feeds',
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('etag', sa.String(length=500), nullable=True),
    sa.Column('last_modified', sa.String(length=100), nullable=True),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_polled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_ok_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('url')
    )
    op.create_table('feed_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('feed_url', sa.String(length=2000), nullable=False),
    sa.Column('entry_key', sa.String(length=1000), nullable=False),
    sa.Column('link', sa.String(length=2000), nullable=True),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('feed_url', 'entry_key', name='uq_feed_entries_feed_entry')
    )
    op.create_table('article_signatures',
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('key', sa.String(length=2000), nullable=False),
    sa.Column('outlet', sa.String(length=300), nullable=True),
    sa.Column('signature', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('content_hash')
    )
    op.create_table('article_bands',
    sa.Column('band', sa.String(length=40), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('band', 'content_hash')
    )
    op.create_table('article_copies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('original_hash', sa.String(length=64), nullable=False),
    sa.Column('key', sa.String(length=2000), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('outlet', sa.String(length=300), nullable=True),
    sa.Column('similarity', sa.Float(), nullable=False),
    sa.Column('pass_id', sa.String(length=64), nullable=False),
    sa.Column('first_seen', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('original_hash', 'key', name='uq_article_copies_original_key')
    )
    with op.batch_alter_table('article_copies', schema=None) as batch_op:
        batch_op.create_index('ix_article_copies_original', ['original_hash'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('article_copies', schema=None) as batch_op:
        batch_op.drop_index('ix_article_copies_original')
    op.drop_table('article_copies')
    op.drop_table('article_bands')
    op.drop_table('article_signatures')
    op.drop_table('feed_entries')
    op.drop_table('feeds')

"""near-duplicate signatures: one-permutation MinHash replaces 100-permutation MinHash

Signatures of the two schemes do not compare, so the stored ones (and their LSH bands) are
dropped: articles stored before this revision are still found as exact copies (content hash), but
no longer as near-duplicates of new articles.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM article_bands")
    op.execute("DELETE FROM article_signatures")


def downgrade() -> None:
    op.execute("DELETE FROM article_bands")
    op.execute("DELETE FROM article_signatures")

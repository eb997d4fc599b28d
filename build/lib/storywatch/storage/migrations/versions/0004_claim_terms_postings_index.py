"""claim terms: index postings by (figure, term, claim_id)

The candidate query reads the most recent postings of each term; with claim_id in the index that
is an index range in SQLite and PostgreSQL alike, instead of a sort of every posting of the term.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_claim_terms_lookup", table_name="claim_terms")
    op.create_index("ix_claim_terms_postings", "claim_terms", ["figure", "term", "claim_id"])


def downgrade() -> None:
    op.drop_index("ix_claim_terms_postings", table_name="claim_terms")
    op.create_index("ix_claim_terms_lookup", "claim_terms", ["figure", "term"])

"""delivery waiting: why an open delivery waits, and which process holds its claim

`storywatch alerts` says why and until when each pending delivery waits: a process's claim (its
lease, and which process holds it), the receiver's Retry-After, backoff after a failure, or a hold
of the channel's policy. Deliveries stored before this revision get what can be known of them: a
failed one waits on backoff after its failure (whether a Retry-After asked for longer was not
recorded; its next attempt stands as it was), a held one on its hold (its note says so). A claim
made before the upgrade is not told from a delivery due at once; it is due when its lease ends.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

deliveries = sa.table("deliveries", sa.column("state", sa.String), sa.column("note", sa.Text),
                      sa.column("waiting_on", sa.String))


def upgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("waiting_on", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=200), nullable=True))
    op.execute(deliveries.update().where(deliveries.c.state == "failed").values(waiting_on="backoff"))
    op.execute(deliveries.update().where(deliveries.c.state == "pending",
                                         deliveries.c.note.like("held until %")).values(waiting_on="hold"))


def downgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_column("claimed_by")
        batch_op.drop_column("waiting_on")

"""near-duplicate signatures: shingles hash with XXH3 instead of blake2b

Signatures of the two hashes do not compare, so every stored signature, and its LSH bands, is
computed again from its article's stored text (the signature of an article's text is
storywatch.signatures.minhash of it): articles stored before this revision are still found as
near-duplicates of new ones. A signature whose text is not stored (its article was refused
after dedup signed it) cannot be computed again and is dropped with its bands. Downgrading drops
every signature, as 0005 did: blake2b signatures are not computed again.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from storywatch.signatures import lsh_bands, minhash

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CHUNK = 500  # signatures per round trip: memory stays bounded whatever the store holds
signatures = sa.table("article_signatures", sa.column("content_hash", sa.String),
                      sa.column("signature", sa.JSON))
bands = sa.table("article_bands", sa.column("band", sa.String), sa.column("content_hash", sa.String))
articles = sa.table("articles", sa.column("content_hash", sa.String), sa.column("text", sa.Text))


def upgrade() -> None:
    connection = op.get_bind()
    op.execute("DELETE FROM article_bands")
    hashes = list(connection.execute(sa.select(signatures.c.content_hash)
                                     .order_by(signatures.c.content_hash)).scalars())
    for start in range(0, len(hashes), CHUNK):
        chunk = hashes[start:start + CHUNK]
        texts: dict[str, str] = {r[0]: r[1] for r in connection.execute(
            sa.select(articles.c.content_hash, articles.c.text).where(articles.c.content_hash.in_(chunk)))}
        unsigned = [h for h in chunk if h not in texts]
        if unsigned:
            connection.execute(signatures.delete().where(signatures.c.content_hash.in_(unsigned)))
        if not texts:
            continue
        signed = {content_hash: minhash(text) for content_hash, text in texts.items()}
        connection.execute(
            signatures.update().where(signatures.c.content_hash == sa.bindparam("hash"))
            .values(signature=sa.bindparam("new")),
            [{"hash": content_hash, "new": signature} for content_hash, signature in signed.items()])
        connection.execute(sa.insert(bands), [
            {"band": band, "content_hash": content_hash}
            for content_hash, signature in signed.items() for band in dict.fromkeys(lsh_bands(signature))])


def downgrade() -> None:
    op.execute("DELETE FROM article_bands")
    op.execute("DELETE FROM article_signatures")

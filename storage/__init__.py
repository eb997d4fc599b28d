"""Storage: the only package that imports SQLAlchemy. It persists and reads records; every
decision about them is made before they reach it (stories/, flows/pipeline.py)."""

from .feeds import EntryOutcome, FeedState, FeedStore, SignedArticle, StoredSignature
from .outbox import LEASE, DueDelivery, Outbox
from .store import Seen, Store, redact
from .timeline import HEADLINE_CLAIMS, StoryReader

__all__ = ["HEADLINE_CLAIMS", "LEASE", "DueDelivery", "EntryOutcome", "FeedState", "FeedStore", "Outbox",
           "Seen", "SignedArticle", "Store", "StoredSignature", "StoryReader", "redact"]

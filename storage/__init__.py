"""Storage: the only package that imports SQLAlchemy."""

from .feeds import FeedStore
from .store import PendingDelivery, PlannedClaim, Seen, Store, redact, story_id_for

__all__ = ["FeedStore", "PendingDelivery", "PlannedClaim", "Seen", "Store", "redact", "story_id_for"]

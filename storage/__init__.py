"""Storage: the only package that imports SQLAlchemy."""

from .feeds import FeedStore
from .outbox import DueDelivery, Outbox
from .store import PlannedClaim, Seen, Store, redact, story_id_for

__all__ = ["DueDelivery", "FeedStore", "Outbox",
           "PlannedClaim", "Seen", "Store", "redact", "story_id_for"]

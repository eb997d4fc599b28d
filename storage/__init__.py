"""Storage: the only package that imports SQLAlchemy."""

from .store import PendingDelivery, PlannedClaim, Seen, Store, redact, story_id_for

__all__ = ["PendingDelivery", "PlannedClaim", "Seen", "Store", "redact", "story_id_for"]

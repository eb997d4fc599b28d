"""storywatch's errors, in one tree. Lower-level errors are translated at the edge.

    StorywatchError
    ├── ConfigError        the configuration is missing, unreadable or invalid
    ├── StorageError       the database cannot be reached or written
    ├── Rejected           one input was refused (a bad seed, a bad page); the pass goes on
    ├── ServerError        the local Prefect server could not be started, found or stopped
    └── DeliveryError      a channel could not deliver an alert; it stays in the outbox
        └── PermanentDeliveryError  retrying cannot help (HTTP 410, SMTP 5xx): dead-lettered at once
"""


class StorywatchError(Exception):
    """Base class: the message is what the user sees, on one line."""


class ConfigError(StorywatchError):
    pass


class StorageError(StorywatchError):
    pass


class ServerError(StorywatchError):
    """The project's local Prefect server (flows/local_server.py) did not start or stop."""


class Rejected(StorywatchError):
    """An input that cannot be used; its message is the reason."""


class DeliveryError(StorywatchError):
    """A delivery failed and may succeed later; `retry_after`: seconds the receiver asked to wait."""

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.retry_after = retry_after


class PermanentDeliveryError(DeliveryError):
    """The receiver refused the alert for good; the delivery is dead-lettered without retries."""

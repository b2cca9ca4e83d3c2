"""Project errors. Library code raises these; the CLI turns them into messages."""


class EventlensError(Exception):
    """Base class of every error eventlens raises on purpose."""


class ConfigError(EventlensError):
    """A setting is missing or wrong (unknown model, bad database URL...)."""


class InputError(EventlensError):
    """A document cannot be read: empty, binary, too large, undecodable, malformed."""


class StoreError(EventlensError):
    """The event store cannot do what was asked."""


class StoreBusy(StoreError):
    """The database is held by a writer longer than the caller would wait: try again later."""

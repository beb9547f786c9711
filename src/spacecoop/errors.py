"""One exception hierarchy. Messages name the file (or input) and the reason."""


class SpacecoopError(Exception):
    """Base class for every error the product raises on purpose."""


class UnreadableDocument(SpacecoopError):
    """A source could not be turned into a Document (empty, binary, encrypted PDF, no text layer...)."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelUnavailable(SpacecoopError):
    """The configured spaCy pipeline is missing or is not the package it claims to be."""


class StoreError(SpacecoopError):
    """The store could not be opened, migrated or written."""


class NotFound(SpacecoopError):
    """A document, fact or entity asked for by id or name does not exist."""


class BadQuery(SpacecoopError):
    """A query parameter is invalid (a date that is not ISO, an unknown fact type, ...)."""

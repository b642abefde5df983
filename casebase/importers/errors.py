"""Errors the importers raise."""


class ReferenceDataError(Exception):
    """The data files disagree with each other; nothing has been stored."""

"""whimbrel's exceptions: each says what went wrong and where."""


class WhimbrelError(Exception):
    """Base class for errors whimbrel reports to users."""


class InputError(WhimbrelError):
    """An input path or record could not be read."""


class ModelError(WhimbrelError):
    """The configured spaCy pipeline could not be loaded."""


class DataError(WhimbrelError):
    """A bundled data file is missing or damaged."""

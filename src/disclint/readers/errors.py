"""The one exception a reader raises for input it cannot read."""


class ReadError(Exception):
    """A document that cannot be read; the message is shown to the user as is
    (say what is wrong and, when there is one, what to do)."""

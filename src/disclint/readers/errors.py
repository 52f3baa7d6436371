"""The one exception a reader raises for input it cannot read."""


class ReadError(Exception):
    """A document that cannot be read; the message is shown to the user as is
    (say what is wrong and, when there is one, what to do)."""


def unreadable(path, message: str) -> ReadError:
    """The ReadError ``path: message``: the path first, as every reader's message
    begins (the runner drops it where the report prints the path itself), then
    ``message``, a gettext message in the run's language (:mod:`disclint.i18n`)."""
    return ReadError(f"{path}: {message}")

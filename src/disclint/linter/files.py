"""The files disclint reads besides documents (configuration, baseline) and the files it
writes (``--output``, ``--write-baseline``, the result cache's entries).

Reading: :func:`open_regular` opens a file only when it is a regular file: a named pipe
would block until someone writes to it (forever), a device might never end. It is
opened without blocking and checked through its descriptor, so it cannot be swapped
for a pipe in between.

Writing, in one way:

* whole or not at all: the bytes go to a new temporary file in the target's
  directory (created exclusively, with an unguessable name), which then replaces the
  target by a rename; a reader, or a full disk, never sees half a report;
* never through a symbolic link: the rename replaces a link standing at the target
  path, and whatever it points to is left alone (``-o /tmp/report.json`` planted as a
  link to someone's ``~/.bashrc``);
* never over a document being checked (``check x.md -o x.md``):
  :func:`input_conflict` tells the command line, which refuses.

The new file keeps the mode of the regular file it replaces, else gets the usual
``0666 & ~umask``.
"""

from __future__ import annotations

import os
import stat
import tempfile
from typing import Iterable

from disclint.i18n import _


def open_regular(path: str | os.PathLike):
    """``path`` opened for reading (binary), when it is a regular file; else an
    OSError whose ``strerror`` says "not a regular file"."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, _("not a regular file"))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return open(fd, "rb", closefd=True)
    except BaseException:
        os.close(fd)
        raise


class WriteError(Exception):
    """The file could not be written; the message says why (without the path)."""


def write_file(path: str | os.PathLike, data: str | bytes, *, make_dirs: bool = False) -> None:
    """Write ``data`` (text as UTF-8 with ``\\n`` line ends, or bytes) to ``path`` as the
    module docstring says; ``make_dirs``: create the missing directories first."""
    target = os.fspath(path)
    if os.path.isdir(target) and not os.path.islink(target):
        raise WriteError(os.strerror(21))  # EISDIR: "Is a directory"
    directory = os.path.dirname(os.path.abspath(target))
    try:
        if make_dirs:
            os.makedirs(directory, exist_ok=True)
        mode = _mode_for(target)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    except OSError as exc:
        raise WriteError(exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):  # mkstemp makes it 0600
                os.fchmod(fh.fileno(), mode)
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise WriteError(exc.strerror or str(exc)) from None
        raise


def input_conflict(target: str | os.PathLike, inputs: Iterable[str | os.PathLike]) -> str | None:
    """The input that ``target`` is (the same file, through any link), or None."""
    try:
        os.stat(target)
    except OSError:
        return None  # nothing there yet (or unreachable): it is no input
    for given in inputs:
        try:
            if os.path.samefile(target, given):
                return os.fspath(given)
        except OSError:
            continue
    return None


def _mode_for(target: str) -> int:
    """The mode of the regular file being replaced, else ``0666 & ~umask``."""
    try:
        st = os.lstat(target)
        if stat.S_ISREG(st.st_mode):
            return stat.S_IMODE(st.st_mode)
    except OSError:
        pass
    return 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

"""Readers: turn a disclosure file into a :class:`~disclint.model.Document`.

``read_document(path, catalog)`` is the one entry point. It dispatches by suffix
(text/markdown here, PDF in :mod:`disclint.readers.pdf`) and guarantees that the
only exception that leaves it is :class:`~disclint.readers.errors.ReadError`,
whose message names the file and says what is wrong (and MemoryError: a process
out of memory is not a property of the document; the runner reports it against
its memory limit).
"""

from __future__ import annotations

from pathlib import Path

from disclint.i18n import _
from disclint.readers.errors import ReadError, unreadable

__all__ = ["read_document", "read_text", "ReadError", "TEXT_SUFFIXES"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
PDF_SUFFIXES = {".pdf"}


def read_document(path: str | Path, catalog=None):
    """Read a disclosure (text, markdown or PDF) into a Document.

    ``catalog`` defaults to the built-in one. Raises ReadError (and nothing else)
    for missing, empty, binary or undecodable files and for unsupported types.
    """
    p = Path(path)
    name = str(path)
    try:
        if catalog is None:
            from disclint.catalog import default_catalog

            catalog = default_catalog()
        if not p.exists():
            raise unreadable(name, _("no such file"))
        if p.is_dir():
            raise unreadable(name, _("is a directory, not a file"))
        suffix = p.suffix.lower()
        if suffix in PDF_SUFFIXES:
            return _attachments(_read_pdf(p, catalog))
        data = p.read_bytes()
        from disclint.readers.text import read_text_bytes
        from disclint.readers.text.decode import has_utf16_bom

        if suffix not in TEXT_SUFFIXES:
            if data[:5] == b"%PDF-":
                return _attachments(_read_pdf(p, catalog))
            if not data:
                raise unreadable(name, _("the file is empty"))
            if b"\x00" in data[:65536] and not has_utf16_bom(data):
                raise unreadable(name, _("unsupported file type %(suffix)s (binary content)") % {
                    "suffix": suffix or _("(no suffix)")})
        return _attachments(read_text_bytes(data, name, catalog))
    except ReadError:
        raise
    except RecursionError:
        raise unreadable(name, _("the document is too deeply nested to read")) from None
    except MemoryError:  # over the memory limit of the process: the runner reports it as such
        raise
    except OSError as exc:
        raise unreadable(name, _("cannot read the file (%(reason)s)") % {"reason": exc.strerror or exc}) from None
    except Exception as exc:  # noqa: BLE001 - the contract: only ReadError escapes
        raise unreadable(name, _("cannot read the document (%(error)s)") % {
            "error": f"{type(exc).__name__}: {exc}"}) from exc


def read_text(text: str, path: str = "<text>", catalog=None):
    """Read a disclosure given as a string (tests, stdin). Same guarantees."""
    try:
        if catalog is None:
            from disclint.catalog import default_catalog

            catalog = default_catalog()
        from disclint.readers.text import read_text_string

        return _attachments(read_text_string(text, path, catalog))
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise unreadable(path, _("cannot read the document (%(error)s)") % {
            "error": f"{type(exc).__name__}: {exc}"}) from exc


def _attachments(doc):
    """What every reader's document gets from its text: the performance-target forms."""
    from disclint.readers.forms import read_target_forms

    doc.target_forms = read_target_forms(doc)
    return doc


def _read_pdf(p: Path, catalog):
    try:
        from disclint.readers.pdf import read_pdf
    except ImportError as exc:
        raise unreadable(p, _("PDF reading is not available (%(error)s)") % {"error": exc}) from None
    return read_pdf(p, catalog)

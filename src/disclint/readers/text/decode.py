"""Bytes of a text disclosure -> str: UTF-8 (with or without BOM), UTF-16 with a BOM,
else GB18030; binary is refused with a message for the user."""

from __future__ import annotations

import codecs
import re

from disclint.i18n import _
from disclint.readers.errors import unreadable

# UTF-32 LE starts with the UTF-16 LE mark: it is tested first, and refused as binary
# (its NUL bytes) rather than decoded as UTF-16 garbage.
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def has_utf16_bom(data: bytes) -> bool:
    """Does ``data`` start with a UTF-16 byte-order mark (a Windows "Unicode" text
    export)? Such text is full of NUL bytes and is not binary."""
    return data.startswith(_UTF16_BOMS) and not data.startswith(_UTF32_BOMS)


def decode(data: bytes, name: str = "input") -> str:
    """Bytes -> str: UTF-16 with a BOM, UTF-8 (with or without BOM), else GB18030;
    reject binary.

    Raises ReadError for an empty file, NUL bytes (binary) outside UTF-16, or bytes
    that are neither UTF-8 nor GB18030.
    """
    if not data:
        raise unreadable(name, _("the file is empty"))
    if has_utf16_bom(data):
        return _utf16(data, name)
    if b"\x00" in data[:65536]:
        raise unreadable(name, _("looks like a binary file (NUL bytes), not a text disclosure"))
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _mostly_control(text):
            break
        return text
    raise unreadable(name, _("unknown text encoding (neither UTF-8 nor GB18030); convert the file to UTF-8 and "
                             "try again"))


def _utf16(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-16")  # the BOM says which byte order, and is dropped
    except UnicodeDecodeError as exc:
        raise unreadable(name, _("cannot decode UTF-16 text (%(reason)s)") % {"reason": exc.reason}) from None
    if _mostly_control(text):  # binary that happens to start with FF FE
        raise unreadable(name, _("looks like a binary file, not a text disclosure"))
    return text


# control characters other than \t \n \v \f \r (9-13)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _mostly_control(text: str) -> bool:
    """Binary that happens to decode: many control characters."""
    sample = text[:4096]
    if not sample:
        return False
    bad = len(_CONTROL.findall(sample))
    return bad > max(4, len(sample) // 50)

"""Bytes of a text disclosure -> str: UTF-8 (with or without BOM), UTF-16 with a BOM,
else GB18030; binary is refused with a message for the user."""

from __future__ import annotations

import re

from disclint.readers.errors import ReadError


def decode(data: bytes, name: str = "input") -> str:
    """Bytes -> str: UTF-8 (with or without BOM), else GB18030; reject binary.

    Raises ReadError for an empty file, NUL bytes (binary), or bytes that are
    neither UTF-8 nor GB18030.
    """
    if not data:
        raise ReadError(f"{name}: the file is empty")
    if b"\x00" in data[:65536]:
        raise ReadError(f"{name}: looks like a binary file (NUL bytes), not a text disclosure")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(f"{name}: cannot decode UTF-16 text ({exc.reason})") from None
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _mostly_control(text):
            break
        return text
    raise ReadError(
        f"{name}: unknown text encoding (neither UTF-8 nor GB18030); "
        "convert the file to UTF-8 and try again"
    )


# control characters other than \t \n \v \f \r (9-13)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _mostly_control(text: str) -> bool:
    """Binary that happens to decode: many control characters."""
    sample = text[:4096]
    if not sample:
        return False
    bad = len(_CONTROL.findall(sample))
    return bad > max(4, len(sample) // 50)



"""Bytes to text, with the encoding named, so a mis-decoded corpus is visible in the report."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass


class DecodeError(ValueError):
    """The bytes are not text we can read (binary, or an undecodable encoding)."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str

    @property
    def is_fallback(self) -> bool:
        return self.encoding in ("cp1252", "latin-1")


_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean this is not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = len(_CONTROL_BYTES.findall(head))
    return controls / len(head) > 0.05


def decode_bytes(data: bytes) -> Decoded:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; else cp1252, else latin-1."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError:
            data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16 text: {exc.reason}") from None
    if looks_binary(data):
        raise DecodeError("binary file (NUL or control bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), "latin-1")

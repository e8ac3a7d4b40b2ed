from __future__ import annotations

import codecs

import pytest

from corpus.decode import DecodeError, decode_bytes

TEXT = "Kabul’s “regime” fell — café"


@pytest.mark.parametrize(
    "data, text, encoding",
    [
        (TEXT.encode("utf-8"), TEXT, "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT, "utf-8-sig"),
        (TEXT.encode("utf-16"), TEXT, "utf-16"),
        (TEXT.encode("cp1252"), TEXT, "cp1252"),
        (b"caf\xe9 \x81", "café \x81", "latin-1"),
        (b"", "", "utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "cp1252", "latin1", "empty"],
)
def test_decodes_and_names_encoding(data: bytes, text: str, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding == encoding


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(32)) * 10])
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(data)

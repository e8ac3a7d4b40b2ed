"""Paragraphs in another language are found, so English-only metrics never score them; a
short English line is never dropped."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from metrics.language import ENGLISH, language_name, read_language

PASHTO = "د افغانستان اسلامي امارت ویاند وویل چې د هېواد په شمال کې جګړه روانه ده او دوام لري"
DARI = "سخنگوی امارت اسلامی افغانستان گفت که نیروهای این گروه در شمال کشور پیشروی کرده اند"
ARABIC = "قال المتحدث باسم الإمارة الإسلامية إن القوات تقدمت في شمال البلاد خلال الأيام الماضية"
FRENCH = (
    "Le gouvernement afghan a annoncé dimanche que les talibans avaient pris le contrôle de "
    "plusieurs districts dans le nord du pays."
)
ENGLISH_TEXT = (
    "The Taliban advanced on Kabul on Sunday, officials said, as the government's forces "
    "withdrew from several districts in the north."
)

SAMPLES = [
    ("english", ENGLISH_TEXT, ENGLISH, []),
    ("pashto", PASHTO, "ps", ["ps"]),
    ("dari", DARI, "fa", ["fa"]),
    ("arabic", ARABIC, "ar", ["ar"]),
    ("french", FRENCH, "fr", ["fr"]),
    ("mixed", f"{ENGLISH_TEXT}\n\n{PASHTO}\n\n{ENGLISH_TEXT}", ENGLISH, ["ps"]),
    ("short-english-lines", "Mujahid said.\nKabul\nAP Photo", ENGLISH, []),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "language", "others"), SAMPLES,
                         ids=[s[0] for s in SAMPLES])  # fmt: skip
def test_language_table(name: str, text: str, language: str, others: list[str]) -> None:
    reading = read_language(text)
    assert reading.language == language
    assert [lang for _, _, lang in reading.other] == others
    for start, end, _ in reading.other:
        assert "\n" not in text[start:end] and text[start:end].strip()


def test_language_names() -> None:
    assert language_name("ps") == "Pashto"
    assert language_name("xx") == "xx"
    assert language_name(None) == "unknown"


@given(st.text(max_size=400))
def test_paragraph_spans_stay_in_bounds_in_order(text: str) -> None:
    reading = read_language(text)
    last = 0
    for start, end, lang in reading.other:
        assert last <= start < end <= len(text) and lang != ENGLISH
        last = end
    assert reading.english_chars + reading.other_chars <= len(text)

"""UTF-16 text with a byte-order mark (Windows' "Unicode" text export) is read like
UTF-8; binary is still refused, whatever its first bytes."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclint.readers import ReadError, read_document
from disclint.readers.text.decode import decode, has_utf16_bom

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "consistent-budget.md"

# text a disclosure may hold: any character but the surrogates (not encodable) and
# the control characters a binary check rejects
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t"), min_size=1)


@given(TEXT, st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_utf16_with_bom_decodes_to_the_text(text, encoding):
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    assert decode(bom + text.encode(encoding)) == text


def test_utf32_is_not_taken_for_utf16():
    assert not has_utf16_bom("预算".encode("utf-32"))
    with pytest.raises(ReadError, match="binary"):
        decode("预算公开表1\n".encode("utf-32"))


def test_binary_behind_a_utf16_mark_is_refused():
    with pytest.raises(ReadError, match="binary"):
        decode(codecs.BOM_UTF16_LE + b"\x01\x00\x02\x00\x03\x00" * 300)  # U+0001 U+0002 U+0003 ...


@pytest.mark.parametrize("suffix", [".txt", ".md", ".csv"])  # .csv: a suffix the reader sniffs
def test_utf16_disclosure_is_read_like_its_utf8_original(tmp_path, suffix):
    text = EXAMPLE.read_text(encoding="utf-8")
    p = tmp_path / f"unicode-export{suffix}"
    p.write_bytes(text.encode("utf-16"))  # with the BOM, as Windows writes it
    utf16 = read_document(p)
    original = read_document(EXAMPLE)
    assert [t.id for t in utf16.tables] == [t.id for t in original.tables]
    assert [len(t.rows) for t in utf16.tables] == [len(t.rows) for t in original.tables]
    assert utf16.unit_name == original.unit_name


def test_utf16_disclosure_through_the_command_line(tmp_path):
    from click.testing import CliRunner

    from disclint.cli import cli

    p = tmp_path / "unicode-export.txt"
    p.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode("utf-16"))
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(p)])
    assert result.exit_code == 0, result.output
    assert '"status": "ok"' in result.stdout

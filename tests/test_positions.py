"""PText positions packed in 64-bit integers (model.text.Positions): a sequence of
(line, column) tuples like the list they replace, at 8 bytes a character (a 50 MB file's
positions took a gigabyte as tuples)."""

from __future__ import annotations

from disclint.model.text import Positions, PText, normalize_line


def test_positions_are_a_sequence_of_line_and_column():
    pairs = [(3, 1), (3, 2), (4, 7), (70_000, 1_048_577), (0, 1)]  # a line longer than 2^20 characters too
    pos = Positions.of(pairs)
    assert list(pos) == pairs and len(pos) == 5 and pos and not Positions()
    assert pos[0] == (3, 1) and pos[-1] == (0, 1) and pos[3] == (70_000, 1_048_577)
    assert pos[1:3] == [(3, 2), (4, 7)] and isinstance(pos[1:3], Positions)
    assert pos + Positions.of([(9, 9)]) == pairs + [(9, 9)]
    assert Positions.columns(12, 3) == [(12, 1), (12, 2), (12, 3)]
    assert pos.packed.itemsize == 8


def test_ptext_operations_keep_positions():
    pt = normalize_line("合计：３，１５３. ０４万元", 5)
    assert pt.text == "合计:3,153. 04万元" and pt.pos[0] == (5, 1) and pt.pos[-1] == (5, len(pt.text))
    assert pt[2] == PText(":", [(5, 3)]) and pt[-1].pos == [(5, len(pt.text))]
    joined = PText.join([pt[:2], pt[-2:]])
    assert joined.text == "合计万元" and joined.pos == [(5, 1), (5, 2), (5, 13), (5, 14)]
    assert pt.collapse_spaces().strip().pos == pt.pos
    assert pt.keep([ch != " " for ch in pt.text]).pos[-1] == pt.pos[-1]

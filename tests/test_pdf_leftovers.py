"""Never silent: every number printed in a ruled table's region that no cell of the
model takes is a leftover of that table (Table.leftovers), whatever kept it out.

The pages are built by hand (characters and cell boxes, as pdfplumber gives them)
so that each test holds exactly one such number."""

from __future__ import annotations

from disclint.readers.pdf import PageContent, build_document
from disclint.readers.pdf.geometry import build_grid, group_lines, inside

ROW = 20
COLUMNS = [40, 30, 30, 160, 90, 90, 90]  # 类 | 款 | 项 | name | 合计 | 基本支出 | 项目支出
HEADER = [["类", "款", "项", "功能分类科目名称", "合计", "基本支出", "项目支出"]]
BODY = [["213", "", "", "农林水支出", "500.00", "300.00", "200.00"],
        ["213", "01", "", "农业农村", "500.00", "300.00", "200.00"],
        ["213", "01", "04", "事业运行", "500.00", "300.00", "200.00"],
        ["合计", "", "", "", "500.00", "300.00", "200.00"]]


def _chars(text: str, x: float, top: float, size: float = 9.0) -> list[dict]:
    out = []
    for ch in text:
        w = size if ord(ch) > 0x2E80 else size / 2
        out.append({"text": ch, "x0": x, "x1": x + w, "top": top, "bottom": top + size, "size": size, "upright": True})
        x += w
    return out


def _ruled(rows: list[list[str]], left: float, top: float, widths: list[float]):
    """Cell boxes and characters of a ruled grid, text 2 pt inside each cell."""
    boxes, chars = [], []
    for r, row in enumerate(rows):
        x = left
        for text, w in zip(row, widths):
            box = (x, top + r * ROW, x + w, top + (r + 1) * ROW)
            boxes.append(box)
            chars += _chars(text, x + 2, box[1] + 5)
            x += w
    return boxes, chars


def _page(number: int, grids_chars: list[tuple[list, list]], text: list[tuple[str, float, float]]) -> PageContent:
    chars = [c for _, cs in grids_chars for c in cs]
    for t, x, y in text:
        chars += _chars(t, x, y, 12 if y < 100 else 9)
    grids = [build_grid(boxes, chars, number) for boxes, _ in grids_chars]
    rest = [c for c in chars if not inside(c, [g.bbox for g in grids])]
    return PageContent(number, 842.0, group_lines(rest, number), grids, len(chars), 0)


def _table(pages: list[PageContent]):
    doc = build_document("hand.pdf", pages, _catalog())
    return doc.table("SB3")


def _catalog():
    from disclint.catalog import default_catalog

    return default_catalog()


TITLE = [("2026年部门支出预算总表", 200, 60), ("单位：元", 480, 85)]


def test_a_consistent_table_leaves_nothing_over():
    t = _table([_page(1, [_ruled(HEADER + BODY, 60, 100, COLUMNS)], TITLE)])
    assert [r.code for r in t.rows] == ["213", "21301", "2130104", None]
    assert t.leftovers == []


def test_number_beside_the_ruling():
    page = _page(1, [_ruled(HEADER + BODY, 60, 100, COLUMNS)], TITLE + [("75.00", 620, 145)])
    t = _table([page])
    assert [(lo.text, lo.reason) for lo in t.leftovers] == [("75.00", "beside the table's ruling")]
    assert t.leftovers[0].location.page == 1 and t.leftovers[0].location.table == t.display_name


def test_number_in_the_ruling_but_in_no_cell():
    boxes, chars = _ruled(HEADER + BODY, 60, 100, COLUMNS)
    hole = boxes.pop(len(COLUMNS) * 2 + 6)  # the 项目支出 cell of the second body row: no cell there
    page = _page(1, [(boxes, chars)], TITLE)
    t = _table([page])
    assert [lo.text for lo in t.leftovers] == ["200.00"]
    assert "in no cell" in t.leftovers[0].reason
    x0, top, x1, bottom = t.leftovers[0].location.box
    assert hole[0] <= x0 < x1 <= hole[2] and hole[1] <= top < bottom <= hole[3]


def test_number_in_a_code_column():
    body = [list(r) for r in BODY]
    body[1][2] = "12.50"  # printed in the 项 column, beside the code's 款 part
    t = _table([_page(1, [_ruled(HEADER + body, 60, 100, COLUMNS)], TITLE)])
    assert [(lo.text, lo.reason) for lo in t.leftovers] == [("12.50", "in a code column beside another text")]


def test_continuation_in_other_columns():
    """The next page's untitled grid does not line up with the table's columns: its
    numbers are not read, and say so."""
    first = _page(1, [_ruled(HEADER + BODY[:2], 60, 100, COLUMNS)], TITLE)
    second = _page(2, [_ruled([["2130104 事业运行", "500.00"]], 20, 100, [80, 400])], [])
    t = _table([first, second])
    assert sorted(lo.text for lo in t.leftovers) == ["500.00"]
    assert t.leftovers[0].location.page == 2


def test_label_fragment_joins_only_the_row_right_above():
    """A label fragment under a row without a label is not the rest of an older row's label."""
    body = BODY[:3] + [["", "", "", "", "9.00", "", ""], ["", "", "", "经费", "", "", ""]] + BODY[3:]
    t = _table([_page(1, [_ruled(HEADER + body, 60, 100, COLUMNS)], TITLE)])
    assert t.row("2130104").label == "事业运行"
    assert [lo.text for lo in t.leftovers] == ["9.00"]  # the row without a label: its number is left over

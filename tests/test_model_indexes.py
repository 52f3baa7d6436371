"""``Table.row`` and ``Document.table`` look up through indexes (issue 12, point 3: a scan
for every identity and claim was quadratic in a long document) and give what a scan in
printed order gives, also when the model changes after a lookup
(``tests/test_scaling.py`` counts the work)."""

from __future__ import annotations

from disclint.model import Document, Location, Row, Table

LOC = Location("t.txt", 1, 1)


def row(label, key=None, code=None, panel="main"):
    return Row(label, {}, LOC, code=code, key=key, panel=panel)


def scan(table, key, panel=None):
    return next((r for r in table.rows if (r.key == key or r.code == key) and (panel is None or r.panel == panel)),
                None)


def test_row_is_the_first_row_with_the_key_or_code_in_the_panel():
    rows = [row("合计", key="total"), row("收入", key="income", panel="income"),
            row("农林水支出", code="213", panel="expenditure"), row("农林水支出", code="213"),
            row("合计", key="total", panel="expenditure"), row("213", key="213", code="213")]
    t = Table("B01", "收支总表", LOC, rows=rows)
    for key in ("total", "income", "213", "none"):
        for panel in (None, "main", "income", "expenditure", "other"):
            assert t.row(key, panel) is scan(t, key, panel), (key, panel)


def test_row_follows_rows_added_replaced_or_rekeyed_after_a_lookup():
    t = Table("B03", "支出总表", LOC, rows=[row("合计", key="total")])
    assert t.row("213") is None
    added = row("农林水支出", code="213")
    t.rows.append(added)  # a longer list: indexed again
    assert t.row("213") is added
    t.rows = [row("合计", key="total")]  # another list
    assert t.row("213") is None and t.row("total") is t.rows[0]
    t.rows[0].key = None  # a key taken away: the stale entry is noticed
    assert t.row("total") is None
    first, second = row("a", key="x"), row("b", key="x")
    t.rows = [first, second]
    assert t.row("x") is first
    first.key = "y"  # the first no longer has it: the next one does
    assert t.row("x") is second and t.row("y") is first


def test_the_index_is_no_part_of_the_table():
    a, b = Table("B03", "支出总表", LOC, rows=[row("合计", key="total")]), Table("B03", "支出总表", LOC,
                                                                         rows=[row("合计", key="total")])
    a.row("total")
    assert a == b and "_row_index" not in repr(a)


def test_table_is_the_first_table_with_the_id():
    a, b, c = (Table("B01", "一", LOC), Table("B03", "三", LOC), Table("B01", "一（续）", LOC))
    doc = Document("d.txt", tables=[a, b, c])
    assert doc.table("B01") is a and doc.table("B03") is b and doc.table("F01") is None
    doc.tables.insert(0, Table("F01", "决算", LOC))
    assert doc.table("F01") is doc.tables[0]
    doc.tables = [c]
    assert doc.table("B01") is c and doc.table("B03") is None


def test_copies_and_the_copy_that_prints_a_row():
    first = Table("B05", "一般公共预算支出表", LOC, rows=[row("合计", key="total")])
    second = Table("B05", "一般公共预算支出表（续）", LOC, rows=[row("合计", key="total"), row("农林水支出", code="213")])
    other = Table("B03", "支出总表", LOC, rows=[row("农林水支出", code="213")])
    doc = Document("d.txt", tables=[first, other, second])
    assert doc.copies("B05") == [first, second] and doc.copies("F01") == []
    assert doc.table_with_row("B05", "213") is second  # the copy that prints it
    assert doc.table_with_row("B05", "total") is first
    assert doc.table_with_row("B05", "201") is first  # none does: the first copy
    assert doc.table_with_row("F01", "total") is None
    doc.tables = [second]  # the answers follow another list of tables
    assert doc.copies("B05") == [second] and doc.table_with_row("B05", "total") is second

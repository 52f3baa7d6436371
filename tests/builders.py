"""Build small synthetic Documents for rule tests, without a reader.

    b = DocBuilder(kind="budget")
    t = b.table("B03", "预算支出总表", number="预算公开表3")
    t.columns("total", "basic", "project")
    t.row("合计", "413.75", "263.75", "150.00", key="total")
    t.row("一般公共服务支出", "351.50", "201.50", "150.00", code="201")
    doc = b.build()

Every row gets its own line (``same_line=True`` puts it on the previous row's
line, for the side-by-side panels of a 总表); every cell a column on that line.
Values are strings as printed: "" is a blank cell, None no cell at all.

``budget_document()`` and ``final_document()`` are consistent documents of the
two templates (no finding at all); tests plant errors in them with
:func:`set_cell`.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from disclint.catalog import default_catalog
from disclint.model import Cell, Document, Location, Row, Table, TocEntry
from disclint.model.amounts import parse_amount
from disclint.analysis import analyse
from disclint.rules import structure, tables
from disclint.rules.base import RuleContext

PATH = "synthetic.txt"


class DocBuilder:
    def __init__(self, kind: str = "budget", path: str = PATH, unit_name: str = "测试单位"):
        self.doc = Document(path=path, kind=kind, year=2024, unit_name=unit_name)
        self.line = 0

    def next_line(self) -> int:
        self.line += 1
        return self.line

    def toc(self, title: str, table_id: str | None) -> TocEntry:
        e = TocEntry(title, Location(self.doc.path, self.next_line(), 1), table_id=table_id)
        self.doc.toc.append(e)
        return e

    def table(self, table_id: str, name: str, number: str | None = None, no_data: bool = False) -> "TableBuilder":
        line = self.next_line()
        t = Table(id=table_id, title=name, location=Location(self.doc.path, line, 1), number=number,
                  no_data=no_data, name=name)
        self.doc.tables.append(t)
        return TableBuilder(self, t)

    def build(self) -> Document:
        return self.doc


class TableBuilder:
    def __init__(self, owner: DocBuilder, table: Table):
        self.owner = owner
        self.table = table
        self.panel_columns: dict[str, list[str]] = {}
        self.panel = "main"

    def columns(self, *keys: str, panel: str = "main") -> "TableBuilder":
        self.panel_columns[panel] = list(keys)
        self.panel = panel
        return self

    def row(self, label: str, *values: str | None, key: str | None = None, code: str | None = None,
            panel: str | None = None, parent: str | None = None, indent: int = 0,
            same_line: bool = False) -> Row:
        panel = panel or self.panel
        cols = self.panel_columns[panel]
        assert len(values) <= len(cols), f"{label}: {len(values)} values for columns {cols}"
        line = self.owner.line if same_line else self.owner.next_line()
        offset = 100 if same_line else 0
        path = self.owner.doc.path
        cells: dict[str, Cell] = {}
        for i, (col, text) in enumerate(zip(cols, values)):
            if text is None:
                continue
            loc = Location(path, line, offset + 20 + 10 * i, line, offset + 20 + 10 * i + len(text))
            cells[col] = make_cell(text, col, loc)
        r = Row(label=label, cells=cells, location=Location(path, line, offset + 1), code=code, key=key,
                panel=panel, parent_label=parent, indent=indent)
        self.table.rows.append(r)
        return r


def make_cell(text: str, column: str, loc: Location) -> Cell:
    parsed = parse_amount(text) if text.strip() else None
    if parsed is None:
        return Cell(text=text, value=None, column=column, location=loc, na=bool(text.strip()))
    value, decimals = parsed
    return Cell(text=text, value=value, column=column, location=loc, decimals=decimals)


# ---------------------------------------------------------------- access / mutation
def find_row(doc: Document, table_id: str, row: str, panel: str | None = None) -> Row:
    """A row by catalog key, code or label."""
    t = doc.table(table_id)
    assert t is not None, table_id
    for r in t.rows:
        if panel and r.panel != panel:
            continue
        if row in (r.key, r.code, r.label):
            return r
    raise KeyError(f"{table_id}: no row {row!r}")


def find_cell(doc: Document, table_id: str, row: str, column: str, panel: str | None = None) -> Cell:
    return find_row(doc, table_id, row, panel).cells[column]


def set_cell(doc: Document, table_id: str, row: str, column: str, text: str, panel: str | None = None) -> Cell:
    """Replace a cell's printed text (and value); returns the new cell."""
    r = find_row(doc, table_id, row, panel)
    old = r.cells.get(column)
    loc = old.location if old else replace(r.location, column=90)
    r.cells[column] = make_cell(text, column, loc)
    return r.cells[column]


def shift_cell(cell: Cell, delta: str) -> None:
    """Add ``delta`` to a cell in place, keeping its decimals."""
    assert cell.value is not None
    cell.value = cell.value + Decimal(delta)
    cell.text = f"{cell.value:.{cell.decimals}f}"


# ---------------------------------------------------------------- running rules
# the table and structure rules; the coverage rules (S303-S306) are tested on their own
# (tests/test_coverage.py): a synthetic document holds only the tables a test needs
COVERAGE_RULES = [structure.TableNotRead, structure.DuplicateTable, structure.NumbersLeftOver,
                  structure.TablesMissing]
ALL_RULES = tables.RULES + [r for r in structure.RULES if r not in COVERAGE_RULES]


def rule_context(doc: Document, catalog=None, tolerance: Decimal = Decimal(0), vocabulary=None) -> RuleContext:
    """What the runner hands every rule for ``doc``: the catalog and the document's analysis."""
    catalog = catalog or default_catalog()
    return RuleContext(catalog, analyse(doc, catalog, vocabulary, tolerance))


def lint(doc: Document, rules=None) -> list:
    ctx = rule_context(doc)
    out = []
    for cls in rules or ALL_RULES:
        out.extend(cls().check(doc, ctx))
    return out


def errors(findings) -> list:
    return [f for f in findings if f.severity.value == "error"]


# ---------------------------------------------------------------- consistent documents
BUDGET_CLASSES = [
    ("一、一般公共服务支出", "351.50"), ("二、外交支出", ""), ("八、社会保障和就业支出", "42.25"),
    ("二十、住房保障支出", "20.00"), ("二十五、其他支出", ""),
]


def budget_document(path: str = PATH) -> Document:
    """A consistent 单位预算 (Shanxi tables 1-12)."""
    b = DocBuilder("budget", path)
    for n, title in [(1, "预算收支总表"), (2, "预算收入总表"), (3, "预算支出总表"), (4, "财政拨款收支总表"),
                     (5, "一般公共预算支出预算表"), (6, "一般公共预算安排基本支出分经济科目表"),
                     (7, "政府性基金预算收入表"), (8, "政府性基金预算支出表"),
                     (10, "财政拨款安排“三公”经费支出预算表"), (11, "机关运行经费预算表"),
                     (12, "项目支出预算表（本年预算）")]:
        b.toc(f"表{n} 2024年{title}", f"B{n:02d}")

    t = b.table("B01", "预算收支总表", "预算公开表1")
    t.columns("amount", panel="income")
    t.columns("total", "current", "carryover", panel="expenditure")
    income = [("一、一般公共预算", "400.00", "src_general"), ("二、政府性基金预算", "", "src_fund"),
              ("三、国有资本经营预算", "", "src_soe"), ("四、财政专户管理资金", "", "src_special"),
              ("五、单位资金", "13.75", "src_unit")]
    for i, (label, amount) in enumerate(BUDGET_CLASSES):
        if i < len(income):
            il, iv, ik = income[i]
            t.row(il, iv, key=ik, panel="income")
        t.row(label, amount, amount, "", code=None, panel="expenditure", same_line=i < len(income))
    t.row("本年收入合计", "413.75", key="income_year_total", panel="income")
    t.row("本年支出合计", "413.75", "413.75", "", key="expense_year_total", panel="expenditure", same_line=True)
    t.row("上年结转", "", key="carryover_in", panel="income")
    t.row("年终结转", "", "", "", key="carryover_out", panel="expenditure", same_line=True)
    t.row("收入总计", "413.75", key="income_grand_total", panel="income")
    t.row("支出总计", "413.75", "413.75", "", key="expense_grand_total", panel="expenditure", same_line=True)

    t = b.table("B02", "预算收入总表", "预算公开表2")
    t.columns("total", "general", "fund", "soe", "special", "unit", "carryover")
    t.row("合计", "413.75", "400.00", "", "", "", "13.75", "", key="total")
    t.row("一般公共服务支出", "351.50", "337.75", "", "", "", "13.75", "", code="201")
    t.row("财政事务", "350.00", "336.25", "", "", "", "13.75", "", code="20106")
    t.row("行政运行", "200.00", "200.00", "", "", "", "", "", code="2010601")
    t.row("其他财政事务支出", "150.00", "136.25", "", "", "", "13.75", "", code="2010699")
    t.row("组织事务", "1.50", "1.50", code="20132")
    t.row("其他组织事务支出", "1.50", "1.50", code="2013299")
    t.row("社会保障和就业支出", "42.25", "42.25", code="208")
    t.row("行政事业单位养老支出", "42.25", "42.25", code="20805")
    t.row("机关事业单位基本养老保险缴费支出", "30.00", "30.00", code="2080505")
    t.row("机关事业单位职业年金缴费支出", "12.25", "12.25", code="2080506")
    t.row("住房保障支出", "20.00", "20.00", code="221")
    t.row("住房改革支出", "20.00", "20.00", code="22102")
    t.row("住房公积金", "20.00", "20.00", code="2210201")

    t = b.table("B03", "预算支出总表", "预算公开表3")
    t.columns("total", "basic", "project")
    t.row("合计", "413.75", "263.75", "150.00", key="total")
    t.row("一般公共服务支出", "351.50", "201.50", "150.00", code="201")
    t.row("财政事务", "350.00", "200.00", "150.00", code="20106")
    t.row("行政运行", "200.00", "200.00", "", code="2010601")
    t.row("其他财政事务支出", "150.00", "", "150.00", code="2010699")
    t.row("组织事务", "1.50", "1.50", "", code="20132")
    t.row("其他组织事务支出", "1.50", "1.50", "", code="2013299")
    t.row("社会保障和就业支出", "42.25", "42.25", "", code="208")
    t.row("行政事业单位养老支出", "42.25", "42.25", "", code="20805")
    t.row("机关事业单位基本养老保险缴费支出", "30.00", "30.00", "", code="2080505")
    t.row("机关事业单位职业年金缴费支出", "12.25", "12.25", "", code="2080506")
    t.row("住房保障支出", "20.00", "20.00", "", code="221")
    t.row("住房改革支出", "20.00", "20.00", "", code="22102")
    t.row("住房公积金", "20.00", "20.00", "", code="2210201")

    t = b.table("B04", "财政拨款收支总表", "预算公开表4")
    t.columns("amount", panel="income")
    t.columns("total", "general", "fund", "soe", panel="expenditure")
    t.row("一、一般公共预算", "400.00", key="src_general", panel="income")
    t.row("一、一般公共服务支出", "337.75", "337.75", "", "", panel="expenditure", same_line=True)
    t.row("二、政府性基金预算", "", key="src_fund", panel="income")
    t.row("八、社会保障和就业支出", "42.25", "42.25", "", "", panel="expenditure", same_line=True)
    t.row("三、国有资本经营预算", "", key="src_soe", panel="income")
    t.row("二十、住房保障支出", "20.00", "20.00", "", "", panel="expenditure", same_line=True)
    t.row("本年收入合计", "400.00", key="income_year_total", panel="income")
    t.row("本年支出合计", "400.00", "400.00", "", "", key="expense_year_total", panel="expenditure", same_line=True)
    t.row("上年财政拨款结转", "", key="carryover_in", panel="income")
    t.row("年终结转", "", "", "", "", key="carryover_out", panel="expenditure", same_line=True)
    t.row("收入总计", "400.00", key="income_grand_total", panel="income")
    t.row("支出总计", "400.00", "400.00", "", "", key="expense_grand_total", panel="expenditure", same_line=True)

    t = b.table("B05", "一般公共预算支出预算表", "预算公开表5")
    t.columns("total", "basic", "project")
    t.row("合计", "400.00", "263.75", "136.25", key="total")
    t.row("一般公共服务支出", "337.75", "201.50", "136.25", code="201")
    t.row("财政事务", "336.25", "200.00", "136.25", code="20106")
    t.row("行政运行", "200.00", "200.00", "", code="2010601")
    t.row("其他财政事务支出", "136.25", "", "136.25", code="2010699")
    t.row("组织事务", "1.50", "1.50", "", code="20132")
    t.row("其他组织事务支出", "1.50", "1.50", "", code="2013299")
    t.row("社会保障和就业支出", "42.25", "42.25", "", code="208")
    t.row("行政事业单位养老支出", "42.25", "42.25", "", code="20805")
    t.row("机关事业单位基本养老保险缴费支出", "30.00", "30.00", "", code="2080505")
    t.row("机关事业单位职业年金缴费支出", "12.25", "12.25", "", code="2080506")
    t.row("住房保障支出", "20.00", "20.00", "", code="221")
    t.row("住房改革支出", "20.00", "20.00", "", code="22102")
    t.row("住房公积金", "20.00", "20.00", "", code="2210201")

    t = b.table("B06", "一般公共预算安排基本支出分经济科目表", "预算公开表6")
    t.columns("total", "personnel", "public")
    t.row("合计", "263.75", "247.25", "16.50", key="total")
    t.row("工资福利支出", "212.25", "212.25", "")
    t.row("基本工资", "150.00", "150.00", "")
    t.row("机关事业单位基本养老保险缴费", "30.00", "30.00", "")
    t.row("职业年金缴费", "12.25", "12.25", "")
    t.row("住房公积金", "20.00", "20.00", "")
    t.row("商品和服务支出", "16.50", "", "16.50")
    t.row("办公费", "10.00", "", "10.00")
    t.row("公务用车运行维护费", "5.00", "", "5.00")
    t.row("其他商品和服务支出", "1.50", "", "1.50")
    t.row("对个人和家庭的补助", "35.00", "35.00", "")
    t.row("退休费", "35.00", "35.00", "")

    t = b.table("B07", "政府性基金预算收入表", "预算公开表7", no_data=True)
    t.columns("total")
    t.row("合计", "", key="total")
    t = b.table("B08", "政府性基金预算支出表", "预算公开表8", no_data=True)
    t.columns("total", "basic", "project")
    t.row("合计", "", "", "", key="total")

    t = b.table("B10", "财政拨款安排“三公”经费支出预算表", "预算公开表10")
    t.columns("total", "general", "fund", "soe")
    t.row("因公出国（境）费", "", "", "", "", key="abroad")
    t.row("公务接待费", "2.00", "2.00", "", "", key="reception")
    t.row("公务用车购置及运行费", "5.00", "5.00", "", "", key="vehicle")
    t.row("①公务用车购置费", "", "", "", "", key="vehicle_purchase")
    t.row("②公务用车运行维护费", "5.00", "5.00", "", "", key="vehicle_operation")
    t.row("合计", "7.00", "7.00", "", "", key="total")

    t = b.table("B11", "机关运行经费预算表", "预算公开表11")
    t.columns("total", "general", "fund", "soe")
    t.row("部门合计", "16.50", "16.50", "", "", key="total")
    t.row("测试单位", "16.50", "16.50", "", "")

    t = b.table("B12", "项目支出预算表（本年预算）", "预算公开表12")
    t.columns("total", "general", "fund", "soe", "special", "unit")
    t.row("测试单位", "150.00", "136.25", "", "", "", "13.75")
    t.row("项目甲", "100.00", "86.25", "", "", "", "13.75", parent="测试单位", indent=1)
    t.row("项目乙", "50.00", "50.00", "", "", "", "", parent="测试单位", indent=1)
    return b.build()


def final_document(path: str = PATH) -> Document:
    """A consistent 部门决算 (national tables 01-10)."""
    b = DocBuilder("final_accounts", path)
    names = ["收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
             "一般公共预算财政拨款基本支出决算明细表", "政府性基金预算财政拨款收入支出决算表",
             "国有资本经营预算财政拨款支出决算表", "财政拨款“三公”经费支出决算表", "部门决算公开相关信息统计表"]
    for n, title in enumerate(names, 1):
        b.toc(f"{n}、{title}", f"F{n:02d}")

    t = b.table("F01", "收入支出决算总表", "公开01表")
    t.columns("amount", panel="income")
    t.columns("amount", panel="expenditure")
    t.row("一、一般公共预算财政拨款收入", "850.00", key="src_general", panel="income")
    t.row("一、一般公共服务支出", "800.00", panel="expenditure", same_line=True)
    t.row("二、政府性基金预算财政拨款收入", "", key="src_fund", panel="income")
    t.row("二、外交支出", "", panel="expenditure", same_line=True)
    t.row("三、国有资本经营预算财政拨款收入", "", key="src_soe", panel="income")
    t.row("十九、住房保障支出", "60.00", panel="expenditure", same_line=True)
    t.row("四、上级补助收入", "", key="src_superior", panel="income")
    t.row("五、事业收入", "50.00", key="src_business", panel="income")
    t.row("六、经营收入", "", key="src_operating", panel="income")
    t.row("七、附属单位上缴收入", "", key="src_affiliated", panel="income")
    t.row("八、其他收入", "", key="src_other", panel="income")
    t.row("本年收入合计", "900.00", key="income_year_total", panel="income")
    t.row("本年支出合计", "860.00", key="expense_year_total", panel="expenditure", same_line=True)
    t.row("使用非财政拨款结余和专用结余", "", key="use_nonfiscal_balance", panel="income")
    t.row("结余分配", "", key="balance_distribution", panel="expenditure", same_line=True)
    t.row("年初结转和结余", "20.00", key="opening_balance", panel="income")
    t.row("年末结转和结余", "60.00", key="closing_balance", panel="expenditure", same_line=True)
    t.row("总计", "920.00", key="income_grand_total", panel="income")
    t.row("总计", "920.00", key="expense_grand_total", panel="expenditure", same_line=True)

    t = b.table("F02", "收入决算表", "公开02表")
    t.columns("total", "fiscal", "superior", "business", "operating", "affiliated", "other")
    t.row("合计", "900.00", "850.00", "", "50.00", "", "", "", key="total")
    t.row("一般公共服务支出", "840.00", "790.00", "", "50.00", "", "", "", code="201")
    t.row("财政事务", "840.00", "790.00", "", "50.00", "", "", "", code="20106")
    t.row("行政运行", "500.00", "500.00", "", "", "", "", "", code="2010601")
    t.row("其他财政事务支出", "340.00", "290.00", "", "50.00", "", "", "", code="2010699")
    t.row("住房保障支出", "60.00", "60.00", code="221")
    t.row("住房改革支出", "60.00", "60.00", code="22102")
    t.row("住房公积金", "60.00", "60.00", code="2210201")

    t = b.table("F03", "支出决算表", "公开03表")
    t.columns("total", "basic", "project", "to_superior", "operating", "to_affiliated")
    t.row("合计", "860.00", "560.00", "300.00", "", "", "", key="total")
    t.row("一般公共服务支出", "800.00", "500.00", "300.00", code="201")
    t.row("财政事务", "800.00", "500.00", "300.00", code="20106")
    t.row("行政运行", "500.00", "500.00", "", code="2010601")
    t.row("其他财政事务支出", "300.00", "", "300.00", code="2010699")
    t.row("住房保障支出", "60.00", "60.00", "", code="221")
    t.row("住房改革支出", "60.00", "60.00", "", code="22102")
    t.row("住房公积金", "60.00", "60.00", "", code="2210201")

    t = b.table("F04", "财政拨款收入支出决算总表", "公开04表")
    t.columns("amount", panel="income")
    t.columns("total", "general", "fund", "soe", panel="expenditure")
    t.row("一、一般公共预算财政拨款", "850.00", key="src_general", panel="income")
    t.row("一、一般公共服务支出", "790.00", "790.00", "", "", panel="expenditure", same_line=True)
    t.row("二、政府性基金预算财政拨款", "", key="src_fund", panel="income")
    t.row("十九、住房保障支出", "60.00", "60.00", "", "", panel="expenditure", same_line=True)
    t.row("三、国有资本经营预算财政拨款", "", key="src_soe", panel="income")
    t.row("本年收入合计", "850.00", key="income_year_total", panel="income")
    t.row("本年支出合计", "850.00", "850.00", "", "", key="expense_year_total", panel="expenditure", same_line=True)
    t.row("年初财政拨款结转和结余", "10.00", key="opening_balance", panel="income")
    t.row("年末财政拨款结转和结余", "10.00", "10.00", "", "", key="closing_balance", panel="expenditure",
          same_line=True)
    t.row("总计", "860.00", key="income_grand_total", panel="income")
    t.row("总计", "860.00", "860.00", "", "", key="expense_grand_total", panel="expenditure", same_line=True)

    t = b.table("F05", "一般公共预算财政拨款支出决算表", "公开05表")
    t.columns("total", "basic", "project")
    t.row("合计", "850.00", "560.00", "290.00", key="total")
    t.row("一般公共服务支出", "790.00", "500.00", "290.00", code="201")
    t.row("财政事务", "790.00", "500.00", "290.00", code="20106")
    t.row("行政运行", "500.00", "500.00", "", code="2010601")
    t.row("其他财政事务支出", "290.00", "", "290.00", code="2010699")
    t.row("住房保障支出", "60.00", "60.00", "", code="221")
    t.row("住房改革支出", "60.00", "60.00", "", code="22102")
    t.row("住房公积金", "60.00", "60.00", "", code="2210201")

    t = b.table("F06", "一般公共预算财政拨款基本支出决算明细表", "公开06表")
    t.columns("amount", panel="personnel")
    t.columns("amount", panel="public")
    t.row("工资福利支出", "460.00", code="301", panel="personnel")
    t.row("商品和服务支出", "58.00", code="302", panel="public", same_line=True)
    t.row("基本工资", "400.00", code="30101", panel="personnel")
    t.row("办公费", "50.00", code="30201", panel="public", same_line=True)
    t.row("住房公积金", "60.00", code="30113", panel="personnel")
    t.row("公务用车运行维护费", "8.00", code="30231", panel="public", same_line=True)
    t.row("对个人和家庭的补助", "40.00", code="303", panel="personnel")
    t.row("资本性支出", "2.00", code="310", panel="public", same_line=True)
    t.row("退休费", "40.00", code="30302", panel="personnel")
    t.row("办公设备购置", "2.00", code="31002", panel="public", same_line=True)
    t.row("人员经费合计", "500.00", key="personnel_total", panel="personnel")
    t.row("公用经费合计", "60.00", key="public_total", panel="public", same_line=True)

    t = b.table("F07", "政府性基金预算财政拨款收入支出决算表", "公开07表", no_data=True)
    t.columns("opening", "income", "total", "basic", "project", "closing")
    t.row("合计", "", "", "", "", "", "", key="total")
    t = b.table("F08", "国有资本经营预算财政拨款支出决算表", "公开08表", no_data=True)
    t.columns("total", "basic", "project")
    t.row("合计", "", "", "", key="total")

    t = b.table("F09", "财政拨款“三公”经费支出决算表", "公开09表")
    t.columns("budget", "final")
    t.row("合计", "10.00", "9.00", key="total")
    t.row("因公出国（境）费", "", "", key="abroad")
    t.row("公务用车购置及运行维护费", "8.00", "8.00", key="vehicle")
    t.row("公务用车购置费", "", "", key="vehicle_purchase")
    t.row("公务用车运行维护费", "8.00", "8.00", key="vehicle_operation")
    t.row("公务接待费", "2.00", "1.00", key="reception")

    t = b.table("F10", "部门决算公开相关信息统计表", "公开10表")
    t.columns("amount")
    t.row("政府采购合计", "30.00", key="procurement_total")
    t.row("货物", "10.00", key="procurement_goods")
    t.row("工程", "", key="procurement_works")
    t.row("服务", "20.00", key="procurement_services")
    t.row("（一）行政单位", "45.00", key="running_admin")
    t.row("（一）车辆数合计（辆）", "2", key="vehicles_total")
    t.row("8. 其他用车", "2", key="vehicles_other")
    return b.build()


# ---------------------------------------------------------------- leaf cells (mutation tests)
class LeafCell:
    """A printed number that no other cell of its table is the sum of."""

    def __init__(self, table, row_index: int, row, column: str, cell):
        self.table, self.row_index, self.row, self.column, self.cell = table, row_index, row, column, cell

    def __repr__(self) -> str:
        return f"<{self.table.id} {self.row.label!r} {self.column} {self.cell.text!r} line {self.cell.location.line}>"


# named rows that are totals or subtotals of other rows
TOTAL_KEYS = {
    "total", "income_year_total", "income_grand_total", "expense_year_total", "expense_grand_total", "vehicle",
    "personnel_total", "public_total", "procurement_total", "vehicles_total", "running_total",
}


def leaf_cells(doc: Document, catalog=None) -> list[LeafCell]:
    """Every non-blank cell of a row that is not a total, a 类/款 parent, an
    economic group or a unit subtotal."""
    from disclint.analysis import structure as F

    catalog = catalog or default_catalog()
    out: list[LeafCell] = []
    for t in doc.tables:
        parents: set[int] = set()
        for panel in {r.panel for r in t.rows}:
            tree = F.code_tree(t.rows_in(panel))
            parents |= {id(p) for p in tree.rows if tree.kids(p)}
            rt = F.row_tree(t, panel, doc, projects=True)
            parents |= {id(r) for r in t.rows_in(panel) if rt.kids(r)}
        parents |= {id(g) for g, _ in F.economic_groups(t, catalog)}
        for i, r in enumerate(t.rows):
            if id(r) in parents or r.key in TOTAL_KEYS:
                continue
            for col, c in r.cells.items():
                if c.value is not None:
                    out.append(LeafCell(t, i, r, col, c))
    return out

"""Build small Documents by hand, for tests and examples of the narrative rules.

    doc = synthetic_document(
        "budget",
        sections=[("三、支出预算情况说明", ["2023年度支出预算678.72万元，其中：基本支出292.09万元，占43.04%。"])],
        tables={"B03": [("合计", "total", "main", {"total": "678.72", "basic": "292.09", "project": "386.63"})]},
    )

Every sentence sits on its own line of a virtual file, so findings have line
numbers; table rows follow the narrative. Row tuples are ``(label, key_or_code,
panel, {column: text})``; a key of three or more digits is a classification code.
"""

from __future__ import annotations

from disclint.catalog import default_catalog
from disclint.model import Cell, Document, Location, Row, Section, Sentence, Table
from disclint.model.amounts import is_na, parse_amount, parse_percent
from disclint.readers.forms import read_target_forms


def sentence_at(text: str, path: str, line: int, column: int = 1) -> Sentence:
    positions = [(line, column + i) for i in range(len(text))]
    return Sentence(text, Location(path, line, column, line, column + len(text)), positions)


def synthetic_document(kind: str, sections, tables=None, path: str = "synthetic.txt", catalog=None,
                       extra_lines=(), year: int | None = None) -> Document:
    catalog = catalog or default_catalog()
    doc = Document(path=path, kind=kind, year=year)
    line = 1
    for entry in sections:
        heading, sentences = entry[0], entry[1]
        parent = entry[2] if len(entry) > 2 else None
        level = 2 if parent else 1
        sec = Section(heading, Location(path, line, 1), level=level, parent=parent)
        doc.lines.append(heading)
        line += 1
        for s in sentences:
            sec.sentences.append(sentence_at(s, path, line))
            doc.lines.append(s)
            line += 1
        doc.sections.append(sec)
    for table_id, rows in (tables or {}).items():
        spec = catalog.spec(table_id)
        title = spec.name if spec else table_id
        table = Table(table_id, title, Location(path, line, 1), name=title,
                      number=f"表{spec.number}" if spec and spec.number else None)
        doc.lines.append(title)
        line += 1
        for label, key, panel, cells in rows:
            code = key if key and key.isdigit() and len(key) >= 3 else None
            row_loc = Location(path, line, 1)
            row = Row(label, {}, row_loc, code=code, key=None if code else key, panel=panel or "main")
            col = len(label) + 2
            pspec = spec.panel(panel or "main") if spec else None
            for ckey, text in cells.items():
                cspec = pspec.column(ckey) if pspec else None
                # as the reader does (readers.assemble): a percent column's cells are percentages
                parse = parse_percent if cspec is not None and cspec.percent else parse_amount
                parsed = parse(text) if text else None
                value, dec = parsed if parsed else (None, 2)
                loc = Location(path, line, col, line, col + len(text))
                row.cells[ckey] = Cell(text, value, ckey, loc, decimals=dec, na=bool(text) and is_na(text))
                col += len(text) + 1
            table.rows.append(row)
            doc.lines.append(label + "  " + " ".join(cells.values()))
            line += 1
        doc.tables.append(table)
    doc.lines.extend(extra_lines)
    doc.target_forms = read_target_forms(doc)  # as read_document does
    return doc


# ---------------------------------------------------------------- example documents
# Consistent documents of both kinds (invented numbers): no narrative rule reports an
# error on them. Tests plant one error at a time with ``replace_in(sections, old, new)``.

BUDGET_SECTIONS = [
    ("第三部分 2024年度单位预算情况说明", []),
    ("一、单位预算收支数据变动情况及原因", [
        "2024年度预算收入总计500.00万元，其中：本年收入500.00万元，上年结转0.00万元，比上年减少20.00万元，下降3.85%，主要原因是项目减少；"
        "本年单位预算支出总计500.00万元，其中：本年预算安排500.00万元，上年结转0.00万元，比上年减少20.00万元，下降3.85%。",
    ]),
    ("二、收入预算情况说明", [
        "2024年度预算收入500.00万元，主要包括一般公共预算拨款收入500.00万元，占100.00%；政府性基金预算拨款收入0.00万元，占0.00%；"
        "单位资金0.00万元，占0.00%；上年结转0.00万元，占0.00%。",
    ]),
    ("三、支出预算情况说明", ["2024年度支出预算500.00万元，其中：基本支出300.00万元，占60.00%；项目支出200.00万元，占40.00%。"]),
    ("四、财政拨款收支预算总体情况说明", [
        "2024年度财政拨款收支总预算500.00万元。",
        "收入为一般公共预算拨款500.00万元，政府性基金预算拨款0.00万元，国有资本经营预算拨款0.00万元。",
        "支出包括：一般公共服务支出420.00万元、社会保障和就业支出50.00万元、卫生健康支出20.00万元、住房保障支出10.00万元。",
    ]),
    ("五、一般公共预算支出情况说明", []),
    ("（一）一般公共预算当年拨款规模变化情况", ["2024年度一般公共预算当年拨款500.00万元，比上年减少20.00万元，下降3.85%。"],
     "五、一般公共预算支出情况说明"),
    ("（二）一般公共预算当年拨款结构情况", [
        "2024年度一般公共预算当年拨款500.00万元，主要用于以下方面：一般公共服务支出420.00万元，占84.00%；"
        "社会保障和就业支出50.00万元，占10.00%；卫生健康支出20.00万元，占4.00%；住房保障支出10.00万元，占2.00%。",
    ], "五、一般公共预算支出情况说明"),
    ("六、一般公共预算基本支出情况说明", [
        "2024年度一般公共预算基本支出300.00万元，其中：",
        "人员经费270.00万元，主要包括：基本工资、津贴补贴；",
        "公用经费30.00万元，主要包括：办公费、印刷费等。",
    ]),
    ("七、“三公”经费增减变动原因说明", [
        "2024年财政拨款安排的“三公”经费预算2.00万元与2023年预算数相同。其中：因公出国（境）费0.00万元，与上年预算数相同；"
        "公务接待费0.00万元，与上年预算数相同；公务用车运行维护费2.00万元，与上年预算数相同；公务用车购置费0.00万元，与上年预算数相同。",
    ]),
    ("八、机关运行经费增减变动原因说明", [
        "2024年机关运行经费财政拨款预算数30.00万元，与2023年预算35.00万元相比，减少5.00万元，减少14.29%，原因是压缩开支。",
    ]),
    ("九、政府采购情况", ["2024年政府采购预算总额12.00万元。其中：政府采购货物预算4.00万元、政府采购工程预算0万元、政府采购服务预算8.00万元。"]),
    ("十、绩效管理情况", ["2024年实行绩效目标管理的项目2个，涉及一般公共预算当年拨款200.00万元。"]),
]

_B_CLASSES = [("201", "一般公共服务支出", "420.00", "220.00", "200.00"), ("208", "社会保障和就业支出", "50.00", "50.00", ""),
              ("210", "卫生健康支出", "20.00", "20.00", ""), ("221", "住房保障支出", "10.00", "10.00", "")]

BUDGET_TABLES = {
    "B01": [("一般公共预算", "src_general", "income", {"amount": "500.00"}),
            ("政府性基金预算", "src_fund", "income", {"amount": ""}),
            ("国有资本经营预算", "src_soe", "income", {"amount": ""}),
            ("财政专户管理资金", "src_special", "income", {"amount": ""}),
            ("单位资金", "src_unit", "income", {"amount": ""}),
            ("本年收入合计", "income_year_total", "income", {"amount": "500.00"}),
            ("上年结转", "carryover_in", "income", {"amount": ""}),
            ("收入总计", "income_grand_total", "income", {"amount": "500.00"})]
    + [(n, c, "expenditure", {"total": t, "current": t, "carryover": ""}) for c, n, t, _b, _p in _B_CLASSES]
    + [("本年支出合计", "expense_year_total", "expenditure", {"total": "500.00", "current": "500.00", "carryover": ""}),
       ("年终结转", "carryover_out", "expenditure", {"total": ""}),
       ("支出总计", "expense_grand_total", "expenditure", {"total": "500.00", "current": "500.00", "carryover": ""})],
    "B03": [("合计", "total", "main", {"total": "500.00", "basic": "300.00", "project": "200.00"})]
    + [(n, c, "main", {"total": t, "basic": b, "project": p}) for c, n, t, b, p in _B_CLASSES],
    "B04": [("一般公共预算", "src_general", "income", {"amount": "500.00"}),
            ("政府性基金预算", "src_fund", "income", {"amount": ""}),
            ("国有资本经营预算", "src_soe", "income", {"amount": ""}),
            ("本年收入合计", "income_year_total", "income", {"amount": "500.00"}),
            ("上年结转", "carryover_in", "income", {"amount": ""}),
            ("收入总计", "income_grand_total", "income", {"amount": "500.00"})]
    + [(n, c, "expenditure", {"total": t, "general": t}) for c, n, t, _b, _p in _B_CLASSES]
    + [("本年支出合计", "expense_year_total", "expenditure", {"total": "500.00", "general": "500.00"}),
       ("支出总计", "expense_grand_total", "expenditure", {"total": "500.00", "general": "500.00"})],
    "B05": [("合计", "total", "main", {"total": "500.00", "basic": "300.00", "project": "200.00"})]
    + [(n, c, "main", {"total": t, "basic": b, "project": p}) for c, n, t, b, p in _B_CLASSES],
    "B06": [("合计", "total", "main", {"total": "300.00", "personnel": "270.00", "public": "30.00"})],
    "B10": [("因公出国（境）费", "abroad", "main", {"total": ""}),
            ("公务接待费", "reception", "main", {"total": ""}),
            ("公务用车购置及运行费", "vehicle", "main", {"total": "2.00"}),
            ("①公务用车购置费", "vehicle_purchase", "main", {"total": ""}),
            ("②公务用车运行维护费", "vehicle_operation", "main", {"total": "2.00"}),
            ("合计", "total", "main", {"total": "2.00"})],
    "B11": [("部门合计", "total", "main", {"total": "30.00"})],
    "B12": [("合计", "total", "main", {"total": "200.00"}),
            ("业务系统运行维护经费", None, "main", {"total": "120.00"}),
            ("专项业务工作经费", None, "main", {"total": "80.00"})],
}

BUDGET_FORMS = [
    "项目支出绩效目标表",
    "项目名称 业务系统运行维护经费",
    "项目资金（元） 实施期资金总额： 3,600,000 年度资金总额： 1,200,000",
    "项目名称\t专项业务工作经费",
    "项目资金（元）\t实施期资金总额：\t800,000\t年度资金总额：\t800,000",
]

FINAL_SECTIONS = [
    ("第三部分 情况说明", []),
    ("一、收入支出决算总体情况说明", [
        "2024年度收入总计600.00万元，支出总计600.00万元。与上年相比，收入总计增加40.00万元，增长7.14%，支出总计增加40.00万元，增长7.14%。",
    ]),
    ("二、收入决算情况说明", [
        "2024年度收入合计550.00万元，其中：",
        "财政拨款收入500.00万元，占比90.91%；",
        "上级补助收入0万元，占比0%；",
        "事业收入50.00万元，占比9.09%；",
        "其他收入0万元，占比0%。",
    ]),
    ("三、支出决算情况说明", [
        "2024年度支出合计540.00万元，其中：",
        "基本支出340.00万元，占比62.96%；",
        "项目支出200.00万元，占比37.04%。",
    ]),
    ("四、财政拨款收支决算总体情况说明", [
        "2024年度财政拨款收入总计510.00万元，支出总计510.00万元。与上年相比，财政拨款收入总计减少10.00万元，下降1.92%。",
    ]),
    ("五、一般公共预算财政拨款支出决算情况说明", []),
    ("（一）一般公共预算财政拨款支出决算总体情况", [
        "2024年一般公共预算财政拨款决算支出500.00万元，占本年支出合计的92.59%。与上年相比，一般公共预算财政拨款支出增加20.00万元，增长4.17%。",
    ], "五、一般公共预算财政拨款支出决算情况说明"),
    ("（二）一般公共预算财政拨款支出决算结构情况", [
        "2024年度一般公共预算财政拨款支出500.00万元，主要用于以下方面：",
        "一般公共服务支出（类）400.00万元，占比80.00%；",
        "社会保障和就业支出（类）60.00万元，占比12.00%；",
        "卫生健康支出（类）25.00万元，占比5.00%；",
        "住房保障支出（类）15.00万元，占比3.00%。",
    ], "五、一般公共预算财政拨款支出决算情况说明"),
    ("（三）一般公共预算财政拨款支出决算具体情况", [
        "2024年度一般公共预算财政拨款支出年初预算480.00万元，支出决算500.00万元，完成年初预算的104.17%。其中：",
        "一般公共服务支出年初预算390.00万元，支出决算400.00万元，完成预算的102.56%。较2023年决算增加30.00万元，增长8.11%。",
    ], "五、一般公共预算财政拨款支出决算情况说明"),
    ("六、一般公共预算财政拨款基本支出决算情况说明", [
        "2024年度财政拨款基本支出330.00万元，其中：",
        "人员经费300.00万元，主要包括工资福利支出280.00万元，对个人和家庭的补助支出20.00万元；",
        "公用经费30.00万元，主要包括商品和服务支出30.00万元。",
    ]),
    ("九、财政拨款“三公”经费支出决算情况说明", [
        "2024年度“三公”经费财政拨款支出全年预算3.00万元，支出决算2.50万元，完成全年预算的83.33%，比上年度减少0.50万元，下降16.67%。其中：",
        "因公出国（境）费支出0万元，完成全年预算的0%，与上年相同；",
        "公务用车购置费支出0万元，完成全年预算的0%，与上年相同；",
        "公务用车运行维护费支出2.50万元，完成全年预算的83.33%；",
        "公务接待费支出0万元，完成全年预算的0%。",
    ]),
    ("十、其他重要事项情况说明", []),
    ("（一）机关运行经费支出情况说明", ["2024年机关运行经费支出30.00万元，比2023年减少2.00万元，下降6.25%。"], "十、其他重要事项情况说明"),
    ("（二）政府采购情况说明", [
        "2024年度政府采购支出总额20.00万元，其中：政府采购货物支出5.00万元、政府采购工程支出0万元、政府采购服务支出15.00万元。",
    ], "十、其他重要事项情况说明"),
    ("（四）预算绩效情况说明", [
        "组织对2024年度项目全面开展绩效自评，共涉及资金200.00万元，其中一般公共预算项目支出200.00万元、政府性基金预算项目支出0元。",
        "实际到位资金30.00万元，实际使用资金24.00万元，预算执行率80.00%。",
    ], "十、其他重要事项情况说明"),
]

# (code, name, general-budget total, all-funds total, 项目支出 of each; the rest is 基本支出)
_F_CLASSES = [("201", "一般公共服务支出", "400.00", "440.00", "170.00", "200.00"),
              ("208", "社会保障和就业支出", "60.00", "60.00", "", ""),
              ("210", "卫生健康支出", "25.00", "25.00", "", ""), ("221", "住房保障支出", "15.00", "15.00", "", "")]


def _basic(total: str, project: str) -> str:
    from decimal import Decimal

    return f"{Decimal(total) - Decimal(project or '0'):.2f}"


FINAL_TABLES = {
    "F01": [("一般公共预算财政拨款收入", "src_general", "income", {"amount": "500.00"}),
            ("上级补助收入", "src_superior", "income", {"amount": ""}),
            ("事业收入", "src_business", "income", {"amount": "50.00"}),
            ("其他收入", "src_other", "income", {"amount": ""}),
            ("本年收入合计", "income_year_total", "income", {"amount": "550.00"}),
            ("年初结转和结余", "opening_balance", "income", {"amount": "50.00"}),
            ("总计", "income_grand_total", "income", {"amount": "600.00"})]
    + [(n, c, "expenditure", {"amount": all_funds}) for c, n, _g, all_funds, _gp, _ap in _F_CLASSES]
    + [("本年支出合计", "expense_year_total", "expenditure", {"amount": "540.00"}),
       ("年末结转和结余", "closing_balance", "expenditure", {"amount": "60.00"}),
       ("总计", "expense_grand_total", "expenditure", {"amount": "600.00"})],
    "F02": [("合计", "total", "main", {"total": "550.00", "fiscal": "500.00", "superior": "", "business": "50.00", "other": ""})],
    "F03": [("合计", "total", "main", {"total": "540.00", "basic": "340.00", "project": "200.00"})]
    + [(n, c, "main", {"total": a, "basic": _basic(a, ap), "project": ap}) for c, n, _g, a, _gp, ap in _F_CLASSES],
    "F04": [("一般公共预算财政拨款", "src_general", "income", {"amount": "500.00"}),
            ("本年收入合计", "income_year_total", "income", {"amount": "500.00"}),
            ("年初财政拨款结转和结余", "opening_balance", "income", {"amount": "10.00"}),
            ("总计", "income_grand_total", "income", {"amount": "510.00"})]
    + [(n, c, "expenditure", {"total": g, "general": g}) for c, n, g, _a, _gp, _ap in _F_CLASSES]
    + [("本年支出合计", "expense_year_total", "expenditure", {"total": "500.00", "general": "500.00"}),
       ("年末财政拨款结转和结余", "closing_balance", "expenditure", {"total": "10.00", "general": "10.00"}),
       ("总计", "expense_grand_total", "expenditure", {"total": "510.00", "general": "510.00"})],
    "F05": [("合计", "total", "main", {"total": "500.00", "basic": "330.00", "project": "170.00"})]
    + [(n, c, "main", {"total": g, "basic": _basic(g, gp), "project": gp}) for c, n, g, _a, gp, _ap in _F_CLASSES],
    "F06": [("人员经费合计", "personnel_total", "personnel", {"amount": "300.00"}),
            ("工资福利支出", "301", "personnel", {"amount": "280.00"}),
            ("对个人和家庭的补助", "303", "personnel", {"amount": "20.00"}),
            ("公用经费合计", "public_total", "public", {"amount": "30.00"}),
            ("商品和服务支出", "302", "public", {"amount": "30.00"})],
    "F09": [("合计", "total", "main", {"budget": "3.00", "final": "2.50"}),
            ("因公出国（境）费", "abroad", "main", {"budget": "", "final": ""}),
            ("公务用车购置及运行维护费", "vehicle", "main", {"budget": "3.00", "final": "2.50"}),
            ("公务用车购置费", "vehicle_purchase", "main", {"budget": "", "final": ""}),
            ("公务用车运行维护费", "vehicle_operation", "main", {"budget": "3.00", "final": "2.50"}),
            ("公务接待费", "reception", "main", {"budget": "", "final": ""})],
    "F10": [("合计", "procurement_total", "main", {"amount": "20.00"}),
            ("货物", "procurement_goods", "main", {"amount": "5.00"}),
            ("工程", "procurement_works", "main", {"amount": ""}),
            ("服务", "procurement_services", "main", {"amount": "15.00"}),
            ("（一）行政单位", "running_admin", "main", {"amount": "30.00"}),
            ("（二）参照公务员法管理事业单位", "running_civil", "main", {"amount": ""})],
}


def replace_in(sections, old: str, new: str, count: int = 1):
    """A copy of ``sections`` with the first ``count`` occurrences of ``old`` replaced."""
    out, left = [], count
    for entry in sections:
        sentences = []
        for s in entry[1]:
            if left and old in s:
                s = s.replace(old, new, 1)
                left -= 1
            sentences.append(s)
        out.append((entry[0], sentences, *entry[2:]))
    if left == count:
        raise ValueError(f"{old!r} is not in the sections")
    return out


def budget_example(sections=None, tables=None, forms=None, path: str = "budget-example.txt") -> Document:
    return synthetic_document("budget", sections or BUDGET_SECTIONS, tables or BUDGET_TABLES, path=path,
                              extra_lines=BUDGET_FORMS if forms is None else forms)


def final_example(sections=None, tables=None, path: str = "final-example.txt") -> Document:
    return synthetic_document("final_accounts", sections or FINAL_SECTIONS, tables or FINAL_TABLES, path=path)


_ANALYSES: dict[int, object] = {}


def analysis_of(doc: Document):
    """The analysis of a synthetic document, built once per document object (tests ask
    for claims and resolutions of the same document many times)."""
    from disclint.analysis import analyse

    a = _ANALYSES.get(id(doc))
    if a is None or a.document is not doc:
        a = _ANALYSES[id(doc)] = analyse(doc)
    return a


def resolve(claim, doc: Document):
    """The fact a claim restates, else the Unresolved saying why."""
    res = analysis_of(doc).resolution(claim)
    return res.fact if res.fact is not None else res.unresolved

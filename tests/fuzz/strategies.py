"""Hypothesis strategies for the fuzzing suite (issue 12, point 6).

* :func:`numbers` — numbers as disclosures (and OCR, and hostile files) write them;
* :func:`text_documents` — text layouts: a cover, tables of the catalog (tab or space
  separated, any rows, any cells) and a narrative of sentences made of the phrases
  the claim grammar knows;
* :func:`model_documents` — :class:`disclint.model.Document` objects built directly,
  with any value a reader can produce (rows without labels, duplicated codes, zero
  and negative totals, empty tables), for every rule;
* :func:`mutated` — a document's bytes changed the ways damage and OCR change them:
  line deletions and swaps, digit and unicode mutations, truncation, huge numbers,
  control characters.

How many inputs each test tries comes from the profile: ``DISCLINT_FUZZ=long`` (at
least 10,000 inputs in all) or the default, sized for the normal test run.
"""

from __future__ import annotations

import os
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from disclint.analysis.vocabulary import default_vocabulary
from disclint.catalog import default_catalog
from disclint.model import (
    Cell,
    Document,
    Location,
    Row,
    Section,
    Sentence,
    Table,
    TocEntry,
)
from disclint.model.amounts import MAX_DECIMALS, MAX_INTEGER_DIGITS, Stated

PROFILE = os.environ.get("DISCLINT_FUZZ", "default")
LONG = PROFILE == "long"


def fuzz_settings(default: int, long: int) -> settings:
    """Settings for one fuzz test: ``default`` examples in the normal test run, ``long``
    with ``DISCLINT_FUZZ=long``. The normal run is derandomised (the same inputs every
    time: a red test is a regression, not bad luck); the long run explores."""
    return settings(
        max_examples=long if LONG else default,
        deadline=None,
        derandomize=not LONG,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )


CATALOG = default_catalog()
VOCABULARY = default_vocabulary()

# ---------------------------------------------------------------- numbers
_DIGITS = "0123456789"
_FULLWIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


@st.composite
def plain_numbers(draw, max_int_digits: int = 7) -> str:
    """``1234.56``, ``1,234.56``, ``0``, ``-3.5``: what tables print."""
    head = str(draw(st.integers(0, 10 ** draw(st.integers(1, max_int_digits)) - 1)))
    if draw(st.booleans()) and len(head) > 3:  # thousands separators
        head = f"{int(head):,}"
    decimals = draw(st.sampled_from([0, 1, 2, 2, 2, 2, 4]))
    text = head + (f".{draw(st.integers(0, 10 ** decimals - 1)):0{decimals}d}" if decimals else "")
    if draw(st.integers(0, 15)) == 0:
        text = "-" + text
    return text


def codes() -> st.SearchStrategy[str]:
    """A 类 / 款 / 项 code (201, 20101, 2010101) or an economic one (301, 30101)."""
    return st.builds(lambda head, rest, n: f"{head}{rest:06d}"[:3 + 2 * n], st.integers(200, 399),
                     st.integers(0, 999_999), st.integers(0, 2))


@st.composite
def hostile_numbers(draw) -> str:
    """Numbers no disclosure prints on purpose: huge, long decimals, OCR spaces,
    full-width digits, zeros."""
    kind = draw(st.integers(0, 7))
    if kind == 0:
        return "9" * draw(st.integers(MAX_INTEGER_DIGITS - 1, 40)) + draw(st.sampled_from(["", ".00", ".5"]))
    if kind == 1:
        return "0." + "0" * draw(st.integers(MAX_DECIMALS - 2, 40)) + "1"
    if kind == 2:  # OCR spaces inside the number: 3, 153. 04
        text = draw(plain_numbers())
        cut = draw(st.integers(0, len(text)))
        return text[:cut] + " " + text[cut:]
    if kind == 3:
        return draw(plain_numbers()).translate(_FULLWIDTH)
    if kind == 4:
        return draw(st.sampled_from(["0", "0.00", "0.0000", "-0.00", "00", "000.000"]))
    if kind == 5:
        return "1" + "0" * draw(st.integers(20, 60))
    if kind == 6:
        return draw(plain_numbers()) + draw(st.sampled_from(["%", "％", "万元", "元", ""]))
    return "".join(draw(st.lists(st.sampled_from("0123456789.,，"), min_size=1, max_size=12)))


def numbers() -> st.SearchStrategy[str]:
    return st.one_of(plain_numbers(), plain_numbers(), plain_numbers(), hostile_numbers())


CELL_MARKS = ["", "", "", "-", "--", "——", "/", "×", "本表无数据", "合计", "　"]


def any_text(max_size: int) -> st.SearchStrategy[str]:
    """Any characters but control characters and surrogates: a file with many of those is
    refused as binary, and :func:`mutated` puts a few in on purpose."""
    return st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")), max_size=max_size)


def cell_texts() -> st.SearchStrategy[str]:
    return st.one_of(numbers(), numbers(), st.sampled_from(CELL_MARKS), any_text(6))


def _written(cents: int, decimals: int, exact: bool) -> Stated:
    """A figure near cents/100 as a narrative or a table writes it: rounded to its own
    places (0 is exact when it stands for a blank)."""
    value = Decimal(cents).scaleb(-2).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return Stated(value, decimals, exact and value == 0)


# Figures close together at mixed precisions (where rounding intervals meet), and the
# rounding tolerances a run may be given: for properties of comparisons (rules.support.Agreement).
written_figures = st.builds(_written, st.integers(-500, 500), st.sampled_from([0, 1, 2, 4]), st.booleans())
tolerances = st.sampled_from(["0", "0.01", "0.5", "3"]).map(Decimal)


# ---------------------------------------------------------------- words and sentences
CLASS_NAMES = list(CATALOG.function_classes)
SUBJECT_WORDS = sorted({s for subj in VOCABULARY.subjects.values() for s in [subj.name, *subj.synonyms] if s})
ROW_ALIASES = sorted({a for t in CATALOG.tables for p in t.panels for aliases in p.rows.values() for a in aliases})
GLUE = ["，", "。", "；", "：", "、", "其中：", "主要包括：", "主要用于以下方面：", "（", "）", "(", ")", " ", "\t",
        "比上年", "比2022年", "与上年相比", "较上年决算", "增加", "减少", "增长", "下降", "持平", "与上年预算数相同",
        "占", "的", "占比", "完成年初预算的", "完成全年预算的", "预算执行率", "执行率", "年初预算", "全年预算数",
        "支出决算", "决算数", "预算数", "上年结转", "一般公共预算", "政府性基金预算", "（类）", "（款）", "（项）",
        "绩效", "2024年度", "万元", "元", "亿元", "%", "％", "个百分点", "主要原因是", "本表无数据"]


def words() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(SUBJECT_WORDS), st.sampled_from(CLASS_NAMES), st.sampled_from(ROW_ALIASES),
                     st.sampled_from(GLUE), st.sampled_from(GLUE), numbers(), numbers(),
                     any_text(4))


UNITS = ["万元", "万元", "万元", "元", "亿元", "千元", ""]


@st.composite
def claim_phrases(draw) -> str:
    """A phrase the claim grammar reads as a claim (amount, share, change, rate, 类款项)."""
    subject = draw(st.sampled_from(SUBJECT_WORDS + CLASS_NAMES))
    num, pct = draw(numbers()), draw(numbers())
    kind = draw(st.integers(0, 8))
    if kind == 0:
        return f"{subject}{num}{draw(st.sampled_from(UNITS))}"
    if kind == 1:
        whole = draw(st.sampled_from(["", *SUBJECT_WORDS])) + ("的" if draw(st.booleans()) else "")
        return f"{subject}{num}万元，占{whole}{pct}%"
    if kind == 2:
        up = draw(st.booleans())
        return f"比上年{'增加' if up else '减少'}{num}万元，{'增长' if up else '下降'}{pct}%"
    if kind == 3:
        return f"年初预算{num}万元，支出决算{draw(numbers())}万元，完成年初预算的{pct}%"
    if kind == 4:
        return f"实际到位资金{num}万元，实际使用资金{draw(numbers())}万元，预算执行率{pct}%"
    if kind == 5:
        return f"{draw(st.sampled_from(CLASS_NAMES))}（类）{draw(st.sampled_from(ROW_ALIASES))}（款）" \
               f"{draw(st.sampled_from(ROW_ALIASES))}（项）{num}万元"
    if kind == 6:
        return f"{subject}{num}万元，其中：" + "、".join(
            f"{draw(st.sampled_from(SUBJECT_WORDS))}{draw(numbers())}万元" for _ in range(draw(st.integers(1, 4))))
    if kind == 7:
        return f"与{draw(st.sampled_from(['上年', '2023年预算', '2022年决算']))}{num}万元相比，{subject}{pct}万元"
    return f"{subject}{num}万元，与上年预算数相同"


@st.composite
def sentences(draw, max_parts: int = 24) -> str:
    parts = draw(st.lists(st.one_of(words(), claim_phrases(), claim_phrases()), min_size=0, max_size=max_parts))
    return "".join(parts) + draw(st.sampled_from(["。", "；", "", "。"]))


# ---------------------------------------------------------------- text documents
SPECS = [t for t in CATALOG.tables if not t.attachment]


@st.composite
def table_lines(draw, spec) -> list[str]:
    """One table of the catalog as a text layout: its number and title, the unit, a
    header, and rows of label cells and value cells (any shape)."""
    sep = draw(st.sampled_from(["\t", "\t", "  ", "   ", " "]))
    lines = []
    if spec.number and draw(st.booleans()):
        lines.append(f"预算公开表{spec.number}" if spec.kind == "budget" else f"公开{spec.number:02d}表")
    title = draw(st.sampled_from(spec.titles))
    lines.append(draw(st.sampled_from(["", "2024年", "## 2025年", "2023年度"])) + title)
    lines.append(draw(st.sampled_from(["单位：万元", "单位:元", "金额单位：万元", ""])))
    header = []
    for p in spec.panels:
        header += ["项目", *[c.label for c in p.columns]]
    lines.append(sep.join(header))
    for _ in range(draw(st.integers(0, 14))):
        cells = []
        for p in spec.panels:
            kind = draw(st.integers(0, 6))
            if kind == 0 and p.rows:
                key = draw(st.sampled_from(sorted(p.rows)))
                cells.append(draw(st.sampled_from(p.rows[key])))
            elif kind in (1, 2):
                cells += [draw(codes()),
                          draw(st.sampled_from(CLASS_NAMES + ROW_ALIASES))]
            elif kind == 3:
                cells.append("")  # no label
            else:
                cells.append(draw(st.sampled_from(CLASS_NAMES + ROW_ALIASES + ["合计", "总计", "小计"])))
            n = len(p.columns) + draw(st.integers(-2, 2))
            cells += draw(st.lists(cell_texts(), min_size=max(n, 0), max_size=max(n, 0)))
        lines.append(sep.join(cells))
        if draw(st.integers(0, 12)) == 0:
            lines += [draw(st.sampled_from(["", "  ", "\t\t", "\t\t12.00", "续表", "注：本表无数据"]))] * draw(
                st.integers(1, 4))
    return lines


@st.composite
def text_documents(draw) -> str:
    kind = draw(st.sampled_from(["budget", "final_accounts"]))
    specs = [s for s in SPECS if s.kind == kind]
    lines = [draw(st.sampled_from(["# 测试单位", "测试市财政局", ""])),
             draw(st.sampled_from(["2025年度单位预算公开", "2024年度部门决算", "2023年部门预算", ""])), ""]
    if draw(st.booleans()):
        lines.append("目录")
        for spec in draw(st.lists(st.sampled_from(specs), max_size=4)):
            lines.append(f"{spec.titles[0]}.....\t{draw(st.integers(1, 30))}")
    for spec in draw(st.lists(st.sampled_from(specs), max_size=4)):
        lines += [""] + draw(table_lines(spec))
    lines += ["", draw(st.sampled_from(["## 第三部分 2025年度单位预算情况说明", "第三部分 部门决算情况说明",
                                        "情况说明"]))]
    for n in range(draw(st.integers(0, 5))):
        lines.append(draw(st.sampled_from(["### 一、收入预算情况说明", "二、支出决算情况说明", "（一）财政拨款",
                                           "三、“三公”经费", "四、政府采购情况", "五、绩效目标设置情况"])))
        lines += draw(st.lists(sentences(), max_size=4))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n"]))


# ---------------------------------------------------------------- model documents
@st.composite
def amounts(draw) -> tuple[str, Decimal | None, int, bool]:
    """(text, value, decimals, na) of a cell as a reader can give it: a value within the
    range of amounts (``model.amounts``), a blank or a not-applicable mark."""
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return "", None, 2, False
    if kind == 1:
        return "-", None, 2, True
    if kind == 2:
        return "0.00", Decimal("0.00"), 2, False
    decimals = draw(st.integers(0, MAX_DECIMALS))
    digits = draw(st.integers(1, MAX_INTEGER_DIGITS))
    unscaled = draw(st.integers(-(10 ** (digits + decimals)) + 1, 10 ** (digits + decimals) - 1))
    if kind < 7:  # mostly ordinary amounts
        decimals = 2
        unscaled = draw(st.integers(-10 ** 6, 10 ** 9))
    value = Decimal(unscaled).scaleb(-decimals)
    return f"{value}", value, decimals, False


LOC = Location("fuzz.txt", 1, 1)


@st.composite
def model_rows(draw, spec, panel) -> list[Row]:
    rows = []
    for i in range(draw(st.integers(0, 10))):
        kind = draw(st.integers(0, 5))
        key = code = None
        label = draw(st.sampled_from(CLASS_NAMES + ROW_ALIASES + ["", "合计", "项目A"]))
        if kind == 0 and panel.rows:
            key = draw(st.sampled_from(sorted(panel.rows)))
            label = panel.rows[key][0]
        elif kind in (1, 2):
            code = draw(codes())
        elif kind == 3 and rows:  # a code or key printed again
            twin = draw(st.sampled_from(rows))
            key, code, label = twin.key, twin.code, twin.label
        cells = {}
        for c in panel.columns:
            if draw(st.integers(0, 4)) == 0:
                continue  # a cell not printed
            text, value, decimals, na = draw(amounts())
            cells[c.key] = Cell(text, value, c.key, LOC._replace(line=i + 2), decimals=decimals, na=na)
        rows.append(Row(label, cells, LOC._replace(line=i + 2), code=code, key=key, panel=panel.key,
                        parent_label=draw(st.sampled_from([None, None, None, label, "工资福利支出", "测试单位"])),
                        indent=draw(st.sampled_from([0, 0, 1, 2])), line_no=draw(st.sampled_from([None, i + 1]))))
    return rows


@st.composite
def model_documents(draw) -> Document:
    kind = draw(st.sampled_from(["budget", "final_accounts", None]))
    specs = [s for s in CATALOG.tables if kind is None or s.kind == kind]
    doc = Document(path="fuzz.txt", kind=kind, year=draw(st.sampled_from([None, 2024])),
                   unit_name=draw(st.sampled_from([None, "测试单位"])))
    for spec in draw(st.lists(st.sampled_from(specs), max_size=5)):
        t = Table(spec.id, spec.titles[0], LOC, number=None, name=spec.name, no_data=draw(st.booleans()),
                  unit=draw(st.sampled_from(["万元", "元"])))
        for panel in spec.panels:
            t.rows += draw(model_rows(spec, panel))
        doc.tables.append(t)
    for spec in draw(st.lists(st.sampled_from(specs), max_size=3)):
        doc.toc.append(TocEntry(spec.titles[0], LOC, table_id=draw(st.sampled_from([spec.id, None]))))
    for h in range(draw(st.integers(0, 3))):
        section = Section(draw(st.sampled_from(["一、收入预算情况说明", "（二）支出结构", "三、“三公”经费", ""])),
                          LOC, level=draw(st.integers(1, 3)))
        for k, text in enumerate(draw(st.lists(sentences(), max_size=3))):
            line = 100 + 10 * h + k
            section.sentences.append(Sentence(text, LOC._replace(line=line),
                                              [(line, c + 1) for c in range(len(text))]))
        doc.sections.append(section)
    doc.lines = [s.text for sec in doc.sections for s in sec.sentences]
    return doc


# ---------------------------------------------------------------- mutations
CONTROL = ["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u200b", "\ufeff", "\r", "\t"]
UNICODE = ["中", "〇", "１", "٣", "𝟙", "\u0301", "\u202e", "\uffff", "é", "ß", "\U0001F600", "�"]


@st.composite
def mutated(draw, data: bytes) -> bytes:
    """``data`` with one to a few mutations of the kinds the module docstring lists."""
    text = data.decode("utf-8", errors="replace")
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.integers(0, 8))
        if not lines:
            lines = [""]
        i = draw(st.integers(0, len(lines) - 1))
        if op == 0:  # delete lines
            del lines[i:i + draw(st.integers(1, 20))]
        elif op == 1:  # swap two lines
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 2:  # duplicate a line, maybe many times
            lines[i:i] = [lines[i]] * draw(st.sampled_from([1, 2, 50]))
        elif op == 3:  # change digits
            chars = list(lines[i])
            spots = [k for k, ch in enumerate(chars) if ch.isdigit()]
            for k in draw(st.lists(st.sampled_from(spots), max_size=3)) if spots else []:
                chars[k] = draw(st.sampled_from(_DIGITS + ".,"))
            lines[i] = "".join(chars)
        elif op == 4:  # insert unicode or control characters
            pos = draw(st.integers(0, len(lines[i])))
            ins = "".join(draw(st.lists(st.sampled_from(CONTROL + UNICODE), min_size=1, max_size=3)))
            lines[i] = lines[i][:pos] + ins + lines[i][pos:]
        elif op == 5:  # a huge number in place of a number
            import re

            m = list(re.finditer(r"\d[\d,.]*", lines[i]))
            if m:
                hit = draw(st.sampled_from(m))
                lines[i] = lines[i][:hit.start()] + draw(hostile_numbers()) + lines[i][hit.end():]
        elif op == 6:  # a line of noise
            lines.insert(i, draw(sentences(max_parts=8)))
        elif op == 7:  # truncate: mostly at a character (a byte inside one is a file refused as not UTF-8)
            text = "\n".join(lines)
            if draw(st.integers(0, 3)):
                return text[:draw(st.integers(0, len(text)))].encode("utf-8", errors="surrogatepass")
            out = text.encode("utf-8", errors="surrogatepass")
            return out[:draw(st.integers(0, len(out)))]
        else:  # merge two lines (a lost line break)
            if i + 1 < len(lines):
                lines[i:i + 2] = [lines[i] + lines[i + 1]]
    out = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    if draw(st.integers(0, 10)) == 0:  # a byte that is not UTF-8
        pos = draw(st.integers(0, len(out)))
        out = out[:pos] + bytes([draw(st.integers(0x80, 0xff))]) + out[pos:]
    return out

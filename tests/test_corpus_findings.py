"""Every error and warning of the listed rule families on every corpus document, each
a real inconsistency verified by hand from the document's own numbers (the arithmetic
is written beside it). A finding of these families that is not listed fails the test,
and so does a listed one that is not found.

Every family is listed: the table arithmetic (T, X), the document's structure and
coverage (S), the narrative (N, P, C, G, U).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import corpus
import pytest

from disclint.linter.runner import lint_paths

pytestmark = pytest.mark.corpus

FAMILIES = ("T", "X", "S", "N", "P", "C", "G", "U")  # every family of the built-in rules
SEVERITIES = ("error", "warning")
DOCS = corpus.TEXT_DOCS + corpus.PDF_DOCS


@dataclass(frozen=True, order=True)
class Expect:
    rule: str
    at: int  # the line (text) or page (PDF) the finding points at
    claimed: str  # the figure stated (Finding.values.claimed: 万元, points, a cell); "" for none
    why: str = ""  # the arithmetic, from the document's own numbers

    def key(self) -> tuple:
        return self.rule, self.at, Decimal(self.claimed) if self.claimed else None


EXPECTED: dict[str, list[Expect]] = {
    "dt-finance-info-center-2024-budget.txt": [],
    "yq-treasury-center-2023-budget.txt": [],
    "yq-finance-bureau-2023-final.txt": [
        Expect("N401", 455, "3325.82", "一般公共服务支出 支出决算3325.82: 公开05 row 201 小计 is 2,770.55 "
                                        "(3,325.82 is 公开03's all-funds 本年支出合计 of 201)"),
        Expect("P503", 455, "115.95", "完成预算的115.95% = 3325.82 / 2868.35, from the misused figure; "
                                      "2,770.55 / 2,868.35 = 96.59%"),
        Expect("C601", 455, "16.65", "增加474.82万元,增长16.65%: from 3325.82 last year was 2,851.00 "
                                     "(474.82 / 2,851.00 = 16.65%); from 2,770.55 it is 2,295.73 and 20.68%"),
        Expect("U801", 514, "0.181213", "涉及资金1812.13万元，其中一般公共预算支出1812.13元: 元 for 万元"),
        Expect("U801", 516, "0.0030", "涉及资金30万元，其中一般公共预算支出30元: 元 for 万元"),
    ],
    "sh-putuo-shiquan-street-2025-final.txt": [
        # the misprinted 基本支出 of rows 212 and 21201 (1,066.51 for 10,661.51 = 13,583.48 - 2,921.97),
        # in 公开03 and 公开05, and the sums it breaks
        Expect("T103", 211, "14206.00", "公开03 合计 基本支出 14,206.00 vs its 类 rows 4,610.99: 14,206.00 - "
                                        "4,610.99 = 9,595.01 = 10,661.51 - 1,066.51 (+0.01 rounding)"),
        Expect("T102", 274, "13583.48", "公开03 212 本年支出合计 13,583.48 vs 1,066.51 + 2,921.97 = 3,988.48"),
        Expect("T102", 275, "12029.15", "公开03 21201 本年支出合计 12,029.15 vs 1,066.51 + 1,367.64 = 2,434.15"),
        Expect("T103", 275, "1066.51", "公开03 21201 基本支出 1,066.51 vs its 项 rows 10,661.51"),
        Expect("T102", 443, "13583.48", "公开05 212 小计 13,583.48 vs 1,066.51 + 2,921.97 = 3,988.48"),
        Expect("T102", 445, "12029.15", "公开05 21201 小计 12,029.15 vs 1,066.51 + 1,367.64 = 2,434.15"),
        Expect("T103", 445, "1066.51", "公开05 21201 基本支出 1,066.51 vs its 项 rows 10,661.51"),
        Expect("T103", 488, "14206.00", "公开05 合计 基本支出 14,206.00 vs its 类 rows 4,610.99 (as 公开03)"),
        Expect("N401", 706, "245.53", "职业年金缴费支出 支出决算为 245.53: 公开05 row 2080506 is 257.14 (its "
                                      "headline says 257.14; 257.14 / 274.82 = 93.57%, the stated rate)"),
        Expect("G701", 844, "1.53", "公务接待费支出决算为 1.53 万元: 公开09 公务接待费 决算数 is 0 (1.53 is its "
                                    "预算数)"),
    ],
    "national-final-accounts-template.pdf": [],
    "sh-putuo-commerce-unit-2025-budget.pdf": [],
    "sh-putuo-finance-bureau-2024-final.pdf": [
        Expect("N401", 21, "0.3", "财政拨款收入支出总计0.3万元: 公开04 总计 is 2,940.05 + 21.63 = 2,961.68"),
        Expect("P501", 21, "71.73", "一般公共服务支出(类)2106.66 / 2940.05 = 71.65%, stated 71.73% (the other "
                                    "three shares are right; with 71.65 they sum to 99.99)"),
    ],
    "sh-putuo-wanli-street-2023-budget.pdf": [
        Expect("C602", 6, "314.82", "群众团体事务: 2022 执行数 11.67 -> 2023 预算 45.41: (45.41 - 11.67) / 11.67 "
                                    "= 289.12%, stated 增加314.82%"),
        Expect("C604", 6, "1421.25", "政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元: last year "
                                     "0 - 1,421.25 < 0 (the line above's increase)"),
        Expect("N401", 7, "441.25", "职业年金缴费支出（项）”220.63万元 … 2023年预算安排441.25万元: 表5 row "
                                    "2080506 is 2,206,272元 = 220.63万元"),
        Expect("C602", 7, "60.54", "职业年金: 132.59 -> 220.63 is +66.40% (to the stated 441.25: +232.79%); "
                                   "60.54% is the paragraph above's (274.85 -> 441.25)"),
    ],
}

@lru_cache(maxsize=None)
def run(path: str):
    return lint_paths([path])


def found(result) -> dict[tuple, str]:
    out = {}
    for f in result.findings:
        if f.rule.startswith(FAMILIES) and f.severity.value in SEVERITIES:
            at = f.location.line if f.location.line is not None else f.location.page
            out[(f.rule, at, f.values.claimed)] = f"{f.rule} {at}: {f.message}"
    return out


@pytest.mark.parametrize("path", DOCS, ids=corpus.ids(DOCS))
def test_the_findings_are_the_listed_ones(path):
    assert path.name in EXPECTED, f"{path.name}: list its findings (none is a list too)"
    result = run(str(path))
    got = found(result)
    want = {e.key(): e for e in EXPECTED[path.name]}
    unexpected = [msg for key, msg in got.items() if key not in want]
    missing = [f"{e.rule} {e.at} {e.claimed}: {e.why}" for key, e in want.items() if key not in got]
    assert (unexpected, missing) == ([], [])


def test_every_expected_finding_says_why():
    for name, listed in EXPECTED.items():
        for e in listed:
            assert e.rule.startswith(FAMILIES) and e.why, (name, e)
